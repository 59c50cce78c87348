"""File ▸ Import: the command line's ``import`` in a dialog, run in the background.

``ImportDialog`` asks what the files are (this tool's own, known by suffix, or another
tool's export) and the command line's options; the import itself is the core's use case
(``usecases.importing``), run on its own connection in a worker thread (``tasks``), so the
window keeps painting. Cancel stops reading before the next file; what was read is still
stored, each batch committed whole, and what was committed stays (imports are idempotent,
so running the same import again completes it). The summary lists every problem with its
file and line, and what another tool's format could not carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.formats import CATALOGUE, IMPORT_FORMATS, format_info
from ..core.store import Project
from ..core.usecases.importing import ImportOutcome, ImportRequest, guess_format, import_files
from .progress import ProgressRunner
from .tasks import Cancelled, Progress, ProjectJob


def import_job(request: ImportRequest) -> ProjectJob:
    """The Qt-free work: the core's import use case on the job's own connection."""

    def job(project: Project, progress: Progress, cancelled: Cancelled) -> ImportOutcome:
        return import_files(project, request, progress, cancelled)

    return job


def request_for(paths: Sequence[str | Path], **options) -> ImportRequest:
    """An import of ``paths`` with the command line's options (keywords of ``ImportRequest``)."""
    return ImportRequest(tuple(Path(p) for p in paths), **options)


def _chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


def import_file_filter() -> str:
    """The file dialog's filter: every suffix an import reads, this tool's and other tools'."""
    suffixes = sorted({s for f in CATALOGUE if f.reads for s in f.suffixes})
    patterns = " ".join(f"*{s}" for s in suffixes)
    return QCoreApplication.translate("ImportDialog", "Files to import ({patterns});;All files "
                                      "(*)").format(patterns=patterns)


