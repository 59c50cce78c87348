"""Help → About: which build this is, for a bug report or a support question."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import __version__


def about_text() -> str:
    """Name, version (pyproject's, through the package metadata) and the Qt it runs on."""
    name = QCoreApplication.translate("About", "Chinese news annotator")
    version = QCoreApplication.translate("About", "Version {version}").format(version=__version__)
    qt = QCoreApplication.translate("About", "Qt {qt} (PySide6 {pyside})").format(
        qt=qVersion(), pyside=pyside_version)
    return f"<p><b>{name}</b></p><p>{version}<br>{qt}</p>"


def about_box(parent: QWidget) -> QMessageBox:
    """Shown without blocking the window; closed with its OK button."""
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("About", "About"), about_text(),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("about")
    box.open()
    return box
