"""The document on screen and the span under the cursor, held in one place.

Every widget that shows or edits "the current span" reads it from here and listens for its
change, so none can keep a span of a document the annotator has left and edit it unseen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class CurrentSelection(QObject):
    """Document id and span id of what the annotator is looking at; both may be None."""

    changed = Signal(object, object)  # doc id | None, span id | None
    documentChanged = Signal(object)  # doc id | None

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._doc_id: str | None = None
        self._span_id: int | None = None

    @property
    def doc_id(self) -> str | None:
        return self._doc_id

    @property
    def span_id(self) -> int | None:
        return self._span_id

    def set(self, doc_id: str | None, span_id: int | None = None) -> None:
        """Show another document and/or span; a new document starts with no span unless given."""
        if (doc_id, span_id) == (self._doc_id, self._span_id):
            return
        moved = doc_id != self._doc_id
        self._doc_id, self._span_id = doc_id, span_id
        if moved:
            self.documentChanged.emit(doc_id)
        self.changed.emit(doc_id, span_id)

    def set_span(self, span_id: int | None) -> None:
        """Another span of the document already shown."""
        self.set(self._doc_id, span_id)
