"""The document list: an item model over the core's light rows, and the filters over it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from ..core.store import Project
from ..core.store import documents as docs_store
from .names import status_name

ID_ROLE = Qt.ItemDataRole.UserRole
MINE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a column sorts by: numbers sort as numbers
# what the status column can say, in life-cycle order: the annotator's own state, except that
# a reviewed or gold document is that for everyone, and one finished by others yet not begun
# here is annotated
ROW_STATES = ("new", "in_progress", "annotated", "done", "reviewed", "gold")


def row_state(status: str, mine: str) -> str:
    """The one state a document list row shows, from the document's and the annotator's."""
    if status in ("reviewed", "gold"):
        return status
    if mine == "new" and status == "annotated":
        return status
    return mine


class DocumentListModel(QAbstractTableModel):
    COLUMNS = ("title", "source", "date", "status", "progress")

    def __init__(self, project: Project, annotator_id: int | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._project = project
        self._annotator_id = annotator_id
        self._rows: list[dict] = []
        self._index: dict[str, int] = {}
        self.refresh()

    def show_annotator(self, annotator_id: int | None) -> None:
        """List the rows as this annotator stands in them (after a change of name)."""
        self._annotator_id = annotator_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = docs_store.listing(self._project, self._annotator_id)
        self._index = {row["id"]: i for i, row in enumerate(self._rows)}
        self.endResetModel()

    def set_progress(self, doc_id: str, decided: int, total: int) -> None:
        """Update one row after an action, without re-reading the list."""
        row = self._index.get(doc_id)
        if row is None:
            return
        self._rows[row].update(decided=decided, total=total)
        if self._rows[row]["mine"] == "new":
            self._rows[row]["mine"] = "in_progress"
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def set_status(self, doc_id: str, status: str, mine: str) -> None:
        row = self._index.get(doc_id)
        if row is not None:
            self._rows[row].update(status=status, mine=mine)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def refresh_rows(self, doc_ids: Iterable[str]) -> None:
        """Re-read these documents' status and progress from the store (after a change)."""
        for fresh in docs_store.listing_rows(self._project, self._annotator_id, doc_ids):
            row = self._index.get(fresh["id"])
            if row is not None:
                self._rows[row] = fresh
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def row_of(self, doc_id: str) -> int | None:
        return self._index.get(doc_id)

    def doc_id(self, row: int) -> str:
        return self._rows[row]["id"]

    def row_data(self, row: int) -> dict:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                return status_name(row_state(row["status"], row["mine"]))
            if key == "progress":
                return f"{row['decided']}/{row['total']}"
            return row.get(key) or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row['title']}\n{row['id']} · {row['chars']}"
        if role == SORT_ROLE:
            return self.sort_key(row, key)
        if role == ID_ROLE:
            return row["id"]
        if role == MINE_ROLE:
            return row["mine"]
        return None

    @staticmethod
    def sort_key(row: dict, key: str) -> str | int | float:
        """Progress by the share of candidates decided (2/26 before 10/26), statuses in their
        life-cycle order, the rest as text."""
        if key == "progress":
            return row["decided"] / row["total"] if row["total"] else float(row["mine"] == "done")
        if key == "status":
            return ROW_STATES.index(row_state(row["status"], row["mine"]))
        return row.get(key) or ""

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Title"), self.tr("Source"), self.tr("Date"), self.tr("Status"),
                    self.tr("Progress")][section]
        return None


class DocumentFilter(QSortFilterProxyModel):
    """Rows by document status and by sets of ids (label filter, full-text search)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setDynamicSortFilter(False)  # a progress update must not re-sort 10,000 rows
        self.setSortRole(SORT_ROLE)
        self._status: str | None = None
        self._ids: set[str] | None = None

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange()

    def set_ids(self, ids: set[str] | None) -> None:
        """Only these documents (None: all)."""
        self.beginFilterChange()
        self._ids = ids
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        if self._ids is not None and model.doc_id(row) not in self._ids:
            return False
        return self._status is None or model.row_data(row)["status"] == self._status
