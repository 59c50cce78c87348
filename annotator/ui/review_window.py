"""Review mode: one disagreement at a time, each settled from the keyboard into gold.

Tab / Shift+Tab move between disagreements; 1–9 take that layer's version; 0 or X
rejects the span; Ctrl+Enter finishes the document as gold. Spans every annotator agrees
on are in gold from the start (unless the project turns that off).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QSplitter, QVBoxLayout, QWidget

from ..core.editing import Editor
from ..core.model import GOLD, Span
from ..core.review import Cluster, Reviewer
from ..core.store import Project
from ..core.store import documents as docs_store
from ..core.store import spans as spans_store
from ..core.store.spans import SpanError
from .document_view import DocumentView
from .names import kind_name, label_name


class ReviewWindow(QWidget):
    finished = Signal(str)  # doc id, once it is gold

    def __init__(self, project: Project, reviewer: str, doc_id: str,
                 parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.project = project
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
        column.addWidget(QLabel(self.tr("1–9 take a version · 0 or X rejects · Tab next · "
                                        "Ctrl+Enter finishes"), side))
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
        preaccept = project.setting("review_preaccept", "1") == "1"
        self.reviewer.start(doc_id, preaccept=preaccept)
        self.index = 0
        self.refresh()

    # -- state ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.queue: list[Cluster] = self.reviewer.queue(self.doc.id)
        self.decided = self.reviewer.decided(self.doc.id)
        self.view.show_document(self.doc.text, self._gold())
        self.index = min(self.index, max(0, len(self.queue) - 1))
        self.show_current()

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
        self.versions.addItem(self.tr("0  reject: no span here"))

    def _describe(self, spans: tuple[Span, ...]) -> str:
        if not spans:
            return self.tr("(no span)")
        parts = []
        for s in spans:
            extra = s.agency_name or (s.attrs.get("value") if s.label == "FIGURE" else None)
            label = label_name(self.project.schema.label(s.label))
            parts.append(f"{self.doc.text[s.start:s.end]} [{label}]"
                         + (f" → {extra}" if extra not in (None, "") else ""))
        return "; ".join(parts)

    # -- decisions --------------------------------------------------------------------------------
    def step(self, direction: int) -> None:
        if self.queue:
            self.index = (self.index + direction) % len(self.queue)
            self.show_current()

    def pick(self, number: int) -> None:
        cluster = self.current()
        names = list(cluster.versions) if cluster else []
        if cluster is None or not 1 <= number <= len(names):
            return
        self.reviewer.pick(self.doc.id, cluster, names[number - 1], self.note.text())
        self._after()

    def reject(self) -> None:
        cluster = self.current()
        if cluster is not None:
            self.reviewer.reject(self.doc.id, cluster, self.note.text())
            self._after()

    def _after(self) -> None:
        self.note.clear()
        self.refresh()
        self.step(1)

    def edit_label(self, label: str) -> None:
        """Label the selection in gold, or relabel the gold span under the cursor."""
        selection, span = self.view.selection(), self.view.current_span()
        try:
            if selection:
                self.gold_editor.label(self.doc.id, selection[0], selection[1], label)
            elif span is not None:
                self.gold_editor.relabel(span.id, label)
        except SpanError as exc:
            self.status.setText(str(exc))
            return
        self.refresh()

    def edit_bounds(self, start_delta: int, end_delta: int) -> None:
        span = self.view.current_span()
        if span is None:
            return
        try:
            self.gold_editor.adjust(span.id, start_delta, end_delta)
        except SpanError as exc:
            self.status.setText(str(exc))
            return
        self.refresh()
        self.view.set_cursor_offset(span.start + start_delta)

    def finish(self) -> None:
        self.reviewer.finish(self.doc.id)
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
