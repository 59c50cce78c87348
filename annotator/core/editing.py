"""One annotator's actions on their layer: each is one transaction and returns a gesture.

A gesture is the list of span changes one user action made; undo applies its inverse, redo
applies it again. The UI wraps gestures in a QUndoStack and redraws from their changes,
never from a snapshot of the document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .model import UNDECIDED, Span
from .store import Project
from .store import documents as docs_store
from .store import spans as spans_store
from .store.project import now
from .store.spans import Change, SpanError, stored_id

RESOLUTIONS = ("accept", "reject")  # what can be done with every undecided candidate at once


class UndecidedCandidates(SpanError):
    """Marking done was asked while machine candidates wait for a decision."""

    def __init__(self, doc_id: str, count: int):
        super().__init__(f"{count} candidates of {doc_id} are undecided: accept or reject them")
        self.doc_id = doc_id
        self.count = count


@dataclass(frozen=True)
class StatusChange:
    """A status one action set: the annotator's own (``annotator_id``) or, with None, the
    document's. ``before`` None: the annotator had no status for the document yet."""

    doc_id: str
    annotator_id: int | None
    before: str | None
    after: str


@dataclass(frozen=True)
class Gesture:
    name: str
    doc_id: str
    changes: tuple[Change, ...]
    statuses: tuple[StatusChange, ...] = ()


