"""One current document and span for the whole window: whatever switches the document, an
edit made next (a label key, the span panel's label box, "not in KB") lands on the document
on screen. Checked on the project file's event log, read through its own connection."""

import os
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from annotator.core.editing import Editor
from annotator.core.model import Span
from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.main_window import MainWindow
from annotator.ui.project_actions import ProjectActions

A_TEXT = "市民政局发布通知,全市投入6.79万元。"
B_TEXT = "昨日召开会议,区文物局作交流发言。"
B_AGENCY = B_TEXT.index("区文物局")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path):
    project = Project.create(tmp_path / "p.annot")
    figure = A_TEXT.index("6.79万元")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(A_TEXT, {"title": "甲"}, id="a"),
                                    docs_store.NewDocument(B_TEXT, {"title": "乙"}, id="b")],
                          None)
        spans_store.replace_layer(project, "a", project.machine_id(), [
            Span(0, 4, "AGENCY", origin="suggested", source="gazetteer", score=0.8),
            Span(figure, figure + 6, "FIGURE", {"value": 67900, "unit": "元"},
                 origin="suggested", source="rule:figure", score=0.9)])
        spans_store.replace_layer(project, "b", project.machine_id(), [
            Span(B_AGENCY, B_AGENCY + 4, "AGENCY", origin="suggested", source="gazetteer",
                 score=0.6)])
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    assert win.workbench.doc_id == "a"
    yield win
    project.close()


def span_events(win, after: int = 0) -> list[tuple[int, str, str, int]]:
    """(event id, action, doc id, span id) of span edits in the file, read-only."""
    with sqlite3.connect(f"file:{win.project.path}?mode=ro", uri=True) as db:
        return db.execute(
            "SELECT id, action, doc_id, span_id FROM events WHERE id > ? AND action IN "
            "('add_span', 'update_span', 'delete_span') ORDER BY id", [after]).fetchall()


def last_event(win) -> int:
    with sqlite3.connect(f"file:{win.project.path}?mode=ro", uri=True) as db:
        return db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]


def on_a_span(qtbot, win) -> None:
    """In document a, the cursor on its AGENCY candidate and the panel showing it."""
    qtbot.keyClick(win.workbench.view, Qt.Key.Key_Home, CTRL)
    assert win.span_panel.span is not None and win.span_panel.isEnabled()


def edit_from_everywhere(qtbot, win) -> None:
    """What an annotator does next: the panel's label box, "not in KB", a label key; then
    moves to the span of the document shown and labels it."""
    panel, view = win.span_panel, win.workbench.view
    if panel.label.isEnabled():
        panel.label.setFocus()
        qtbot.keyClick(panel.label, Qt.Key.Key_Down)  # the next label: activated, as by hand
    missing = next(b for b in panel.findChildren(QPushButton) if b.text() == panel.tr("Not in KB"))
    qtbot.mouseClick(missing, Qt.MouseButton.LeftButton)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_O)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_O)


def assert_only_on(win, doc_id: str, since: int) -> None:
    events = span_events(win, since)
    assert win.workbench.doc_id == doc_id
    assert win.workbench.view.toPlainText() == docs_store.get(win.project, doc_id).text
    assert events, "the edit on the shown document was made"
    assert {doc for _id, _action, doc, _span in events} == {doc_id}, events


def test_clicking_another_document_in_the_list_moves_the_panel_with_it(qtbot, window):
    on_a_span(qtbot, window)
    table = window.documents.table
    row = next(r for r in range(table.model().rowCount())
               if table.model().index(r, 0).data() == "乙")
    rect = table.visualRect(table.model().index(row, 0))
    since = last_event(window)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.span_panel.span is None and not window.span_panel.isEnabled()
    edit_from_everywhere(qtbot, window)
    assert_only_on(window, "b", since)


def test_ctrl_page_down_moves_the_panel_with_the_document(qtbot, window):
    on_a_span(qtbot, window)
    since = last_event(window)
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_PageDown, CTRL)
    edit_from_everywhere(qtbot, window)
    assert_only_on(window, "b", since)


