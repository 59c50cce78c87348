"""The document list: an item model over the project file, read a page at a time.

The rows live in the database, not here: the model asks ``store.doclist`` for the count and
for the pages the view paints, keeping a bounded cache of them. Sorting and the filters are
a new view of the store (one indexed query each), so a list of a million documents opens,
sorts and scrolls without a pass over every row in Python.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import asdict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ..core.model import AnnotatorStatus, DocStatus
from ..core.store import Project, doclist
from .names import status_name

ID_ROLE = Qt.ItemDataRole.UserRole
MINE_ROLE = Qt.ItemDataRole.UserRole + 1
# what the status column can say, in life-cycle order: the annotator's own state, except that
# a reviewed or gold document is that for everyone, and one finished by others yet not begun
# here is annotated
ROW_STATES = doclist.STATE_RANKS
PAGE = 100  # rows read at once: a few screens, read well within a frame
PAGES_KEPT = 128  # pages cached: scrolling back and forth reads nothing again

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE, MINE_ROLE))


def row_state(status: str, mine: str) -> str:
    """The one state a document list row shows, from the document's and the annotator's."""
    if status in (DocStatus.REVIEWED, DocStatus.GOLD):
        return status
    if mine == AnnotatorStatus.NEW and status == DocStatus.ANNOTATED:
        return status
    return mine


class DocumentListModel(QAbstractTableModel):
    COLUMNS = ("title", "source", "date", "status", "progress")
    SORTS = ("title", "source", "date", "status", "progress")  # by column; -1: import order

    def __init__(self, project: Project, annotator_id: int | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._project = project
        self._listing = doclist.Listing(project, doclist.View(annotator_id))
        self._pages: OrderedDict[int, list[doclist.Row]] = OrderedDict()
        self._where: dict[str, int] = {}  # doc id → row, for the rows of cached pages

    # -- the view -------------------------------------------------------------------------
    @property
    def view(self) -> doclist.View:
        return self._listing.view

    def _show(self, **changes) -> None:
        """Read the list again the way asked (everything read so far is forgotten)."""
        self.beginResetModel()
        self._listing = self._listing.with_view(**changes)
        self._pages.clear()
        self._where.clear()
        self.endResetModel()

    def show_annotator(self, annotator_id: int | None) -> None:
        """List the rows as this annotator stands in them (after a change of name)."""
        self._show(annotator_id=annotator_id)

    def set_filters(self, status: str | None, label: str | None, search: str) -> None:
        """Only the documents of this status, with this label, containing this text."""
        self._show(status=status, label=label, search=search)

    def refresh(self) -> None:
        """Read the whole list again (after an import or a team change)."""
        self._show()

    def invalidate(self) -> None:
        """The same as ``refresh``, under the name the list's former filter model had."""
        self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By a column's values; progress by the share decided (2/26 before 10/26), statuses
        in their life-cycle order; column -1: import order."""
        sort = self.SORTS[column] if 0 <= column < len(self.SORTS) else "seq"
        descending = order == Qt.SortOrder.DescendingOrder and sort != "seq"
        if (sort, descending) != (self.view.sort, self.view.descending):
            self._show(sort=sort, descending=descending)

    # -- rows -----------------------------------------------------------------------------
    def _row(self, row: int) -> doclist.Row:
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE]

    def _read_page(self, number: int) -> list[doclist.Row]:
        """From the nearest page already read when there is one (by the index from its
        edge), else by position."""
        below = max((n for n in self._pages if n < number), default=None)
        above = min((n for n in self._pages if n > number), default=None)
        offset = number * PAGE
        if below is not None and (above is None or number - below <= above - number):
            rows = self._listing.page(offset, PAGE, after=self._pages[below][-1].key,
                                      skip=(number - below - 1) * PAGE)
        elif above is not None:
            rows = self._listing.page(offset, PAGE, before=self._pages[above][0].key,
                                      skip=(above - number - 1) * PAGE)
        else:
            rows = self._listing.page(offset, PAGE)
        self._pages[number] = rows
        for i, found in enumerate(rows):
            self._where[found.id] = offset + i
        while len(self._pages) > PAGES_KEPT:
            _number, dropped = self._pages.popitem(last=False)
            for gone in dropped:
                self._where.pop(gone.id, None)
        return rows

    def _cached(self, doc_id: str) -> tuple[int, doclist.Row] | None:
        row = self._where.get(doc_id)
        if row is None:
            return None
        page = self._pages[row // PAGE]
        return row, page[row % PAGE]

    def _put(self, row: int, value: doclist.Row) -> None:
        self._pages[row // PAGE][row % PAGE] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def refresh_rows(self, doc_ids: Iterable[str]) -> None:
        """Re-read these documents' status and progress from the store. Rows keep their
        place until the list is read again (a row never jumps away under the pointer)."""
        wanted = [d for d in dict.fromkeys(doc_ids) if d in self._where]
        for doc_id, fresh in self._listing.rows(wanted).items():
            cached = self._cached(doc_id)
            if cached is not None:
                self._put(cached[0], fresh)

    def read_row(self, doc_id: str) -> int | None:
        """The document's row if it is among the rows read since the list was last read
        anew (no query)."""
        return self._where.get(doc_id)

    def row_of(self, doc_id: str) -> int | None:
        """The document's row, None if the list leaves it out."""
        row = self._where.get(doc_id)
        return row if row is not None else self._listing.position(doc_id)

    def place_after(self, row: int, found: doclist.Row) -> int:
        """The row of ``found``, a document that comes after ``row`` in the list: counted
        from there, not from the top."""
        known = self._where.get(found.id)
        if known is not None:
            return known
        return row + 1 + self._listing.between(self._row(row).key, found.key)

    def place_before(self, row: int, found: doclist.Row) -> int:
        known = self._where.get(found.id)
        if known is not None:
            return known
        return row - 1 - self._listing.between(found.key, self._row(row).key)

    def unfinished(self, current: str | None, direction: int) -> doclist.Row | None:
        return self._listing.unfinished(current, direction)

    def doc_id(self, row: int) -> str:
        return self._row(row).id

    def row_data(self, row: int) -> dict:
        data = asdict(self._row(row))
        del data["key"]
        return data

    # -- the item model -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._listing.count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():  # a view asks for many roles per cell
            return None
        row = self._row(index.row())
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                return status_name(row_state(row.status, row.mine))
            if key == "progress":
                return f"{row.decided}/{row.total}"
            return getattr(row, key) or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n{row.id} · {doclist.characters(self._project, row.id)}"
        if role == ID_ROLE:
            return row.id
        if role == MINE_ROLE:
            return row.mine
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Title"), self.tr("Source"), self.tr("Date"), self.tr("Status"),
                    self.tr("Progress")][section]
        return None
