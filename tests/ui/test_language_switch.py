"""Choosing another interface language under File → Settings applies at once: the main
window speaks it at the same document and cursor, and the dashboards and the guide already
open retranslate themselves."""

import argparse

import pytest
from PySide6.QtCore import QDeadlineTimer, QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.app import Shell, open_project, remove_language, switch_language
from annotator.ui.help_window import HelpWindow
from annotator.ui.settings_dialog import SettingsDialog


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path) as project, project.transaction():
        docs_store.insert(project, [docs_store.NewDocument("第一篇 市民政局", {"title": "一"}),
                                    docs_store.NewDocument("第二篇 团区委召开会议", {"title": "二"},
                                                           id="two")], None)
        spans_store.replace_layer(project, "two", project.machine_id(), [
            Span(4, 7, "AGENCY", origin="suggested", source="gazetteer", score=0.8)])
    return path


def choose_in_settings(qtbot, window, language_name: str) -> None:
    """File → Settings, pick the language in its box from the keyboard, OK with Enter."""
    deadline = QDeadlineTimer(10_000)

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, SettingsDialog):  # not up yet
            if deadline.hasExpired():
                return
            QTimer.singleShot(20, answer)
            return
        combo = box.language_box
        combo.setFocus()
        target = combo.findText(language_name)
        key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
        for _ in range(combo.count()):
            if combo.currentIndex() == target:
                break
            qtbot.keyClick(combo, key)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        if box.isVisible():  # never leave the test waiting on a dialog
            box.reject()
    QTimer.singleShot(0, answer)
    window.settings_action.trigger()


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_switching_the_language_applies_at_once(qtbot, path):
    prefs = Preferences.load()
    app = QApplication.instance()
    before = QLocale()
    switch_language(app, "zh_CN")  # as the app starts by default
    try:
        shell = Shell(prefs, "zh_CN", "wang")
        shell.show_project(open_project(argparse.Namespace(project=path, demo=False), prefs))
        first = shell.window  # replaced windows are deleted: only the last is the test's
        first.documents.select("two")
        first.workbench.view.set_cursor_offset(4)
        first.workbench.view.setFocus()
        qtbot.keyClick(first.workbench.view, Qt.Key.Key_Return)  # accept 团区委
        first.workbench.view.set_cursor_offset(5)
        first.show_dashboard()
        board = first.dashboard
        qtbot.waitUntil(lambda: len(board.charts) == 5, timeout=20_000)
        first.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
        qtbot.keyClick(first.workbench.view, Qt.Key.Key_F1)
        guide = first.findChild(HelpWindow, "help")
        assert "编辑(&E)" in menu_titles(first) and guide.windowTitle() == "标注员指南"
        assert board.windowTitle() == "统计面板"

        choose_in_settings(qtbot, first, "English")
        english = shell.window
        assert english is not first
        assert "&Edit" in menu_titles(english) and "&Help" in menu_titles(english)
        assert english.documents.search.placeholderText() == "Search all documents…"
        assert english.workbench.doc_id == "two"
        assert english.workbench.view.cursor_offset() == 5
        assert Preferences.load().language == "en"
        assert [s.origin for s in english.workbench.view.spans()] == ["accepted"]
        assert english.workbench.undo_stack.undoText() == "accept candidate"
        english.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is english)
        qtbot.keyClick(english.workbench.view, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier)  # the step before the switch
        assert [s.origin for s in english.workbench.view.spans()] == ["suggested"]
        # the windows that were open stay open, now in English
        qtbot.waitUntil(lambda: board.windowTitle() == "Dashboards")  # LanguageChange is posted
        assert board.isVisible()
        assert board.tabs.tabText(0) == "Progress by status"
        assert board.parent() is english and english.dashboard is board
        assert guide.isVisible() and guide.windowTitle() == "Annotator's guide"
        assert "Linking agencies" in guide.browser.toPlainText()

        choose_in_settings(qtbot, english, "中文")
        chinese = shell.window
        qtbot.addWidget(chinese)
        assert "编辑(&E)" in menu_titles(chinese)
        qtbot.waitUntil(lambda: board.windowTitle() == "统计面板")
        assert board.tabs.tabText(0) == "各状态进度"
        assert "机构的链接" in guide.browser.toPlainText()
        assert Preferences.load().language == "zh_CN"
    finally:
        remove_language(app)
        QLocale.setDefault(before)
        shell.window.close()
        shell.window.project.close()


def test_opening_another_project_takes_nothing_over(qtbot, path, tmp_path):
    """Undo steps and dashboards belong to their project: a project opened next starts
    with neither."""
    prefs = Preferences.load()
    shell = Shell(prefs, "en", "wang")
    shell.show_project(open_project(argparse.Namespace(project=path, demo=False), prefs))
    first = shell.window
    qtbot.addWidget(first)
    first.documents.select("two")
    first.workbench.view.set_cursor_offset(4)
    qtbot.keyClick(first.workbench.view, Qt.Key.Key_Return)
    first.show_dashboard()
    assert first.workbench.undo_stack.count() == 1
    other = Project.create(tmp_path / "other.annot")
    shell.show_project(other)
    second = shell.window
    qtbot.addWidget(second)
    assert second.workbench.undo_stack.count() == 0
    assert first.dashboard.parent() is first and not hasattr(second, "dashboard")
    first.project.close()
    other.close()
