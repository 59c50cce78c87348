"""The current span in detail: its label, a figure's normalised value, an agency's link."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.kb.model import LEVELS
from ..core.kb.suggestions import AgencyLinks
from ..core.model import Span
from ..core.store import spans as spans_store
from ..core.store.spans import SpanError
from .names import level_name, source_name
from .workbench import Workbench

COMPARATORS = ("=", ">", "<", "≈")


class SpanPanel(QWidget):
    """Shows and edits the window's current span. It keeps no span of its own: with none
    current it is disabled, and every action goes through the workbench, which acts only on a
    span of the document on screen."""

    def __init__(self, workbench: Workbench, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.bench = workbench
        self._links: AgencyLinks | None = None
        self.zh = language.startswith("zh")
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.label = QComboBox(self)
        self.label.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.label.setMinimumContentsLength(8)
        for lab in workbench.project.schema.labels:
            self.label.addItem(f"{lab.zh if self.zh else lab.en} ({lab.hotkey})", lab.name)
        self.label.activated.connect(self._relabel)
        self.figure = self._figure_box()
        self.agency = self._agency_box()
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.detail, self.label, self.figure, self.agency):
            layout.addWidget(widget)
        layout.addStretch(1)
        workbench.current.changed.connect(lambda _doc, _span: self.refresh())
        workbench.undo_stack.indexChanged.connect(lambda _i: self._refresh())
        self.refresh()

    def widest(self) -> int:
        """A width that fits whatever the panel may show, so it can be fixed once."""
        margins = self.layout().contentsMargins()
        return margins.left() + margins.right() + max(
            widget.minimumSizeHint().width() for widget in (self.label, self.figure, self.agency))

    @property
    def links(self) -> AgencyLinks:
        """Built on the first AGENCY span, so opening the window does not wait for it."""
        if self._links is None:
            self._links = AgencyLinks(self.bench.project)
        return self._links

    @property
    def span(self) -> Span | None:
        """The current span as the project file holds it (attributes, link), or None."""
        span = self.bench.current_span()
        if span is None or span.id is None:
            return None
        try:
            return spans_store.get(self.bench.project, span.id)
        except SpanError:
            return None

    def _refresh(self) -> None:
        """After undo or redo; a window torn down after its project closed has nothing to show."""
        if self.bench.project.db is not None:
            self.refresh()

    def kb_changed(self) -> None:
        """Entries were added or merged elsewhere: rebuild the linker when next needed."""
        self._links = None
        self.refresh()

    # -- building -------------------------------------------------------------------------------
    def _figure_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Figure"), self)
        form = QFormLayout(box)
        self.value = QLineEdit(box)
        self.unit = QLineEdit(box)
        self.approx = QCheckBox(self.tr("approximate"), box)
        self.comparator = QComboBox(box)
        self.comparator.addItems(COMPARATORS)
        save = QPushButton(self.tr("Save attributes"), box)
        save.clicked.connect(self._save_figure)
        self.value.returnPressed.connect(self._save_figure)
        self.unit.returnPressed.connect(self._save_figure)
        form.addRow(self.tr("Value"), self.value)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.approx)
        form.addRow(self.tr("Comparator"), self.comparator)
        form.addRow(save)
        return box

    def _agency_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Agency link"), self)
        column = QVBoxLayout(box)
        self.linked = QLabel(box)
        self.linked.setWordWrap(True)
        self.search = QLineEdit(box)
        self.search.setPlaceholderText(self.tr("Search names and aliases…"))
        self.search.textEdited.connect(self._search)
        self.choices = QListWidget(box)
        self.choices.itemActivated.connect(self._link_item)
        buttons = QHBoxLayout()
        link = QPushButton(self.tr("Link"), box)
        link.clicked.connect(lambda: self._link_item(self.choices.currentItem()))
        create = QPushButton(self.tr("New agency…"), box)
        create.clicked.connect(self.create_agency)
        self.missing = QPushButton(self.tr("Not in KB"), box)
        self.missing.clicked.connect(self._not_in_kb)
        for button in (link, create, self.missing):
            buttons.addWidget(button)
        for widget in (self.linked, self.search, self.choices):
            column.addWidget(widget)
        column.addLayout(buttons)
        return box

    # -- showing ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the current span; a panel with no span shown cannot edit anything."""
        span = self.span
        self.setEnabled(span is not None)
        self.figure.setVisible(span is not None and span.label == "FIGURE")
        self.agency.setVisible(span is not None and span.label == "AGENCY")
        if span is None:
            self.label.setCurrentIndex(-1)
            self.heading.setText(self.tr("No span at the cursor"))
            self.detail.setText(self.tr("Tab goes to the next candidate."))
            return
        doc = self.bench.document
        self.heading.setText(doc.text[span.start:span.end] if doc else "")
        origin = {"suggested": self.tr("candidate"), "accepted": self.tr("accepted"),
                  "edited": self.tr("edited"), "manual": self.tr("manual")}[span.origin]
        source = (f" · {source_name(span.source)} {span.score:.2f}"
                  if span.source and span.score else "")
        self.detail.setText(f"{origin}{source} · [{span.start}, {span.end})")
        self.label.setCurrentIndex(max(0, self.label.findData(span.label)))
        if span.label == "FIGURE":
            self._show_figure(span)
        elif span.label == "AGENCY" and doc is not None:
            self._show_agency(span, doc)

    def _show_figure(self, span: Span) -> None:
        attrs = span.attrs
        self.value.setText("" if attrs.get("value") is None else str(attrs["value"]))
        self.unit.setText(str(attrs.get("unit") or ""))
        self.approx.setChecked(bool(attrs.get("approx")))
        self.comparator.setCurrentText(attrs.get("comparator") or "=")

    def _show_agency(self, span: Span, doc) -> None:
        if span.agency_id:
            self.linked.setText(self.tr("Linked: {name}").format(name=span.agency_name))
        elif span.attrs.get("not_in_kb"):
            self.linked.setText(self.tr("Marked: not in the knowledge base"))
        else:
            self.linked.setText(self.tr("Not linked yet"))
        self.search.clear()
        self.choices.clear()
        for link in self.links.suggest(doc, span):
            self._add_choice(link.agency_id, link.name, link.level, link.region, link.score)
        if self.choices.count():
            self.choices.setCurrentRow(0)

    def _add_choice(self, agency_id: str, name: str, level, region, score=None) -> None:
        extra = " · ".join(str(x) for x in (level_name(level), region) if x)
        label = f"{name}  ({extra})" if extra else name
        if agency_id.startswith("new:"):
            label = self.tr("Create: {name}").format(name=name)
        elif score is not None:
            label += f"  {score:.2f}"
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, (agency_id, name))
        self.choices.addItem(item)

    # -- actions ----------------------------------------------------------------------------------
    def _relabel(self, index: int) -> None:
        label, span = self.label.itemData(index), self.bench.current_span()
        if span is not None and span.label != label:
            self.bench.act_on_current(lambda current: self.bench.editor.relabel(current.id, label))

    def _save_figure(self) -> None:
        try:
            value = float(self.value.text()) if self.value.text().strip() else None
        except ValueError:
            self.bench.failed.emit(self.tr("the value must be a number"))
            return
        if value is not None and value.is_integer():
            value = int(value)
        fields = {"value": value, "unit": self.unit.text().strip(),
                  "approx": self.approx.isChecked(), "comparator": self.comparator.currentText()}
        self.bench.act_on_current(lambda span: self.bench.editor.set_attrs(
            span.id, {**spans_store.get(self.bench.project, span.id).attrs, **fields}))

    def _search(self, query: str) -> None:
        self.choices.clear()
        for agency in self.links.search(query, doc=self.bench.document):
            self._add_choice(agency.id, agency.name, agency.level, agency.region)

    def _link_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        agency_id, name = item.data(Qt.ItemDataRole.UserRole)
        if agency_id.startswith("new:"):
            self.create_agency(name)
            return
        self.links.adopt(agency_id, self.bench.editor.name)  # a composed entry joins the project
        self.bench.act_on_current(lambda span: self.bench.editor.link(span.id, agency_id, name))

    def _not_in_kb(self) -> None:
        self.bench.act_on_current(lambda span: self.bench.editor.link(span.id, None))

    def create_agency(self, name: str | None = None) -> None:
        """A body the knowledge base lacks: enter it, then link the span to it."""
        span = self.bench.current_span()
        if span is None or self.bench.document is None:
            return
        mention = self.bench.document.text[span.start:span.end]
        dialog = NewAgencyDialog(self, self.links, name or mention)
        if dialog.exec() != QDialog.DialogCode.Accepted or self.bench.current_span() != span:
            return
        agency = self.links.create(*dialog.values(), annotator=self.bench.editor.name,
                                   mention=mention)
        self.bench.act_on_current(
            lambda current: self.bench.editor.link(current.id, agency.id, agency.name))


class NewAgencyDialog(QDialog):
    def __init__(self, parent: QWidget, links: AgencyLinks, name: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New agency"))
        self.name = QLineEdit(name, self)
        self.level = QComboBox(self)
        self.level.addItem("", None)
        for level in LEVELS:
            self.level.addItem(level_name(level), level)
        self.region = QLineEdit(self)
        self.parent_box = QComboBox(self)
        self.parent_box.setEditable(True)
        self.parent_box.lineEdit().textEdited.connect(lambda text: self._parents(links, text))
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("Parent body"), self.parent_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _parents(self, links: AgencyLinks, text: str) -> None:
        current = self.parent_box.currentText()
        self.parent_box.blockSignals(True)
        self.parent_box.clear()
        for agency in links.search(text, 15):
            self.parent_box.addItem(agency.name, agency.id)
        self.parent_box.setEditText(current)
        self.parent_box.blockSignals(False)

    def values(self) -> tuple[str, str | None, str | None, str | None]:
        index = self.parent_box.findText(self.parent_box.currentText())
        parent = self.parent_box.itemData(index) if index >= 0 else None
        return (self.name.text().strip(), self.level.currentData(),
                self.region.text().strip() or None, parent)
