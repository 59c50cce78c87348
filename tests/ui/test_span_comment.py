"""A note on a span, written in the span panel: Enter or leaving the field saves it in the
project file as one undoable step; the review window shows it beside the span."""

import sqlite3

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.main_window import MainWindow

TEXT = "渝中区召开会议,区委社会工作部、区文物局作交流发言。"


@pytest.fixture
def window(qtbot, tmp_path):
    project = Project.create(tmp_path / "p.annot")
    a, b = TEXT.index("区委社会工作部"), TEXT.index("区文物局")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "渝中"}, id="d")],
                          None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(a, a + 7, "AGENCY", origin="suggested", source="rule:agency", score=0.9),
            Span(b, b + 4, "AGENCY", origin="suggested", source="rule:agency", score=0.6),
        ])
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    project.close()


def _notes(win):
    """Each span's note in wang's layer, as the file on disk holds it."""
    db = sqlite3.connect(win.project.path)
    try:
        return dict(db.execute(
            "SELECT start, comment FROM spans WHERE annotator_id = ?", [win.editor.me]))
    finally:
        db.close()


def _write(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    field.insert(text)  # typed in: keyClicks cannot type Chinese characters


def test_enter_saves_the_note_and_undo_takes_it_back(qtbot, window):
    view, panel = window.workbench.view, window.span_panel
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    _write(qtbot, panel.comment, "是否为派出机构")
    qtbot.keyClick(panel.comment, Qt.Key.Key_Return)
    first = TEXT.index("区委社会工作部")
    assert _notes(window)[first] == "是否为派出机构"
    stack = window.workbench.undo_stack
    assert stack.undoText() in ("comment on span", "备注片段")
    stack.undo()
    assert _notes(window)[first] is None and panel.comment.text() == ""
    stack.redo()
    assert _notes(window)[first] == "是否为派出机构"
    assert panel.comment.text() == "是否为派出机构"


def test_leaving_the_field_saves_and_moving_on_adds_no_step(qtbot, window):
    view, panel = window.workbench.view, window.span_panel
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    _write(qtbot, panel.comment, "待核实")
    view.setFocus()  # leaving the field
    qtbot.waitUntil(lambda: _notes(window).get(TEXT.index("区委社会工作部")) == "待核实")
    steps = window.workbench.undo_stack.count()
    panel.comment.setFocus()
    view.setFocus()  # in and out again without a change: nothing written
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert panel.comment.text() == ""  # the next span has no note
    assert window.workbench.undo_stack.count() == steps


def test_the_review_window_shows_each_version_with_its_note(qtbot, tmp_path):
    from annotator.core.editing import Editor
    from annotator.ui.review_window import ReviewWindow

    a = TEXT.index("区文物局")
    with Project.create(tmp_path / "m.annot") as project:
        with project.transaction():
            docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "渝中"}, id="d")],
                              None)
        for name, label, note in (("wang", "AGENCY", "区政府工作部门"), ("li", "ORG", "")):
            editor = Editor(project, name)
            editor.open("d")
            editor.label("d", a, a + 4, label)
            if note:
                editor.comment(editor.layer("d")[0].id, note)
            editor.mark_done("d")
        window = ReviewWindow(project, "liu", "d")
        qtbot.addWidget(window)
        window.show()
        shown = {window.versions.item(i).text(): window.versions.item(i).toolTip()
                 for i in range(window.versions.count())}
        (wang,) = [text for text in shown if "wang" in text]
        assert "区政府工作部门" in wang and shown[wang] == "区文物局: 区政府工作部门"
        (li,) = [text for text in shown if " li:" in text]
        assert "区政府工作部门" not in li and shown[li] == ""
        window.close()
