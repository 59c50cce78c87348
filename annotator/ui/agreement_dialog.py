"""Agreement in the app: the same figures as `annotator agreement`, computed in the background."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.agreement import agreement
from ..core.store import Project
from .names import label_name
from .tasks import Task, with_project

PAIR_COLUMNS = ("a", "b", "span_f1_exact", "span_f1_overlap", "kappa_char", "link_agreement")


def _cell(value) -> QTableWidgetItem:
    text = "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
    return QTableWidgetItem(text)


class AgreementDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.schema = project.schema
        self.report: dict | None = None
        self.resize(760, 520)
        self.overall = QLabel(self)
        self.overall.setWordWrap(True)
        self.pairs = QTableWidget(0, len(PAIR_COLUMNS), self)
        self.labels = QTableWidget(0, 2, self)
        self.documents = QTableWidget(0, 4, self)
        layout = QVBoxLayout(self)
        for widget in (self.overall, self.pairs, self.labels, self.documents):
            layout.addWidget(widget)
        self.retranslate()
        self.task = Task(with_project(project.path, lambda p, _progress, _cancelled:
                                      agreement(p)), self)
        self.task.succeeded.connect(self.show_report)
        self.task.failed.connect(lambda exc: self.overall.setText(str(exc)))
        self.task.start()

    def retranslate(self) -> None:
        """Every string again: when built and when the interface language changes."""
        self.setWindowTitle(self.tr("Agreement"))
        self.pairs.setHorizontalHeaderLabels(
            [self.tr("Annotator"), self.tr("Annotator"), self.tr("Span F1 (exact)"),
             self.tr("Span F1 (overlap)"), self.tr("Kappa (characters)"),
             self.tr("Link agreement")])
        self.labels.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Span F1 (exact)")])
        self.documents.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Span F1 (exact)"), self.tr("Span F1 (overlap)"),
             self.tr("Alpha (characters)")])
        if self.report is None:
            self.overall.setText(self.tr("Computing…"))
        else:
            self.show_report(self.report)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_report(self, report: dict) -> None:
        self.report = report
        overall = report["overall"]
        if not report["documents"]["compared"]:
            self.overall.setText(self.tr("No data yet: agreement is measured on documents that "
                                         "two or more annotators have finished."))
        else:
            said = self.tr("Overall: alpha (characters) {alpha}, span F1 (exact) {f1}")
            self.overall.setText(said.format(alpha=_cell(overall.get("alpha_char")).text(),
                                             f1=_cell(overall.get("span_f1_exact")).text()))
        self.pairs.setRowCount(len(report["pairs"]))
        for row, pair in enumerate(report["pairs"]):
            for column, key in enumerate(PAIR_COLUMNS):
                self.pairs.setItem(row, column, _cell(pair.get(key)))
        per_label = report.get("per_label", {})
        self.labels.setRowCount(len(per_label))
        for row, (label, figures) in enumerate(sorted(per_label.items())):
            name = label_name(self.schema.label(label)) if label in self.schema.names() else label
            self.labels.setItem(row, 0, QTableWidgetItem(name))
            self.labels.setItem(row, 1, _cell(figures.get("span_f1_exact")))
        rows = report.get("per_document", [])
        self.documents.setRowCount(len(rows))
        for row, doc in enumerate(rows):
            self.documents.setItem(row, 0, QTableWidgetItem(doc.get("title") or doc["doc_id"]))
            for column, key in enumerate(("span_f1_exact", "span_f1_overlap", "alpha_char"), 1):
                self.documents.setItem(row, column, _cell(doc.get(key)))
