"""Review mode: one disagreement at a time, each settled from the keyboard into gold.

Tab / Shift+Tab move between disagreements; 1–9 take that layer's version; 0 or X
rejects the span; a label's hotkey puts a span some layers lack into gold with that label;
Ctrl+Enter finishes the document as gold. Spans every annotator agrees on are in gold from
the start (unless the project turns that off; a single annotator's layer always is). Each
decision goes on the window's one undo stack and comes back as a change record, which the
views repaint from.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QSplitter, QVBoxLayout, QWidget

from ..core.editing import Editor, Gesture
from ..core.model import GOLD, Label, Span
from ..core.review import Cluster, Reviewer, open_clusters
from ..core.store import Project
from ..core.store import documents as docs_store
from ..core.store import spans as spans_store
from .document_view import DocumentView
from .names import attribute_name, kind_name, label_name
from .workbench import Actor, History, redo_keys


class ReviewWindow(QWidget):
    finished = Signal(str)  # doc id, once it is gold

    def __init__(self, project: Project, reviewer: str, doc_id: str,
                 parent: QWidget | None = None, history: History | None = None):
        """``history``: the undo stack and change records the window shares with the
        workbench, so Ctrl+Z in either undoes the last step of both."""
        super().__init__(parent, Qt.WindowType.Window)
        self.project = project
        self.history = history or History(self, project.schema)
        self.reviewer = Reviewer(project, reviewer)
        self.doc = docs_store.get(project, doc_id)
        self.setWindowTitle(self.tr("Review — {title}").format(title=self.doc.title))
        self.view = DocumentView(project.schema, self)
        self.status = QLabel(self)
        self.versions = QListWidget(self)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Note for this decision (optional)"))
        side = QWidget(self)
        column = QVBoxLayout(side)
        for widget in (self.status, self.versions, self.note):
            column.addWidget(widget)
        keys = QLabel(self.tr("1–9 take a version · 0 or X rejects · a label key adds a missing "
                              "span · Tab next · Ctrl+Z undoes · Ctrl+Enter finishes"), side)
        keys.setWordWrap(True)
        column.addWidget(keys)
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setSizes([800, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.view.navigate.connect(self.step)
        self.view.reject.connect(self.reject)
        # Label hotkeys and Shift+arrows correct gold directly, as the reviewer.
        self.gold_editor = Editor(project, reviewer, layer=(GOLD, GOLD))
        self.view.hotkey.connect(self.edit_label)
        self.view.adjust.connect(self.edit_bounds)
        self._undo_keys()
        preaccept = project.setting("review_preaccept", "1") == "1"
        self.reviewer.start(doc_id, preaccept=preaccept)
        self.queue: list[Cluster] = self.reviewer.queue(self.doc.id)
        self.decided = self.reviewer.decided(self.doc.id)
        self.view.show_document(self.doc.text, self._gold())
        self.history.changed.connect(self.show_changes)
        self.history.replayed.connect(self.land)
        first = open_clusters(self.queue, self.decided)
        self.index = self.queue.index(first[0]) if first else 0
        self.show_current()

    def _undo_keys(self) -> None:
        """Ctrl+Z and the redo keys here too: the window is a top-level one of its own."""
        undo = self.history.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.history.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts(redo_keys())
        self.addActions([undo, redo])

    # -- state ------------------------------------------------------------------------------------
    def show_changes(self, record: Gesture) -> None:
        """Repaint gold where a change record touched it; decisions are re-read (an undone
        one is open again)."""
        if self.doc.id not in record.doc_ids():
            return
        changes = [c for c in record.changes
                   if c.doc_id == self.doc.id and c.layer == self.reviewer.gold]
        if changes:
            self.view.apply_changes(changes)
        self.decided = self.reviewer.decided(self.doc.id)
        self.show_current()

    def land(self, record: Gesture) -> None:
        """After an undo or redo: back on the disagreement a decision concerned, or on the
        gold span an edit changed, lit up."""
        if record.doc_id != self.doc.id:
            return
        if record.decision is not None:
            bounds = (record.decision["before"]["start"], record.decision["before"]["end"])
            where = next((i for i, c in enumerate(self.queue)
                          if (c.start, c.end) == bounds), None)
            if where is not None:
                self.index = where
                self.show_current()
                self.view.flash(*bounds)
            return
        touched = [c.after or c.before for c in record.changes
                   if c.layer == self.reviewer.gold and (c.after or c.before)]
        if touched:
            self.view.set_cursor_offset(touched[0]["start"])
            self.view.flash(touched[0]["start"], touched[0]["end"])

    def _gold(self) -> list[Span]:
        return spans_store.layer(self.project, self.doc.id, self.reviewer.gold)

    def current(self) -> Cluster | None:
        return self.queue[self.index] if self.queue else None

    def show_current(self) -> None:
        cluster = self.current()
        self.versions.clear()
        open_ = sum((c.start, c.end) not in self.decided for c in self.queue)
        self.status.setText(self.tr("{open} of {all} disagreements open").format(
            open=open_, all=len(self.queue)))
        if cluster is None:
            return
        self.view.set_cursor_offset(cluster.start)
        self.view.mark_range(cluster.start, cluster.end)
        self.view.ensureCursorVisible()
        kinds = ", ".join(kind_name(k) for k in cluster.kinds)
        done = (cluster.start, cluster.end) in self.decided
        self.status.setText(self.status.text() + f" · {kinds}" + (" ✓" if done else ""))
        for number, (name, spans) in enumerate(cluster.versions.items(), start=1):
            self.versions.addItem(f"{number}  {name}: {self._describe(spans)}")
            notes = self._comments(spans)
            if notes:  # the whole note, however narrow the list
                self.versions.item(self.versions.count() - 1).setToolTip(notes)
        self.versions.addItem(self.tr("0  reject: no span here"))

    def _describe(self, spans: tuple[Span, ...]) -> str:
        if not spans:
            return self.tr("(no span)")
        parts = []
        for s in spans:
            schema_label = self.project.schema.label(s.label)
            extra = s.agency_name or self._values(schema_label, s)
            note = self.tr("(comment: {text})").format(text=s.comment) if s.comment else ""
            parts.append(f"{self.doc.text[s.start:s.end]} [{label_name(schema_label)}]"
                         + (f" → {extra}" if extra else "") + (f" {note}" if note else ""))
        return "; ".join(parts)

    def _comments(self, spans: tuple[Span, ...]) -> str:
        """The notes people wrote on a version's spans, one a line."""
        return "\n".join(f"{self.doc.text[s.start:s.end]}: {s.comment}"
                         for s in spans if s.comment)

    def _values(self, label: Label, span: Span) -> str:
        """The attributes the label's schema gives its spans, those set: a flag by its name."""
        shown = []
        for attribute in label.attributes:
            value = span.attrs.get(attribute.name)
            if value in (None, "", False):
                continue
            shown.append(attribute_name(attribute) if value is True else str(value))
        return " ".join(shown)

    # -- decisions --------------------------------------------------------------------------------
    def step(self, direction: int) -> None:
        if self.queue:
            self.index = (self.index + direction) % len(self.queue)
            self.show_current()

    def advance(self) -> None:
        """On to the next disagreement still open after this one, never back to a settled
        one; with none left open, the cursor stays where the last decision was."""
        after = self.queue[self.index + 1:] + self.queue[:self.index + 1]
        waiting = open_clusters(after, self.decided)
        if waiting:
            self.index = self.queue.index(waiting[0])
        self.show_current()

    def _do(self, action: Callable[[], Gesture], actor: Actor) -> Gesture | None:
        """One decision or gold edit, on the shared undo stack; its reason if refused."""
        failed: list[str] = []
        self.history.failed.connect(failed.append)
        try:
            record = self.history.perform(action, actor)
        finally:
            self.history.failed.disconnect(failed.append)
        if failed:
            self.status.setText(failed[0])
        return record

    def _decide(self, action: Callable[[Cluster, str], Gesture]) -> None:
        cluster, note = self.current(), self.note.text()
        if cluster is not None and self._do(lambda: action(cluster, note), self.reviewer):
            self.note.clear()
            self.advance()

    def pick(self, number: int) -> None:
        cluster = self.current()
        names = list(cluster.versions) if cluster else []
        if cluster is None or not 1 <= number <= len(names):
            return
        version = names[number - 1]
        self._decide(lambda c, note: self.reviewer.pick(self.doc.id, c, version, note))

    def reject(self) -> None:
        self._decide(lambda c, note: self.reviewer.reject(self.doc.id, c, note))

    def edit_label(self, label: str) -> None:
        """Label the selection in gold, relabel the gold span under the cursor, or, where gold
        has no span in the disagreement shown (one layer lacks it), add it with this label."""
        selection, span = self.view.selection(), self.view.current_span()
        cluster = self.current()
        if selection:
            self._do(lambda: self.gold_editor.label(self.doc.id, *selection, label),
                     self.gold_editor)
        elif span is not None:
            self._do(lambda: self.gold_editor.relabel(span.id, label), self.gold_editor)
        elif cluster is not None and cluster.start <= self.view.cursor_offset() < cluster.end:
            self._decide(lambda c, note: self.reviewer.add_missing(self.doc.id, c, label, note))

    def edit_bounds(self, start_delta: int, end_delta: int) -> None:
        span = self.view.current_span()
        if span is not None and self._do(
                lambda: self.gold_editor.adjust(span.id, start_delta, end_delta),
                self.gold_editor):
            self.view.set_cursor_offset(span.start + start_delta)

    def finish(self) -> None:
        if self._do(lambda: self.reviewer.finish(self.doc.id), self.reviewer):
            self.finished.emit(self.doc.id)
            self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                mods & Qt.KeyboardModifier.ControlModifier):
            self.finish()
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.pick(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_X):
            self.reject()
        elif key == Qt.Key.Key_Tab:
            self.step(1)
        elif key == Qt.Key.Key_Backtab:
            self.step(-1)
        else:
            super().keyPressEvent(event)
