"""Importing files with a progress dialog, in the background, and a summary at the end.

The import runs on its own connection in a worker thread (``tasks``), so the window keeps
painting. Cancel stops reading before the next file; what was read is still stored, each
batch committed whole, and what was committed stays (imports are idempotent, so running the
same import again completes it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.ingest.options import Options
from ..core.ingest.report import ImportReport
from ..core.store import Project
from .progress import ProgressRunner
from .tasks import Cancelled, Progress, ProjectJob


def import_job(paths: Sequence[str | Path], options: Options) -> ProjectJob:
    """The Qt-free work: build the candidate engine, then import with it."""
    paths = [Path(p) for p in paths]

    def job(project: Project, progress: Progress, cancelled: Cancelled) -> ImportReport:
        from ..core.ingest.importer import import_paths  # loaded when an import starts
        from ..core.prehighlight.runner import project_engine

        engine = project_engine(project, options.region)
        return import_paths(project, paths, options, progress, cancelled, engine)

    return job


class ImportRunner(ProgressRunner):
    """One import: progress dialog, background task, and its outcome; never blocks.

    ``finished(report, error)``: the ``ImportReport``, or None and the exception.
    """

    def __init__(
        self,
        parent: QWidget | None,
        project_path: str | Path,
        paths: Sequence[str | Path],
        options: Options | None = None,
    ):
        super().__init__(parent, project_path, import_job(paths, options or Options()),
                         QCoreApplication.translate("ImportRunner", "Import"),
                         QCoreApplication.translate("ImportRunner", "Reading the files…"),
                         cancellable=True)

    @property
    def report(self) -> ImportReport | None:
        return self.result

    def stopping_text(self) -> str:
        return self.tr("Stopping: saving what was read so far…")

    def progress_text(self, done: int, total: int) -> str:
        if done >= total:  # all read; the last batch is being stored and pre-highlighted
            return self.tr("Saving and pre-highlighting the documents…")
        return self.tr("Reading file {done} of {total}…").format(done=done, total=total)


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