def test_ctrl_enter_moves_the_panel_with_the_next_document(qtbot, window):
    view = window.workbench.view
    qtbot.keyClick(view, Qt.Key.Key_Return)  # accept the agency, on to the figure
    qtbot.keyClick(view, Qt.Key.Key_Return)  # accept the figure, back to the agency
    assert window.span_panel.span is not None
    since = last_event(window)
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    edit_from_everywhere(qtbot, window)
    assert_only_on(window, "b", since)


def test_after_a_review_the_panel_acts_on_the_document_shown(qtbot, window):
    li, zhao = Editor(window.project, "li"), Editor(window.project, "zhao")
    li.open("b")
    zhao.open("b")
    li.relabel(li.layer("b")[0].id, "ORG")
    zhao.accept(zhao.layer("b")[0].id)
    on_a_span(qtbot, window)
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_PageDown, CTRL)  # to b, then review it
    window.review()
    review = window.review_window
    qtbot.waitExposed(review)
    review.activateWindow()  # keys go to the review window, not to the main window's menus
    qtbot.waitActive(review)
    qtbot.keyClick(review.view, Qt.Key.Key_1)  # take li's version into gold
    review.finish()  # what Ctrl+Enter does there
    assert not review.isVisible()
    since = last_event(window)
    window.activateWindow()
    qtbot.waitActive(window)
    edit_from_everywhere(qtbot, window)
    assert_only_on(window, "b", since)


def test_undo_of_a_step_in_another_document_goes_back_there(qtbot, window):
    view = window.workbench.view
    on_a_span(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_P)  # a's agency becomes a PERSON
    qtbot.keyClick(view, Qt.Key.Key_PageDown, CTRL)
    assert window.workbench.doc_id == "b"
    since = last_event(window)
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Z, CTRL)
    assert window.workbench.doc_id == "a"  # undone where it was done, and shown
    assert window.span_panel.span.label == "AGENCY"
    qtbot.keyClick(view, Qt.Key.Key_L)  # keys act at once on the span undone
    assert [(s.start, s.label) for s in window.editor.layer("a")][0] == (0, "PLACE")
    events = span_events(window, since)
    assert {doc for _i, _a, doc, _s in events} == {"a"}
    assert all(s.origin == "suggested" for s in window.editor.layer("b"))


def test_after_redo_keys_act_on_the_span_redone(qtbot, window):
    view = window.workbench.view
    start = A_TEXT.index("通知")
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + 2, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_T)  # 通知 as a POLICY
    undo, redo = _edit_actions(window)
    undo.trigger()  # Edit → Undo, Edit → Redo
    redo.trigger()
    assert window.span_panel.span is not None and window.span_panel.span.start == start
    qtbot.keyClick(view, Qt.Key.Key_O)  # relabels the redone span, at once
    assert (start, start + 2, "ORG") in [s.key() for s in window.editor.layer("a")]


def _edit_actions(win) -> tuple[QAction, QAction]:
    edit = win.menuBar().actions()[0].menu()
    undo, redo = edit.actions()[:2]
    return undo, redo


def all_shortcuts(win) -> list[str]:
    seen, found = set(), []
    pending = list(win.findChildren(QAction)) + list(win.menuBar().actions())
    while pending:
        action = pending.pop()
        if id(action) in seen:
            continue
        seen.add(id(action))
        found += [key.toString() for key in action.shortcuts()]
        if action.menu() is not None:
            pending += action.menu().actions()
    return found


def test_no_shortcut_is_bound_twice_and_both_redo_keys_work(qtbot, window):
    ProjectActions(Preferences.load()).attach(window)
    keys = all_shortcuts(window)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    assert all(key.toString() in keys for key in standard) and "Ctrl+Y" in keys
    view = window.workbench.view
    shift = Qt.KeyboardModifier.ShiftModifier
    for key, mods in ((Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | shift)):
        qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
        qtbot.keyClick(view, Qt.Key.Key_P)
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
        assert window.editor.layer("a")[0].label == "AGENCY"
        qtbot.keyClick(view, key, mods)
        assert window.editor.layer("a")[0].label == "PERSON", key
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)


