"""The document list on a real project: search, status and label filters, sorting, and
stepping to the previous unfinished document from the keyboard; on a project of several
pages, paging, rows re-read after a change, and a search while the index is being built."""

import pytest
from PySide6.QtCore import QPoint, Qt

from annotator.core.editing import Editor
from annotator.core.model import Span
from annotator.core.store import Project, fulltext
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.core.team.layers import documents_labelled
from annotator.ui.document_list import PAGE, ROW_STATES, DocumentListModel, row_state
from annotator.ui.document_panel import INDEX_HERE
from annotator.ui.main_window import MainWindow

DOCS = {  # id: (title, text, status)
    "a": ("甲", "区妇联开展活动", None),
    "b": ("乙", "团区委召开会议", None),
    "c": ("丙", "市文联举办展览", None),
    "d": ("丁", "全市社工六万人", "annotated"),
}
LETTERS = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余"  # 26 characters


def _candidates(project: Project, doc_id: str, spans: list[Span]) -> None:
    spans_store.replace_layer(project, doc_id, project.machine_id(), [
        Span(s.start, s.end, s.label, origin="suggested", source="rule", score=0.9)
        for s in spans])  # fmt: skip


@pytest.fixture
def window(qtbot, tmp_path):
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [
            docs_store.NewDocument(text, {"title": title}, id=doc_id, status=status)
            for doc_id, (title, text, status) in DOCS.items()], None)  # fmt: skip
        docs_store.insert(project, [
            docs_store.NewDocument(text, {"title": f"进度{n}"}, id=f"p{n}")
            for n, text in ((10, LETTERS), (2, LETTERS[::-1]))], None)  # fmt: skip
        for doc_id in "abc":
            _candidates(project, doc_id, [Span(0, 3, "ORG")])
        for n in (10, 2):
            _candidates(project, f"p{n}", [Span(i, i + 1, "PLACE") for i in range(26)])
    wang = Editor(project, "wang")
    wang.reject(wang.open("a")[0].id)  # a: the candidate was rejected
    wang.accept(wang.open("b")[0].id)  # b: accepted; c is never opened
    for n in (10, 2):
        for span in wang.open(f"p{n}")[:n]:
            wang.accept(span.id)
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    project.close()


def listed(win: MainWindow) -> list[str]:
    model = win.documents.model
    return [model.data(model.index(r, 0), Qt.ItemDataRole.UserRole)
            for r in range(model.rowCount())]


def test_search_finds_documents_by_their_text_and_clearing_shows_all(qtbot, window):
    panel = window.documents
    panel.search.setText("团区委")  # as typed: QTest types ASCII only
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert listed(window) == ["b"]
    panel.search.setText("展")  # shorter than a trigram: still found
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert listed(window) == ["a", "c"]
    panel.search.clear()
    assert listed(window) == ["a", "b", "c", "d", "p10", "p2"]


def test_status_filter(window):
    panel = window.documents
    panel.status.setCurrentIndex(panel.status.findData("annotated"))
    assert listed(window) == ["d"]
    panel.status.setCurrentIndex(panel.status.findData("suggested"))
    assert listed(window) == ["a", "b", "c", "p10", "p2"]
    panel.status.setCurrentIndex(0)
    assert len(listed(window)) == 6


def test_label_filter_follows_what_the_annotator_sees(window):
    panel = window.documents
    panel.label.setCurrentIndex(panel.label.findData("ORG"))
    assert listed(window) == ["b", "c"]  # a's candidate was rejected; c's still waits
    panel.search.setText("委")
    panel.search.returnPressed.emit()
    assert listed(window) == ["b"]  # search and label filter together
    panel.label.setCurrentIndex(0)
    assert listed(window) == ["b"]


def test_progress_sorts_by_number_not_text(qtbot, window):
    table = window.documents.table
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(4) + header.sectionSize(4) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == 4
    order = listed(window)
    ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    progress = [p for p in order if p.startswith("p")]
    assert progress == (["p2", "p10"] if ascending else ["p10", "p2"])
    shown = [window.documents.proxy.index(r, 4).data() for r in range(6)]
    assert any(s.startswith("2/26") for s in shown) and any(s.startswith("10/26") for s in shown)
    table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    assert listed(window)[-4:] == ["p2", "p10", "a", "b"]  # all decided (1/1) come last
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # statuses in their life-cycle order
    assert listed(window)[0] == "d"


