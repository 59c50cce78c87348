"""The status and label pickers that filter documents (the document list, assignments)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QComboBox, QWidget

from ..core.model import DOC_STATUSES, Label
from .names import label_name, status_name


def status_box(parent: QWidget, everything: str) -> QComboBox:
    """Document statuses, after an entry (data None) that means any of them."""
    box = QComboBox(parent)
    box.addItem(everything, None)
    for status in DOC_STATUSES:
        box.addItem(status_name(status), status)
    return box


def label_box(parent: QWidget, labels: Iterable[Label], everything: str,
              name: Callable[[Label], str] = label_name) -> QComboBox:
    """The schema's labels by name, after an entry (data None) that means any of them."""
    box = QComboBox(parent)
    box.addItem(everything, None)
    for lab in labels:
        box.addItem(name(lab), lab.name)
    return box
