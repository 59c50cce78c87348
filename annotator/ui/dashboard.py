"""Dashboards: progress, throughput, labels, agreement, rule outcomes, inconsistencies.

Each chart is a pyqtgraph plot that can be saved as PNG; the figures come from
``annotator.core.insights`` and ``annotator.core.agreement.over_time`` and are read in the
background.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import insights
from ..core.agreement.over_time import Trend, trends
from ..core.store import Project
from .names import label_name, source_name, status_name
from .tasks import Task, with_project

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf"]
MOST_TICK_LABELS = 8  # more along the bottom axis and their texts would run into each other


def collect(project: Project) -> dict:
    return {
        "progress": insights.progress_over_time(project),
        "throughput": insights.throughput(project),
        "labels": insights.label_distribution(project),
        "sources": insights.source_outcomes(project),
        "agreement": trends(project),
        "inconsistencies": insights.inconsistencies(project),
    }


def _ticks(names: list[str]) -> list[list[tuple[float, str]]]:
    """Every name labelled when they fit; else every k-th, the rest as minor ticks."""
    step = max(1, -(-len(names) // MOST_TICK_LABELS))
    major = [(i, n) for i, n in enumerate(names) if i % step == 0]
    minor = [(i, "") for i in range(len(names)) if i % step]
    return [major, minor]


class Chart(QWidget):
    """A plot, its legend in a row of its own under the axes (so it never covers a line,
    a bar or an axis title), and a 'Save as PNG' button. With nothing to draw it says so
    instead of showing empty axes."""

    def __init__(self, title: str, left: str, bottom: str, parent: QWidget | None = None,
                 hint: str = ""):
        super().__init__(parent)
        self.hint = hint  # what would bring data, said under "no data"
        self.plot = pg.PlotWidget(title=title)
        self.plot.setBackground("w")
        self.plot.setLabel("left", left)
        self.plot.setLabel("bottom", bottom)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("no-data")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.empty)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_dialog)
        bottom_row = QHBoxLayout()
        bottom_row.addWidget(self.legend, 1)
        bottom_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom_row)
        self.retranslate(title)

    def retranslate(self, title: str | None = None) -> None:
        if title is not None:
            self.title = title
            self.plot.setTitle(title)
        empty = self.tr("{title}: no data yet").format(title=self.title)
        self.empty.setText(f"{empty}\n{self.hint}" if self.hint else empty)
        self.save_button.setText(self.tr("Save as PNG…"))

    @property
    def has_data(self) -> bool:
        return self.stack.currentWidget() is self.plot

    def _show(self, names: list[str]) -> None:
        """The plot with a legend of ``names`` (in their colours), or 'no data'."""
        self.stack.setCurrentWidget(self.plot if names else self.empty)
        self.save_button.setEnabled(bool(names))
        self.legend.setText("&nbsp;&nbsp; ".join(
            f'<span style="color:{COLOURS[k % len(COLOURS)]}">■</span>&nbsp;{escape(name)}'
            for k, name in enumerate(names)))
        self.legend.setVisible(bool(names))

    def lines(self, series: dict[str, dict[str, float]], top: float | None = None) -> None:
        """One line per name over the periods that any series covers; ``top`` fixes the
        height of the axis (a share tops out at 1)."""
        self.plot.clear()
        series = {name: values for name, values in series.items() if values}
        periods = sorted({d for values in series.values() for d in values})
        self.plot.getAxis("bottom").setTicks(_ticks(periods))
        for k, values in enumerate(series.values()):
            xs = [i for i, d in enumerate(periods) if d in values]
            self.plot.plot(xs, [values[periods[i]] for i in xs], symbol="o",
                           pen=pg.mkPen(COLOURS[k % len(COLOURS)], width=2),
                           symbolBrush=COLOURS[k % len(COLOURS)])
        highest = max((v for values in series.values() for v in values.values()), default=0)
        self.plot.setYRange(0, top or max(highest, 1) * 1.1)  # counts and shares from zero
        self.plot.setXRange(-0.5, max(len(periods) - 0.5, 0.5))
        self._show(list(series))

    def bars(self, groups: dict[str, dict[str, float]], categories: list[str]) -> None:
        """Grouped bars: one group per category, one bar per series."""
        self.plot.clear()
        groups = {name: values for name, values in groups.items() if any(values.values())}
        width = 0.8 / max(1, len(groups))
        self.plot.getAxis("bottom").setTicks(_ticks(categories))
        for k, values in enumerate(groups.values()):
            xs = [i - 0.4 + width * (k + 0.5) for i in range(len(categories))]
            heights = [values.get(c, 0) for c in categories]
            self.plot.addItem(pg.BarGraphItem(x=xs, height=heights, width=width,
                                              brush=COLOURS[k % len(COLOURS)]))
        self.plot.setXRange(-0.5, max(len(categories) - 0.5, 0.5))
        self._show(list(groups) if categories else [])

    def save(self, path: str | Path) -> None:
        """The chart as shown, legend included, without its button."""
        self.save_button.hide()
        try:
            self.grab().save(str(path), "PNG")
        finally:
            self.save_button.show()

    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart"), "chart.png",
                                              "PNG (*.png)")
        if path:
            self.save(path)


class Dashboard(QDialog):
    jump = Signal(str, int)  # doc id, offset: show this place in the workbench

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.schema = project.schema
        self.resize(980, 640)
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.charts: dict[str, Chart] = {}
        self.figures: dict | None = None
        self.period = QComboBox(self)
        self.period.currentIndexChanged.connect(self._draw_agreement)
        self.setWindowTitle(self.tr("Dashboards"))
        self.task = Task(with_project(project.path, lambda p, _pr, _c: collect(p)), self)
        self.task.succeeded.connect(self.show_figures)
        self.task.start()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Another interface language: every title, axis, legend and tab again."""
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Dashboards"))
            if self.figures is not None:
                self.show_figures(self.figures)
        super().changeEvent(event)

    def _chart(self, key: str, title: str, left: str, bottom: str,
               page: QWidget | None = None, hint: str = "") -> Chart:
        chart = Chart(title, left, bottom, self, hint)
        self.charts[key] = chart
        self.tabs.addTab(page or chart, title)
        return chart

    def show_figures(self, figures: dict) -> None:
        self.figures = figures
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.charts.clear()
        day = self.tr("day")
        progress = figures["progress"]
        statuses = sorted({s for day_ in progress.values() for s in day_})
        self._chart("progress", self.tr("Progress by status"), self.tr("documents"), day).lines(
            {status_name(s): {d: v.get(s, 0) for d, v in progress.items()} for s in statuses})
        self._chart("throughput", self.tr("Throughput per annotator"), self.tr("span actions"),
                    day).lines(dict(sorted(figures["throughput"].items())))
        layers = {"machine": self.tr("candidates"), "annotator": self.tr("annotators"),
                  "gold": self.tr("gold")}
        counts = {layers.get(role, role): {self._label(lab): n for lab, n in per.items()}
                  for role, per in sorted(figures["labels"].items())}
        labels = sorted({lab for per in counts.values() for lab in per})
        self._chart("labels", self.tr("Label distribution"), self.tr("spans"),
                    self.tr("label")).bars(counts, labels)
        self._agreement_tab()
        sources = {source_name(s, self.schema): c for s, c in figures["sources"].items()}
        said = {"accepted": self.tr("accepted"), "edited": self.tr("edited"),
                "rejected": self.tr("rejected"), "undecided": self.tr("undecided")}
        outcomes = {said[o]: {s: c.get(o, 0) for s, c in sources.items()} for o in said}
        self._chart("sources", self.tr("Candidates by rule: accepted, edited, rejected"),
                    self.tr("candidates"), self.tr("rule")).bars(outcomes, sorted(sources))
        self.tabs.addTab(self._consistency(figures["inconsistencies"]),
                         self.tr("Consistency"))
        self.tabs.setCurrentIndex(max(current, 0))

    def _agreement_tab(self) -> None:
        """Agreement over time, per day or per week, with a line per pair of annotators."""
        page = QWidget(self)
        chosen = self.period.currentData() or "day"
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItem(self.tr("per day"), "day")
        self.period.addItem(self.tr("per week"), "week")
        self.period.setCurrentIndex(self.period.findData(chosen))
        self.period.blockSignals(False)
        self.period.setParent(page)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Documents finished"), page))
        row.addWidget(self.period)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self._chart("agreement", self.tr("Agreement over time"), self.tr("span F1 (exact)"),
                    "", page, self.tr("Agreement is measured on documents that two or more "
                                      "annotators have finished."))
        layout.addWidget(self.charts["agreement"], 1)
        self._draw_agreement()

    def _draw_agreement(self) -> None:
        chart = self.charts.get("agreement")
        if chart is None or self.figures is None:
            return
        period = self.period.currentData() or "day"
        trend: Trend = self.figures["agreement"][period]
        chart.plot.setLabel("bottom", self.tr("day") if period == "day" else self.tr("week"))
        series = {self.tr("all annotators"): trend.pooled} if trend.pooled else {}
        chart.lines({**series, **trend.pairs}, top=1.05)

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
