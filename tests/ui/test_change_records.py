"""Every action, its undo and its redo come back as a change record that the views repaint
from: review decisions, marking done, links, a new agency. Checked on the project file, read
through its own connection, and on what the window shows."""

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from annotator.core.editing import Editor
from annotator.core.model import Span
from annotator.core.release import ReleaseOptions, make_release
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.main_window import MainWindow
from annotator.ui.span_panel import NewAgencyDialog

A_TEXT = "市民政局发布通知,全市投入6.79万元。"
B_TEXT = "昨日召开会议,区文物局作交流发言。"
B_AGENCY = B_TEXT.index("区文物局")
FIGURE = A_TEXT.index("6.79万元")
CTRL = Qt.KeyboardModifier.ControlModifier


def make_project(path) -> Project:
    project = Project.create(path)
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(A_TEXT, {"title": "甲"}, id="a"),
                                    docs_store.NewDocument(B_TEXT, {"title": "乙"}, id="b")],
                          None)
        spans_store.replace_layer(project, "a", project.machine_id(), [
            Span(0, 4, "AGENCY", origin="suggested", source="gazetteer", score=0.8),
            Span(FIGURE, FIGURE + 6, "FIGURE", {"value": 67900, "unit": "元"},
                 origin="suggested", source="rule:figure", score=0.9)])
        spans_store.replace_layer(project, "b", project.machine_id(), [
            Span(B_AGENCY, B_AGENCY + 4, "AGENCY", origin="suggested", source="gazetteer",
                 score=0.6)])
    return project


def open_window(qtbot, project, name="wang") -> MainWindow:
    win = MainWindow(project, name)
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, tmp_path):
    project = make_project(tmp_path / "p.annot")
    win = open_window(qtbot, project)
    assert win.workbench.doc_id == "a"
    yield win
    project.close()


def in_file(win, sql, args=()):
    """A query on the project file through a connection of its own, read-only."""
    with sqlite3.connect(f"file:{win.project.path}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()


def statuses(win, doc_id):
    """(the document's status, this annotator's) as the file has them."""
    doc = in_file(win, "SELECT status FROM documents WHERE id = ?", [doc_id])[0][0]
    mine = in_file(win, "SELECT status FROM doc_status WHERE doc_id = ? AND annotator_id = ?",
                   [doc_id, win.editor.me])
    return doc, mine[0][0] if mine else None


def row_text(win, doc_id, column):
    model = win.documents.model
    return model.data(model.index(model.row_of(doc_id), column))


def decide_all(qtbot, win):
    view = win.workbench.view
    for _ in range(len(win.editor.undecided(win.workbench.doc_id))):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        qtbot.keyClick(view, Qt.Key.Key_Return)


# -- marking done, the list and the status bar ------------------------------------------------
def test_undo_and_redo_of_mark_done_repaint_the_list_and_the_progress(qtbot, window):
    decide_all(qtbot, window)
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Return, CTRL)
    assert statuses(window, "a") == ("annotated", "done")
    assert window.workbench.doc_id == "b"  # moved on to the next unfinished one
    assert row_text(window, "a", 3) == window.documents.model.data(
        window.documents.model.index(0, 3))
    done_text = row_text(window, "a", 3)
    assert window.progress.text().startswith("1/2")

    window.workbench.undo_stack.undo()
    assert statuses(window, "a") == ("suggested", "in_progress")
    assert window.workbench.doc_id == "a"  # taken back where the step was made
    assert row_text(window, "a", 3) != done_text  # the row, re-read after the undo
    assert row_text(window, "a", 4) == "2/2"
    assert window.progress.text().startswith("0/2")

    window.workbench.undo_stack.redo()
    assert statuses(window, "a") == ("annotated", "done")
    assert row_text(window, "a", 3) == done_text
    assert window.progress.text().startswith("1/2")


def test_undo_after_switching_document_goes_back_and_flashes_the_span(qtbot, window):
    view = window.workbench.view
    qtbot.keyClick(view, Qt.Key.Key_P)  # a's agency, under the cursor, becomes a PERSON
    assert row_text(window, "a", 4) == "1/2"
    window.documents.select("b")
    assert window.workbench.doc_id == "b"
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Z, CTRL)
    assert window.workbench.doc_id == "a"
    assert in_file(window, "SELECT label, origin FROM spans WHERE doc_id = 'a' AND start = 0 "
                           "AND annotator_id = ?", [window.editor.me]) == [("AGENCY", "suggested")]
    assert view.flashed == (0, 4)  # where the undo acted, lit up
    assert row_text(window, "a", 4) == "0/2"  # the list followed the record
    qtbot.waitUntil(lambda: view.flashed is None, timeout=3000)