class Editor:
    """The actions of one annotator (by name) on a project."""

    def __init__(self, project: Project, annotator: str, layer: tuple[str, str] | None = None):
        """``layer`` (name, role) edits another layer than the annotator's own: a reviewer's
        corrections to gold are recorded as the reviewer's."""
        self.project = project
        self.me = project.annotator_id(annotator)
        self.layer_id = project.annotator_id(*layer) if layer else self.me
        self.name = annotator
        self._texts: dict[str, str] = {}  # documents never change their text

    # -- opening and progress -------------------------------------------------------------
    def open(self, doc_id: str) -> list[Span]:
        """This annotator's layer; the first time, seeded with the machine's candidates.

        A layer that already holds spans (imported for this annotator) is kept as it is:
        seeding replaces a layer, and must never replace someone's decisions.
        """
        db = self.project.db
        started = db.execute(
            "SELECT 1 FROM doc_status WHERE doc_id = ? AND annotator_id = ?", [doc_id, self.me]
        ).fetchone()
        if not started:
            with self.project.transaction():
                own = spans_store.layer(self.project, doc_id, self.me)
                machine = [] if own else spans_store.layer(
                    self.project, doc_id, self.project.machine_id())
                seeded = [replace(s, id=None, origin=UNDECIDED, annotator=None) for s in machine]
                if seeded:
                    spans_store.replace_layer(
                        self.project, doc_id, self.me, seeded, action="seed_layer"
                    )
                waiting = len(seeded) + sum(s.origin == UNDECIDED for s in own)
                db.execute(
                    "INSERT INTO doc_status(doc_id, annotator_id, status, updated_at, candidates) "
                    "VALUES (?, ?, 'in_progress', ?, ?)",
                    [doc_id, self.me, now(), waiting],
                )
        return self.layer(doc_id)

    def layer(self, doc_id: str) -> list[Span]:
        return spans_store.layer(self.project, doc_id, self.layer_id)

    def progress(self, doc_id: str) -> tuple[int, int]:
        """(candidates decided, candidates this annotator started with)."""
        row = self.project.db.execute(
            "SELECT candidates FROM doc_status WHERE doc_id = ? AND annotator_id = ?",
            [doc_id, self.me],
        ).fetchone()
        total = row[0] if row else 0
        open_ = self.project.db.execute(
            "SELECT COUNT(*) FROM spans WHERE doc_id = ? AND annotator_id = ? "
            "AND origin = ?",
            [doc_id, self.me, UNDECIDED],
        ).fetchone()[0]
        return max(0, total - open_), total

    def undecided(self, doc_id: str) -> list[Span]:
        """The machine candidates of this layer nobody has accepted, edited or rejected."""
        return [s for s in self.layer(doc_id) if s.origin == UNDECIDED]

    def mark_done(self, doc_id: str, undecided: str | None = None) -> Gesture:
        """Done for this annotator; the document counts as annotated from then on.

        Undecided candidates are never left to pass for decisions: with any of them, marking
        done is refused (``UndecidedCandidates``) unless ``undecided`` says "accept" or
        "reject" for all of them. Deciding and marking done are then one undoable gesture.
        """
        if undecided is not None and undecided not in RESOLUTIONS:
            raise ValueError(f"undecided candidates can be {' or '.join(RESOLUTIONS)}")
        with self.project.transaction():
            waiting = self.undecided(doc_id)
            if waiting and undecided is None:
                raise UndecidedCandidates(doc_id, len(waiting))
            changes = self._decide(waiting, undecided) if waiting and undecided else ()
            statuses = self._set_done(doc_id)
        return Gesture("mark_done", doc_id, changes, statuses)

    def resolve_candidates(self, doc_id: str, decision: str) -> Gesture:
        """Accept or reject every undecided candidate of the document, as one action."""
        if decision not in RESOLUTIONS:
            raise ValueError(f"undecided candidates can be {' or '.join(RESOLUTIONS)}")
        with self.project.transaction():
            changes = self._decide(self.undecided(doc_id), decision)
        return Gesture(f"{decision}_undecided", doc_id, changes)

    def _decide(self, spans: list[Span], decision: str) -> tuple[Change, ...]:
        if decision == "accept":
            return tuple(self._update(stored_id(s), origin=_confirmed(s.origin, True))
                         for s in spans)
        return tuple(spans_store.delete(self.project, stored_id(s), self.me) for s in spans)

    def _set_done(self, doc_id: str) -> tuple[StatusChange, ...]:
        mine = docs_store.annotator_statuses_by_id(self.project, doc_id).get(self.me)
        out = [StatusChange(doc_id, self.me, mine, "done")]
        docs_store.set_annotator_status(self.project, doc_id, self.me, "done")
        doc = docs_store.get(self.project, doc_id)
        if doc is not None and doc.status == "suggested":
            docs_store.set_status(self.project, doc_id, "annotated", self.me)
            out.append(StatusChange(doc_id, None, "suggested", "annotated"))
        return tuple(out)

    # -- span actions ---------------------------------------------------------------------
    def accept(self, span_id: int) -> Gesture:
        span = spans_store.get(self.project, span_id)
        return self._one("accept", self._update(span_id, origin=_confirmed(span.origin, True)))

    def reject(self, span_id: int) -> Gesture:
        return self._one("reject", spans_store.delete(self.project, span_id, self.me))

    def relabel(self, span_id: int, label: str) -> Gesture:
        span = spans_store.get(self.project, span_id)
        attrs = span.attrs if label == span.label else {}
        agency = (span.agency_id, span.agency_name) if label == span.label else (None, None)
        change = self._update(
            span_id,
            label=label,
            attrs=attrs,
            agency_id=agency[0],
            agency_name=agency[1],
            origin=_confirmed(span.origin, False),
        )
        return self._one("relabel", change)

    def label(self, doc_id: str, start: int, end: int, label: str) -> Gesture:
        """Label a selection; white space at its edges is left out, as the guidelines ask."""
        text = self._text(doc_id)
        start, end = trim(text, start, end)
        if start >= end:
            raise SpanError("the selection holds no text")
        span = Span(start, end, label, origin="manual")
        change = spans_store.add(self.project, doc_id, self.layer_id, span, actor_id=self.me)
        return self._one("label", change)

    def adjust(self, span_id: int, start_delta: int = 0, end_delta: int = 0) -> Gesture:
        span = spans_store.get(self.project, span_id)
        start, end = span.start + start_delta, span.end + end_delta
        if start >= end:
            raise SpanError("a span cannot be empty")
        change = self._update(span_id, start=start, end=end, origin=_confirmed(span.origin, False))
        return self._one("adjust", change)

    def set_attrs(self, span_id: int, attrs: dict) -> Gesture:
        span = spans_store.get(self.project, span_id)
        change = self._update(span_id, attrs=dict(attrs), origin=_confirmed(span.origin, False))
        return self._one("attrs", change)

    def link(self, span_id: int, agency_id: str | None, name: str | None = None) -> Gesture:
        """Link to an agency, or with ``agency_id=None`` mark the body "not in KB"."""
        span = spans_store.get(self.project, span_id)
        attrs = {k: v for k, v in span.attrs.items() if k != "not_in_kb"}
        if agency_id is None:
            attrs["not_in_kb"] = True
        change = self._update(
            span_id,
            agency_id=agency_id,
            agency_name=name,
            attrs=attrs,
            origin=_confirmed(span.origin, False),
        )
        return self._one("link", change)

    def accept_all(self, doc_id: str, label: str) -> Gesture:
        """Accept every undecided candidate of one label, as one undoable action."""
        with self.project.transaction():
            changes = tuple(
                self._update(stored_id(s), origin="accepted")
                for s in self.layer(doc_id)
                if s.label == label and s.origin == UNDECIDED
            )
        return Gesture("accept_all", doc_id, changes)

    def occurrences(self, doc_id: str, needle: str) -> list[tuple[int, int]]:
        """Where ``needle`` stands in the text and no span of this layer does: the preview."""
        text = self._text(doc_id)
        taken = [(s.start, s.end) for s in self.layer(doc_id)]
        found = []
        start = text.find(needle)
        while needle and start != -1:
            end = start + len(needle)
            if not any(a < end and start < b for a, b in taken):
                found.append((start, end))
            start = text.find(needle, end)
        return found

    def label_all(self, doc_id: str, needle: str, label: str) -> Gesture:
        with self.project.transaction():
            changes = tuple(
                spans_store.add(self.project, doc_id, self.layer_id,
                                Span(a, b, label, origin="manual"), actor_id=self.me)
                for a, b in self.occurrences(doc_id, needle)
            )
        return Gesture("label_all", doc_id, changes)

    # -- undo and redo --------------------------------------------------------------------
    def undo(self, gesture: Gesture) -> None:
        with self.project.transaction():
            for status in reversed(gesture.statuses):
                self._set_status(status.doc_id, status.annotator_id, status.before)
            for change in reversed(gesture.changes):
                self._apply(change, inverse=True)

    def redo(self, gesture: Gesture) -> None:
        with self.project.transaction():
            for change in gesture.changes:
                self._apply(change, inverse=False)
            for status in gesture.statuses:
                self._set_status(status.doc_id, status.annotator_id, status.after)

    def _set_status(self, doc_id: str, annotator_id: int | None, status: str | None) -> None:
        if annotator_id is None:
            docs_store.set_status(self.project, doc_id, status or "suggested", self.me)
        elif status is None:
            docs_store.clear_annotator_status(self.project, doc_id, annotator_id)
        else:
            docs_store.set_annotator_status(self.project, doc_id, annotator_id, status)

    def _apply(self, change: Change, inverse: bool) -> None:
        before, after = (change.after, change.before) if inverse else (change.before, change.after)
        if after is None:
            spans_store.delete(self.project, change.span_id, self.me)
        elif before is None:
            span = replace(spans_store.from_record(after), id=change.span_id, annotator=None)
            spans_store.add(self.project, change.doc_id, change.layer, span, actor_id=self.me)
        else:
            fields = {
                k: v
                for k, v in spans_store.from_record(after).__dict__.items()
                if k not in ("id", "annotator")
            }
            spans_store.update(self.project, change.span_id, self.me, **fields)

    # -- helpers --------------------------------------------------------------------------
    def _update(self, span_id: int, **fields) -> Change:
        return spans_store.update(self.project, span_id, self.me, **fields)

    def _one(self, name: str, change: Change) -> Gesture:
        return Gesture(name, change.doc_id, (change,))

    def _text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            doc = docs_store.get(self.project, doc_id)
            if doc is None:
                raise SpanError(f"no document {doc_id!r}")
            self._texts = {doc_id: doc.text}  # the one being worked on
        return self._texts[doc_id]


def _confirmed(origin: str, accepting: bool) -> str:
    """Accepting keeps a candidate as the machine proposed it; any change makes it edited."""
    if origin == "manual":
        return "manual"
    return (
        "accepted" if accepting and origin == UNDECIDED else (origin if accepting else "edited")
    )


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

