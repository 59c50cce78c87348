"""An edit the project refuses says why in the interface's language, and changes nothing in
the file: a boundary nudged into the next span names that span."""

import sqlite3

from PySide6.QtCore import Qt

from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.main_window import MainWindow
from tests.conftest import chinese_interface

TEXT = "市民政局区民政局联合发布通知。"
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_a_nudge_into_the_next_span_is_refused_and_says_why(qtbot, tmp_path):
    with chinese_interface():
        refused(qtbot, tmp_path)


def refused(qtbot, tmp_path):
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "甲"}, id="a")], None)
        spans_store.replace_layer(project, "a", project.machine_id(), [
            Span(0, 4, "AGENCY", origin="suggested"), Span(4, 8, "AGENCY", origin="suggested")])
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    view = win.workbench.view
    view.setFocus()
    view.set_cursor_offset(1)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)  # the first span's end, into the second
    assert win.statusBar().currentMessage() == "未执行：会与 4–8 处的“机构”重叠，未改动"
    with sqlite3.connect(f"file:{project.path}?mode=ro", uri=True) as db:
        spans = db.execute('SELECT start, "end" FROM spans WHERE annotator_id = ? '
                           "ORDER BY start", [win.editor.layer_id]).fetchall()
    assert spans == [(0, 4), (4, 8)]
    project.close()
