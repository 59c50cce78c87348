"""The document list with its search box and filters, and stepping between documents."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.store import Project, fulltext
from ..core.team.layers import documents_labelled
from .document_list import ROW_STATES, DocumentFilter, DocumentListModel
from .filters import label_box, status_box
from .names import status_name


class DocumentPanel(QWidget):
    documentSelected = Signal(str)

    def __init__(self, project: Project, annotator_id: int, language: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.annotator_id = annotator_id
        self.model = DocumentListModel(project, annotator_id, self)
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search all documents…"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._apply_filters)
        self.search.textChanged.connect(lambda text: text or self._apply_filters())
        self.status = status_box(self, self.tr("All statuses"))
        self.label = label_box(self, project.schema.labels, self.tr("All labels"),
                               lambda lab: lab.zh if language.startswith("zh") else lab.en)
        self.status.currentIndexChanged.connect(self._apply_filters)
        self.label.currentIndexChanged.connect(self._apply_filters)
        self.table = self._make_table()
        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until asked
        table.verticalHeader().hide()
        table.setWordWrap(False)
        # Sized once, not to contents: a content-sized column re-measures every row on each
        # change, which a list of 10,000 documents cannot afford per keystroke.
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        advance = table.fontMetrics().horizontalAdvance
        status = max(advance(status_name(s)) for s in ROW_STATES)
        for column, width in ((1, 72), (2, 84), (3, status + 16), (4, advance("0000/0000") + 16)):
            header.resizeSection(column, width)  # wide enough for this language's words
        table.selectionModel().selectionChanged.connect(self._on_selected)
        return table

    def _apply_filters(self) -> None:
        ids: set[str] | None = None
        query = self.search.text().strip()
        if query:
            ids = set(fulltext.search(self.project, query, limit=100_000))
        label = self.label.currentData()
        if label:
            found = documents_labelled(self.project, label, self.annotator_id)
            ids = found if ids is None else ids & found
        self.proxy.set_ids(ids)
        self.proxy.set_status(self.status.currentData())

    def _on_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            source = self.proxy.mapToSource(rows[0])
            self.documentSelected.emit(self.model.doc_id(source.row()))

    # -- selection and stepping -----------------------------------------------------------------
    def select(self, doc_id: str) -> bool:
        row = self.model.row_of(doc_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def step_unfinished(self, current: str | None, direction: int) -> str | None:
        """The next (or previous) listed document this annotator has not marked done."""
        rows = [self.proxy.mapToSource(self.proxy.index(r, 0)).row()
                for r in range(self.proxy.rowCount())]
        ids = [self.model.doc_id(r) for r in rows]
        start = ids.index(current) if current in ids else -1
        order = ids[start + 1:] if direction > 0 else ids[:max(start, 0)][::-1]
        for doc_id in order:
            if self.model.row_data(self.model.row_of(doc_id))["mine"] != "done":
                self.select(doc_id)
                return doc_id
        return None
