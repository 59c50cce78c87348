"""The File menu: new, open, recent projects, import, and files dropped on the window.

``ProjectActions`` owns the open project and tells the window through signals instead of
reaching into it: ``projectOpened(project)`` when another project was opened (the previous
one is closed right after the signal, so slots must switch to the new one), and
``importFinished(report)`` when an import added documents to the current one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from ..core.preferences import Preferences
from ..core.store import Project, ProjectError
from ..core.usecases.importing import ImportOutcome, ImportRequest, guess_format
from ..core.usecases.projects import PROJECT_SUFFIX, create_project
from .export_dialog import (
    ExportDialog,
    ReleaseDialog,
    WriteRunner,
    export_runner,
    release_runner,
    show_outcome,
)
from .import_dialog import (
    ImportDialog,
    ImportRunner,
    import_file_filter,
    request_for,
    show_summary,
)

SUFFIX = PROJECT_SUFFIX
DropCallback = Callable[[list[Path]], None]


def default_import(project: Project, paths: Sequence[str | Path]) -> ImportRequest:
    """This tool's files as the import dialog starts: pages split into stories, the
    project's region (if set) as the fallback, pre-highlighted."""
    return request_for(paths, split_stories=True, region=project.setting("region"))


def dropped_paths(event: QDropEvent) -> list[Path]:
    """The local files and folders a drag carries; web links and text are not ours."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DropFilter(QObject):
    """Accepts files and folders dropped on a widget and hands their paths on."""

    def __init__(self, widget: QWidget, callback: DropCallback,
                 enabled: Callable[[], bool] = lambda: True):
        super().__init__(widget)
        self.callback = callback
        self.enabled = enabled
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self.enabled() and dropped_paths(event):
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop and self.enabled():
            paths = dropped_paths(event)
            if paths:
                event.acceptProposedAction()
                self.callback(paths)
                return True
        return False


def accept_drops(widget: QWidget, callback: DropCallback,
                 enabled: Callable[[], bool] = lambda: True) -> DropFilter:
    """Files and folders dropped on ``widget`` (or a child that ignores them) go to callback."""
    return DropFilter(widget, callback, enabled)


class ProjectActions(QObject):
    projectOpened = Signal(object)  # Project
    importFinished = Signal(object)  # ImportOutcome: the documents added and changed

    def __init__(
        self,
        preferences: Preferences,
        project: Project | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.prefs = preferences
        self.project = project
        self.window: QWidget | None = None
        self.runner: ImportRunner | None = None
        self.message: QWidget | None = None  # the last message or summary shown
        self.new_action = self._action(self.tr("&New project…"), QKeySequence.StandardKey.New,
                                       self.new_project)
        self.open_action = self._action(self.tr("&Open project…"),
                                        QKeySequence.StandardKey.Open, self.open_dialog)
        self.import_files_action = self._action(self.tr("&Import files…"),
                                                QKeySequence("Ctrl+I"), self.import_files)
        self.import_folder_action = self._action(self.tr("Import &folder…"),
                                                 QKeySequence("Ctrl+Shift+I"), self.import_folder)
        self.export_action = self._action(self.tr("&Export…"), QKeySequence("Ctrl+E"),
                                          self.export_dialog)
        self.release_action = self._action(self.tr("&Release a dataset…"),
                                           QKeySequence("Ctrl+Shift+E"), self.release_dialog)
        self.writer: WriteRunner | None = None
        self._update_enabled()
        if project is not None:
            self._remember(project)

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- wiring into a window --------------------------------------------------------------
    def attach(self, window: QMainWindow) -> QMenu:
        """Dialogs go over ``window``, its menu bar gets the File menu, drops are imported."""
        self.window = window
        menu = self.file_menu(window)
        if hasattr(window, "file_actions"):
            menu.addSeparator()
            menu.addActions(window.file_actions())
        bar = window.menuBar()
        if bar.actions():
            bar.insertMenu(bar.actions()[0], menu)
        else:
            bar.addMenu(menu)
        accept_drops(window, self.handle_drop, self.idle)
        return menu

    def file_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("&File"), parent)
        menu.addActions([self.new_action, self.open_action])
        recent = menu.addMenu(self.tr("Open &recent"))
        recent.aboutToShow.connect(lambda: self.fill_recent_menu(recent))
        self.fill_recent_menu(recent)
        menu.addSeparator()
        menu.addActions([self.import_files_action, self.import_folder_action])
        menu.addSeparator()
        menu.addActions([self.export_action, self.release_action])
        return menu

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.prefs.recent_projects()
        for number, path in enumerate(recent, start=1):
            action = menu.addAction(f"&{number % 10}  {path.name}")
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_project(p))
            action.setEnabled(self.idle())
        if not recent:
            menu.addAction(self.tr("No recent projects")).setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction(self.tr("Clear the list")).triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.prefs.forget_recent()
        self.prefs.save()

    # -- projects --------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Adopt a project opened elsewhere (at start-up); it is remembered as the last one."""
        self.project = project
        self._remember(project)
        self._update_enabled()

    def new_project(self) -> Project | None:
        path, _filter = QFileDialog.getSaveFileName(
            self.window, self.tr("New project"), str(self._start_dir() / f"untitled{SUFFIX}"),
            self._project_filter(), options=QFileDialog.Option.DontConfirmOverwrite,
        )
        return self.create_project(path) if path else None

    def create_project(self, path: str | Path) -> Project | None:
        path = Path(path)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        try:
            project = create_project(path)
        except (ProjectError, OSError) as exc:
            self.show_error(self.tr("Cannot create the project"), exc)
            return None
        self._switch_to(project)
        return project

    def open_dialog(self) -> Project | None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, self.tr("Open project"), str(self._start_dir()), self._project_filter()
        )
        return self.open_project(path) if path else None

    def open_project(self, path: str | Path) -> Project | None:
        """Open ``path`` and switch to it; the project that is already open stays as it is."""
        path = Path(path)
        if self.project is not None and _same_file(self.project.path, path):
            return self.project
        try:
            project = Project.open(path)
        except (ProjectError, OSError) as exc:
            self.show_error(self.tr("Cannot open the project"), exc)
            return None
        self._switch_to(project)
        return project

    def _switch_to(self, project: Project) -> None:
        previous, self.project = self.project, project
        self._remember(project)
        self._update_enabled()
        self.projectOpened.emit(project)
        if previous is not None:
            previous.close()

    def _remember(self, project: Project) -> None:
        self.prefs.opened(project.path)
        self.prefs.save()

    # -- import ----------------------------------------------------------------------------
    def import_files(self) -> ImportDialog | None:
        files, _filter = QFileDialog.getOpenFileNames(
            self.window, self.tr("Import files"), str(self._start_dir()), import_file_filter())
        return self.ask_import(files) if files else None

    def import_folder(self) -> ImportDialog | None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Import folder"), str(self._start_dir())
        )
        return self.ask_import([folder]) if folder else None

    def ask_import(self, paths: Sequence[str | Path]) -> ImportDialog | None:
        """Ask what the files are and how to import them; on OK the import runs."""
        if self.project is None or not self.idle() or not paths:
            return None
        dialog = ImportDialog(self.project, paths, self.prefs.annotator or "", self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_import(paths, dialog.chosen()))
        dialog.open()
        self.message = dialog
        return dialog

    def start_import(self, paths: Sequence[str | Path],
                     request: ImportRequest | None = None) -> ImportRunner | None:
        """Import into the current project in the background; ``importFinished`` follows.
        Without a request, as ``default_import`` says."""
        if self.project is None or not self.idle() or not paths:
            return None
        request = request or default_import(self.project, paths)
        self.runner = ImportRunner(self.window, self.project.path, request)
        self.runner.finished.connect(self._import_ended)
        self._update_enabled()
        self.runner.start()
        return self.runner

    def _import_ended(self, report: ImportOutcome | None, _error: BaseException | None) -> None:
        runner, self.runner = self.runner, None
        self._update_enabled()
        if runner is None:
            return
        self.message = show_summary(self.window, report, runner.error, runner.cancelled)
        runner.deleteLater()
        if report is not None:
            self.importFinished.emit(report)

    def handle_drop(self, paths: Sequence[Path]) -> None:
        """A dropped project file is opened; anything else is imported."""
        projects = [p for p in paths if p.suffix.lower() == SUFFIX and p.is_file()]
        if projects and len(projects) == len(paths):
            self.open_project(projects[0])
            return
        others = [p for p in paths if p not in projects]
        if self.project is None:
            self.show_error(self.tr("Nothing to import into"),
                            self.tr("Open or create a project first."))
            return
        if guess_format(others) is not None:  # another tool's work: whose, and how
            self.ask_import(others)
        else:
            self.start_import(others)

    # -- export and release ----------------------------------------------------------------
    def export_dialog(self) -> ExportDialog | None:
        """Ask what to export; on OK the export runs in the background."""
        return self._ask(ExportDialog, export_runner, self.tr("Export"))

    def release_dialog(self) -> ReleaseDialog | None:
        return self._ask(ReleaseDialog, release_runner, self.tr("Release a dataset"))

    def _ask(self, dialog_type, make_runner, title: str):
        if self.project is None or not self.idle():
            return None
        dialog = dialog_type(self.project, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        path = self.project.path

        def start() -> None:
            self.writer = make_runner(self.window, path, dialog)
            self.writer.finished.connect(lambda text, ok: self._written(title, text, ok))
            self._update_enabled()
            self.writer.start()

        dialog.accepted.connect(start)
        dialog.open()
        self.message = dialog
        return dialog

    def _written(self, title: str, text: str, ok: bool) -> None:
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.deleteLater()
        self._update_enabled()
        self.message = show_outcome(self.window, title, text, ok)

    # -- state and messages ----------------------------------------------------------------
    def idle(self) -> bool:
        """False while an import, export or release runs: one job on the project at a time."""
        return self.runner is None and self.writer is None

    def _update_enabled(self) -> None:
        idle = self.idle()
        for action in (self.new_action, self.open_action):
            action.setEnabled(idle)
        for action in (self.import_files_action, self.import_folder_action,
                       self.export_action, self.release_action):
            action.setEnabled(idle and self.project is not None)

    def show_error(self, title: str, error: BaseException | str) -> QMessageBox:
        """The core's own message, in a box that does not block the event loop."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(error),
                          QMessageBox.StandardButton.Close, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message = box
        return box

    def _start_dir(self) -> Path:
        if self.project is not None:
            return self.project.path.parent
        recent = self.prefs.recent_projects()
        return recent[0].parent if recent else Path.home()

    def _project_filter(self) -> str:
        return self.tr("Annotation projects (*{suffix})").format(suffix=SUFFIX)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False
