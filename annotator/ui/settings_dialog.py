"""Settings: the annotator's name, which decides the layer new work goes to, and the
interface language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

LANGUAGE_NAMES = (("zh_CN", "中文"), ("en", "English"))  # each in its own language


class SettingsDialog(QDialog):
    """Asks for the name; the window applies it, so this dialog stores nothing itself."""

    def __init__(self, name: str, language: str = "zh_CN", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.name_edit = QLineEdit(name, self)
        self.language_box = QComboBox(self)
        for code, label in LANGUAGE_NAMES:
            self.language_box.addItem(label, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        note = QLabel(self.tr("New work is kept under this name. Spans already made stay in the "
                              "layer of the name they were made under."), self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._allow_ok)
        form = QFormLayout(self)
        form.addRow(self.tr("Your name:"), self.name_edit)
        form.addRow(note)
        form.addRow(self.tr("Interface language:"), self.language_box)
        form.addRow(self.buttons)

    def name(self) -> str:
        return self.name_edit.text().strip()

    def language(self) -> str:
        return self.language_box.currentData()

    def _allow_ok(self) -> None:
        """An empty name would file work under nobody."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name()))