def test_previous_and_next_unfinished_by_keyboard(qtbot, window):
    wang = window.editor
    for doc_id in "bc":
        wang.mark_done(doc_id)
    window.documents.model.refresh()
    window.documents.select("d")
    assert window.workbench.doc_id == "d"
    view = window.workbench.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.workbench.doc_id == "a"  # b and c are done
    qtbot.keyClick(view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.workbench.doc_id == "a"  # nothing unfinished before the first
    qtbot.keyClick(view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.workbench.doc_id == "d"


def test_each_row_says_one_status_and_progress_in_numbers_only(window):
    """The status column is where this annotator stands (a reviewed or gold document is that
    for everyone); the progress column holds the decided and all candidates, no second word."""
    window.editor.mark_done("b")
    docs_store.set_status(window.project, "p2", "reviewed", None)
    window.documents.refresh_rows(["b", "p2"])
    model = window.documents.model

    def shown(doc_id, column):
        return model.index(model.row_of(doc_id), column).data()

    assert {d: shown(d, 3) for d in ("a", "b", "c", "d", "p2")} == {
        "a": "in progress", "b": "done", "c": "new", "d": "annotated", "p2": "reviewed"}
    assert [shown(d, 4) for d in ("a", "c", "p10")] == ["1/1", "0/1", "10/26"]


# -- the list over the project file: same rows as the whole list, read a page at a time ---------
def _old_order(rows: list[dict], column: int, descending: bool) -> list[str]:
    """The order the list had when it held every row and sorted them in Python (progress by
    the share decided, statuses in life-cycle order, ties in import order); descending is
    now its exact reverse."""
    key = DocumentListModel.COLUMNS[column]

    def sort_key(row):
        if key == "progress":
            return row["decided"] / row["total"] if row["total"] else float(row["mine"] == "done")
        if key == "status":
            return ROW_STATES.index(row_state(row["status"], row["mine"]))
        return row.get(key) or ""

    ids = [r["id"] for r in sorted(rows, key=sort_key)]
    return ids[::-1] if descending else ids


def listing(project, annotator_id):
    """The rows the list held in memory before it read the project file a page at a time:
    the reference its orders and filters are checked against.

    ``decided``/``total`` count candidates: once the annotator has opened a document, those
    of their layer; before, the machine's candidates waiting for them.
    """
    machine = project.machine_id()
    cur = project.db.execute(  # every document, its status and progress counted per row
        "SELECT d.id, d.title, d.source, d.date, d.status, length(d.text) AS chars, "
        "ds.status AS mine, ds.candidates, "
        "(SELECT COUNT(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator_id = ds.annotator_id "
        " AND s.origin = 'suggested') AS undecided, "
        "(SELECT COUNT(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator_id = ?) AS machine "
        "FROM documents d LEFT JOIN doc_status ds ON ds.doc_id = d.id AND ds.annotator_id = ? "
        "ORDER BY d.seq",
        [machine, annotator_id],
    )
    cols = [c[0] for c in cur.description]
    rows = []
    for values in cur.fetchall():
        row = dict(zip(cols, values))
        started = row["mine"] is not None
        row["total"] = row.pop("candidates") if started else row["machine"]
        row["decided"] = row["total"] - row.pop("undecided") if started else 0
        row["mine"] = row["mine"] or "new"
        del row["machine"]
        rows.append(row)
    return rows


def test_every_order_and_filter_shows_the_rows_the_whole_list_showed(window):
    project, panel, table = window.project, window.documents, window.documents.table
    rows = listing(project, window.editor.me)
    for column in range(5):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(column, order)
            assert listed(window) == _old_order(rows, column, order == Qt.SortOrder.DescendingOrder)
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    panel.status.setCurrentIndex(panel.status.findData("suggested"))
    suggested = [r for r in rows if r["status"] == "suggested"]
    assert listed(window) == _old_order(suggested, 3, False)
    panel.label.setCurrentIndex(panel.label.findData("PLACE"))
    labelled = documents_labelled(project, "PLACE", window.editor.me)
    assert listed(window) == _old_order([r for r in suggested if r["id"] in labelled], 3, False)
    shown = {r["id"]: (r["decided"], r["total"], r["mine"]) for r in rows}
    model = window.documents.model
    for r in range(model.rowCount()):
        data = model.row_data(r)
        assert shown[data["id"]] == (data["decided"], data["total"], data["mine"])


@pytest.fixture
def large(qtbot, tmp_path):
    """A project of several pages: 700 documents, every third one done by wang, a run of
    done ones across the second page's edge."""
    project = Project.create(tmp_path / "large.annot")
    with project.transaction():
        docs_store.insert(project, [
            docs_store.NewDocument(f"第{i}篇 区妇联开展活动", {"title": f"标题{i % 7}"},
                                   id=f"n{i:03d}") for i in range(700)], None)  # fmt: skip
    wang = Editor(project, "wang")
    done = {i for i in range(700) if i % 3 == 0} | set(range(380, 420))
    for i in sorted(done):
        wang.open(f"n{i:03d}")
        wang.mark_done(f"n{i:03d}")
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    win.resize(900, 600)
    win.show()
    qtbot.waitExposed(win)
    yield win, done
    project.close()


def test_the_list_reads_pages_past_the_first_as_it_scrolls(qtbot, large):
    win, _done = large
    model, table = win.documents.model, win.documents.table
    assert model.rowCount() == 700 > PAGE
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum())  # to the end, pages in between never read
    qtbot.wait(10)
    last = table.indexAt(table.viewport().rect().bottomLeft() - QPoint(0, 5))
    assert last.row() == 699 and last.data() == "标题6"  # 699 % 7
    assert listed(win) == [f"n{i:03d}" for i in range(700)]
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by title, ties in import order
    assert listed(win) == [f"n{i:03d}" for r in range(7) for i in range(700) if i % 7 == r]


def test_refresh_rows_shows_a_change_made_in_the_store(qtbot, large):
    win, _done = large
    model = win.documents.model
    win.documents.select("n001")
    row = model.row_of("n001")
    assert model.index(row, 3).data() == "in progress"  # opened by the window
    Editor(win.project, "wang").mark_done("n001")  # outside the list
    assert model.index(row, 3).data() == "in progress"  # the list holds what it read
    win.documents.refresh_rows(["n001"])
    assert model.index(row, 3).data() == "done"


def test_next_unfinished_skips_done_documents_across_pages(qtbot, large):
    win, done = large
    panel = win.documents
    panel.select("n377")
    assert panel.step_unfinished("n377", 1) == "n379"  # 378 is done
    assert panel.step_unfinished("n379", 1) == "n421"  # 380-420 are done
    assert win.workbench.doc_id == "n421"
    assert panel.table.selectionModel().selectedRows()[0].row() == 421
    assert panel.step_unfinished("n421", -1) == "n379"
    assert panel.table.selectionModel().selectedRows()[0].row() == 379
    assert panel.step_unfinished("n000", -1) is None
    assert panel.step_unfinished("n698", 1) is None  # 699 is done
    unfinished = [i for i in range(700) if i not in done]
    assert panel.step_unfinished(None, 1) == f"n{unfinished[0]:03d}"


def test_a_search_before_the_index_is_complete_says_so_and_answers_from_it(qtbot, tmp_path):
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(f"第{i}篇 市文联举办展览", id=f"a{i}")
                                    for i in range(50)], None)
    fulltext.index_pending(project)
    with project.transaction():  # imported later, not indexed yet
        docs_store.insert(project, [docs_store.NewDocument(f"第{i}篇 市文联举办展览", id=f"b{i}")
                                    for i in range(50, 50 + INDEX_HERE + 50)], None)
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    win.show()
    panel = win.documents
    panel.search.setText("文联举")
    panel.search.returnPressed.emit()
    assert panel.index_task is not None  # building in the background: the search says so
    assert panel.search_note.isVisible()
    assert "50" in panel.search_note.text() and f"{INDEX_HERE + 100}" in panel.search_note.text()
    assert set(listed(win)) == {f"a{i}" for i in range(50)}  # what the index held
    qtbot.waitUntil(lambda: panel.index_task is None, timeout=60_000)
    assert not panel.search_note.isVisible()
    assert len(listed(win)) == INDEX_HERE + 100  # searched again once complete
    project.close()


def test_the_selected_document_stays_selected_after_a_new_order(qtbot, window):
    panel = window.documents
    panel.select("c")
    panel.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: panel.table.selectionModel().hasSelection())
    row = panel.table.selectionModel().selectedRows()[0].row()
    assert panel.model.doc_id(row) == "c" and window.workbench.doc_id == "c"