# -- links and new agencies -------------------------------------------------------------------
def test_undo_and_redo_of_a_link(qtbot, window):
    window.documents.select("b")
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Tab)
    panel = window.span_panel
    panel.search.setText("民政局")
    panel._search("民政局")
    agency_id, name = panel.choices.item(0).data(Qt.ItemDataRole.UserRole)
    panel._link_item(panel.choices.item(0))
    query = "SELECT agency_id FROM spans WHERE doc_id = 'b' AND annotator_id = ?"
    assert in_file(window, query, [window.editor.me]) == [(agency_id,)]
    window.workbench.undo_stack.undo()
    assert in_file(window, query, [window.editor.me]) == [(None,)]
    assert panel.linked.text() == panel.tr("Not linked yet")
    window.workbench.undo_stack.redo()
    assert in_file(window, query, [window.editor.me]) == [(agency_id,)]
    assert name in panel.linked.text()  # the panel repainted from the record


def test_new_agency_is_one_step_and_its_undo_removes_the_entry(qtbot, window, monkeypatch):
    window.documents.select("b")
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Tab)

    def fill(dialog):
        dialog.name.setText("重庆市渝中区文物局")
        dialog.region.setText("重庆市渝中区")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewAgencyDialog, "exec", fill)
    window.span_panel.create_agency()
    (agency_id,) = in_file(window, "SELECT id FROM agencies WHERE name = '重庆市渝中区文物局'")[0]
    linked = "SELECT agency_id FROM spans WHERE doc_id = 'b' AND annotator_id = ?"
    assert in_file(window, linked, [window.editor.me]) == [(agency_id,)]
    assert window.workbench.undo_stack.count() == 1  # entry and link: one step

    window.workbench.undo_stack.undo()
    assert in_file(window, linked, [window.editor.me]) == [(None,)]
    assert in_file(window, "SELECT * FROM agencies WHERE id = ?", [agency_id]) == []
    assert in_file(window, "SELECT * FROM agency_names WHERE agency_id = ?", [agency_id]) == []
    assert all(a.id != agency_id for a in window.span_panel.links.search("重庆市渝中区文物局"))

    window.workbench.undo_stack.redo()
    assert in_file(window, linked, [window.editor.me]) == [(agency_id,)]
    assert in_file(window, "SELECT source FROM agencies WHERE id = ?", [agency_id]) == [
        ("user:wang",)]


def test_undo_of_a_new_agency_keeps_it_when_another_span_links_to_it(qtbot, window, monkeypatch):
    window.documents.select("b")
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Tab)
    monkeypatch.setattr(NewAgencyDialog, "exec", lambda dialog: (
        dialog.name.setText("重庆市渝中区文物局"), QDialog.DialogCode.Accepted)[1])
    window.span_panel.create_agency()
    (agency_id,) = in_file(window, "SELECT id FROM agencies WHERE name = '重庆市渝中区文物局'")[0]
    window.documents.select("a")
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Tab)
    span = window.workbench.current_span()
    window.workbench.perform(lambda: window.editor.link(span.id, agency_id, "重庆市渝中区文物局"))
    window.workbench.undo_stack.undo()  # the link in a
    window.workbench.perform(lambda: window.editor.link(span.id, agency_id, "重庆市渝中区文物局"))
    window.workbench.undo_stack.undo()
    window.workbench.undo_stack.undo()  # the new agency of b: a no longer links to it either
    assert in_file(window, "SELECT id FROM agencies WHERE id = ?", [agency_id]) == []
    window.workbench.undo_stack.redo()
    window.workbench.perform(lambda: window.editor.link(span.id, agency_id, "重庆市渝中区文物局"))
    window.workbench.undo_stack.undo()  # a's link undone: b still links, the entry stays
    assert in_file(window, "SELECT id FROM agencies WHERE id = ?", [agency_id]) == [(agency_id,)]


