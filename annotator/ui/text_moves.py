"""Moving the cursor by sentence and by paragraph, for reading an article a sentence at a time.

Sentence and paragraph starts are found in the document's text (code points); the view
converts the offset where the cursor lands.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from .document_view import DocumentView

# A sentence ends after 。！？ (or their ASCII forms, or an ellipsis) and the closing quotes
# and brackets that follow them; the next one starts at the first character that is not
# blank. A line break ends a sentence too: headlines and list items carry no full stop.
_SENTENCE_END = re.compile(r"(?:[。！？!?]+|……)[”’」』）)\]】》\"']*|\n")
_PARAGRAPH_END = re.compile(r"\n")
_BLANK = re.compile(r"\s*")


def _starts(text: str, ends: re.Pattern[str]) -> list[int]:
    """Offsets where a unit begins: the text's first character, and the first non-blank
    character after each end, when there is one."""
    starts = [_BLANK.match(text).end()] if text else []
    for match in ends.finditer(text):
        start = _BLANK.match(text, match.end()).end()
        if start < len(text) and start != starts[-1]:
            starts.append(start)
    return [s for s in starts if s < len(text)]


def sentence_starts(text: str) -> list[int]:
    return _starts(text, _SENTENCE_END)


def paragraph_starts(text: str) -> list[int]:
    return _starts(text, _PARAGRAPH_END)


def next_start(starts: list[int], offset: int, direction: int) -> int | None:
    """The first start after ``offset`` (direction +1), or the last before it (-1)."""
    if direction > 0:
        return next((s for s in starts if s > offset), None)
    return next((s for s in reversed(starts) if s < offset), None)


class TextMoves(QObject):
    """Four menu entries with their keys: next and previous sentence, next and previous
    paragraph. The cursor goes to that start; a selection is dropped."""

    KEYS = {  # (unit, direction) -> key
        ("sentence", 1): "Alt+Down", ("sentence", -1): "Alt+Up",
        ("paragraph", 1): "Ctrl+Down", ("paragraph", -1): "Ctrl+Up",
    }

    def __init__(self, view: DocumentView, text_of: Callable[[], str], parent: QObject):
        super().__init__(parent)
        self.view = view
        self._text_of = text_of
        self.actions: dict[tuple[str, int], QAction] = {}
        for (unit, direction), key in self.KEYS.items():
            action = QAction(parent)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(
                lambda _=False, unit=unit, direction=direction: self.move(unit, direction))
            self.actions[unit, direction] = action
        self.retranslate()

    def retranslate(self) -> None:
        names = {("sentence", 1): self.tr("Next sentence"),
                 ("sentence", -1): self.tr("Previous sentence"),
                 ("paragraph", 1): self.tr("Next paragraph"),
                 ("paragraph", -1): self.tr("Previous paragraph")}
        for key, action in self.actions.items():
            action.setText(names[key])

    def add_to(self, menu: QMenu) -> None:
        menu.addActions(list(self.actions.values()))

    def move(self, unit: str, direction: int) -> int | None:
        """Put the cursor on the next (previous) sentence or paragraph start; where it went."""
        text = self._text_of()
        starts = sentence_starts(text) if unit == "sentence" else paragraph_starts(text)
        selection = self.view.selection()
        here = selection[0] if selection else self.view.cursor_offset()
        target = next_start(starts, here, direction)
        if target is not None:
            self.view.set_cursor_offset(target)
            self.view.ensureCursorVisible()
        return target
