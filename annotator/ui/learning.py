"""The app learns in the background: after every few documents marked done, the project's
model is learnt again (``annotator.core.learn``) in a ``QThread`` with its own connection,
and the status bar says when it was learnt and how well it scored on documents it had not
seen. The window never waits for it; new imports then propose with the new model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar

from ..core.learn.project import MIN_DOCUMENTS, TooFewDecisions, learn
from ..core.store import Project
from ..core.store import models as models_store
from .tasks import Task, with_project

EVERY = 5  # documents marked done between two learning runs
SHOWN_MS = 15_000


class BackgroundLearning(QObject):
    """Counts documents marked done and learns once ``EVERY`` more are; one run at a time."""

    learnt = Signal(dict)  # the summary of a run that stored a model
    finished = Signal()  # a run ended, whatever its outcome

    def __init__(self, project: Project, status_bar: QStatusBar, parent: QObject | None = None,
                 every: int = EVERY):
        super().__init__(parent)
        self.project = project
        self.status_bar = status_bar
        self.every = every
        self.task: Task | None = None
        self._learnt_at = models_store.done_count(project)  # done marks the last run saw
        self._pending = 0

    def status_changed(self, *_args: Any) -> None:
        """After a status change: learn when enough new documents are done (never waits)."""
        done = models_store.done_count(self.project)
        if done - self._learnt_at < self.every or done < MIN_DOCUMENTS:
            return
        if self.task is not None and not self.task.ended:
            return  # a run is under way; the next change after it starts another
        self._pending = done
        self.task = Task(with_project(self.project.path, self._job), self)
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._failed)
        self.task.done.connect(self.finished)
        self.task.start()

    @staticmethod
    def _job(project: Project, _progress: Any, _cancelled: Any) -> dict | None:
        try:
            return learn(project)
        except TooFewDecisions:
            return None  # nothing to say yet: the annotators keep going

    def _succeeded(self, summary: dict | None) -> None:
        self._learnt_at = self._pending
        if summary is None:
            return
        micro = summary["micro"]
        self.status_bar.showMessage(self.tr(
            "Learnt from {docs} documents at {time}: F1 {f1:.2f} on documents it had not seen "
            "(rules alone {rules:.2f})").format(
                docs=summary["documents"], time=summary["date"][11:16], f1=micro["f1"],
                rules=micro["rules_f1"]), SHOWN_MS)
        self.learnt.emit(summary)

    def _failed(self, error: BaseException) -> None:
        self._learnt_at = self._pending  # not again at once; the next few documents retry
        self.status_bar.showMessage(
            self.tr("Learning from the decisions failed: {reason}").format(reason=error),
            SHOWN_MS)

    def stop(self) -> None:
        """At close: wait for a run under way (its connection must close before the file)."""
        if self.task is not None and not self.task.ended:
            self.task.stop()
