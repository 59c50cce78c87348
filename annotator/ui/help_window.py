"""Help (F1): the annotator's guide in the interface's language, and a table of every key.

The guide's text ships under resources/help/. The key table is made when the guide is shown,
from the shortcuts the main window has registered (its menus and its own actions), the keys
the text handles itself and the schema's label keys, so it lists what the keys do today.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QTextBrowser, QVBoxLayout

from ..core.model import Schema
from ..core.resources import resource_path
from .names import label_name, speaks_chinese

translate = QCoreApplication.translate
_MNEMONIC = re.compile(r"\(&\w\)|&(?=\S)")
# Keys of multimedia keyboards that some standard shortcuts also answer to: left out of the
# table, which is about the keys every keyboard has.
_DEVICE_KEYS = {Qt.Key.Key_Find, Qt.Key.Key_Help, Qt.Key.Key_Undo, Qt.Key.Key_Redo,
                Qt.Key.Key_Copy, Qt.Key.Key_Paste, Qt.Key.Key_Cut, Qt.Key.Key_Open,
                Qt.Key.Key_New, Qt.Key.Key_Save, Qt.Key.Key_Close, Qt.Key.Key_Back,
                Qt.Key.Key_Forward, Qt.Key.Key_Refresh, Qt.Key.Key_ZoomIn, Qt.Key.Key_ZoomOut}


def guide_markdown() -> str:
    """The guide in the interface's language: Chinese unless the interface speaks English."""
    name = "guide_zh_CN.md" if speaks_chinese() else "guide_en.md"
    return resource_path("help", name).read_text(encoding="utf-8")


def _keys(sequences: Iterable[QKeySequence]) -> str:
    return " / ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences
                      if s.count() and s[0].key() not in _DEVICE_KEYS)


def _plain(text: str) -> str:
    """A menu entry's text as read in a sentence: no mnemonic, no trailing ellipsis."""
    return _MNEMONIC.sub("", text).split("\t")[0].rstrip("…").strip()


def _menu_actions(actions: Iterable[QAction]) -> list[QAction]:
    found = []
    for action in actions:
        found.append(action)
        if action.menu() is not None:
            found += _menu_actions(action.menu().actions())
    return found


def registered_actions(window: QMainWindow) -> list[QAction]:
    """Every action of the window with a key: in its menus and on the window itself."""
    seen, out = set(), []
    for action in _menu_actions(window.menuBar().actions()) + window.actions():
        if action.shortcuts() and id(action) not in seen:
            seen.add(id(action))
            out.append(action)
    return out


def text_keys(schema: Schema) -> list[tuple[str, str]]:
    """Keys the document text handles itself (they are not menu entries), and the find bar's."""
    rows = [
        ("Tab / Shift+Tab", translate("Keys", "next / previous candidate")),
        ("Enter", translate("Keys", "accept the candidate and go to the next")),
        ("Delete / X", translate("Keys", "reject the candidate")),
        ("Shift+← / Shift+→", translate("Keys", "move the end of the current span")),
        ("Ctrl+Shift+← / Ctrl+Shift+→", translate("Keys", "move the start of the current span")),
    ]
    relabel = translate("Keys", "label the selection, or relabel the current span, as {label}")
    rows += [(label.hotkey.upper(), relabel.format(label=label_name(label)))
             for label in schema.labels if label.hotkey]
    rows += [
        (translate("Keys", "Enter / Shift+Enter (in the find bar)"),
         translate("Keys", "next / previous hit")),
        (translate("Keys", "Esc (in the find bar)"), translate("Keys", "close the find bar")),
    ]
    return rows


def key_rows(window: QMainWindow, schema: Schema) -> list[tuple[str, str]]:
    """(keys, what they do) for the window's registered shortcuts, then the text's own keys."""
    rows = [(_keys(a.shortcuts()), _plain(a.text())) for a in registered_actions(window)]
    return rows + text_keys(schema)


def key_table(rows: list[tuple[str, str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    keys = translate("Keys", "keys")
    action = translate("Keys", "action")
    head = f"| {keys} | {action} |\n|---|---|\n"
    return head + "".join(f"| {cell(keys)} | {cell(what)} |\n" for keys, what in rows)


class HelpWindow(QDialog):
    """The guide beside the work, not modal; written again when the language changes."""

    def __init__(self, window: QMainWindow, schema: Schema):
        super().__init__(window)
        self.window_ = window
        self.schema = schema
        self.setObjectName("help")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(760, 720)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Annotator's guide"))
        self.browser.setMarkdown(guide_markdown() + "\n" +
                                 key_table(key_rows(self.window_, self.schema)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def show_help(window: QMainWindow, schema: Schema) -> HelpWindow:
    """Open the guide (one window per main window), brought to the front if already open."""
    help_window = window.findChild(HelpWindow, "help")
    if help_window is None:
        help_window = HelpWindow(window, schema)
    else:
        help_window.retranslate()  # keys may have changed since
    help_window.show()
    help_window.raise_()
    help_window.activateWindow()
    return help_window
