"""The annotation workbench: one document, one annotator's layer, every key an action.

Each action runs in the core (one transaction), comes back as a gesture of span changes,
is pushed on a QUndoStack, and the view repaints only the ranges those changes touched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..core.editing import Editor, Gesture
from ..core.model import UNDECIDED, Document, Schema, Span
from ..core.review import gold_layer
from ..core.store import documents as docs_store
from ..core.store.spans import Change, SpanError
from .current import CurrentSelection
from .document_view import DocumentView
from .legend import Legend
from .names import gesture_name, refusal


class Actor(Protocol):
    """Whoever did an action in the core (an editor, a reviewer) and can undo and redo it."""

    def undo(self, gesture: Gesture) -> Gesture: ...

    def redo(self, gesture: Gesture) -> Gesture: ...


class GestureCommand(QUndoCommand):
    """QUndoStack's view of a gesture that the core has already applied."""

    def __init__(self, history: History, gesture: Gesture, actor: Actor):
        super().__init__(gesture_name(gesture.name))
        self.history = history
        self.gesture = gesture
        self.actor = actor
        self._fresh = True

    def redo(self) -> None:
        if self._fresh:  # push() calls redo(): the core did it already
            self._fresh = False
            return
        self.history.replay(self, undone=False)

    def undo(self) -> None:
        self.history.replay(self, undone=True)


