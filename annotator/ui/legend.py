"""The label legend: colour, name and hotkey of every label of the project's schema."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from ..core.model import Schema
from .names import label_description


class Legend(QWidget):
    def __init__(self, schema: Schema, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        chinese = language.startswith("zh")
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setHorizontalSpacing(6)
        # Chinese names are short enough for one row; English ones take two, so the legend
        # never widens the text pane at the document list's expense.
        columns = len(schema.labels) if chinese else 4
        for i, label in enumerate(schema.labels):
            name = label.zh if chinese else label.en
            chip = QLabel(f" {name} <b>{label.hotkey}</b> ")
            chip.setStyleSheet(
                f"background:{label.color}; border-radius:4px; padding:2px 4px; color:#111;"
            )
            chip.setToolTip(label_description(label))
            chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            layout.addWidget(chip, i // columns, i % columns)
        layout.setColumnStretch(columns, 1)
