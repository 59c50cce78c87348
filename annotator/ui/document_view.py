"""The selected document's text, each span drawn in its label's colour."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from ..core.model import Schema, Span
from .utf16 import Utf16Map


class DocumentView(QPlainTextEdit):
    """Read-only text; confirmed spans filled, machine candidates underlined on a light tint."""

    def __init__(self, schema: Schema, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self._schema = schema
        self._map = Utf16Map("")
        self._spans: list[Span] = []
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.setFont(font)

    def show_document(self, text: str, spans: list[Span]) -> None:
        self._map = Utf16Map(text)
        self._spans = spans
        self.setPlainText(text)
        self._paint()

    def spans(self) -> list[Span]:
        return list(self._spans)

    def span_at_cursor(self) -> Span | None:
        pos = self._map.from_qt(self.textCursor().position())
        return next((s for s in self._spans if s.start <= pos < s.end), None)

    def select_span(self, span: Span) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_qt(span.start))
        cursor.setPosition(self._map.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _paint(self) -> None:
        colours = {lab.name: QColor(lab.color) for lab in self._schema.labels}
        selections = []
        for span in self._spans:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(self.document())
            sel.cursor.setPosition(self._map.to_qt(span.start))
            sel.cursor.setPosition(self._map.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
            sel.format = _format(
                colours.get(span.label, QColor("#cccccc")), suggested=span.origin == "suggested"
            )
            selections.append(sel)
        self.setExtraSelections(selections)


def _format(colour: QColor, suggested: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if suggested:
        tint = QColor(colour)
        tint.setAlpha(70)
        fmt.setBackground(tint)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(colour.darker(150))
    else:
        fmt.setBackground(colour)
        fmt.setFontWeight(QFont.Weight.DemiBold)
    return fmt
