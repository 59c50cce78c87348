"""The document list with its search box and filters, and stepping between documents."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.store import Project, doclist, fulltext
from .document_list import ROW_STATES, DocumentListModel
from .filters import label_box, status_box
from .names import status_name
from .tasks import Task, with_project

INDEX_HERE = 200  # unindexed documents indexed before a search answers (one batch, quick)
_indexing: set[Task] = set()  # running index builds: each may outlive the window it serves


class DocumentPanel(QWidget):
    documentSelected = Signal(str)

    def __init__(self, project: Project, annotator_id: int, language: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.annotator_id = annotator_id
        self.model = DocumentListModel(project, annotator_id, self)
        self.proxy = self.model  # what the table shows: the model sorts and filters itself
        self.index_task: Task | None = None
        self._indexed_before = 0
        self._index_error: str | None = None
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search all documents…"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._apply_filters)
        self.search.textChanged.connect(lambda text: text or self._apply_filters())
        self.search_note = QLabel(self)
        self.search_note.setWordWrap(True)
        self.search_note.hide()
        self.status = status_box(self, self.tr("All statuses"))
        self.label = label_box(self, project.schema.labels, self.tr("All labels"),
                               lambda lab: lab.zh if language.startswith("zh") else lab.en)
        self.status.currentIndexChanged.connect(self._apply_filters)
        self.label.currentIndexChanged.connect(self._apply_filters)
        self.table = self._make_table()
        self._selected: str | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(lambda: QTimer.singleShot(0, self, self._restore_selection))
        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.search_note)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # import order until asked: no indicator, so enabling sorting sorts nothing
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        rows = table.verticalHeader()
        rows.hide()
        # every row one height: the view places a million rows without measuring any
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setWordWrap(False)
        # Sized once, not to contents: a content-sized column would read every row.
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        advance = table.fontMetrics().horizontalAdvance
        status = max(advance(status_name(s)) for s in ROW_STATES)
        for column, width in ((1, 72), (2, 84), (3, status + 16), (4, advance("0000/0000") + 16)):
            header.resizeSection(column, width)  # wide enough for this language's words
        table.selectionModel().selectionChanged.connect(self._on_selected)
        return table

    # -- filters and search ---------------------------------------------------------------------
    def _apply_filters(self) -> None:
        query = self.search.text().strip()
        self._check_index(query)
        self.model.set_filters(self.status.currentData(), self.label.currentData(), query)

    def _check_index(self, query: str) -> None:
        """A search answers from the full-text index; documents not in it yet are indexed
        here when they are few, else in the background, and the search says how far the
        index goes meanwhile."""
        if len(query) < 3:  # shorter than a trigram: every text is read, indexed or not
            self.search_note.hide()
            return
        if doclist.index_complete(self.project):
            self.search_note.hide()
            return
        state = doclist.search_index(self.project)
        if state.documents - state.indexed <= INDEX_HERE:
            fulltext.index_pending(self.project)
            state = doclist.search_index(self.project)
        if state.complete:
            self.search_note.hide()
            return
        if self._index_error is not None:  # not tried again before the next start
            self.search_note.setText(self.tr(
                "The search index could not be completed ({reason}); results come from the "
                "{indexed} of {documents} documents indexed.").format(
                    reason=self._index_error, indexed=f"{state.indexed:,}",
                    documents=f"{state.documents:,}"))
            self.search_note.show()
            return
        self._show_indexing(state.indexed, state.documents)
        if self.index_task is None:
            self._start_indexing(state.indexed)

    def _show_indexing(self, indexed: int, documents: int) -> None:
        self.search_note.setText(self.tr(
            "The search index is being built: {indexed} of {documents} documents so far. "
            "Results come from those; the search is repeated when the index is complete."
        ).format(indexed=f"{indexed:,}", documents=f"{documents:,}"))
        self.search_note.show()

    def _start_indexing(self, indexed: int) -> None:
        """Build the rest of the index on a connection of its own, a batch per transaction:
        the window keeps answering, and reads the index as far as it is committed."""
        self._indexed_before = indexed
        task = Task(with_project(self.project.path, fulltext.index_pending))
        _indexing.add(task)
        task.done.connect(lambda: _indexing.discard(task))
        task.progressed.connect(self._indexing_progressed)
        task.failed.connect(self._indexing_failed)
        task.done.connect(self._indexing_done)
        self.index_task = task
        task.start()

    def _indexing_progressed(self, done: int, total: int) -> None:
        self._show_indexing(self._indexed_before + done, self._indexed_before + total)

    def _indexing_failed(self, error: BaseException) -> None:
        self._index_error = str(error) or type(error).__name__

    def _indexing_done(self) -> None:
        self.index_task = None
        if len(self.search.text().strip()) >= 3:
            self._apply_filters()

    # -- selection and stepping -----------------------------------------------------------------
    def _remember_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._selected = self.model.doc_id(rows[0].row()) if rows else None

    def _restore_selection(self) -> None:
        """After a new order or filter, the selected document stays selected if the view has
        read its row (it is in sight); finding it further down is left to the next step."""
        if self._selected is None or not self.model.rowCount():
            return
        self.model.doc_id(0)  # the first page, which the view shows first
        row = self.model.read_row(self._selected)
        if row is not None and not self.table.selectionModel().hasSelection():
            self.table.selectionModel().select(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _on_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            self.documentSelected.emit(self.model.doc_id(rows[0].row()))

    def refresh_rows(self, doc_ids: Iterable[str]) -> None:
        """Re-read these documents' status and progress from the store (after a change made
        anywhere: the open document, a review, a team collection)."""
        self.model.refresh_rows(doc_ids)

    def show_annotator(self, annotator_id: int) -> None:
        """The list as another annotator stands in it (after a change of name)."""
        self.annotator_id = annotator_id
        self.model.show_annotator(annotator_id)

    def select(self, doc_id: str) -> bool:
        return self._select_row(self.model.row_of(doc_id))

    def _select_row(self, row: int | None) -> bool:
        if row is None:
            return False
        index = self.model.index(row, 0)
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def select_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)

    def step_unfinished(self, current: str | None, direction: int) -> str | None:
        """The next (or previous) listed document this annotator has not marked done: one
        query from the current row, and its place counted from there."""
        found = self.model.unfinished(current, direction)
        if found is None:
            return None
        here = self.model.row_of(current) if current is not None else None
        if here is None:
            row = self.model.row_of(found.id)
        elif direction > 0:
            row = self.model.place_after(here, found)
        else:
            row = self.model.place_before(here, found)
        self._select_row(row)
        return found.id
