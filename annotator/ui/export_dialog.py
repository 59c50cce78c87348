"""File ▸ Export and File ▸ Release: the CLI's ``export --format`` and ``release`` in dialogs.

Both run in a background task on their own connection (``tasks``), so a large project is
written while the window keeps answering; what a format could not carry is shown at the end.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.demo import data_dir
from ..core.exchange.export import Selection
from ..core.formats import EXPORT_FORMATS, format_info
from ..core.layers import person_names
from ..core.model import DOC_STATUSES
from ..core.release import ReleaseOptions
from ..core.store import Project
from ..core.usecases.exporting import ExportReport, ReleaseReport, export_documents, release_dataset
from .names import label_name, status_name
from .tasks import Task, with_project


def format_description(fmt: str) -> str:
    """What a format is, from the catalogue, in the interface's language."""
    return format_info(fmt).description(QLocale().language() == QLocale.Language.Chinese)


def add_formats(box: QComboBox) -> None:
    """The catalogue's export formats, by their own names; what each is on hovering."""
    for fmt in EXPORT_FORMATS:
        box.addItem(fmt, fmt)
        box.setItemData(box.count() - 1, format_description(fmt), Qt.ItemDataRole.ToolTipRole)


def export_folder(project_path: Path) -> Path:
    """Where exports go by default: beside the project, unless the project lives in the
    application's own (hidden) data folder, as the demo does; then the user's documents."""
    folder = project_path.resolve().parent
    if folder.is_relative_to(data_dir().resolve()):
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()
    return folder


class ExportDialog(QDialog):
    """Format, layer, status, labels and a target; ``chosen()`` is the request."""

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.project_dir = export_folder(project.path)
        form = QFormLayout()
        self.format = QComboBox(self)
        add_formats(self.format)
        self.layer = QComboBox(self)
        self.layer.addItem(self.tr("Automatic: gold, else the only annotator, else candidates"),
                           None)
        self.layer.addItem(self.tr("Gold (adjudicated)"), "gold")
        for name in person_names(project):
            self.layer.addItem(self.tr("Annotator: {name}").format(name=name), name)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Any status"), None)
        for status in DOC_STATUSES:
            self.status.addItem(status_name(status), status)
        self.labels = {
            lab.name: QCheckBox(f"{label_name(lab)} {lab.name}", self)
            for lab in project.schema.labels
        }
        grid = QGridLayout()
        for i, box in enumerate(self.labels.values()):
            box.setChecked(True)
            grid.addWidget(box, i // 4, i % 4)
        self.target = QLineEdit(self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self.choose_target)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Layer"), self.layer)
        form.addRow(self.tr("Documents"), self.status)
        form.addRow(self.tr("Labels"), grid)
        form.addRow(self.tr("Write to"), row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self.format.currentIndexChanged.connect(lambda _i: self._suggest_target())
        self.target.textChanged.connect(lambda _t: self._update_ok())
        self._suggest_target()

    def chosen(self) -> tuple[str, Path, Selection]:
        layer = self.layer.currentData()
        labels = frozenset(n for n, box in self.labels.items() if box.isChecked())
        selection = Selection(
            status=self.status.currentData(),
            annotator=layer if layer not in (None, "gold") else None,
            gold=layer == "gold",
            labels=None if len(labels) == len(self.labels) else labels,
        )
        return self.format.currentData(), Path(self.target.text()), selection

    def choose_target(self) -> None:
        fmt = self.format.currentData()
        if format_info(fmt).folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the files"),
                                                    self.target.text())
        else:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export to"),
                                                        self.target.text())
        if path:
            self.target.setText(path)

    def _suggest_target(self) -> None:
        info = format_info(self.format.currentData())
        name = f"export-{info.name}" if info.folder else f"export-{info.name}{info.suffix}"
        self.target.setText(str(self.project_dir / name))

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.target.text().strip()))


class ReleaseDialog(QDialog):
    """Target folder, what happens to personal identifiers, split seed and extra formats."""

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Release a dataset"))
        folder = export_folder(project.path)
        self.target = QLineEdit(str(folder / f"{project.path.stem}-release"), self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        self.mask = QRadioButton(self.tr("Mask them with ＊ (offsets stay)"), self)
        self.drop = QRadioButton(self.tr("Leave their documents out"), self)
        self.mask.setChecked(True)
        pii = QVBoxLayout()
        pii.addWidget(self.mask)
        pii.addWidget(self.drop)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 1_000_000)
        self.formats = {f: QCheckBox(f, self) for f in EXPORT_FORMATS if f != "jsonl"}
        grid = QGridLayout()
        for i, (fmt, box) in enumerate(self.formats.items()):
            box.setToolTip(format_description(fmt))
            grid.addWidget(box, i // 4, i % 4)
        form = QFormLayout()
        form.addRow(self.tr("Folder"), row)
        form.addRow(self.tr("Personal identifiers"), pii)
        form.addRow(self.tr("Split seed"), self.seed)
        form.addRow(self.tr("Also write"), grid)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Release"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

    def chosen(self) -> tuple[Path, ReleaseOptions]:
        formats = tuple(f for f, box in self.formats.items() if box.isChecked())
        options = ReleaseOptions(
            pii="mask" if self.mask.isChecked() else "drop", seed=self.seed.value(),
            formats=formats,
        )
        return Path(self.target.text()), options

    def _choose(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Release folder"), self.target.text())
        if path:
            self.target.setText(path)


class WriteRunner(QObject):
    """An export or a release in the background; ``finished(message, ok)`` says how it went."""

    finished = Signal(str, bool)

    def __init__(self, parent: QWidget | None, project_path: Path, job, describe):
        super().__init__(parent)
        self.describe = describe
        self.task = Task(with_project(project_path, lambda p, _progress, _c: job(p)), self)
        self.task.succeeded.connect(lambda result: self.finished.emit(describe(result), True))
        self.task.failed.connect(lambda error: self.finished.emit(str(error), False))

    def start(self) -> None:
        self.task.start()


def export_runner(parent: QWidget | None, project_path: Path, dialog: ExportDialog
                  ) -> WriteRunner:
    fmt, out, selection = dialog.chosen()

    def describe(result: ExportReport) -> str:
        head = QCoreApplication.translate("ExportDialog", "{n} documents written to {out}")
        lines = [head.format(n=result.documents, out=out), *result.notes]
        if result.pii_spans:  # a working copy keeps them: say so every time, as the CLI does
            lines.append(QCoreApplication.translate(
                "ExportDialog", "Warning: {n} personal identifiers (PII spans) were written "
                "unmasked. For a dataset to share, use File → Release a dataset with masking."
            ).format(n=result.pii_spans))
        return "\n".join(lines)

    return WriteRunner(parent, project_path,
                       lambda project: export_documents(project, fmt, out, selection), describe)


def release_runner(parent: QWidget | None, project_path: Path, dialog: ReleaseDialog
                   ) -> WriteRunner:
    out, options = dialog.chosen()

    def describe(release: ReleaseReport) -> str:
        head = QCoreApplication.translate(
            "ReleaseDialog", "Release written to {out}: train {train}, dev {dev}, test {test} "
            "documents")
        head = head.format(out=out, **release.counts)
        return "\n".join([head, *release.notes])

    return WriteRunner(parent, project_path,
                       lambda project: release_dataset(project, out, options), describe)


def show_outcome(parent: QWidget | None, title: str, message: str, ok: bool) -> QMessageBox:
    icon = QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning
    box = QMessageBox(icon, title, message, QMessageBox.StandardButton.Close, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box
