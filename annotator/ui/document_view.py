"""The document text with every span drawn in its label's colour, driven from the keyboard.

Spans are painted as character formats of the (read-only) document, so one change repaints
one range, not the whole text. Offsets arrive as code points and are converted to Qt's
UTF-16 positions here, and only here.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ..core.model import Origin, Schema, Span
from ..core.store.spans import Change, from_record
from .utf16 import Utf16Map

_MOVE = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}


class DocumentView(QPlainTextEdit):
    """Read-only text; confirmed spans filled, machine candidates underlined on a light tint."""

    navigate = Signal(int)  # +1 next candidate, -1 previous
    accept = Signal()
    reject = Signal()
    hotkey = Signal(str)  # a label name: relabel the current span or label the selection
    adjust = Signal(int, int)  # start delta, end delta of the current span
    currentSpanChanged = Signal(object)  # Span | None

    def __init__(self, schema: Schema, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setTabChangesFocus(False)
        self.document().setUndoRedoEnabled(False)
        self._schema = schema
        self._hotkeys = {lab.hotkey.upper(): lab.name for lab in schema.labels if lab.hotkey}
        self._formats = {lab.name: (_format(QColor(lab.color), True),
                                    _format(QColor(lab.color), False)) for lab in schema.labels}
        self._plain = QTextCharFormat()
        self._map = Utf16Map("")
        self._length = 0
        self._spans: list[Span] = []
        self._current: Span | None = None
        self._repairs: list[tuple[int, str]] = []
        self._show_repairs = False
        self._marked: tuple[int, int] | None = None  # a region to keep in view (review)
        self._flashed: tuple[int, int] | None = None  # where an undo or redo just acted
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._unflash)
        self._found: list[tuple[int, int]] = []  # the find bar's hits, code points
        self._found_at: int | None = None  # the one of them shown
        self.setMouseTracking(True)
        self._base_points = self.font().pointSizeF() * 1.25
        self.set_text_zoom(0)
        self.cursorPositionChanged.connect(self._follow_cursor)

    def set_text_zoom(self, steps: int) -> None:
        """The text one point larger per step than the default size (negative: smaller)."""
        font = self.font()
        font.setPointSizeF(max(4.0, self._base_points + steps))
        self.setFont(font)

    # -- content ----------------------------------------------------------------------------
    def show_document(self, text: str, spans: list[Span]) -> None:
        self._map = Utf16Map(text)
        self._length = len(text)
        self._spans = sorted(spans, key=lambda s: s.start)
        self._flashed = None
        self._found, self._found_at = [], None  # hits of the previous text
        self.setPlainText(text)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for span in self._spans:
            self._paint(cursor, span)
        cursor.endEditBlock()
        self._follow_cursor()

    def apply_changes(self, changes: list[Change]) -> None:
        """Follow the core's change records: drop, add or move spans; repaint only there."""
        by_id = {s.id: s for s in self._spans}
        ranges = []
        for change in changes:
            by_id.pop(change.span_id, None)
            if change.after is not None:
                by_id[change.span_id] = replace(from_record(change.after), id=change.span_id)
            ranges += [(r["start"], r["end"]) for r in (change.before, change.after) if r]
        self.replace_spans(list(by_id.values()), ranges)

    def replace_spans(self, spans: list[Span], ranges: list[tuple[int, int]]) -> None:
        """Take the layer's new state and repaint only the code-point ``ranges`` that changed."""
        self._spans = sorted(spans, key=lambda s: s.start)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for start, end in ranges:
            self._select(cursor, start, end)
            cursor.setCharFormat(self._plain)
            for span in self._spans:
                if span.start < end and start < span.end:
                    self._paint(cursor, span)
        cursor.endEditBlock()
        self._follow_cursor()

    def spans(self) -> list[Span]:
        return list(self._spans)

    # -- cursor and current span ---------------------------------------------------------------
    def cursor_offset(self) -> int:
        return self._map.from_qt(self.textCursor().position())

    def set_cursor_offset(self, offset: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_qt(max(0, min(offset, self._length))))
        self.setTextCursor(cursor)

    def selection(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (self._map.from_qt(cursor.selectionStart()),
                self._map.from_qt(cursor.selectionEnd()))

    def select_range(self, start: int, end: int) -> None:
        """Select the code points ``[start, end)`` and scroll them into view."""
        cursor = self.textCursor()
        self._select(cursor, max(0, min(start, self._length)), max(0, min(end, self._length)))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def current_span(self) -> Span | None:
        return self._current

    def span_at_cursor(self) -> Span | None:
        pos = self.cursor_offset()
        return next((s for s in self._spans if s.start <= pos < s.end), None)

    def select_span(self, span: Span) -> None:
        """Put the cursor on a span (its start) and show it."""
        self.set_cursor_offset(span.start)
        self.ensureCursorVisible()

    def step(self, direction: int, only_open: bool = True) -> Span | None:
        """The next (or previous) span after the cursor; undecided candidates first."""
        pos = self.cursor_offset()
        pool = [s for s in self._spans if s.origin == Origin.SUGGESTED] if only_open else []
        pool = pool or self._spans
        if direction > 0:
            after = [s for s in pool if s.start > pos] or pool[:1]
            return after[0] if after else None
        before = [s for s in pool if s.start < pos] or pool[-1:]
        return before[-1] if before else None

    # -- keyboard ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        shift = Qt.KeyboardModifier.ShiftModifier
        if key == Qt.Key.Key_Tab and plain:
            self.navigate.emit(1)
        elif key == Qt.Key.Key_Backtab:
            self.navigate.emit(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.accept.emit()
        elif (key == Qt.Key.Key_Delete or key == Qt.Key.Key_X) and plain:
            self.reject.emit()
        elif key in _MOVE and mods & shift and self._current and not self.selection():
            delta = _MOVE[key]
            if mods & Qt.KeyboardModifier.ControlModifier:
                self.adjust.emit(delta, 0)  # Ctrl+Shift: the start boundary
            else:
                self.adjust.emit(0, delta)  # Shift: the end boundary
        elif plain and event.text().upper() in self._hotkeys:
            self.hotkey.emit(self._hotkeys[event.text().upper()])
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - keep Tab for candidates
        return False

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        """Right-click: label the selection or relabel, accept or reject the span there."""
        if not self.textCursor().hasSelection():
            self.setTextCursor(self.cursorForPosition(event.pos()))
        self.context_menu().exec(event.globalPos())

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        label_menu = menu.addMenu(self.tr("Label as"))
        for lab in self._schema.labels:
            action = label_menu.addAction(f"{lab.zh} / {lab.en}\t{lab.hotkey}")
            action.triggered.connect(lambda _=False, name=lab.name: self.hotkey.emit(name))
        if self._current is not None:
            menu.addAction(self.tr("Accept\tEnter"), self.accept.emit)
            menu.addAction(self.tr("Reject\tDelete"), self.reject.emit)
        return menu

    # -- OCR repairs ------------------------------------------------------------------------------
    def set_repairs(self, repairs: list[tuple[int, str]], shown: bool) -> None:
        """Where import deleted noise (stray spaces, breaks, page furniture), and what."""
        self._repairs = repairs
        self._show_repairs = shown
        self._outline(self._current)

    def repair_at(self, offset: int) -> str | None:
        return next((gone for pos, gone in self._repairs if pos in (offset, offset + 1)), None)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        if self._show_repairs:
            offset = self._map.from_qt(self.cursorForPosition(event.pos()).position())
            gone = self.repair_at(offset)
            if gone is not None:
                QToolTip.showText(event.globalPosition().toPoint(),
                                  self.tr("Removed on import: {text}").format(text=repr(gone)))

    # -- painting ---------------------------------------------------------------------------------
    def _follow_cursor(self) -> None:
        """Announce the span under the cursor whenever it is another object: another span, a
        new state of it, or none (also when the whole text was replaced)."""
        span = self.span_at_cursor()
        if span is not self._current:
            self._current = span
            self._outline(span)
            self.currentSpanChanged.emit(span)

    @property
    def marked(self) -> tuple[int, int] | None:
        return self._marked

    def mark_range(self, start: int, end: int) -> None:
        """Shade ``[start, end)`` until another range is marked: the disagreement under review."""
        self._marked = (start, end) if end > start else None
        self._outline(self._current)

    @property
    def flashed(self) -> tuple[int, int] | None:
        return self._flashed

    def flash(self, start: int, end: int, ms: int = 700) -> None:
        """Light ``[start, end)`` up for a moment: what an undo or redo just changed."""
        self._flashed = (max(0, start), min(max(end, start + 1), self._length))
        self.ensureCursorVisible()
        self._outline(self._current)
        self._flash_timer.start(ms)

    def _unflash(self) -> None:
        self._flashed = None
        self._outline(self._current)

    def set_found(self, ranges: list[tuple[int, int]], current: int | None = None) -> None:
        """Shade the find bar's hits (code points), ``current`` (an index) the strongest."""
        self._found, self._found_at = list(ranges), current
        self._outline(self._current)

    def _found_marks(self) -> list[QTextEdit.ExtraSelection]:
        marks = []
        for k, (start, end) in enumerate(self._found):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            self._select(sel.cursor, start, end)
            sel.format = QTextCharFormat()
            sel.format.setBackground(QColor("#ff9632") if k == self._found_at
                                     else QColor(255, 235, 59, 170))
            marks.append(sel)
        return marks

    def _range_mark(self) -> list[QTextEdit.ExtraSelection]:
        marks = []
        for where, colour in ((self._marked, QColor(255, 200, 0, 110)),
                              (self._flashed, QColor(255, 120, 0, 160))):
            if where is None:
                continue
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            self._select(sel.cursor, *where)
            sel.format = QTextCharFormat()
            sel.format.setBackground(colour)
            marks.append(sel)
        return marks

    def _outline(self, span: Span | None) -> None:
        selections = self._range_mark() + self._found_marks()
        selections += self._repair_marks() if self._show_repairs else []
        if span is None:
            self.setExtraSelections(selections)
            return
        sel = QTextEdit.ExtraSelection()
        sel.cursor = QTextCursor(self.document())
        self._select(sel.cursor, span.start, span.end)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor("#d00000"))
        fmt.setFontUnderline(True)
        fmt.setFontWeight(QFont.Weight.Bold)
        sel.format = fmt
        self.setExtraSelections([*selections, sel])

    def _repair_marks(self) -> list[QTextEdit.ExtraSelection]:
        """A grey mark on the character after each repair."""
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(0, 0, 0, 40))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#888888"))
        marks = []
        for pos, _gone in self._repairs:
            if pos >= self._length:
                continue
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            self._select(sel.cursor, pos, pos + 1)
            sel.format = fmt
            marks.append(sel)
        return marks

    def _paint(self, cursor: QTextCursor, span: Span) -> None:
        suggested, confirmed = self._formats.get(span.label, (self._plain, self._plain))
        self._select(cursor, span.start, span.end)
        cursor.setCharFormat(suggested if span.origin == Origin.SUGGESTED else confirmed)

    def _select(self, cursor: QTextCursor, start: int, end: int) -> None:
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)


def _format(colour: QColor, suggested: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if suggested:
        tint = QColor(colour)
        tint.setAlpha(80)
        fmt.setBackground(tint)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(colour.darker(160))
    else:
        fmt.setBackground(colour)
    return fmt
