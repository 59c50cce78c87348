"""The current span in detail: its label, the attributes its label carries (a figure's
normalised value), an agency's link, a person's note on it. What the fields may hold is the
schema's and the core's to say; the panel only shows and collects them."""

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

from ..core.editing import AttributeValueError, Gesture, attribute_values
from ..core.kb.model import LEVELS
from ..core.kb.suggestions import AgencyLinks
from ..core.model import COMMENT_LIMIT, Attribute, Label, Span
from ..core.store import spans as spans_store
from ..core.store.spans import SpanError
from .names import label_name, level_name, source_name
from .workbench import Workbench


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
        # one box of fields per label that has attributes, as the schema defines them
        self.fields: dict[str, dict[str, QWidget]] = {}
        self.attribute_boxes = {lab.name: self._attribute_box(lab)
                                for lab in workbench.project.schema.labels if lab.attributes}
        self.agency = self._agency_box()
        self.comment = QLineEdit(self)
        self.comment.setMaxLength(COMMENT_LIMIT)
        self.comment.setPlaceholderText(self.tr("Comment (Enter saves)"))
        self.comment.setToolTip(self.tr("A short note on this span, kept with it and exported"))
        self.comment.editingFinished.connect(self._save_comment)
        self._commented: int | None = None  # the span whose note the field shows
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.detail, self.label, self.comment,
                       *self.attribute_boxes.values(), self.agency):
            layout.addWidget(widget)
        layout.addStretch(1)
        workbench.current.changed.connect(lambda _doc, _span: self.refresh())
        workbench.history.changed.connect(self.show_changes)
        self.refresh()

    def widest(self) -> int:
        """A width that fits whatever the panel may show, so it can be fixed once."""
        margins = self.layout().contentsMargins()
        return margins.left() + margins.right() + max(
            widget.minimumSizeHint().width()
            for widget in (self.label, *self.attribute_boxes.values(), self.agency))

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

    def show_changes(self, record: Gesture) -> None:
        """A change record: shown again if it touched the current span; an entry it created
        or removed makes the linker rebuild. A window torn down after its project closed has
        nothing to show."""
        if record.agencies:
            self._links = None
        touched = {c.span_id for c in record.changes}
        if self.bench.project.db is not None and (
                record.agencies or self.bench.current.span_id in touched):
            self.refresh()

    def kb_changed(self) -> None:
        """Entries were added or merged elsewhere: rebuild the linker when next needed."""
        self._links = None
        self.refresh()

    # -- building -------------------------------------------------------------------------------
    def _attribute_box(self, label: Label) -> QGroupBox:
        box = QGroupBox(label_name(label), self)
        form = QFormLayout(box)
        fields: dict[str, QWidget] = {}
        for attribute in label.attributes:
            name = attribute.zh if self.zh else attribute.en
            field = _field(attribute, name, box)
            if isinstance(field, QLineEdit):
                field.returnPressed.connect(self._save_attributes)
            if isinstance(field, QCheckBox):
                form.addRow(field)
            else:
                form.addRow(name, field)
            fields[attribute.name] = field
        save = QPushButton(self.tr("Save attributes"), box)
        save.clicked.connect(self._save_attributes)
        form.addRow(save)
        self.fields[label.name] = fields
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
        """Show the current span; a panel with no span shown, or gold's, cannot edit."""
        span = self.span
        self.setEnabled(span is not None and not self.bench.show_gold)
        for name, box in self.attribute_boxes.items():
            box.setVisible(span is not None and span.label == name)
        self.agency.setVisible(span is not None and self._linkable(span.label))
        self._commented = span.id if span is not None else None
        self.comment.setText((span.comment or "") if span is not None else "")
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
        if span.label in self.attribute_boxes:
            self._show_attributes(span)
        if self._linkable(span.label) and doc is not None:
            self._show_agency(span, doc)

    def _linkable(self, label: str) -> bool:
        try:
            return self.bench.project.schema.label(label).linkable
        except KeyError:
            return False

    def _show_attributes(self, span: Span) -> None:
        for name, field in self.fields[span.label].items():
            value = span.attrs.get(name)
            if isinstance(field, QCheckBox):
                field.setChecked(bool(value))
            elif isinstance(field, QComboBox):
                field.setCurrentIndex(max(0, field.findText(str(value or ""))))
            elif isinstance(field, QLineEdit):
                field.setText("" if value is None else str(value))

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

    def _save_attributes(self) -> None:
        """What the fields hold, read by the core as the label's schema says."""
        span = self.bench.current_span()
        if span is None or span.label not in self.fields:
            return
        entered = {name: _entered(field) for name, field in self.fields[span.label].items()}
        try:
            attribute_values(self.bench.project.schema.label(span.label), entered)
        except AttributeValueError as exc:
            name = exc.attribute.zh if self.zh else exc.attribute.en
            self.bench.failed.emit(self.tr("{name}: “{text}” is not a number").format(
                name=name, text=exc.text))
            return
        self.bench.act_on_current(
            lambda current: self.bench.editor.enter_attributes(current.id, entered))

    def _save_comment(self) -> None:
        """Enter or leaving the field: the note on the span it was showing, when it changed.
        An unchanged note writes nothing, so moving through the panel adds no undo step."""
        span_id, note = self._commented, self.comment.text().strip()
        if span_id is None or self.bench.project.db is None:
            return
        try:
            held = spans_store.get(self.bench.project, span_id).comment or ""
        except SpanError:
            return
        if note != held:
            self.bench.perform(lambda: self.bench.editor.comment(span_id, note))

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
        agency = self.links.entry(*dialog.values(), annotator=self.bench.editor.name,
                                  mention=mention)
        self.bench.act_on_current(
            lambda current: self.bench.editor.link_new_agency(current.id, agency))


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


def _field(attribute: Attribute, name: str, parent: QWidget) -> QWidget:
    """The input for one attribute, by its kind."""
    if attribute.kind == "flag":
        return QCheckBox(name, parent)
    if attribute.kind == "choice":
        box = QComboBox(parent)
        box.addItems(list(attribute.choices))
        return box
    return QLineEdit(parent)


def _entered(field: QWidget) -> object:
    if isinstance(field, QCheckBox):
        return field.isChecked()
    if isinstance(field, QComboBox):
        return field.currentText()
    return field.text() if isinstance(field, QLineEdit) else None
