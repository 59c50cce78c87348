"""The first window on a real project file: list, text, spans in place, Chinese by default."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.demo import demo_project_path, open_demo
from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.app import install_language
from annotator.ui.main_window import MainWindow

TEXT = "𠮷😀市民政局发布:全市社工6.79万人。"


def _project(path):
    project = Project.create(path)
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "生僻字"}, id="a")],
                          None)
    wang = project.annotator_id("wang")
    spans_store.add(project, "a", wang, Span(2, 6, "AGENCY"))
    spans_store.add(project, "a", wang, Span(13, 19, "FIGURE"))
    return project


def test_selected_document_shows_spans_at_the_right_characters(qtbot, tmp_path):
    with _project(tmp_path / "p.annot") as project:
        window = MainWindow(project)
        qtbot.addWidget(window)
        window.doc_list.selectRow(0)
        assert window.title.text() == "生僻字"
        assert window.view.toPlainText() == TEXT
        shown = [sel.cursor.selectedText() for sel in window.view.extraSelections()]
        assert shown == ["市民政局", "6.79万人"]
        # a click after the astral characters maps back to code points in the core
        cursor = window.view.textCursor()
        cursor.setPosition(window.view.toPlainText().index("民") + 2)  # + two surrogate halves
        window.view.setTextCursor(cursor)
        assert window.view.span_at_cursor().key() == (2, 6, "AGENCY")
        window.view.select_span(window.view.spans()[1])
        assert window.view.textCursor().selectedText() == "6.79万人"
        assert window.view.textCursor().position() == len(TEXT[:19].encode("utf-16-le")) // 2


def test_demo_project_is_built_once_in_the_user_data_folder(qtbot):
    path = demo_project_path()
    assert not path.exists()
    with open_demo() as project:
        window = MainWindow(project)
        qtbot.addWidget(window)
        assert window.model.rowCount() >= 15
        window.doc_list.selectRow(0)
        assert window.view.extraSelections(), "the demo shows pre-highlighted candidates"
    assert path.exists()
    with open_demo() as project:
        assert window.model.rowCount() == len(docs_store.listing(project))


def test_interface_speaks_chinese_by_default(qtbot, tmp_path):
    app = QApplication.instance()
    translator = install_language(app, "zh_CN")
    try:
        with _project(tmp_path / "p.annot") as project:
            window = MainWindow(project)
            qtbot.addWidget(window)
            assert "中文新闻标注工具" in window.windowTitle()
            assert window.model.headerData(0, Qt.Orientation.Horizontal) == "标题"
            assert window.model.data(window.model.index(0, 3)) == "待标注"
    finally:
        app.removeTranslator(translator)
    assert install_language(app, "en") is None
