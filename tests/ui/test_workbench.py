"""The workbench on a real project file, driven from the keyboard as an annotator would."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.main_window import MainWindow

TEXT = "𠮷😀市民政局发布:全市社工6.79万人,服务82.4万余人次。团区委 团区委"


@pytest.fixture
def window(qtbot, tmp_path):
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "生僻字"}, id="d")],
                          None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(2, 6, "AGENCY", origin="suggested", source="gazetteer", score=0.8),
            Span(13, 19, "FIGURE", {"value": 67900, "unit": "人", "approx": False,
                                    "comparator": "="}, origin="suggested",
                 source="rule:figure", score=0.9),
            Span(22, 30, "FIGURE", origin="suggested", source="rule:figure", score=0.9),
        ])
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    project.close()


def stored(win):
    """The annotator's layer as the project file holds it."""
    return [(s.start, s.end, s.label, s.origin)
            for s in spans_store.layer(win.project, "d", win.editor.me)]


def select_qt(view, start, end):
    """Select code points [start, end) the way a mouse drag does: in UTF-16 positions."""
    cursor = view.textCursor()
    cursor.setPosition(len(TEXT[:start].encode("utf-16-le")) // 2)
    cursor.setPosition(len(TEXT[:end].encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_tab_enter_and_delete_accept_and_reject_candidates(qtbot, window):
    view = window.workbench.view
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.current_span().key() == (2, 6, "AGENCY")
    qtbot.keyClick(view, Qt.Key.Key_Return)  # accept, move on
    assert view.current_span().key() == (13, 19, "FIGURE")
    qtbot.keyClick(view, Qt.Key.Key_X)  # reject
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # reject the last one
    assert stored(window) == [(2, 6, "AGENCY", "accepted")]
    assert window.editor.progress("d") == (3, 3)
    assert window.documents.model.data(window.documents.model.index(0, 4)).startswith("3/3")


def test_hotkey_labels_the_selection_across_astral_characters(qtbot, window):
    view = window.workbench.view
    select_qt(view, 31, 34)  # the first 团区委, after two astral characters
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert (31, 34, "AGENCY", "manual") in stored(window)
    assert TEXT[31:34] == "团区委"
    # the view paints it where the database says: the selected text under the new span
    span = next(s for s in view.spans() if s.start == 31)
    view.select_span(span)
    assert view.current_span().key() == (31, 34, "AGENCY")


def test_hotkey_relabels_the_current_span(qtbot, window):
    view = window.workbench.view
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_O)
    assert (2, 6, "ORG", "edited") in stored(window)


def test_shift_arrows_move_the_boundaries(qtbot, window):
    view = window.workbench.view
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the 6.79万人 candidate
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert (13, 18, "FIGURE", "edited") in stored(window)
    qtbot.keyClick(view, Qt.Key.Key_Left,
                   Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    assert (12, 18, "FIGURE", "edited") in stored(window)


def test_undo_and_redo_every_step(qtbot, window):
    view = window.workbench.view
    start = stored(window)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_X)
    after = stored(window)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == start
    assert [s.key() for s in view.spans()] == [(s[0], s[1], s[2]) for s in start]
    qtbot.keyClick(view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(window) == after


def test_label_all_occurrences(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from annotator.ui.names import label_name

    view = window.workbench.view
    select_qt(view, 31, 34)
    qtbot.keyClick(view, Qt.Key.Key_A)
    span = next(s for s in view.spans() if s.start == 31)
    view.select_span(span)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    offered = []

    def choose_the_offered(_parent, _title, _text, names, current, _editable):
        offered.append(names[current])
        return names[current], True

    monkeypatch.setattr(QInputDialog, "getItem", choose_the_offered)
    window.label_all_occurrences()
    agency = label_name(window.project.schema.label("AGENCY"))
    assert offered == [agency]  # the span's own label, first chosen
    assert (35, 38, "AGENCY", "manual") in stored(window)


def test_mark_done_moves_to_the_next_unfinished(qtbot, window):
    with window.project.transaction():
        docs_store.insert(window.project, [docs_store.NewDocument("第二篇 团区委", id="e")], None)
    window.documents.model.refresh()
    window.documents.select("d")
    window.workbench.perform(lambda: window.editor.resolve_candidates("d", "accept"))
    window.mark_done_and_next()  # nothing undecided: no question
    assert window.workbench.doc_id == "e"
    assert docs_store.get(window.project, "d").status == "annotated"