class History(QObject):
    """The window's actions: each runs in the core, goes on the one undo stack, and its change
    record, as its undo's and redo's, is announced on ``changed`` to every view that shows
    what it touched. Views repaint from the record; none works out a status itself."""

    changed = Signal(object)  # Gesture: what an action, an undo or a redo changed
    replayed = Signal(object)  # Gesture: the record of an undo or redo, after ``changed``
    replaying = Signal(str)  # doc id: an undo or redo is about to change this document
    failed = Signal(str)  # an action the core refused, with its reason

    def __init__(self, parent: QObject | None = None, schema: Schema | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.schema = schema  # for the labels a refusal names

    def perform(self, action: Callable[[], Gesture], actor: Actor) -> Gesture | None:
        """Run one core action; on success it is saved, undoable and announced."""
        try:
            gesture = action()
        except SpanError as exc:
            self.failed.emit(refusal(exc, self.schema))
            return None
        self.undo_stack.push(GestureCommand(self, gesture, actor))
        self.changed.emit(gesture)
        return gesture

    def replay(self, command: GestureCommand, undone: bool) -> None:
        """Undo or redo where it can be seen: the document is brought up first."""
        self.replaying.emit(command.gesture.doc_id)
        actor = command.actor
        try:
            record = (actor.undo if undone else actor.redo)(command.gesture)
        except SpanError as exc:
            self.failed.emit(refusal(exc, self.schema))
            return
        self.changed.emit(record)
        self.replayed.emit(record)


class Workbench(QWidget):
    saved = Signal(str)  # a status-bar message: what was saved, when
    failed = Signal(str)  # an action the core refused, with its reason
    documentWanted = Signal(str)  # undo or redo of a change to a document not shown

    def __init__(self, editor: Editor, language: str = "zh_CN", parent: QWidget | None = None,
                 current: CurrentSelection | None = None):
        super().__init__(parent)
        self.editor = editor
        self.project = editor.project
        self.current = current or CurrentSelection(self)
        self.document: Document | None = None  # the text of the document ``current`` names
        self.show_repairs = False
        self.show_gold = False  # gold shown instead of the editor's layer: read only
        self._shown_layer: int | None = editor.layer_id
        self.history = History(self, self.project.schema)
        self.undo_stack = self.history.undo_stack
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600; padding: 4px;")
        self.view = DocumentView(self.project.schema, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(Legend(self.project.schema, language, self))
        layout.addWidget(self.view, 1)
        self.view.navigate.connect(self.go)
        self.view.accept.connect(self.accept_current)
        self.view.reject.connect(self.reject_current)
        self.view.hotkey.connect(self.apply_label)
        self.view.adjust.connect(self.adjust_current)
        self.view.currentSpanChanged.connect(
            lambda span: self.current.set_span(span.id if span is not None else None))
        self.history.failed.connect(self.failed)
        self.history.replaying.connect(self.bring_up)
        self.history.changed.connect(self.show_changes)
        self.history.replayed.connect(self.land)

    @property
    def doc_id(self) -> str | None:
        """The document on screen, as the window's one current selection has it."""
        return self.current.doc_id

    # -- documents ----------------------------------------------------------------------------
    def open_document(self, doc_id: str, cursor: int = 0) -> None:
        """Show a document; the current span is the one at ``cursor``, if any.

        The undo history is kept: undoing a step made in another document goes back there.
        """
        doc = docs_store.get(self.project, doc_id)
        if doc is None:
            return
        self.document = doc
        # the history is kept across documents: marking done moves on, and is undoable
        self.current.set(doc_id, None)  # before the view shows its first span of this text
        started = Gesture("begin", doc_id, ())
        if self.show_gold:  # looking at gold neither starts the document nor seeds a layer
            self._shown_layer, spans = gold_layer(self.project, doc_id)
        else:
            started = self.editor.begin(doc_id)
            self._shown_layer, spans = self.editor.layer_id, self.editor.layer(doc_id)
        self._show_title(doc, bool(spans))
        self.view.show_document(doc.text, spans)
        offsets = docs_store.offsets_of(self.project, doc_id)
        self.view.set_repairs(offsets.repairs() if offsets else [], self.show_repairs)
        self.view.set_cursor_offset(cursor)
        self.view.setFocus()
        if started.statuses:  # a first opening starts the document for this annotator
            self.history.changed.emit(started)

    def _show_title(self, doc: Document, has_spans: bool) -> None:
        """The document's title, and with gold shown, that it is gold and cannot be edited."""
        if not self.show_gold:
            self.title.setText(doc.title)
            return
        note = (self.tr("Gold, read-only") if has_spans
                else self.tr("Gold, read-only: this document has no gold spans"))
        self.title.setText(f"{doc.title}  [{note}]")

    def set_show_gold(self, shown: bool) -> None:
        """Show the document's gold layer instead of the editor's own, or go back to it."""
        self.show_gold = shown
        if self.doc_id:
            doc_id, cursor = self.doc_id, self.view.cursor_offset()
            self.current.set(None, None)  # the same document again, in the other layer
            self.open_document(doc_id, cursor)

    def set_show_repairs(self, shown: bool) -> None:
        self.show_repairs = shown
        if self.doc_id:
            offsets = docs_store.offsets_of(self.project, self.doc_id)
            self.view.set_repairs(offsets.repairs() if offsets else [], shown)

    def bring_up(self, doc_id: str) -> None:
        """Show the document an undo or redo changes, so no change happens out of sight."""
        if doc_id != self.doc_id:
            self.documentWanted.emit(doc_id)  # the window selects it in its list
        if doc_id != self.doc_id:  # not listed (filtered out): open it here
            self.open_document(doc_id)

    def current_span(self) -> Span | None:
        """The span the current selection names, as the view of the shown document has it."""
        span = self.view.current_span()
        return span if span is not None and span.id == self.current.span_id else None

    def act_on_current(self, action: Callable[[Span], Gesture]) -> Gesture | None:
        """Run ``action`` on the current span, and only if it is one of the shown document."""
        span = self.current_span()
        return self.perform(lambda: action(span)) if span is not None else None

    def show_first_undecided(self) -> Span | None:
        """Put the cursor on the first candidate still waiting for a decision."""
        waiting = sorted((s for s in self.view.spans() if s.origin == UNDECIDED),
                         key=lambda s: (s.start, s.end))
        if waiting:
            self.view.select_span(waiting[0])
            self.view.setFocus()
        return waiting[0] if waiting else None

    # -- actions --------------------------------------------------------------------------------
    def go(self, direction: int) -> None:
        span = self.view.step(direction)
        if span is not None:
            self.view.select_span(span)

    def accept_current(self) -> None:
        span = self.current_span()
        if span is not None and self.perform(lambda: self.editor.accept(span.id)):
            self.go(1)

    def reject_current(self) -> None:
        span = self.current_span()
        if span is not None and self.perform(lambda: self.editor.reject(span.id)):
            self.go(1)

    def apply_label(self, label: str) -> None:
        """A label's hotkey: label the selected text, else relabel the span under the cursor."""
        selection = self.view.selection()
        span = self.current_span()
        if selection and self.doc_id:
            doc_id = self.doc_id
            self.perform(lambda: self.editor.label(doc_id, selection[0], selection[1], label))
        elif span is not None and span.label != label:
            self.perform(lambda: self.editor.relabel(span.id, label))
        elif span is not None:
            self.perform(lambda: self.editor.accept(span.id))

    def adjust_current(self, start_delta: int, end_delta: int) -> None:
        span = self.current_span()
        if span is not None:
            self.perform(lambda: self.editor.adjust(span.id, start_delta, end_delta))
            self.view.set_cursor_offset(span.start + start_delta)

    def accept_all(self, label: str) -> None:
        if self.doc_id:
            doc_id = self.doc_id
            self.perform(lambda: self.editor.accept_all(doc_id, label))

    def label_all(self, needle: str, label: str,
                  link: tuple[str, str | None] | None = None) -> None:
        if self.doc_id:
            doc_id = self.doc_id
            self.perform(lambda: self.editor.label_all(doc_id, needle, label, link))

    def perform(self, action: Callable[[], Gesture],
                actor: Actor | None = None) -> Gesture | None:
        """Run one core action (the editor's, unless another ``actor`` did it); on success it
        is saved, undoable and drawn. With gold shown, nothing is edited here."""
        if self.refuse_in_gold():
            return None
        return self.history.perform(action, actor or self.editor)

    def refuse_in_gold(self) -> bool:
        """Whether gold is shown, so no edit may start; the status bar says why."""
        if self.show_gold:
            self.failed.emit(self.tr("gold is read-only: turn off View > Show gold to edit"))
        return self.show_gold

    def show_changes(self, gesture: Gesture) -> None:
        """Repaint what a change record touched in the layer on screen."""
        if self.doc_id not in gesture.doc_ids():
            return
        changes = [c for c in gesture.changes
                   if c.doc_id == self.doc_id and c.layer == self._shown_layer]
        if changes:
            self.view.apply_changes(changes)
        if gesture.name != "begin":  # opening a document is not an edit to acknowledge
            self.saved.emit(self.tr("Saved {time}").format(
                time=datetime.now().strftime("%H:%M:%S")))

    def land(self, gesture: Gesture) -> None:
        """After an undo or redo, the cursor on the span it left, with no selection, so the
        next key acts on that span; the place flashes so the eye finds it."""
        landing = _landing(gesture.changes)
        if landing is not None and gesture.doc_id == self.doc_id:
            self.view.set_cursor_offset(landing[0])
            self.view.flash(*landing)
        self.view.setFocus()


def _landing(changes: tuple[Change, ...]) -> tuple[int, int] | None:
    """Where a replayed gesture leaves the cursor: on the first span it left in place, else
    where the first span it removed was; None when it changed no span."""
    places = [c.after for c in changes if c.after] or [c.before for c in changes if c.before]
    return (places[0]["start"], places[0]["end"]) if places else None


def redo_keys() -> list[QKeySequence]:
    """The platform's own redo keys, each once, and Ctrl+Y where they lack it: X11 desktops
    bind only Ctrl+Shift+Z, yet annotators coming from Windows press Ctrl+Y."""
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    ctrl_y = QKeySequence("Ctrl+Y")
    return keys if ctrl_y in keys else [*keys, ctrl_y]
