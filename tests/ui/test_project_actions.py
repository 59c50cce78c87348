"""The File menu on real project files: new, open, recent, refusals explained, drops imported."""

import sqlite3

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.ui.import_dialog import ImportSummary
from annotator.ui.project_actions import ProjectActions
from tests.conftest import SEEDS


def _setup(qtbot, project=None):
    window = QMainWindow()
    window.menuBar().addMenu("&Edit")
    qtbot.addWidget(window)
    actions = ProjectActions(Preferences.load(), project)
    actions.attach(window)
    return window, actions


def _message(window) -> str:
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes, "a message was shown"
    return boxes[-1].text()


def _drop(widget, *paths) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_file_menu_comes_first(qtbot):
    window, actions = _setup(qtbot)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit"]
    assert not actions.import_files_action.isEnabled()  # nothing to import into yet


def test_new_project_is_opened_remembered_and_replaces_the_previous(qtbot, tmp_path):
    window, actions = _setup(qtbot)
    with qtbot.waitSignal(actions.projectOpened) as first:
        actions.create_project(tmp_path / "one")
    one = first.args[0]
    assert one.path == tmp_path / "one.annot" and one.path.exists()
    assert actions.import_files_action.isEnabled()

    with qtbot.waitSignal(actions.projectOpened) as second:
        actions.create_project(tmp_path / "two.annot")
    assert one.db is None, "the previous project is closed after the switch"
    prefs = Preferences.load()
    assert prefs.recent == [(tmp_path / "two.annot").resolve(), (tmp_path / "one.annot").resolve()]
    assert prefs.last_project == second.args[0].path.resolve()
    actions.project.close()


def test_recent_menu_lists_projects_and_opens_them(qtbot, tmp_path):
    for name in ("a", "b"):
        Project.create(tmp_path / f"{name}.annot").close()
    window, actions = _setup(qtbot)
    actions.open_project(tmp_path / "a.annot")
    actions.open_project(tmp_path / "b.annot")
    file_menu = window.menuBar().actions()[0].menu()
    recent = next(a.menu() for a in file_menu.actions() if a.menu() is not None)
    actions.fill_recent_menu(recent)  # what aboutToShow does
    entries = [a for a in recent.actions() if a.statusTip()]
    assert [a.statusTip() for a in entries] == [
        str((tmp_path / "b.annot").resolve()), str((tmp_path / "a.annot").resolve())]
    with qtbot.waitSignal(actions.projectOpened) as opened:
        entries[1].trigger()
    assert opened.args[0].path.name == "a.annot"
    assert actions.open_project(tmp_path / "a.annot") is opened.args[0]  # already open
    actions.project.close()


def test_a_locked_project_is_refused_with_the_reason(qtbot, tmp_path):
    path = tmp_path / "held.annot"
    Project.create(path).close()
    holder = Project.open(path)  # as another window or process would hold it
    try:
        window, actions = _setup(qtbot)
        assert actions.open_project(path) is None
        assert "open elsewhere" in _message(window)
        assert actions.project is None
    finally:
        holder.close()


def test_other_refusals_show_the_core_message(qtbot, tmp_path):
    notes = tmp_path / "notes.annot"
    notes.write_text("not a database", encoding="utf-8")
    future = tmp_path / "future.annot"
    Project.create(future).close()
    conn = sqlite3.connect(future)
    conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                 "VALUES ('annotator', '0099_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    window, actions = _setup(qtbot)
    assert actions.open_project(notes) is None
    assert "not a project file" in _message(window)
    assert actions.open_project(future) is None
    assert "newer version" in _message(window)
    assert actions.create_project(future) is None
    assert "already exists" in _message(window)


def test_dropped_folder_is_imported_and_dropped_project_opened(qtbot, tmp_path):
    project = Project.create(tmp_path / "main.annot")
    window, actions = _setup(qtbot, project)
    with qtbot.waitSignal(actions.importFinished, timeout=120_000) as finished:
        assert _drop(window, SEEDS)
        assert not actions.idle() and not actions.open_action.isEnabled()
        assert not _drop(window, SEEDS), "no second import while one runs"
    report = finished.args[0]
    assert report.created >= 5
    assert actions.idle() and actions.open_action.isEnabled()
    assert project.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == report.created
    assert window.findChild(ImportSummary) is not None

    other = tmp_path / "other.annot"
    Project.create(other).close()
    with qtbot.waitSignal(actions.projectOpened) as opened:
        assert _drop(window, other)
    assert opened.args[0].path == other
    assert project.db is None
    opened.args[0].close()
