"""Everyday comforts on a real project file: the name can be changed, Quit, the text size,
and how far the annotator is through the whole project."""

import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from annotator.core.model import Span
from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.app import ask_annotator
from annotator.ui.main_window import MainWindow
from annotator.ui.settings_dialog import SettingsDialog
from annotator.ui.undecided_dialog import ACCEPT, UndecidedBox
from tests.conftest import chinese_interface

TEXT = "市民政局发布:全市社工6.79万人,服务82.4万余人次。"


@pytest.fixture
def project(tmp_path):
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "一"}, id="d"),
                                    docs_store.NewDocument("第二篇 团区委", id="e")], None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(0, 4, "AGENCY", origin="suggested", source="gazetteer", score=0.8),
            Span(11, 17, "FIGURE", origin="suggested", source="rule:figure", score=0.9),
        ])
    yield project
    project.close()


def open_window(qtbot, project, prefs=None):
    win = MainWindow(project, "wang", prefs=prefs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.documents.select("d")
    return win


def answer_modal(kind, act):
    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, kind)
        act(box)
    QTimer.singleShot(0, answer)


def layers(path):
    """Who holds which spans, read from the file by a second, read-only connection."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("SELECT a.name, s.start, s.end, s.origin FROM spans s "
                          "JOIN annotators a ON a.id = s.annotator_id "
                          "WHERE a.role = 'annotator' ORDER BY a.name, s.start").fetchall()


def test_a_changed_name_takes_new_work_and_is_remembered(qtbot, project, tmp_path):
    prefs = Preferences.load(tmp_path / "prefs.json")
    prefs.annotator = "wang"
    win = open_window(qtbot, project, prefs)

    def rename(box):
        assert any("stay in the layer" in label.text() for label in box.findChildren(QLabel))
        box.name_edit.setText("  li  ")
        box.buttons.button(box.buttons.StandardButton.Ok).click()

    answer_modal(SettingsDialog, rename)
    win.settings_action.trigger()
    assert "li" in win.windowTitle()
    view = win.workbench.view
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # accept a candidate
    assert any(row[0] == "li" and row[3] == "accepted" for row in layers(project.path))
    assert not any(row[0] == "wang" and row[3] == "accepted" for row in layers(project.path))
    assert Preferences.load(tmp_path / "prefs.json").annotator == "li"


def test_settings_choose_the_language_of_the_next_start(qtbot, project, tmp_path):
    prefs = Preferences.load(tmp_path / "prefs.json")
    win = open_window(qtbot, project, prefs)

    def english(box):
        box.language_box.setCurrentIndex(box.language_box.findData("en"))
        box.buttons.button(box.buttons.StandardButton.Ok).click()

    answer_modal(SettingsDialog, english)
    win.settings_action.trigger()
    assert Preferences.load(tmp_path / "prefs.json").language == "en"
    assert win.editor.name == "wang", "the name is left as it was"


def test_settings_cannot_file_work_under_an_empty_name(qtbot):
    dialog = SettingsDialog("wang")
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("   ")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_cancelling_the_first_name_prompt_stores_nothing(qtbot, tmp_path):
    prefs = Preferences.load(tmp_path / "prefs.json")
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert ask_annotator(prefs) == "annotator"
    assert Preferences.load(tmp_path / "prefs.json").annotator == "", "asked again next start"


def test_quit_closes_the_window_and_remembers_the_place(qtbot, project, tmp_path):
    prefs = Preferences.load(tmp_path / "prefs.json")
    prefs.opened(project.path)
    win = open_window(qtbot, project, prefs)
    win.workbench.view.set_cursor_offset(5)
    assert win.quit_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    win.quit_action.trigger()
    assert not win.isVisible()
    assert Preferences.load(tmp_path / "prefs.json").position(project.path).cursor == 5


def test_text_size_is_kept_across_starts(qtbot, project, tmp_path):
    prefs = Preferences.load(tmp_path / "prefs.json")
    win = open_window(qtbot, project, prefs)
    default = win.workbench.view.font().pointSizeF()
    for _ in range(2):
        qtbot.keySequence(win.workbench.view, QKeySequence.StandardKey.ZoomIn)
    larger = win.workbench.view.font().pointSizeF()
    assert larger == default + 2
    win.close()
    again = open_window(qtbot, project, Preferences.load(tmp_path / "prefs.json"))
    assert again.workbench.view.font().pointSizeF() == larger
    qtbot.keyClick(again.workbench.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.workbench.view.font().pointSizeF() == default


def test_status_bar_shows_the_project_progress(qtbot, project):
    win = open_window(qtbot, project)
    assert win.progress.text() == "0/2 documents done · 0/2 candidates decided"
    answer_modal(UndecidedBox, lambda box: box.button_for(ACCEPT).click())
    qtbot.keyClick(win.workbench.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.progress.text().startswith("1/2"))
    assert win.progress.text() == "1/2 documents done · 2/2 candidates decided"


def test_file_menu_ends_with_settings_and_quit(qtbot, project, tmp_path):
    from annotator.ui.project_actions import ProjectActions

    win = open_window(qtbot, project)
    ProjectActions(Preferences.load(tmp_path / "prefs.json"), project).attach(win)
    file_menu = win.menuBar().actions()[0].menu()
    assert file_menu.actions()[-2:] == [win.settings_action, win.quit_action]


def test_progress_speaks_chinese(qtbot, project):
    with chinese_interface():
        win = open_window(qtbot, project)
        assert win.progress.text() == "0/2 篇已完成 · 0/2 候选已决定"
