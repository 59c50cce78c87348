"""Ctrl+Enter with undecided candidates: the annotator decides, nothing passes unnoticed.

Real window, real project file; the question box is answered by clicking its buttons.
"""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
from annotator.core.store import Project, events
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.main_window import MainWindow
from annotator.ui.undecided_dialog import ACCEPT, FIRST, REJECT, UndecidedBox
from tests.conftest import chinese_interface

TEXT = "𠮷😀市民政局发布:全市社工6.79万人,服务82.4万余人次。团区委 团区委"


@pytest.fixture
def window(qtbot, tmp_path):
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "生僻字"}, id="d"),
                                    docs_store.NewDocument("第二篇 团区委", id="e")], None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(2, 6, "AGENCY", origin="suggested", source="gazetteer", score=0.8),
            Span(13, 19, "FIGURE", origin="suggested", source="rule:figure", score=0.9),
            Span(22, 30, "FIGURE", origin="suggested", source="rule:figure", score=0.9),
        ])
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.documents.select("d")
    yield win
    project.close()


def stored(win):
    """The annotator's layer and both statuses, as the project file holds them."""
    with Project.open(win.project.path, lock=False) as p:  # a second reader
        layer = [(s.start, s.end, s.origin) for s in spans_store.layer(p, "d", win.editor.me)]
        return (layer, docs_store.annotator_statuses(p, "d").get("wang"),
                docs_store.get(p, "d").status)


def ctrl_enter(qtbot, win, choice, seen=None):
    """Press Ctrl+Enter and click ``choice`` (ACCEPT, REJECT, FIRST, None: cancel)."""
    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, UndecidedBox)
        if seen is not None:
            seen.append(box.text())
        box.button_for(choice).click()

    QTimer.singleShot(0, answer)
    qtbot.keyClick(win.workbench.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    win.activateWindow()  # as the window manager does when the box closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def accept_first(qtbot, win):
    view = win.workbench.view
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # accept 市民政局


def test_accept_all_marks_done_and_one_undo_restores_everything(qtbot, window):
    accept_first(qtbot, window)
    before = stored(window)
    assert before == ([(2, 6, "accepted"), (13, 19, "suggested"), (22, 30, "suggested")],
                      "in_progress", "suggested")
    seen = []
    ctrl_enter(qtbot, window, ACCEPT, seen)
    assert "2" in seen[0]  # the count of undecided candidates is said
    done = stored(window)
    assert done == ([(2, 6, "accepted"), (13, 19, "accepted"), (22, 30, "accepted")],
                    "done", "annotated")
    assert window.workbench.doc_id == "e"  # and on to the next document
    log = [e["action"] for e in events.history(window.project.db, "d")]
    assert log[:4] == ["set_status", "set_annotator_status", "update_span", "update_span"]

    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == before  # one step: both candidates and both statuses
    assert window.workbench.doc_id == "d"  # shown where it happens
    assert [s.origin for s in window.workbench.view.spans()] == [
        "accepted", "suggested", "suggested"]
    assert window.documents.model.row_data(window.documents.model.row_of("d"))["mine"] == (
        "in_progress")
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == done
    assert window.documents.model.row_data(window.documents.model.row_of("d"))["mine"] == "done"


def test_reject_all_keeps_only_the_decisions(qtbot, window):
    accept_first(qtbot, window)
    ctrl_enter(qtbot, window, REJECT)
    assert stored(window) == ([(2, 6, "accepted")], "done", "annotated")
    assert window.workbench.doc_id == "e"


def test_go_to_the_first_undecided_changes_nothing(qtbot, window):
    accept_first(qtbot, window)
    before = stored(window)
    ctrl_enter(qtbot, window, FIRST)
    assert stored(window) == before
    assert window.workbench.doc_id == "d"
    assert window.workbench.view.current_span().key() == (13, 19, "FIGURE")


def test_cancel_changes_nothing(qtbot, window):
    before = stored(window)
    ctrl_enter(qtbot, window, None)
    assert stored(window) == before and window.workbench.doc_id == "d"
    assert window.workbench.undo_stack.count() == 0


def test_without_undecided_candidates_no_question_is_asked(qtbot, window):
    view = window.workbench.view
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        qtbot.keyClick(view, Qt.Key.Key_X)  # reject
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == ([], "done", "annotated")
    assert window.workbench.doc_id == "e"


def test_the_question_speaks_chinese(qtbot, window):
    with chinese_interface():
        box = UndecidedBox(2, window)
        texts = [box.windowTitle(), box.text(), box.informativeText(),
                 *(b.text() for b in box.choices)]
    assert all(any("\u4e00" <= c <= "\u9fff" for c in t) for t in texts), texts
    english = UndecidedBox(2, window)
    assert english.button_for(ACCEPT).text() == "Accept all 2"
