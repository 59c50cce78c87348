"""The window on the demo project, Chinese by default, English on request."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.demo import demo_project_path, open_demo
from annotator.ui.app import install_language
from annotator.ui.main_window import MainWindow
from tests.conftest import chinese_interface


def test_demo_project_is_built_once_in_the_user_data_folder(qtbot):
    path = demo_project_path()
    assert not path.exists()
    with open_demo() as project:
        window = MainWindow(project, "wang")
        qtbot.addWidget(window)
        assert window.documents.model.rowCount() >= 15
        assert window.workbench.doc_id is not None
        assert window.workbench.view.spans(), "the demo opens on pre-highlighted candidates"
        count = window.documents.model.rowCount()
    assert path.exists()
    with open_demo() as project:
        assert MainWindow(project, "wang").documents.model.rowCount() == count


def test_interface_speaks_chinese_by_default(qtbot, tmp_path):
    from annotator.core.store import Project

    with chinese_interface(), Project.create(tmp_path / "p.annot") as project:
        window = MainWindow(project, "wang")
        qtbot.addWidget(window)
        assert "中文新闻标注工具" in window.windowTitle() and "wang" in window.windowTitle()
        header = window.documents.model.headerData(0, Qt.Orientation.Horizontal)
        assert header == "标题"
    assert install_language(QApplication.instance(), "en") is None