# -- label all, accept all ----------------------------------------------------------------------
def test_accept_all_of_a_label_and_label_all_undo_in_one_step(qtbot, window):
    window.workbench.accept_all("FIGURE")
    origin = "SELECT origin FROM spans WHERE doc_id = 'a' AND label = 'FIGURE' AND annotator_id = ?"
    assert in_file(window, origin, [window.editor.me]) == [("accepted",)]
    assert row_text(window, "a", 4) == "1/2"
    window.workbench.label_all("全市", "PLACE")
    places = "SELECT COUNT(*) FROM spans WHERE label = 'PLACE' AND annotator_id = ?"
    assert in_file(window, places, [window.editor.me]) == [(1,)]
    window.workbench.undo_stack.undo()
    window.workbench.undo_stack.undo()
    assert in_file(window, places, [window.editor.me]) == [(0,)]
    assert in_file(window, origin, [window.editor.me]) == [("suggested",)]
    assert row_text(window, "a", 4) == "0/2"


# -- review ---------------------------------------------------------------------------------------
def two_annotators(project, labels=("AGENCY", "ORG")):
    """wang and li annotate document a; they differ on 通知's label and li lacks the figure."""
    note = A_TEXT.index("通知")
    for name, label in zip(("wang", "li"), labels):
        editor = Editor(project, name)
        for span in editor.open("a"):
            if name == "li" and span.label == "FIGURE":
                editor.reject(span.id)
            else:
                editor.accept(span.id)
        editor.label("a", note, note + 2, label)
        editor.mark_done("a")


def gold(win, doc_id="a"):
    return in_file(win, "SELECT start, \"end\", label FROM spans s JOIN annotators a "
                        "ON a.id = s.annotator_id WHERE a.name = 'gold' AND doc_id = ? "
                        "ORDER BY start", [doc_id])


@pytest.fixture
def review(qtbot, tmp_path):
    project = make_project(tmp_path / "p.annot")
    two_annotators(project)
    win = open_window(qtbot, project, "liu")
    win.documents.select("a")
    win.review()
    qtbot.addWidget(win.review_window)
    win.review_window.activateWindow()
    qtbot.waitUntil(win.review_window.isActiveWindow)
    yield win, win.review_window
    project.close()


def test_undo_and_redo_of_a_review_decision(qtbot, review):
    win, rw = review
    assert [c.kinds for c in rw.queue] == [("label",), ("missing",)]
    assert gold(win) == [(0, 4, "AGENCY")]  # agreed: in gold from the start
    names = list(rw.queue[0].versions)
    qtbot.keyClick(rw.view, Qt.Key.Key_1 + names.index("li"))  # li's ORG
    note = A_TEXT.index("通知")
    assert gold(win) == [(0, 4, "AGENCY"), (note, note + 2, "ORG")]
    assert (rw.queue[0].start, rw.queue[0].end) in rw.decided

    qtbot.keyClick(rw, Qt.Key.Key_Z, CTRL)  # in the review window, on the shared stack
    assert gold(win) == [(0, 4, "AGENCY")]
    assert rw.decided == set() and rw.index == 0  # open again, and shown
    assert rw.status.text().startswith("2 of 2 disagreements open")
    win.workbench.undo_stack.redo()  # the main window's Redo is the same stack
    assert gold(win) == [(0, 4, "AGENCY"), (note, note + 2, "ORG")]
    assert [s.key() for s in rw.view.spans()] == [(0, 4, "AGENCY"), (note, note + 2, "ORG")]
    assert (rw.queue[0].start, rw.queue[0].end) in rw.decided


def test_a_correction_of_gold_is_undone_where_it_was_made(qtbot, review):
    win, rw = review
    names = list(rw.queue[0].versions)
    qtbot.keyClick(rw.view, Qt.Key.Key_1 + names.index("li"))  # li's ORG
    note = A_TEXT.index("通知")
    rw.view.set_cursor_offset(note)
    qtbot.keyClick(rw.view, Qt.Key.Key_P)  # corrected in gold to PERSON
    assert (note, note + 2, "PERSON") in gold(win)
    rw.view.set_cursor_offset(0)
    qtbot.keyClick(rw, Qt.Key.Key_Z, CTRL)
    assert (note, note + 2, "ORG") in gold(win)
    assert rw.view.cursor_offset() == note and rw.view.flashed == (note, note + 2)


