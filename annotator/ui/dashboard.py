"""Dashboards: progress, throughput, labels, agreement, rule outcomes, inconsistencies.

Each chart is a pyqtgraph plot that can be saved as PNG; the figures come from
``annotator.core.insights`` and are read in the background.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import insights
from ..core.store import Project
from .names import label_name, source_name, status_name
from .tasks import Task, with_project

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf"]


def collect(project: Project) -> dict:
    return {
        "progress": insights.progress_over_time(project),
        "throughput": insights.throughput(project),
        "labels": insights.label_distribution(project),
        "sources": insights.source_outcomes(project),
        "agreement": insights.agreement_over_time(project),
        "inconsistencies": insights.inconsistencies(project),
    }


class Chart(QWidget):
    """A plot with a legend and a 'Save as PNG' button."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(title=title)
        self.plot.setBackground("w")
        self.plot.addLegend()
        save = QPushButton(self.tr("Save as PNG…"), self)
        save.clicked.connect(self.save_dialog)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plot)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)

    def lines(self, series: dict[str, dict[str, float]]) -> None:
        """One line per name over the days that any series covers."""
        days = sorted({d for values in series.values() for d in values})
        axis = self.plot.getAxis("bottom")
        axis.setTicks([list(enumerate(days))])
        for k, (name, values) in enumerate(sorted(series.items())):
            ys = [values.get(d, 0) for d in days]
            self.plot.plot(list(range(len(days))), ys, name=name, symbol="o",
                           pen=pg.mkPen(COLOURS[k % len(COLOURS)], width=2))
        top = max((v for values in series.values() for v in values.values()), default=0)
        self.plot.setYRange(0, max(top, 1) * 1.1)  # counts and shares start from zero

    def bars(self, groups: dict[str, dict[str, float]], categories: list[str]) -> None:
        """Grouped bars: one group per category, one bar per series."""
        width = 0.8 / max(1, len(groups))
        self.plot.getAxis("bottom").setTicks([list(enumerate(categories))])
        for k, (name, values) in enumerate(sorted(groups.items())):
            xs = [i - 0.4 + width * (k + 0.5) for i in range(len(categories))]
            heights = [values.get(c, 0) for c in categories]
            self.plot.addItem(pg.BarGraphItem(x=xs, height=heights, width=width, name=name,
                                              brush=COLOURS[k % len(COLOURS)]))

    def save(self, path: str | Path) -> None:
        ImageExporter(self.plot.plotItem).export(str(path))

    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart"), "chart.png",
                                              "PNG (*.png)")
        if path:
            self.save(path)


class Dashboard(QDialog):
    jump = Signal(str, int)  # doc id, offset: show this place in the workbench

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dashboards"))
        self.schema = project.schema
        self.resize(980, 640)
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.charts: dict[str, Chart] = {}
        self.task = Task(with_project(project.path, lambda p, _pr, _c: collect(p)), self)
        self.task.succeeded.connect(self.show_figures)
        self.task.start()

    def _chart(self, key: str, title: str) -> Chart:
        chart = Chart(title, self)
        self.charts[key] = chart
        self.tabs.addTab(chart, title)
        return chart

    def show_figures(self, figures: dict) -> None:
        progress = figures["progress"]
        statuses = {s for day in progress.values() for s in day}
        self._chart("progress", self.tr("Progress by status")).lines(
            {status_name(s): {d: v.get(s, 0) for d, v in progress.items()} for s in statuses})
        self._chart("throughput", self.tr("Throughput per annotator")).lines(figures["throughput"])
        layers = {"machine": self.tr("candidates"), "annotator": self.tr("annotators"),
                  "gold": self.tr("gold")}
        counts = {layers.get(role, role): {self._label(lab): n for lab, n in per.items()}
                  for role, per in figures["labels"].items()}
        labels = sorted({lab for per in counts.values() for lab in per})
        self._chart("labels", self.tr("Label distribution")).bars(counts, labels)
        self._chart("agreement", self.tr("Agreement per label over time")).lines(
            {self._label(lab): line for lab, line in figures["agreement"].items()})
        sources = {source_name(s, self.schema): c for s, c in figures["sources"].items()}
        said = {"accepted": self.tr("accepted"), "edited": self.tr("edited"),
                "rejected": self.tr("rejected"), "undecided": self.tr("undecided")}
        outcomes = {said[o]: {s: c.get(o, 0) for s, c in sources.items()} for o in said}
        self._chart("sources", self.tr("Candidates by rule: accepted, edited, rejected")).bars(
            outcomes, sorted(sources))
        self.tabs.addTab(self._consistency(figures["inconsistencies"]),
                         self.tr("Consistency"))

    def _label(self, name: str) -> str:
        return label_name(self.schema.label(name)) if name in self.schema.names() else name

    def _consistency(self, forms: dict) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderLabels([self.tr("Text"), self.tr("Label"), self.tr("Link"),
                              self.tr("Document"), self.tr("Layer")])
        for form, occurrences in forms.items():
            top = QTreeWidgetItem([form, " / ".join(sorted({o.label for o in occurrences}))])
            for o in occurrences:
                child = QTreeWidgetItem(["", o.label, o.agency_id or "", o.doc_id, o.layer])
                child.setData(0, Qt.ItemDataRole.UserRole, (o.doc_id, o.start))
                top.addChild(child)
            tree.addTopLevelItem(top)
        tree.itemActivated.connect(self._jump)
        self.consistency = tree
        return tree

    def _jump(self, item: QTreeWidgetItem) -> None:
        where = item.data(0, Qt.ItemDataRole.UserRole)
        if where:
            self.jump.emit(*where)
