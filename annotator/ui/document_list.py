"""The document list: an item model over the core's light document rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

from ..core.store import Project
from ..core.store import documents as docs_store


def status_name(status: str) -> str:
    names = {
        "suggested": QCoreApplication.translate("Status", "suggested"),
        "annotated": QCoreApplication.translate("Status", "annotated"),
        "reviewed": QCoreApplication.translate("Status", "reviewed"),
        "gold": QCoreApplication.translate("Status", "gold"),
    }
    return names.get(status, status)


class DocumentListModel(QAbstractTableModel):
    COLUMNS = ("title", "source", "date", "status")

    def __init__(self, project: Project, parent: QObject | None = None):
        super().__init__(parent)
        self._project = project
        self._rows: list[dict] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = docs_store.listing(self._project)
        self.endResetModel()

    def doc_id(self, row: int) -> str:
        return self._rows[row]["id"]

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
            value = row.get(key) or ""
            if key == "status":
                return status_name(value)
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row['title']}\n{row['id']} · {row['chars']}"
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Title"), self.tr("Source"), self.tr("Date"), self.tr("Status")][
                section
            ]
        return None
