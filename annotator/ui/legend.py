"""The label legend: colour, name and hotkey of every label of the project's schema."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ..core.model import Schema


class Legend(QWidget):
    def __init__(self, schema: Schema, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        for label in schema.labels:
            name = label.zh if language.startswith("zh") else label.en
            chip = QLabel(f" {name} <b>{label.hotkey}</b> ")
            chip.setStyleSheet(
                f"background:{label.color}; border-radius:4px; padding:2px 4px; color:#111;"
            )
            chip.setToolTip(label.description)
            layout.addWidget(chip)
        layout.addStretch(1)
