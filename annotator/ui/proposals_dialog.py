"""Team ▸ Agency proposals: the reviewer decides on agencies annotators created in packages.

Each decision is the core's (``team.proposals``): accept adds the entry to the knowledge
base, merge folds it into an existing entry found by type-ahead search, reject drops it;
the spans linking to it follow in the same transaction.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.kb import project_kb
from ..core.kb.knowledge import KnowledgeBase
from ..core.kb.model import Agency
from ..core.store import Project
from ..core.team import TeamError
from ..core.team import proposals as props
from .names import level_name

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def describe(agency: Agency) -> str:
    """One line: name · level · region, as the span panel shows link choices."""
    return " · ".join(x for x in (agency.name, level_name(agency.level), agency.region or "") if x)


class ProposalsDialog(QDialog):
    """Pending proposals in a table; Accept, Merge into the picked entry, Reject."""

    kbChanged = Signal()  # an entry was added or took new aliases; spans were relinked

    def __init__(self, project: Project, reviewer: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.reviewer = reviewer
        self.kb: KnowledgeBase | None = None
        self.setWindowTitle(self.tr("Agency proposals"))
        self.table = self._make_table()
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.merge_button = QPushButton(self.tr("Merge into the chosen entry"), self)
        self.reject_button = QPushButton(self.tr("Reject"), self)
        self.accept_button.clicked.connect(lambda: self.decide("accept"))
        self.merge_button.clicked.connect(lambda: self.decide("merge"))
        self.reject_button.clicked.connect(lambda: self.decide("reject"))
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        decisions = QHBoxLayout()
        for button in (self.accept_button, self.reject_button):
            decisions.addWidget(button)
        decisions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(decisions)
        layout.addWidget(self._merge_box())
        layout.addWidget(self.outcome)
        layout.addWidget(close)
        self.resize(860, 620)
        self.refresh()

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, 5, self)
        table.setHorizontalHeaderLabels([self.tr("Agency"), self.tr("Level"), self.tr("Region"),
                                         self.tr("Proposed by"), self.tr("Proposed on")])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.itemSelectionChanged.connect(self._update_buttons)
        return table

    def _merge_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Merge into an existing entry"), self)
        self.search = QLineEdit(box)
        self.search.setPlaceholderText(self.tr("Search the knowledge base by name or alias…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.find_targets)
        self.targets = QListWidget(box)
        self.targets.setMinimumHeight(120)
        self.targets.itemSelectionChanged.connect(self._update_buttons)
        self.targets.itemDoubleClicked.connect(lambda _item: self.decide("merge"))
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.merge_button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.targets)
        return box

    # -- the list -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the pending proposals; the first one is selected."""
        pending = props.list_proposals(self.project)
        self.table.setRowCount(len(pending))
        for row, prop in enumerate(pending):
            values = (prop.agency.name, level_name(prop.agency.level), prop.agency.region or "",
                      prop.annotator, prop.created_at[:10])
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, prop.id)
                item.setToolTip(prop.agency.id)
                self.table.setItem(row, column, item)
        if pending:
            self.table.selectRow(0)
        elif not self.outcome.text():
            self.outcome.setText(self.tr("No agency proposals are waiting for a decision."))
        self._update_buttons()

    def pending_names(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def select_proposal(self, name: str) -> bool:
        found = self.table.findItems(name, Qt.MatchFlag.MatchExactly)
        if found:
            self.table.selectRow(found[0].row())
        return bool(found)

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(ID_ROLE) if rows else None

    # -- merge targets ------------------------------------------------------------------------
    def find_targets(self, query: str) -> None:
        """Type-ahead over the names and aliases of the knowledge base."""
        if self.kb is None:
            self.kb = project_kb.load(self.project)
        self.targets.clear()
        for agency in self.kb.search(query, 30) if query.strip() else []:
            item = QListWidgetItem(describe(agency), self.targets)
            item.setData(ID_ROLE, agency.id)
            item.setData(NAME_ROLE, agency.name)
            item.setToolTip(agency.id)
        if self.targets.count():
            self.targets.setCurrentRow(0)
        self._update_buttons()

    def current_target(self) -> str | None:
        item = self.targets.currentItem()
        return item.data(ID_ROLE) if item is not None and item.isSelected() else None

    # -- decisions ----------------------------------------------------------------------------
    def decide(self, action: str) -> bool:
        """Accept, merge or reject the selected proposal; the outcome line says what happened."""
        pid, into = self.current_id(), self.current_target()
        if pid is None or (action == "merge" and into is None):
            return False
        name = props.get(self.project, pid).agency.name
        target = self.targets.currentItem().data(NAME_ROLE) if into else None
        try:
            if action == "accept":
                spans = props.accept(self.project, pid, self.reviewer)
            elif action == "merge":
                spans = props.merge(self.project, pid, into, self.reviewer)
            else:
                spans = props.reject(self.project, pid, self.reviewer)
        except TeamError as exc:
            self.outcome.setText(str(exc))
            return False
        self.outcome.setText(self._done_text(action, name, target, spans))
        self.kb = None  # entries or aliases changed
        self.refresh()
        self.find_targets(self.search.text())
        self.kbChanged.emit()
        return True

    def _done_text(self, action: str, name: str, into: str | None, spans: int) -> str:
        if action == "accept":
            text = self.tr("“{name}” was added to the knowledge base; {n} spans link to it.")
        elif action == "merge":
            text = self.tr("“{name}” was merged into {into}; {n} spans link there now.")
        else:
            text = self.tr("“{name}” was rejected; {n} spans keep their label without a link.")
        return text.format(name=name, into=into, n=spans)

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        self.accept_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)
        self.merge_button.setEnabled(chosen and self.current_target() is not None)
