"""Long jobs off the GUI thread, so the window keeps painting and answering while they run.

A job is a Qt-free callable ``job(progress, cancelled)``: it reports ``progress(done, total)``
and polls ``cancelled()`` between steps. It runs in a ``QThread``; progress and the outcome
come back to the GUI thread as signals. A job on a project opens its own connection
(``with_project``): SQLite in WAL mode lets the GUI thread keep reading and writing its own
small transactions meanwhile, and the job never touches a widget.

Python's cycle collector is paused while any job runs. Left on, it may run in the worker
thread and free a closed window's widgets there (their Python wrappers sit in reference
cycles): Qt's destructors then wait on a lock the GUI thread holds while it waits for the
interpreter lock the worker holds — both threads hang. Paused, collections happen only in
the GUI thread, between jobs.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from ..core.store import Project

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Job = Callable[[Progress, Cancelled], Any]
ProjectJob = Callable[[Project, Progress, Cancelled], Any]

PROGRESS_INTERVAL = 0.05  # seconds: thousands of small files must not flood the event queue


def with_project(project_path: str | Path, job: ProjectJob) -> Job:
    """``job`` on a connection of its own, opened and closed in the worker thread.

    The GUI thread holds the project's lock; this connection shares it (``lock=False``).
    """
    path = Path(project_path)

    def run(progress: Progress, cancelled: Cancelled) -> Any:
        with Project.open(path, lock=False) as project:
            return job(project, progress, cancelled)

    return run


_running = 0  # jobs started and not yet ended (counted in the GUI thread only)
_collector_was_on = True


def _job_started() -> None:
    global _running, _collector_was_on
    if _running == 0:
        _collector_was_on = gc.isenabled()
        gc.disable()
    _running += 1


def _job_ended() -> None:
    global _running
    _running -= 1
    if _running == 0 and _collector_was_on:
        gc.enable()


class _Worker(QThread):
    progressed = Signal(int, int)

    def __init__(self, job: Job, cancel_flag: threading.Event):
        super().__init__()
        self._job = job
        self._cancel = cancel_flag
        self._last_report = 0.0
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._job(self._report, self._cancel.is_set)
        except BaseException as exc:  # reported to the GUI thread, never lost in the thread
            self.error = exc

    def _report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_report >= PROGRESS_INTERVAL:
            self._last_report = now
            self.progressed.emit(done, total)


class Task(QObject):
    """One job in one background thread; signals arrive in the GUI thread.

    ``succeeded(result)`` or ``failed(exception)`` is emitted once the thread has ended,
    followed by ``done()``. Keep the task (or its parent) alive until ``done``.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, job: Job, parent: QObject | None = None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self._worker = _Worker(job, self._cancel)
        self._worker.setParent(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._worker.progressed.connect(self._on_progress, queued)
        self._worker.finished.connect(self._on_finished, queued)
        self._ended = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        _job_started()  # before the thread exists: it never runs a collection
        self._worker.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next check; it ends normally with what it did."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._worker.isRunning()

    @property
    def ended(self) -> bool:
        """True once ``done`` was emitted."""
        return self._ended

    def stop(self, timeout_ms: int = 30_000) -> bool:
        """Cancel and wait for the thread: only for shutdown, where the process is ending."""
        self.cancel()
        return self._worker.wait(timeout_ms)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self._ended:
            self.progressed.emit(done, total)

    @Slot()
    def _on_finished(self) -> None:
        if self._ended:
            return
        self._ended = True
        _job_ended()
        if self._worker.error is not None:
            self.failed.emit(self._worker.error)
        else:
            self.succeeded.emit(self._worker.result)
        self.done.emit()
