"""Team ▸ Assign documents and Team ▸ Pack for an annotator: the CLI's ``assign`` and ``pack``.

The assign dialog previews the batches as the options change (a dry run on the window's
connection, quick even for thousands of documents), so the lead sees what OK will store.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.store import Project, ProjectError
from ..core.team.assign import AssignReport, DocFilter, plan, select_documents
from ..core.team.layers import annotator_names, batches_by_annotator
from .filters import label_box, status_box

PREVIEW_DELAY_MS = 150  # typing a name or a number re-plans once, not per keystroke


def batch_ranges(batches: list[int]) -> str:
    """1, 1, 2, 3, 5 → "1–3, 5": a long list of batches stays short."""
    runs: list[list[int]] = []
    for b in sorted(set(batches)):
        if runs and b == runs[-1][-1] + 1:
            runs[-1].append(b)
        else:
            runs.append([b])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _ok(buttons: QDialogButtonBox) -> QPushButton:
    return buttons.button(QDialogButtonBox.StandardButton.Ok)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    _ok(buttons).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class AssignDialog(QDialog):
    """Which documents, which annotators, how many per double-annotated document, a seed."""

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Assign documents"))
        self.timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.update_preview)
        self.report: AssignReport | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._documents_form(project))
        layout.addLayout(self._annotators_row())
        layout.addLayout(self._options_form())
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.preview = QTableWidget(0, 3, self)
        self.preview.setHorizontalHeaderLabels(
            [self.tr("Annotator"), self.tr("Documents"), self.tr("Batches")])
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        self.buttons = _buttons(self, self.tr("Assign"))
        layout.addWidget(self.buttons)
        self.setMinimumSize(620, 640)
        self.update_preview()

    # -- building -----------------------------------------------------------------------------
    def _documents_form(self, project: Project) -> QFormLayout:
        self.status = status_box(self, self.tr("All documents"))
        self.label = label_box(self, project.schema.labels, self.tr("Any label"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Words in the title or text (optional)"))
        for combo in (self.status, self.label):
            combo.currentIndexChanged.connect(self.schedule)
        self.query.textChanged.connect(self.schedule)
        form = QFormLayout()
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("With a span of"), self.label)
        form.addRow(self.tr("Containing"), self.query)
        return form

    def _annotators_row(self) -> QVBoxLayout:
        self.annotators = QListWidget(self)
        self.annotators.setMaximumHeight(130)
        for name in annotator_names(self.project):
            self.add_annotator(name, checked=False)
        self.annotators.itemChanged.connect(lambda _item: self.schedule())
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(self.tr("Another annotator's name"))
        add = QPushButton(self.tr("Add"), self)
        add.clicked.connect(self._add_typed)
        self.new_name.returnPressed.connect(self._add_typed)
        row = QHBoxLayout()
        row.addWidget(self.new_name, 1)
        row.addWidget(add)
        box = QVBoxLayout()
        box.addWidget(QLabel(self.tr("Annotators"), self))
        box.addWidget(self.annotators)
        box.addLayout(row)
        return box

    def _options_form(self) -> QFormLayout:
        self.overlap = QSpinBox(self)
        self.overlap.setRange(0, 100)
        self.overlap.setSuffix(" %")
        self.k = QSpinBox(self)
        self.k.setRange(2, 99)
        self.batch = QSpinBox(self)
        self.batch.setRange(0, 100_000)
        self.batch.setSpecialValueText(self.tr("one batch"))
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 999_999)
        self.seed.setSpecialValueText(self.tr("the project's own (as on the command line)"))
        for spin in (self.overlap, self.k, self.batch, self.seed):
            spin.valueChanged.connect(self.schedule)
        form = QFormLayout()
        form.addRow(self.tr("Double-annotated share"), self.overlap)
        form.addRow(self.tr("Annotators per double-annotated document"), self.k)
        form.addRow(self.tr("Documents per batch"), self.batch)
        form.addRow(self.tr("Seed"), self.seed)
        return form

    # -- annotators ---------------------------------------------------------------------------
    def add_annotator(self, name: str, checked: bool = True) -> None:
        """Add a name to the list (or check it if it is there already)."""
        name = name.strip()
        if not name:
            return
        found = self.annotators.findItems(name, Qt.MatchFlag.MatchExactly)
        item = found[0] if found else QListWidgetItem(name, self.annotators)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _add_typed(self) -> None:
        for name in self.new_name.text().replace("，", ",").split(","):
            self.add_annotator(name)
        self.new_name.clear()

    def chosen_annotators(self) -> list[str]:
        items = (self.annotators.item(i) for i in range(self.annotators.count()))
        return [it.text() for it in items if it.checkState() == Qt.CheckState.Checked]

    # -- the request and its preview ----------------------------------------------------------
    def chosen(self) -> dict:
        """The keyword arguments of ``assign.assign``."""
        return {
            "annotators": self.chosen_annotators(),
            "flt": DocFilter(status=self.status.currentData(), label=self.label.currentData(),
                             query=self.query.text().strip() or None),
            "overlap": self.overlap.value() / 100,
            "k": self.k.value(),
            "batch_size": self.batch.value() or None,
            "seed": self.seed.value(),
        }

    def schedule(self) -> None:
        self.timer.start()

    def update_preview(self) -> None:
        """Plan without storing: what OK would assign, or why it cannot."""
        self.timer.stop()
        request = self.chosen()
        self.report = None
        try:
            doc_ids = select_documents(self.project, request.pop("flt"))
            names = len(request["annotators"])
            if request["overlap"] and names and not 2 <= request["k"] <= names:
                self._show_problem(self.tr(
                    "Double annotation needs at least 2 annotators per document and no more than "
                    "the {n} chosen.").format(n=names))
                return
            if names:
                self.report = plan(self.project, doc_ids, **request)
        except ProjectError as exc:  # TeamError: options that cannot work, with the reason
            self._show_problem(str(exc))
            return
        if self.report is None:
            self._show_problem(self.tr("{n} documents match. Choose at least one annotator.")
                               .format(n=len(doc_ids)))
            return
        self._show_plan(len(doc_ids), self.report)

    def _show_problem(self, text: str) -> None:
        self.summary.setText(text)
        self.preview.setRowCount(0)
        _ok(self.buttons).setEnabled(False)

    def _show_plan(self, matching: int, report: AssignReport) -> None:
        placed = len({a.doc_id for a in report.assignments})
        self.summary.setText(self.tr(
            "{n} documents match; {new} not yet assigned will go out, {double} of them to more "
            "than one annotator; {skipped} already have an annotator and stay as they are."
        ).format(n=matching, new=placed, double=report.double, skipped=report.skipped))
        groups = report.by_annotator()
        self.preview.setRowCount(len(groups))
        for row, (name, rows) in enumerate(sorted(groups.items())):
            values = (name, str(len(rows)), batch_ranges([a.batch for a in rows]))
            for column, text in enumerate(values):
                self.preview.setItem(row, column, QTableWidgetItem(text))
        _ok(self.buttons).setEnabled(placed > 0)


class PackDialog(QDialog):
    """An annotator, one batch or all, and the package file to write."""

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pack for an annotator"))
        self.folder = project.path.parent
        self.batches = batches_by_annotator(project)
        self.annotator = QComboBox(self)
        for name, batches in sorted(self.batches.items()):
            text = self.tr("{name} — {n} documents").format(name=name, n=sum(batches.values()))
            self.annotator.addItem(text, name)
        self.batch = QComboBox(self)
        self.target = QLineEdit(self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self.choose_target)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        self.overwrite = QCheckBox(self.tr("Replace the file if it exists"), self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Annotator"), self.annotator)
        form.addRow(self.tr("Batch"), self.batch)
        form.addRow(self.tr("Write to"), row)
        form.addRow("", self.overwrite)
        self.buttons = _buttons(self, self.tr("Pack"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.annotator.currentIndexChanged.connect(lambda _i: self._fill_batches())
        self.batch.currentIndexChanged.connect(lambda _i: self._suggest_target())
        self.target.textChanged.connect(lambda _t: self._update_ok())
        self.overwrite.toggled.connect(lambda _on: self._update_ok())
        self._fill_batches()

    def chosen(self) -> tuple[str, Path, int | None, bool]:
        """(annotator, package path, batch or None for all, overwrite)."""
        return (self.annotator.currentData(), Path(self.target.text().strip()),
                self.batch.currentData(), self.overwrite.isChecked())

    def choose_target(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Package file"), self.target.text(),
            self.tr("Annotation projects (*.annot)"))
        if path:
            self.target.setText(path if path.endswith(".annot") else path + ".annot")
            self.overwrite.setChecked(Path(self.target.text()).exists())

    def _fill_batches(self) -> None:
        self.batch.clear()
        batches = self.batches.get(self.annotator.currentData(), {})
        if len(batches) != 1:
            self.batch.addItem(self.tr("All batches"), None)
        for number, docs in sorted(batches.items()):
            self.batch.addItem(self.tr("Batch {b} — {n} documents").format(b=number, n=docs),
                               number)
        self._suggest_target()

    def _suggest_target(self) -> None:
        name, batch = self.annotator.currentData(), self.batch.currentData()
        stem = f"{name}-batch{batch}" if batch is not None else name
        self.target.setText(str(self.folder / f"{stem}.annot") if name else "")
        self._update_ok()

    def _update_ok(self) -> None:
        """OK only for a file that can be written; the hint says what the package is, or
        why OK is off."""
        target = self.target.text().strip()
        taken = bool(target) and Path(target).exists() and not self.overwrite.isChecked()
        if self.annotator.currentData() is None:
            hint = self.tr("No documents are assigned yet: assign documents first.")
        elif taken:
            hint = self.tr("A file of that name exists: tick “Replace the file if it exists” "
                           "or choose another name.")
        else:
            hint = self.tr("The package holds the documents, the schema and the knowledge base. "
                           "The annotator opens it in this application and sends it back to be "
                           "collected.")
        self.hint.setText(hint)
        _ok(self.buttons).setEnabled(bool(self.annotator.currentData() and target) and not taken)
