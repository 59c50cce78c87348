"""Gold in the main window: a View toggle shows a document's gold layer instead of one's own,
read only, says so, and is remembered for the next start."""

import sqlite3

import pytest
from PySide6.QtCore import Qt

from annotator.core.editing import Editor
from annotator.core.preferences import Preferences
from annotator.core.review import Reviewer
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.ui.main_window import MainWindow

TEXT = "渝中区召开会议,区委社会工作部、区文物局作交流发言。"
A = TEXT.index("区委社会工作部")


@pytest.fixture
def project(tmp_path):
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "有金标"}, id="d"),
                                    docs_store.NewDocument("区文物局发布通知。",
                                                           {"title": "无金标"}, id="e")], None)
    for name in ("wang", "li"):
        editor = Editor(project, name)
        editor.open("d")
        editor.label("d", A, A + 7, "AGENCY")
        editor.mark_done("d")
    Reviewer(project, "liu").mark_gold("d")
    zhao = Editor(project, "zhao")
    zhao.open("d")
    zhao.label("d", 0, 3, "PLACE")  # zhao's own layer differs from gold
    yield project
    project.close()


def _window(qtbot, project, prefs):
    window = MainWindow(project, "zhao", prefs=prefs)
    qtbot.addWidget(window)
    window.show()
    window.documents.select("d")
    return window


def _gold_action(window):
    (action,) = [a for a in window.menuBar().findChildren(type(window.quit_action))
                 if a.isCheckable() and "gold" in a.text().lower() or "金标" in a.text()]
    return action


def _rows(project, name):
    """A layer's spans as the file on disk holds them."""
    db = sqlite3.connect(project.path)
    try:
        return db.execute("SELECT start, \"end\", label FROM spans s JOIN annotators a "
                          "ON a.id = s.annotator_id WHERE a.name = ?", [name]).fetchall()
    finally:
        db.close()


def _zhao_rows(project):
    return _rows(project, "zhao")


def test_gold_is_shown_read_only_and_said(qtbot, project, tmp_path):
    prefs = Preferences(path=tmp_path / "prefs.json")
    window = _window(qtbot, project, prefs)
    view = window.workbench.view
    assert [(s.start, s.label) for s in view.spans()] == [(0, "PLACE")]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # zhao rejects their own span: undoable
    assert _zhao_rows(project) == []
    _gold_action(window).trigger()
    assert [(s.start, s.end, s.label) for s in view.spans()] == [(A, A + 7, "AGENCY")]
    assert "gold" in window.windowTitle().lower() or "金标" in window.windowTitle()
    assert "[" in window.workbench.title.text()

    before, gold = _zhao_rows(project), _rows(project, "gold")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # reject: refused
    qtbot.keyClick(view, Qt.Key.Key_P)  # a label's key: refused
    assert _zhao_rows(project) == before and _rows(project, "gold") == gold == [
        (A, A + 7, "AGENCY")]
    assert [(s.start, s.label) for s in view.spans()] == [(A, "AGENCY")]
    message = window.statusBar().currentMessage()
    assert "read-only" in message or "只读" in message
    window.statusBar().clearMessage()
    window.label_all_occurrences()  # Ctrl+L: refused before it asks anything
    message = window.statusBar().currentMessage()
    assert "read-only" in message or "只读" in message
    assert not window._undo_actions[0].isEnabled()
    assert not window.span_panel.isEnabled()

    _gold_action(window).trigger()  # back to one's own layer, editable again
    assert view.spans() == []
    assert window._undo_actions[0].isEnabled()
    window._undo_actions[0].trigger()
    assert _zhao_rows(project) == [(0, 3, "PLACE")]
    assert [(s.start, s.label) for s in view.spans()] == [(0, "PLACE")]


def test_a_document_without_gold_shows_an_empty_layer_and_says_so(qtbot, project, tmp_path):
    window = _window(qtbot, project, Preferences(path=tmp_path / "prefs.json"))
    _gold_action(window).trigger()
    window.documents.select("e")
    assert window.workbench.doc_id == "e"
    assert window.workbench.view.spans() == []
    title = window.workbench.title.text()
    assert "no gold" in title or "没有金标准" in title
    # looking at gold starts nothing for zhao
    assert "zhao" not in {name for name in
                          docs_store.annotator_statuses(project, "e")}


def test_the_choice_is_remembered_for_the_next_start(qtbot, project, tmp_path):
    path = tmp_path / "prefs.json"
    window = _window(qtbot, project, Preferences(path=path))
    _gold_action(window).trigger()
    window.close()
    again = _window(qtbot, project, Preferences.load(path))
    assert _gold_action(again).isChecked()
    assert [(s.start, s.label) for s in again.workbench.view.spans()] == [(A, "AGENCY")]