def test_review_never_goes_back_to_a_settled_disagreement(qtbot, review):
    win, rw = review
    qtbot.keyClick(rw.view, Qt.Key.Key_Tab)  # to the second (the figure li lacks)
    assert rw.index == 1
    qtbot.keyClick(rw.view, Qt.Key.Key_1)  # settled: on to the first, still open
    assert rw.index == 0
    qtbot.keyClick(rw.view, Qt.Key.Key_1)  # settled too: nothing open, it stays
    assert rw.index == 0 and len(rw.decided) == 2


def test_a_label_key_on_a_missing_item_puts_the_span_into_gold(qtbot, review):
    win, rw = review
    qtbot.keyClick(rw.view, Qt.Key.Key_Tab)  # the figure li lacks
    assert rw.current().kinds == ("missing",)
    qtbot.keyClick(rw.view, Qt.Key.Key_N)  # FIGURE's key
    assert (FIGURE, FIGURE + 6, "FIGURE") in gold(win)
    assert (rw.queue[1].start, rw.queue[1].end) in rw.decided
    win.workbench.undo_stack.undo()
    assert (FIGURE, FIGURE + 6, "FIGURE") not in gold(win)


def test_finishing_a_review_updates_the_list_and_undo_takes_it_back(qtbot, review):
    win, rw = review
    qtbot.keyClick(rw.view, Qt.Key.Key_1)
    qtbot.keyClick(rw.view, Qt.Key.Key_1)
    before = row_text(win, "a", 3)
    qtbot.keyClick(rw.view, Qt.Key.Key_Return, CTRL)
    assert in_file(win, "SELECT status FROM documents WHERE id = 'a'") == [("gold",)]
    assert row_text(win, "a", 3) != before  # from the record, not a hard-coded status
    win.workbench.undo_stack.undo()
    assert in_file(win, "SELECT status FROM documents WHERE id = 'a'") == [("annotated",)]
    assert row_text(win, "a", 3) == before


# -- one annotator to gold and a release --------------------------------------------------------
def annotate_alone(qtbot, win):
    decide_all(qtbot, win)
    qtbot.keyClick(win.workbench.view, Qt.Key.Key_Return, CTRL)


def test_a_single_annotator_reviews_their_own_document_into_gold_and_releases(
        qtbot, window, tmp_path):
    annotate_alone(qtbot, window)
    window.documents.select("a")
    window.review()
    rw = window.review_window
    qtbot.addWidget(rw)
    assert rw.queue == []  # one layer: nothing to adjudicate, all of it in gold
    assert gold(window) == [(0, 4, "AGENCY"), (FIGURE, FIGURE + 6, "FIGURE")]
    rw.activateWindow()
    qtbot.waitUntil(rw.isActiveWindow)  # the reviewer types in the review window
    qtbot.keyClick(rw.view, Qt.Key.Key_Return, CTRL)
    assert in_file(window, "SELECT status FROM documents WHERE id = 'a'") == [("gold",)]
    release = make_release(window.project, tmp_path / "release", ReleaseOptions())
    assert sum(c["documents"] for c in release.manifest["counts"].values()) == 1
    assert sum(c["spans"] for c in release.manifest["counts"].values()) == 2


def test_mark_gold_directly_is_one_undoable_step(qtbot, window, tmp_path):
    annotate_alone(qtbot, window)
    window.documents.select("a")
    window.mark_gold()
    assert in_file(window, "SELECT status FROM documents WHERE id = 'a'") == [("gold",)]
    assert gold(window) == [(0, 4, "AGENCY"), (FIGURE, FIGURE + 6, "FIGURE")]
    gold_row = row_text(window, "a", 3)
    make_release(window.project, tmp_path / "release", ReleaseOptions())
    window.workbench.undo_stack.undo()
    assert in_file(window, "SELECT status FROM documents WHERE id = 'a'") == [("annotated",)]
    assert gold(window) == []
    assert row_text(window, "a", 3) != gold_row
    window.workbench.undo_stack.redo()
    assert in_file(window, "SELECT status FROM documents WHERE id = 'a'") == [("gold",)]
    assert row_text(window, "a", 3) == gold_row


def test_mark_gold_is_refused_while_annotators_disagree(qtbot, tmp_path):
    project = make_project(tmp_path / "p.annot")
    two_annotators(project)
    win = open_window(qtbot, project, "liu")
    win.documents.select("a")
    win.mark_gold()
    assert in_file(win, "SELECT status FROM documents WHERE id = 'a'") == [("annotated",)]
    assert gold(win) == [] and "disagreements" in win.statusBar().currentMessage()
    project.close()
