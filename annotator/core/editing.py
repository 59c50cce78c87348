"""One annotator's actions on their layer: each is one transaction and returns a gesture.

A gesture is the record of what one user action changed: its span changes and the statuses
it moved, read back from the store (``store/changes.py``). Undo applies its inverse, redo
applies it again, and both return the record of what they did. The UI keeps gestures on a
QUndoStack and every view redraws from the records, never from a snapshot of the document.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace

from .kb import project_kb
from .kb.model import Agency
from .model import COMMENT_LIMIT, UNDECIDED, Attribute, DocStatus, Label, Origin, Span
from .prehighlight.numerals import parse_number
from .store import Project
from .store import agencies as agencies_store
from .store import changes as records
from .store import documents as docs_store
from .store import spans as spans_store
from .store.changes import AgencyChange, Gesture, StatusChange
from .store.spans import Change, SpanError, stored_id

__all__ = ["COMMENT_LIMIT", "AttributeValueError", "Editor", "Gesture", "StatusChange",
           "UndecidedCandidates", "attribute_values", "trim"]

RESOLUTIONS = ("accept", "reject")  # what can be done with every undecided candidate at once


class UndecidedCandidates(SpanError):
    """Marking done was asked while machine candidates wait for a decision."""

    def __init__(self, doc_id: str, count: int):
        super().__init__(f"{count} candidates of {doc_id} are undecided: accept or reject them")
        self.doc_id = doc_id
        self.count = count


class AttributeValueError(SpanError):
    """What was entered for an attribute is not a value of its kind (a number, a choice)."""

    def __init__(self, attribute: Attribute, text: str):
        super().__init__(f"{attribute.name}: {text!r} is not a {attribute.kind} value")
        self.attribute = attribute
        self.text = text


def attribute_value(attribute: Attribute, entered: object) -> object:
    """An attribute's value from what was entered: a number may be written as 67900, 6.79万
    or 六万七千九百; empty text is no value."""
    if attribute.kind == "flag":
        return bool(entered)
    text = str(entered if entered is not None else "").strip()
    if attribute.kind == "text":
        return text
    if attribute.kind == "choice":
        if text not in attribute.choices:
            raise AttributeValueError(attribute, text)
        return text
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        parsed = parse_number(text)
        if parsed is None:
            raise AttributeValueError(attribute, text) from None
        return parsed[0]
    if not math.isfinite(number):
        raise AttributeValueError(attribute, text)
    return int(number) if number.is_integer() else number


def attribute_values(label: Label, entered: Mapping[str, object]) -> dict:
    """The values of a label's attributes from what was entered for them (others ignored)."""
    return {a.name: attribute_value(a, entered[a.name])
            for a in label.attributes if a.name in entered}


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
        self.begin(doc_id)
        return self.layer(doc_id)

    def begin(self, doc_id: str) -> Gesture:
        """The first opening: this annotator starts the document (in progress), their layer
        seeded. Not undoable; its record says which statuses moved (none after the first)."""
        if docs_store.annotator_statuses_by_id(self.project, doc_id).get(self.me):
            return Gesture("begin", doc_id, ())  # begun already: nothing to write

        def seed() -> tuple[Change, ...]:
            own = spans_store.layer(self.project, doc_id, self.me)
            machine = [] if own else spans_store.layer(
                self.project, doc_id, self.project.machine_id())
            seeded = [replace(s, id=None, origin=UNDECIDED, annotator=None) for s in machine]
            if seeded:
                spans_store.replace_layer(
                    self.project, doc_id, self.me, seeded, action="seed_layer"
                )
            waiting = len(seeded) + sum(s.origin == UNDECIDED for s in own)
            docs_store.start_annotator(self.project, doc_id, self.me, waiting)
            return ()
        return records.record(self.project, "begin", doc_id, seed)

    def layer(self, doc_id: str) -> list[Span]:
        return spans_store.layer(self.project, doc_id, self.layer_id)

    def progress(self, doc_id: str) -> tuple[int, int]:
        """(candidates decided, candidates this annotator started with)."""
        total = docs_store.candidates_of(self.project, doc_id, self.me)
        open_ = spans_store.count_undecided(self.project, doc_id, self.me)
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
        def done() -> tuple[Change, ...]:
            waiting = self.undecided(doc_id)
            if waiting and undecided is None:
                raise UndecidedCandidates(doc_id, len(waiting))
            changes = self._decide(waiting, undecided) if waiting and undecided else ()
            self._set_done(doc_id)
            return changes
        return records.record(self.project, "mark_done", doc_id, done)

    def resolve_candidates(self, doc_id: str, decision: str) -> Gesture:
        """Accept or reject every undecided candidate of the document, as one action."""
        if decision not in RESOLUTIONS:
            raise ValueError(f"undecided candidates can be {' or '.join(RESOLUTIONS)}")
        return records.record(self.project, f"{decision}_undecided", doc_id,
                              lambda: self._decide(self.undecided(doc_id), decision))

    def _decide(self, spans: list[Span], decision: str) -> tuple[Change, ...]:
        if decision == "accept":
            return tuple(self._update(stored_id(s), origin=_confirmed(s.origin, True))
                         for s in spans)
        return tuple(spans_store.delete(self.project, stored_id(s), self.me) for s in spans)

    def _set_done(self, doc_id: str) -> None:
        """Done for this annotator; a document nobody had finished becomes annotated."""
        docs_store.set_annotator_status(self.project, doc_id, self.me, "done")
        if docs_store.status_of(self.project, doc_id) == DocStatus.SUGGESTED:
            docs_store.set_status(self.project, doc_id, "annotated", self.me)

    # -- span actions ---------------------------------------------------------------------
    def accept(self, span_id: int) -> Gesture:
        span = spans_store.get(self.project, span_id)
        return self._one("accept", span_id,
                         lambda: self._update(span_id, origin=_confirmed(span.origin, True)))

    def reject(self, span_id: int) -> Gesture:
        return self._one("reject", span_id,
                         lambda: spans_store.delete(self.project, span_id, self.me))

    def relabel(self, span_id: int, label: str) -> Gesture:
        span = spans_store.get(self.project, span_id)
        attrs = span.attrs if label == span.label else {}
        agency = (span.agency_id, span.agency_name) if label == span.label else (None, None)
        return self._one("relabel", span_id, lambda: self._update(
            span_id,
            label=label,
            attrs=attrs,
            agency_id=agency[0],
            agency_name=agency[1],
            origin=_confirmed(span.origin, False),
        ))

    def label(self, doc_id: str, start: int, end: int, label: str) -> Gesture:
        """Label a selection; white space at its edges is left out, as the guidelines ask."""
        text = self._text(doc_id)
        start, end = trim(text, start, end)
        if start >= end:
            raise SpanError("the selection holds no text", "no_text")
        span = Span(start, end, label, origin=Origin.MANUAL)
        return records.record(self.project, "label", doc_id, lambda: (
            spans_store.add(self.project, doc_id, self.layer_id, span, actor_id=self.me),))

    def adjust(self, span_id: int, start_delta: int = 0, end_delta: int = 0) -> Gesture:
        span = spans_store.get(self.project, span_id)
        start, end = span.start + start_delta, span.end + end_delta
        if start >= end:
            raise SpanError("a span cannot be empty", "empty")
        return self._one("adjust", span_id, lambda: self._update(
            span_id, start=start, end=end, origin=_confirmed(span.origin, False)))

    def set_attrs(self, span_id: int, attrs: dict) -> Gesture:
        span = spans_store.get(self.project, span_id)
        return self._one("attrs", span_id, lambda: self._update(
            span_id, attrs=dict(attrs), origin=_confirmed(span.origin, False)))

    def enter_attributes(self, span_id: int, entered: Mapping[str, object]) -> Gesture:
        """Set the span's attributes from what was entered, as its label's schema reads them;
        attributes not entered keep their values."""
        span = spans_store.get(self.project, span_id)
        values = attribute_values(self.project.schema.label(span.label), entered)
        return self.set_attrs(span_id, {**span.attrs, **values})

    def comment(self, span_id: int, text: str) -> Gesture:
        """Write, change or (with empty text) remove the span's note. It is no decision about
        the span, so its origin stays as it was; the same note again changes nothing."""
        note = text.strip()
        if len(note) > COMMENT_LIMIT:
            raise SpanError(f"a comment holds at most {COMMENT_LIMIT} characters")
        if (spans_store.get(self.project, span_id).comment or "") == note:
            return Gesture("comment", self._doc_of(span_id), ())
        return self._one("comment", span_id,
                         lambda: self._update(span_id, comment=note or None))

    def link(self, span_id: int, agency_id: str | None, name: str | None = None) -> Gesture:
        """Link to an agency, or with ``agency_id=None`` mark the body "not in KB"."""
        span = spans_store.get(self.project, span_id)
        attrs = {k: v for k, v in span.attrs.items() if k != "not_in_kb"}
        if agency_id is None:
            attrs["not_in_kb"] = True
        return self._one("link", span_id, lambda: self._update(
            span_id,
            agency_id=agency_id,
            agency_name=name,
            attrs=attrs,
            origin=_confirmed(span.origin, False),
        ))

    def link_new_agency(self, span_id: int, agency: Agency) -> Gesture:
        """Enter a body the knowledge base lacks and link the span to it, as one action: its
        undo unlinks the span and takes the entry away again unless something else uses it."""
        doc_id = self._doc_of(span_id)
        added: list[AgencyChange] = []

        def create_and_link() -> tuple[Change, ...]:
            if not agencies_store.exists(self.project, agency.id):
                project_kb.merge(self.project, [agency], annotator=self.name)
                added.append(AgencyChange(agency.id, None, agency.to_json()))
            return self.link(span_id, agency.id, agency.name).changes
        gesture = records.record(self.project, "new_agency", doc_id, create_and_link)
        return replace(gesture, agencies=tuple(added))

    def accept_all(self, doc_id: str, label: str) -> Gesture:
        """Accept every undecided candidate of one label, as one undoable action."""
        return records.record(self.project, "accept_all", doc_id, lambda: [
            self._update(stored_id(s), origin=Origin.ACCEPTED)
            for s in self.layer(doc_id)
            if s.label == label and s.origin == UNDECIDED
        ])

    def occurrences(self, doc_id: str, needle: str) -> list[tuple[int, int]]:
        """Where ``needle`` stands in the text with no decision of this layer over it: free
        text, or a candidate of exactly its bounds still waiting for one. The preview."""
        text = self._text(doc_id)
        taken = [(s.start, s.end) for s in self.layer(doc_id)
                 if s.origin != UNDECIDED or text[s.start:s.end] != needle]
        found = []
        start = text.find(needle)
        while needle and start != -1:
            end = start + len(needle)
            if not any(a < end and start < b for a, b in taken):
                found.append((start, end))
            start = text.find(needle, end)
        return found

    def label_all(self, doc_id: str, needle: str, label: str,
                  link: tuple[str, str | None] | None = None) -> Gesture:
        """Label every occurrence ``occurrences`` finds as ``label`` (linked to ``link``, an
        agency id and name, when given): free text becomes a span, a candidate there is
        decided so."""
        def act() -> list[Change]:
            waiting = {(s.start, s.end): s for s in self.layer(doc_id) if s.origin == UNDECIDED}
            agency_id, agency_name = link or (None, None)
            changes = []
            for a, b in self.occurrences(doc_id, needle):
                candidate = waiting.get((a, b))
                if candidate is None:
                    changes.append(spans_store.add(
                        self.project, doc_id, self.layer_id,
                        Span(a, b, label, agency_id=agency_id, agency_name=agency_name,
                             origin=Origin.MANUAL), actor_id=self.me))
                else:
                    changes.append(self._decide_as(candidate, label, link))
            return changes
        return records.record(self.project, "label_all", doc_id, act)

    def _decide_as(self, candidate: Span, label: str,
                   link: tuple[str, str | None] | None) -> Change:
        """A candidate taken as ``label`` (and ``link``): accepted when that is what it
        proposed, edited otherwise."""
        same = candidate.label == label
        agency = link or ((candidate.agency_id, candidate.agency_name) if same else (None, None))
        unchanged = same and agency == (candidate.agency_id, candidate.agency_name)
        return self._update(stored_id(candidate), label=label,
                            attrs=candidate.attrs if same else {}, agency_id=agency[0],
                            agency_name=agency[1], origin=_confirmed(candidate.origin, unchanged))

    # -- undo and redo --------------------------------------------------------------------
    def undo(self, gesture: Gesture) -> Gesture:
        """Put back what ``gesture`` changed; returns the record of what the undo changed."""
        return records.replay(self.project, gesture.inverse(), self.me, self._agency)

    def redo(self, gesture: Gesture) -> Gesture:
        """Do ``gesture`` again after its undo; returns the record of what changed."""
        return records.replay(self.project, gesture, self.me, self._agency)

    def _agency(self, change: AgencyChange) -> None:
        """An entry a replayed action created (made again) or that its undo removes."""
        if change.after is not None:
            project_kb.merge(self.project, [Agency.from_json(change.after)], annotator=self.name)
        else:
            spans_store.delete_unused_agency(self.project, change.agency_id, self.me)

    # -- helpers --------------------------------------------------------------------------
    def _update(self, span_id: int, **fields) -> Change:
        return spans_store.update(self.project, span_id, self.me, **fields)

    def _one(self, name: str, span_id: int, act: Callable[[], Change]) -> Gesture:
        """One change to one stored span, as a recorded action on its document."""
        return records.record(self.project, name, self._doc_of(span_id), lambda: (act(),))

    def _doc_of(self, span_id: int) -> str:
        return spans_store.doc_of(self.project, span_id)

    def _text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            doc = docs_store.get(self.project, doc_id)
            if doc is None:
                raise SpanError(f"no document {doc_id!r}")
            self._texts = {doc_id: doc.text}  # the one being worked on
        return self._texts[doc_id]


def _confirmed(origin: str, accepting: bool) -> str:
    """Accepting keeps a candidate as the machine proposed it; any change makes it edited."""
    if origin == Origin.MANUAL:
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

