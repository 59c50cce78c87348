"""Help → About names the application, its version (pyproject's) and the Qt it runs on."""

from pathlib import Path

import pytest
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox

from annotator.core.store import Project
from annotator.ui.main_window import MainWindow
from tests.conftest import chinese_interface

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
ROOT = Path(__file__).resolve().parents[2]


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def open_about(qtbot, window: MainWindow) -> QMessageBox:
    help_menu = window.menuBar().actions()[-1].menu()  # Help, the last menu
    help_menu.actions()[0].trigger()
    box = window.findChild(QMessageBox, "about")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    return box


def test_about_box_shows_name_version_and_qt(qtbot, tmp_path):
    with Project.create(tmp_path / "p.annot") as project:
        window = MainWindow(project, "wang", "en")
        qtbot.addWidget(window)
        box = open_about(qtbot, window)
        assert window.menuBar().actions()[-1].text() == "&Help"
        assert "Chinese news annotator" in box.text()
        assert f"Version {pyproject_version()}" in box.text()
        assert f"Qt {qVersion()}" in box.text()
        box.accept()
        assert not box.isVisible()


def test_about_box_speaks_chinese_by_default(qtbot, tmp_path):
    with chinese_interface(), Project.create(tmp_path / "p.annot") as project:
        window = MainWindow(project, "wang")
        qtbot.addWidget(window)
        assert window.menuBar().actions()[-1].text() == "帮助(&H)"
        box = open_about(qtbot, window)
        assert box.windowTitle() == "关于"
        assert "中文新闻标注工具" in box.text()
        assert f"版本 {pyproject_version()}" in box.text()
        box.accept()
