"""One background job behind a window-modal progress dialog, for work that takes a while.

The job runs on its own connection in a worker thread (``tasks``), so the window keeps
painting; the dialog shows only if the job is still running after a moment, so a quick job
finishes without a flash. ``finished(result, error)`` carries the job's result, or the
exception it raised.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QWidget

from .tasks import ProjectJob, Task, with_project

SHOW_AFTER_MS = 300  # a quick job finishes without a flash of a dialog


class ProgressRunner(QObject):
    finished = Signal(object, object)  # result, error

    def __init__(self, parent: QWidget | None, project_path: str | Path, job: ProjectJob,
                 title: str, text: str, cancellable: bool = False,
                 counted: Callable[[int, int], str] | None = None):
        super().__init__(parent)
        self.counted = counted  # the dialog's text for so much done, if it follows the count
        self.result: Any = None
        self.error: BaseException | None = None
        self.task = Task(with_project(project_path, job), self)
        self.task.progressed.connect(self._on_progress)
        self.task.succeeded.connect(lambda result: setattr(self, "result", result))
        self.task.failed.connect(lambda error: setattr(self, "error", error))
        self.task.done.connect(self._on_done)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setLabelText(text)
        # Our own bar, updated directly: QProgressDialog.setValue would run a nested event
        # loop in a modal dialog, and the task's own signals could arrive inside it.
        self.dialog.setBar(self.bar)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        if cancellable:
            self.dialog.setCancelButtonText(QCoreApplication.translate("Progress", "Cancel"))
            self.dialog.canceled.connect(self.cancel)
        else:
            self.dialog.setCancelButton(None)

    @property
    def ended(self) -> bool:
        return self.task.ended

    @property
    def cancelled(self) -> bool:
        return self.task.cancelled

    def start(self) -> None:
        self.task.start()
        # Shown by us: QProgressDialog's own timer only runs from values set through it.
        QTimer.singleShot(SHOW_AFTER_MS, self, self._show)

    def cancel(self) -> None:
        """Stop at the job's next check; the dialog says so until the job has ended."""
        if self.task.ended or self.task.cancelled:
            return
        self.task.cancel()
        # QProgressDialog hides itself on cancel; show the wait instead of hiding it.
        self.dialog.setCancelButton(None)
        self.dialog.setLabelText(self.stopping_text())
        self.bar.setRange(0, 0)
        self.dialog.show()

    def stopping_text(self) -> str:
        return QCoreApplication.translate("Progress", "Stopping…")

    def progress_text(self, done: int, total: int) -> str | None:
        """The dialog's text for this much done; None keeps the text it has."""
        return self.counted(done, total) if self.counted is not None else None

    def _show(self) -> None:
        if not self.task.ended:
            self.dialog.show()

    def _on_progress(self, done: int, total: int) -> None:
        if self.task.cancelled:
            return
        if done >= total:  # all counted; what remains (saving) has no count of its own
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        text = self.progress_text(done, total)
        if text is not None:
            self.dialog.setLabelText(text)

    def _on_done(self) -> None:
        self.dialog.reset()  # also stops the dialog's own timer, which would show it again
        self.dialog.hide()
        self.dialog.deleteLater()
        self.finished.emit(self.result, self.error)
