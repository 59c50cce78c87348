"""Change records: what one user action (or its undo, or its redo) changed in the store.

Every action runs as one transaction and returns a ``Gesture``: the ``Change`` of each span
it added, updated or deleted (before and after, as the store wrote them) and every status it
moved, the document's and each annotator's, read from the store before and after the
transaction. Views repaint from these records and never work out a status themselves;
undo and redo apply a record backwards or forwards and return the record of what they did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from . import documents as docs_store
from . import spans as spans_store
from .project import Project
from .spans import Change


@dataclass(frozen=True)
class StatusChange:
    """A status one action moved: the annotator's own (``annotator_id``) or, with None, the
    document's. ``before`` (or ``after``) None: the annotator had no status for it."""

    doc_id: str
    annotator_id: int | None
    before: str | None
    after: str | None


@dataclass(frozen=True)
class AgencyChange:
    """A knowledge-base entry an action created (``before`` None) or removed (``after`` None),
    as its JSON record."""

    agency_id: str
    before: dict | None
    after: dict | None


@dataclass(frozen=True)
class Gesture:
    """The record of one action: its name, the document it was done on, and what changed.

    ``decision`` is what a review decision logged, for its undo and redo to log again.
    """

    name: str
    doc_id: str
    changes: tuple[Change, ...]
    statuses: tuple[StatusChange, ...] = ()
    agencies: tuple[AgencyChange, ...] = ()
    decision: dict | None = field(default=None, compare=False)

    def doc_ids(self) -> list[str]:
        """Every document the action touched, the one it was done on first."""
        found = [self.doc_id, *(c.doc_id for c in self.changes),
                 *(s.doc_id for s in self.statuses)]
        return list(dict.fromkeys(found))

    def inverse(self) -> Gesture:
        """The record read backwards: what undoing it asks the store to do."""
        return replace(
            self,
            changes=tuple(replace(c, before=c.after, after=c.before)
                          for c in reversed(self.changes)),
            statuses=tuple(replace(s, before=s.after, after=s.before)
                           for s in reversed(self.statuses)),
            agencies=tuple(replace(a, before=a.after, after=a.before)
                           for a in reversed(self.agencies)),
        )


Statuses = dict[tuple[str, int | None], str | None]


def statuses(project: Project, doc_ids: Iterable[str]) -> Statuses:
    """Each document's status and every annotator's status on it, as the store has them."""
    out: Statuses = {}
    for doc_id in dict.fromkeys(doc_ids):
        doc = docs_store.status_of(project, doc_id)
        out[(doc_id, None)] = doc
        for who, status in docs_store.annotator_statuses_by_id(project, doc_id).items():
            out[(doc_id, who)] = status
    return out


def moved(before: Statuses, after: Statuses) -> tuple[StatusChange, ...]:
    """The statuses that differ between two readings, the document's last."""
    keys = sorted(set(before) | set(after), key=lambda k: (k[0], k[1] is None, k[1] or 0))
    return tuple(StatusChange(doc_id, who, before.get((doc_id, who)), after.get((doc_id, who)))
                 for doc_id, who in keys
                 if before.get((doc_id, who)) != after.get((doc_id, who)))


@contextmanager
def recording(project: Project, doc_ids: Iterable[str]) -> Iterator[list[tuple[StatusChange, ...]]]:
    """Run the body as one transaction; afterwards the list it yields holds the statuses of
    ``doc_ids`` that moved, read from the store once the transaction is committed."""
    ids = list(doc_ids)
    out: list[tuple[StatusChange, ...]] = []
    with project.transaction():
        before = statuses(project, ids)
        yield out
    out.append(moved(before, statuses(project, ids)))


def record(project: Project, name: str, doc_id: str,
           act: Callable[[], Iterable[Change]], **extra) -> Gesture:
    """Run ``act`` (span writes) as one action and return its record."""
    with recording(project, [doc_id]) as moved_statuses:
        changes = tuple(act())
    return Gesture(name, doc_id, changes, moved_statuses[0], **extra)


def apply_spans(project: Project, changes: Iterable[Change], actor_id: int) -> list[Change]:
    """Make each change's ``after`` true in the store; returns the changes as written."""
    done = []
    for change in changes:
        if change.after is None:
            done.append(spans_store.delete(project, change.span_id, actor_id))
        elif change.before is None:
            span = replace(spans_store.from_record(change.after), id=change.span_id,
                           annotator=None)
            done.append(spans_store.add(project, change.doc_id, change.layer, span,
                                        actor_id=actor_id))
        else:
            fields = {k: v for k, v in spans_store.from_record(change.after).__dict__.items()
                      if k not in ("id", "annotator")}
            done.append(spans_store.update(project, change.span_id, actor_id, **fields))
    return done


def apply_statuses(project: Project, moves: Iterable[StatusChange], actor_id: int) -> None:
    """Set each status to its ``after``: none for an annotator takes their row away."""
    for move in moves:
        if move.annotator_id is None:
            docs_store.set_status(project, move.doc_id, move.after or "suggested", actor_id)
        elif move.after is None:
            docs_store.clear_annotator_status(project, move.doc_id, move.annotator_id)
        else:
            docs_store.set_annotator_status(project, move.doc_id, move.annotator_id, move.after)


def replay(project: Project, gesture: Gesture, actor_id: int,
           agencies: Callable[[AgencyChange], None] | None = None) -> Gesture:
    """Apply a record as it stands (its ``inverse()`` to undo) in one transaction: entries it
    creates first, so its links find them, then spans, statuses, and the entries it removes
    once nothing links to them. Returns the record of what was done, read back from the store.
    """
    with recording(project, gesture.doc_ids()) as moved_statuses:
        for agency in gesture.agencies:
            if agencies is not None and agency.after is not None:
                agencies(agency)
        changes = tuple(apply_spans(project, gesture.changes, actor_id))
        apply_statuses(project, gesture.statuses, actor_id)
        for agency in gesture.agencies:
            if agencies is not None and agency.after is None:
                agencies(agency)
    return replace(gesture, changes=changes, statuses=moved_statuses[0])