C_TEXT = "今年全市投入6.79万元," + "各区县认真落实部署," * 30 + "市民政局发布通知。"


@pytest.fixture
def plain_start(qtbot, tmp_path):
    """A window opening on text with no span at the cursor: the panel at its emptiest."""
    project = Project.create(tmp_path / "c.annot")
    figure, agency = C_TEXT.index("6.79"), C_TEXT.index("市民政局")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(C_TEXT, {"title": "丙"}, id="c")],
                          None)
        spans_store.replace_layer(project, "c", project.machine_id(), [
            Span(figure, figure + 6, "FIGURE", {"value": 67900, "unit": "元"},
                 origin="suggested", source="rule:figure", score=0.9),
            Span(agency, agency + 4, "AGENCY", origin="suggested", source="gazetteer",
                 score=0.8)])
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.resize(1360, 860)  # the usual size, on a screen large enough for it
    win.centralWidget().setSizes([300, 1000])  # the text wider than its minimum
    qtbot.wait(20)
    assert win.span_panel.span is None
    yield win
    project.close()


def test_the_text_keeps_its_width_whatever_the_panel_shows(qtbot, plain_start):
    view, panel = plain_start.workbench.view, plain_start.span_panel
    widths = {}
    for name, offset in (("none", 0), ("figure", C_TEXT.index("6.79")),
                         ("agency", C_TEXT.index("市民政局")), ("none again", 1)):
        view.set_cursor_offset(offset)
        qtbot.wait(20)  # let the layout settle as it would between two mouse events
        widths[name] = view.viewport().width()
        assert panel.attribute_boxes["FIGURE"].isVisibleTo(panel) == (name == "figure")
        assert panel.agency.isVisibleTo(panel) == (name == "agency")
    assert len(set(widths.values())) == 1, widths


def test_a_mouse_drag_starting_on_a_span_keeps_its_length(qtbot, plain_start):
    view = plain_start.workbench.view
    agency = C_TEXT.index("市民政局")

    def point(offset):
        cursor = view.textCursor()
        cursor.setPosition(offset)
        return view.cursorRect(cursor).center()

    view.set_cursor_offset(agency)
    view.ensureCursorVisible()
    view.set_cursor_offset(0)
    qtbot.wait(20)
    # where the annotator aims, on screen: the agency's second character to four further on;
    # pressing there shows the agency's links in the panel
    start, end = point(agency + 1), point(agency + 5)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), start)
    qtbot.wait(20)
    QTest.mouseMove(view.viewport(), end)
    qtbot.wait(20)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), end)
    assert view.selection() == (agency + 1, agency + 5)


FIT = """
import sys
from PySide6.QtWidgets import QApplication
from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.ui.app import Shell
app = QApplication(sys.argv[:1])
shell = Shell(Preferences.load(), "zh_CN", "wang")
shell.show_project(Project.open(sys.argv[1]))
app.processEvents()
area, frame = shell.window.screen().availableGeometry(), shell.window.frameGeometry()
print(area.width(), area.height(), frame.x(), frame.y(), frame.width(), frame.height())
shell.window.project.close()
"""


def test_the_first_window_fits_a_small_screen(tmp_path):
    """Started on a 1280×720 screen, the window opens inside it, not at its usual size."""
    Project.create(tmp_path / "q.annot").close()
    screen = tmp_path / "screen.json"
    screen.write_text('{"screens": [{"name": "small", "x": 0, "y": 0, "width": 1280, '
                      '"height": 720, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    out = subprocess.run([sys.executable, "-c", FIT, str(tmp_path / "q.annot")], env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    width, height, x, y, w, h = map(int, out.split())
    assert (width, height) == (1280, 720)
    assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, out
