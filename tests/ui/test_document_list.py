"""The document list on a real project: search, status and label filters, sorting, and
stepping to the previous unfinished document from the keyboard."""

import pytest
from PySide6.QtCore import QPoint, Qt

from annotator.core.editing import Editor
from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
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
    proxy = win.documents.proxy
    return [proxy.data(proxy.index(r, 0), Qt.ItemDataRole.UserRole)
            for r in range(proxy.rowCount())]


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
