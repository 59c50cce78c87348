"""The main window: document list on the left, the selected document on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.model import GOLD, MACHINE, Span
from ..core.store import Project
from ..core.store import documents as docs_store
from ..core.store import spans as spans_store
from .document_list import DocumentListModel
from .document_view import DocumentView
from .legend import Legend


class MainWindow(QMainWindow):
    def __init__(self, project: Project, language: str = "zh_CN"):
        super().__init__()
        self.project = project
        self.setWindowTitle(
            self.tr("{name} — Chinese news annotator").format(name=project.path.stem)
        )
        self.model = DocumentListModel(project, self)
        self.doc_list = self._make_list()
        self.view = DocumentView(project.schema, self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600; padding: 4px;")

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(Legend(project.schema, language, right))
        column.addWidget(self.view, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.doc_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 900])
        self.setCentralWidget(splitter)
        self.statusBar().showMessage(
            self.tr("{n} documents · every change is saved as it is made").format(
                n=self.model.rowCount()
            )
        )
        if self.model.rowCount():
            self.doc_list.selectRow(0)

    def _make_list(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(False)
        table.selectionModel().selectionChanged.connect(self._on_selected)
        return table

    def _on_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            self.open_document(self.model.doc_id(rows[0].row()))

    def open_document(self, doc_id: str) -> None:
        doc = docs_store.get(self.project, doc_id)
        if doc is None:
            return
        self.title.setText(doc.title)
        self.view.show_document(doc.text, shown_layer(spans_store.layers(self.project, doc_id)))


def shown_layer(layers: dict[str, list[Span]]) -> list[Span]:
    """The most advanced layer: gold, a person's, or the machine's."""
    if GOLD in layers:
        return layers[GOLD]
    people = [name for name in layers if name not in (MACHINE, GOLD)]
    if people:
        return layers[sorted(people)[0]]
    return layers.get(MACHINE, [])