class ImportDialog(QDialog):
    """What the chosen files are and how to import them; ``chosen()`` is the request.

    The format starts as guessed from the first file (``guess_format``); another tool's
    spans go to an annotator's layer, which is asked for then (the user's name by default).
    """

    def __init__(self, project: Project, paths: Sequence[str | Path], annotator: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))
        self.paths = tuple(Path(p) for p in paths)
        listed = QPlainTextEdit("\n".join(map(str, self.paths)), self)
        listed.setReadOnly(True)
        listed.setMaximumHeight(90)
        self.format = QComboBox(self)
        self.format.addItem(self.tr("This tool's files, by suffix (articles, web pages, "
                                    "tables, document lines)"), None)
        native = [f.description(_chinese()) for f in CATALOGUE if f.native and f.reads]
        self.format.setItemData(0, "\n".join(native), Qt.ItemDataRole.ToolTipRole)
        for name in IMPORT_FORMATS:
            self.format.addItem(format_info(name).description(_chinese()), name)
        guessed = guess_format(self.paths)
        self.format.setCurrentIndex(max(0, self.format.findData(guessed)))
        self.split_stories = QCheckBox(self.tr("One document per story on a newspaper page"),
                                       self)
        self.split_stories.setChecked(True)
        self.region = QLineEdit(project.setting("region") or "", self)
        self.region.setPlaceholderText(self.tr("e.g. 重庆市"))
        self.prehighlight = QCheckBox(self.tr("Pre-highlight the new documents (machine "
                                              "candidates)"), self)
        self.prehighlight.setChecked(True)
        self.default_annotator = annotator
        self.annotator = QLineEdit(self)
        self.text_column = QLineEdit("text", self)
        form = QFormLayout()
        form.addRow(self.tr("Files"), listed)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Stories"), self.split_stories)
        form.addRow(self.tr("Region when the text names none"), self.region)
        form.addRow(self.tr("Candidates"), self.prehighlight)
        form.addRow(self.tr("Annotator of the file's annotations"), self.annotator)
        form.addRow(self.tr("Table column holding the text"), self.text_column)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self.format.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.annotator.textChanged.connect(lambda _t: self._update())
        self._format_changed()

    def chosen(self) -> ImportRequest:
        foreign = self.format.currentData()
        return ImportRequest(
            self.paths,
            format=foreign,
            split_stories=self.split_stories.isChecked(),
            region=self.region.text().strip() or None,
            prehighlight=self.prehighlight.isChecked(),
            annotator=self.annotator.text().strip() or None,
            text_column=self.text_column.text().strip() or "text",
        )

    def _format_changed(self) -> None:
        """Another tool's annotations are someone's work: the user's own name is offered.
        This tool's document lines name their layers themselves unless told otherwise."""
        foreign = self.format.currentData() is not None
        text = self.annotator.text().strip()
        if foreign and not text:
            self.annotator.setText(self.default_annotator)
        elif not foreign and text == self.default_annotator:
            self.annotator.clear()
        self._update()

    def _update(self) -> None:
        """Another tool's file needs the annotator its spans are filed under."""
        foreign = self.format.currentData() is not None
        named = bool(self.annotator.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(named or not foreign)
        if foreign:
            self.hint.setText(self.tr("The file's annotations go to this annotator's layer; "
                                      "documents it leaves unannotated get candidates."))
        else:
            self.hint.setText(self.tr("Annotations in document lines go to the annotator named "
                                      "above; left empty, to the layer each line names."))


class ImportRunner(ProgressRunner):
    """One import: progress dialog, background task, and its outcome; never blocks.

    ``finished(report, error)``: the ``ImportOutcome``, or None and the exception.
    """

    def __init__(self, parent: QWidget | None, project_path: str | Path,
                 request: ImportRequest):
        super().__init__(parent, project_path, import_job(request),
                         QCoreApplication.translate("ImportRunner", "Import"),
                         QCoreApplication.translate("ImportRunner", "Reading the files…"),
                         cancellable=True)

    @property
    def report(self) -> ImportOutcome | None:
        return self.result

    def stopping_text(self) -> str:
        return self.tr("Stopping: saving what was read so far…")

    def progress_text(self, done: int, total: int) -> str:
        if done >= total:  # all read; the last batch is being stored and pre-highlighted
            return self.tr("Saving and pre-highlighting the documents…")
        return self.tr("Reading file {done} of {total}…").format(done=done, total=total)


class ImportSummary(QDialog):
    """What an import did; the problems, each with file and line, in a scrollable list."""

    def __init__(self, report: ImportOutcome, cancelled: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Import cancelled") if cancelled else self.tr("Import done"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.summary_text(report, cancelled), self)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.problems: QPlainTextEdit | None = None
        listed = [*map(str, report.problems), *report.notes]
        if listed:
            self.problems = QPlainTextEdit("\n".join(listed), self)
            self.problems.setReadOnly(True)
            self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.problems.setMinimumSize(640, 220)
            layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def summary_text(self, report: ImportOutcome, cancelled: bool) -> str:
        lines = []
        if cancelled:
            lines.append(self.tr("The import was cancelled; what was imported until then stays."))
        lines.append(self.tr("Documents imported: {n}").format(n=report.created))
        lines.append(self.tr("Duplicates (already in the project): {n}").format(
            n=report.duplicates))
        lines.append(self.tr("Candidates pre-highlighted: {n}").format(n=report.candidates))
        if report.spans:
            lines.append(self.tr("Annotations imported: {n}").format(n=report.spans))
        if report.problems:
            lines.append(self.tr("Problems (not imported; everything else was): {n}").format(
                n=len(report.problems)))
        if report.notes:
            lines.append(self.tr("The format could not carry everything; see the notes below."))
        return "\n".join(lines)


def show_summary(
    parent: QWidget | None, report: ImportOutcome | None, error: BaseException | None,
    cancelled: bool = False,
) -> QDialog:
    """The outcome, shown without blocking (the caller carries on; the dialog stays up)."""
    if report is None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("ImportSummary", "Import failed"),
            str(error) if error is not None else "",
            QMessageBox.StandardButton.Close,
            parent,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
    summary = ImportSummary(report, cancelled, parent)
    summary.open()
    return summary


def run_import(
    parent: QWidget | None, project_path: str | Path, request: ImportRequest
) -> ImportOutcome | None:
    """Import with progress and Cancel, show the summary, and return the outcome.

    None when the import failed (the error is shown). The GUI keeps processing events
    meanwhile; this returns once the import has ended, like ``QDialog.exec``.
    """
    runner = ImportRunner(parent, project_path, request)
    loop = QEventLoop()
    runner.finished.connect(loop.quit)
    runner.start()
    if not runner.ended:
        loop.exec()
    show_summary(parent, runner.report, runner.error, runner.cancelled)
    runner.deleteLater()
    return runner.report
