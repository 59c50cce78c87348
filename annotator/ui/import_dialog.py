"""Importing files with a progress dialog, in the background, and a summary at the end.

The import runs on its own connection in a worker thread (``tasks``), so the window keeps
painting. Cancel stops reading before the next file; what was read is still stored, each
batch committed whole, and what was committed stays (imports are idempotent, so running the
same import again completes it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from ..core.ingest.options import Options
from ..core.ingest.report import ImportReport
from ..core.store import Project
from .tasks import Cancelled, Progress, ProjectJob, Task, with_project

SHOW_AFTER_MS = 300  # a quick import finishes without a flash of a dialog


def import_job(paths: Sequence[str | Path], options: Options) -> ProjectJob:
    """The Qt-free work: build the candidate engine, then import with it."""
    paths = [Path(p) for p in paths]

    def job(project: Project, progress: Progress, cancelled: Cancelled) -> ImportReport:
        from ..core.ingest.importer import import_paths  # loaded when an import starts
        from ..core.prehighlight.runner import project_engine

        engine = project_engine(project, options.region)
        return import_paths(project, paths, options, progress, cancelled, engine)

    return job


class ImportRunner(QObject):
    """One import: progress dialog, background task, and its outcome; never blocks.

    ``finished(report)`` carries the ``ImportReport``, or None when the import failed
    (``error`` then holds the exception).
    """

    finished = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        project_path: str | Path,
        paths: Sequence[str | Path],
        options: Options | None = None,
    ):
        super().__init__(parent)
        self.report: ImportReport | None = None
        self.error: BaseException | None = None
        job = import_job(paths, options or Options())
        self.task = Task(with_project(project_path, job), self)
        self.task.progressed.connect(self._on_progress)
        self.task.succeeded.connect(self._on_succeeded)
        self.task.failed.connect(self._on_failed)
        self.task.done.connect(self._on_done)
        self.bar = QProgressBar()
        self.dialog = self._progress_dialog(parent)

    def _progress_dialog(self, parent: QWidget | None) -> QProgressDialog:
        dialog = QProgressDialog(parent)
        dialog.setWindowTitle(self.tr("Import"))
        dialog.setLabelText(self.tr("Reading the files…"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        # Our own bar, updated directly: QProgressDialog.setValue would run a nested event
        # loop in a modal dialog, and the task's own signals could arrive inside it.
        dialog.setBar(self.bar)
        self.bar.setRange(0, 0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel)
        return dialog

    @property
    def ended(self) -> bool:
        return self.task.ended

    @property
    def cancelled(self) -> bool:
        return self.task.cancelled

    def start(self) -> None:
        self.task.start()
        # Shown by us: QProgressDialog's own timer only runs from values set through it.
        QTimer.singleShot(SHOW_AFTER_MS, self, self._show_dialog)

    def _show_dialog(self) -> None:
        if not self.task.ended:
            self.dialog.show()

    def cancel(self) -> None:
        """Stop reading; what was read is still stored. The dialog stays up until then."""
        if self.task.ended or self.task.cancelled:
            return
        self.task.cancel()
        # QProgressDialog hides itself on cancel; show the wait instead of hiding it.
        self.dialog.setCancelButton(None)
        self.dialog.setLabelText(self.tr("Stopping: saving what was read so far…"))
        self.bar.setRange(0, 0)
        self.dialog.show()

    def _on_progress(self, done: int, total: int) -> None:
        if self.task.cancelled:
            return
        if done >= total:  # all read; the last batch is being stored and pre-highlighted
            self.bar.setRange(0, 0)
            self.dialog.setLabelText(self.tr("Saving and pre-highlighting the documents…"))
            return
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.dialog.setLabelText(
            self.tr("Reading file {done} of {total}…").format(done=done, total=total)
        )

    def _on_succeeded(self, report: ImportReport) -> None:
        self.report = report

    def _on_failed(self, error: BaseException) -> None:
        self.error = error

    def _on_done(self) -> None:
        self.dialog.reset()  # also stops the dialog's own timer, which would show it again
        self.dialog.hide()
        self.dialog.deleteLater()
        self.finished.emit(self.report)


class ImportSummary(QDialog):
    """What an import did; the problems, each with file and line, in a scrollable list."""

    def __init__(self, report: ImportReport, cancelled: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Import cancelled") if cancelled else self.tr("Import done"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.summary_text(report, cancelled), self)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.problems: QPlainTextEdit | None = None
        if report.problems:
            self.problems = QPlainTextEdit("\n".join(map(str, report.problems)), self)
            self.problems.setReadOnly(True)
            self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.problems.setMinimumSize(640, 220)
            layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def summary_text(self, report: ImportReport, cancelled: bool) -> str:
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
        return "\n".join(lines)


def show_summary(
    parent: QWidget | None, report: ImportReport | None, error: BaseException | None,
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
    parent: QWidget | None,
    project_path: str | Path,
    paths: Sequence[str | Path],
    options: Options | None = None,
) -> ImportReport | None:
    """Import with progress and Cancel, show the summary, and return the report.

    None when the import failed (the error is shown). The GUI keeps processing events
    meanwhile; this returns once the import has ended, like ``QDialog.exec``.
    """
    runner = ImportRunner(parent, project_path, paths, options)
    loop = QEventLoop()
    runner.finished.connect(loop.quit)
    runner.start()
    if not runner.ended:
        loop.exec()
    show_summary(parent, runner.report, runner.error, runner.cancelled)
    runner.deleteLater()
    return runner.report
