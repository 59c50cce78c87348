"""Find in the document: a bar over the text that shades every hit and steps between them.

Hits are found in the document's own text (code points); the view converts them to Qt's
positions where it draws them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
)

from .document_view import DocumentView


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in ``text``, not overlapping, as code-point ranges.

    Latin letters match in either case where lowering keeps the length (it always does for
    Chinese, digits and punctuation), so ``gdp`` finds ``GDP``.
    """
    if not needle:
        return []
    haystack, wanted = text, needle
    if len(text.lower()) == len(text) and len(needle.lower()) == len(needle):
        haystack, wanted = text.lower(), needle.lower()
    hits, at = [], haystack.find(wanted)
    while at >= 0:
        hits.append((at, at + len(wanted)))
        at = haystack.find(wanted, at + len(wanted))
    return hits


class FindBar(QFrame):
    """Floats at the top right of the text; typing shades the hits, Enter goes to the next."""

    def __init__(self, view: DocumentView, text_of: Callable[[], str]):
        super().__init__(view)
        self.view = view
        self._text_of = text_of
        self.hits: list[tuple[int, int]] = []
        self.at: int | None = None
        self._origin = 0  # where the cursor stood when the search began
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000/0000"))
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous_button = self._button("▲", lambda: self.step(-1))
        self.next_button = self._button("▼", lambda: self.step(1))
        self.close_button = self._button("✕", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        for widget in (self.edit, self.count, self.previous_button, self.next_button,
                       self.close_button):
            layout.addWidget(widget)
        self.edit.textChanged.connect(self._search)
        self.edit.installEventFilter(self)
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), view, self.close_bar)
        self.escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.escape.setEnabled(False)
        view.installEventFilter(self)
        self.retranslate()
        self.hide()

    def _button(self, text: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        """Every string, again: at construction and when the interface language changes."""
        self.edit.setPlaceholderText(self.tr("Find in the document"))
        self.previous_button.setToolTip(self.tr("Previous hit (Shift+F3)"))
        self.next_button.setToolTip(self.tr("Next hit (Enter, F3)"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- opening and closing ----------------------------------------------------------------
    def open_bar(self, query: str | None = None, focus: bool = True) -> None:
        """Show the bar (with ``query`` when given) and shade its hits in the shown text."""
        self._origin = self.view.cursor_offset()
        self.show()
        self._place()
        self.raise_()
        self.escape.setEnabled(True)
        if query is not None and query != self.edit.text():
            self.edit.setText(query)  # searches
        else:
            self._search(self.edit.text())
        if focus:
            self.edit.setFocus()
            self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and its shading; the text keeps the hit last shown selected."""
        self.hide()
        self.escape.setEnabled(False)
        self.hits, self.at = [], None
        self.view.set_found([])
        self.view.setFocus()

    def refresh(self) -> None:
        """Another document is shown: its hits for the same words."""
        if self.isVisible():
            self._origin = 0
            self._search(self.edit.text(), show=False)

    # -- hits -------------------------------------------------------------------------------
    def _search(self, query: str, show: bool = True) -> None:
        self.hits = find_all(self._text_of(), query)
        after = [k for k, (start, _end) in enumerate(self.hits) if start >= self._origin]
        self.at = (after[0] if after else 0) if self.hits else None
        self.view.set_found(self.hits, self.at)
        self._show_count()
        if show and self.at is not None:
            self._show_hit()

    def step(self, direction: int) -> None:
        """The next (+1) or previous (-1) hit, round the end of the text."""
        if not self.isVisible():
            self.open_bar()
            return
        if not self.hits:
            return
        self.at = 0 if self.at is None else (self.at + direction) % len(self.hits)
        self._show_count()
        self._show_hit()

    def _show_hit(self) -> None:
        start, end = self.hits[self.at]
        self.view.select_range(start, end)
        self.view.set_found(self.hits, self.at)

    def _show_count(self) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif not self.hits:
            self.count.setText(self.tr("no hits"))
        else:
            self.count.setText(f"{self.at + 1}/{len(self.hits)}")

    # -- keys and placement -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self._place()
        elif watched is self.edit and event.type() == QEvent.Type.KeyPress:
            return self._edit_key(event)
        return super().eventFilter(watched, event)

    def _edit_key(self, event: QKeyEvent) -> bool:
        """Enter: the next hit; Shift+Enter: the previous one."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.step(-1 if shift else 1)
            return True
        return False

    def _place(self) -> None:
        """Top right of the text, clear of the scroll bar."""
        self.adjustSize()
        width = min(max(self.sizeHint().width(), self.fontMetrics().horizontalAdvance("标") * 22),
                    self.view.width() - 8)
        bar = self.view.verticalScrollBar()
        right = self.view.width() - (bar.width() if bar.isVisible() else 0) - 6
        self.setGeometry(max(0, right - width), 4, width, self.sizeHint().height())
