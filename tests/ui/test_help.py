"""F1 opens the annotator's guide in the interface's language, with a table of every key the
window has registered, so the table cannot fall behind the keys."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from annotator.core.store import Project
from annotator.ui.help_window import HelpWindow, registered_actions, text_keys
from annotator.ui.main_window import MainWindow
from tests.conftest import chinese_interface


def open_window(qtbot, project, language):
    win = MainWindow(project, "wang", language)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def press_f1(qtbot, win) -> HelpWindow:
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_F1)
    guide = win.findChild(HelpWindow, "help")
    assert guide is not None
    qtbot.waitUntil(guide.isVisible)
    return guide


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.annot") as project:
        yield project


def test_f1_shows_the_english_guide_and_every_registered_key(qtbot, project):
    win = open_window(qtbot, project, "en")
    guide = press_f1(qtbot, win)
    shown = guide.browser.toPlainText()
    assert guide.windowTitle() == "Annotator's guide"
    assert "Linking agencies" in shown and "When unsure" in shown
    for action in registered_actions(win):
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert key in shown, action.text()
    for key in ("Ctrl+F", "F3", "Shift+F3", "Alt+Down", "Ctrl+Up", "Ctrl+Return", "F1"):
        assert key in shown
    assert "Next sentence" in shown and "Find next" in shown


def test_a_key_added_later_appears_in_the_table(qtbot, project):
    win = open_window(qtbot, project, "en")
    extra = QAction("Count the candidates", win)
    extra.setShortcut(QKeySequence("Ctrl+Shift+K"))
    win.addAction(extra)
    guide = press_f1(qtbot, win)
    assert "Ctrl+Shift+K" in guide.browser.toPlainText()
    assert "Count the candidates" in guide.browser.toPlainText()


def test_f1_speaks_chinese_by_default(qtbot, project):
    with chinese_interface():
        win = open_window(qtbot, project, "zh_CN")
        guide = press_f1(qtbot, win)
        shown = guide.browser.toPlainText()
        assert guide.windowTitle() == "标注员指南"
        assert "机构的链接" in shown and "拿不准时" in shown
        assert "Linking agencies" not in shown
        assert "查找下一个" in shown and "下一句" in shown  # the key table's actions, too
        assert "接受候选并转到下一个" in shown


def test_the_keys_of_the_text_in_the_table_do_what_it_says(qtbot, project):
    """Each label key listed labels; Tab, Enter and Delete reach the workbench."""
    win = open_window(qtbot, project, "en")
    view = win.workbench.view
    view.setFocus()
    listed = {keys for keys, _what in text_keys(project.schema)}
    heard = []
    view.hotkey.connect(heard.append)
    for label in project.schema.labels:
        assert label.hotkey.upper() in listed
        qtbot.keyClick(view, label.hotkey.lower())
    assert heard == [label.name for label in project.schema.labels]
    for keys, key, signal in (("Tab / Shift+Tab", Qt.Key.Key_Tab, view.navigate),
                              ("Enter", Qt.Key.Key_Return, view.accept),
                              ("Delete / X", Qt.Key.Key_Delete, view.reject)):
        assert keys in listed
        with qtbot.waitSignal(signal, timeout=1000):
            qtbot.keyClick(view, key)
