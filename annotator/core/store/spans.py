"""Spans in per-annotator layers; every change is one transaction with its event."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ..model import Span
from . import events
from .project import Project, now


class SpanError(ValueError):
    """An edit the project refuses. ``reason`` names why, for the interface to say in its own
    language (``overlap``, ``outside``, ``empty``, ``no_text``, ``open_disagreements``,
    ``not_reviewable``, ``nothing_here``; ``other`` otherwise), and ``details`` fill it in."""

    def __init__(self, message: str, reason: str = "other", **details: object):
        super().__init__(message)
        self.reason = reason
        self.details = details


@dataclass(frozen=True)
class Change:
    """What one action did to one span: the record undo and views work from."""

    action: str  # "add" | "update" | "delete"
    doc_id: str
    span_id: int
    layer: int  # the annotator id owning the span
    before: dict | None
    after: dict | None


def stored_id(span: Span) -> int:
    """The id of a span read from the store; only a span not stored yet has none."""
    if span.id is None:
        raise SpanError(f"the span {span.start}-{span.end} is not stored")
    return span.id


def from_record(data: dict) -> Span:
    """The span an event-log record describes (the inverse of ``record``)."""
    return Span(**{"attrs": {}, **data})


_COLS = (
    's.id, s.start, s."end", s.label, s.attrs, s.agency_id, ag.name, s.origin, s.source, '
    "s.score, a.name, s.comment"
)
_FROM = (
    " FROM spans s JOIN annotators a ON a.id = s.annotator_id"
    " LEFT JOIN agencies ag ON ag.id = s.agency_id"
)


def _span(row: Sequence) -> Span:
    sid, start, end, label, attrs, agency_id, agency_name, origin, source, score, who, note = row
    return Span(
        start,
        end,
        label,
        json.loads(attrs) if attrs else {},
        agency_id,
        agency_name,
        origin,
        source,
        score,
        who,
        sid,
        note,
    )


def layer(project: Project, doc_id: str, annotator_id: int) -> list[Span]:
    rows = project.db.execute(
        f"SELECT {_COLS}{_FROM} WHERE s.doc_id = ? AND s.annotator_id = ? "
        'ORDER BY s.start, s."end", s.label',
        [doc_id, annotator_id],
    ).fetchall()
    return [_span(r) for r in rows]


def layers(project: Project, doc_id: str) -> dict[str, list[Span]]:
    """Every layer of a document, by annotator name."""
    out: dict[str, list[Span]] = {}
    rows = project.db.execute(
        f'SELECT {_COLS}{_FROM} WHERE s.doc_id = ? ORDER BY a.name, s.start, s."end", s.label',
        [doc_id],
    ).fetchall()
    for row in rows:
        span = _span(row)
        out.setdefault(span.annotator or "", []).append(span)
    return out


def get(project: Project, span_id: int) -> Span:
    row = project.db.execute(f"SELECT {_COLS}{_FROM} WHERE s.id = ?", [span_id]).fetchone()
    if row is None:
        raise SpanError(f"no span {span_id}")
    return _span(row)


def record(span: Span) -> dict:
    """The event-log form of a span (no ids of its own)."""
    data = asdict(span)
    data.pop("id")
    return {k: v for k, v in data.items() if v not in (None, {}, "")}


def check(length: int, span: Span, labels: Iterable[str] | None = None) -> None:
    """A span inside a text of ``length`` code points, with a label of the schema."""
    if not (0 <= span.start < span.end <= length):
        raise SpanError(f"span [{span.start}, {span.end}) is outside the text (length {length})",
                        "outside" if span.start < span.end else "empty")
    if labels is not None and span.label not in set(labels):
        raise SpanError(f"unknown label {span.label!r}")


def check_no_overlap(spans: Sequence[Span]) -> None:
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise SpanError(
                f"spans overlap: [{a.start}, {a.end}) {a.label} and [{b.start}, {b.end}) {b.label}"
            )


def _overlap(clash: Span) -> SpanError:
    return SpanError(f"overlaps [{clash.start}, {clash.end}) {clash.label}", "overlap",
                     start=clash.start, end=clash.end, label=clash.label)


def _doc_length(project: Project, doc_id: str) -> int:
    row = project.db.execute("SELECT length(text) FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None:
        raise SpanError(f"no document {doc_id!r}")
    return row[0]


def _values(span: Span) -> tuple:
    attrs = json.dumps(span.attrs, ensure_ascii=False, sort_keys=True) if span.attrs else None
    return (
        span.start,
        span.end,
        span.label,
        attrs,
        span.agency_id,
        span.origin,
        span.source,
        span.score,
        span.comment or None,
    )


def ensure_agency(project: Project, agency_id: str, name: str | None) -> None:
    """A link to an agency the knowledge base lacks creates its entry, never a dangling id."""
    project.db.execute(
        "INSERT OR IGNORE INTO agencies(id, name, source, created_at) VALUES (?, ?, ?, ?)",
        [agency_id, name or agency_id, "imported", now()],
    )


def _overlapping(
    project: Project, doc_id: str, annotator_id: int, span: Span, ignore: int | None = None
) -> Span | None:
    row = project.db.execute(
        f"SELECT {_COLS}{_FROM} WHERE s.doc_id = ? AND s.annotator_id = ? "
        'AND s.start < ? AND s."end" > ? AND s.id IS NOT ? LIMIT 1',
        [doc_id, annotator_id, span.end, span.start, ignore],
    ).fetchone()
    return _span(row) if row else None


def add(project: Project, doc_id: str, annotator_id: int, span: Span,
        actor_id: int | None = None) -> Change:
    """Add one span to a layer (with ``span.id`` when restoring): one transaction, one event.

    ``actor_id`` is who did it when that is not the layer's owner (a reviewer editing gold).
    """
    check(_doc_length(project, doc_id), span, project.schema.names())
    with project.transaction() as db:
        clash = _overlapping(project, doc_id, annotator_id, span)
        if clash:
            raise _overlap(clash)
        if span.agency_id:
            ensure_agency(project, span.agency_id, span.agency_name)
        ts = now()
        cur = db.execute(
            'INSERT INTO spans(id, doc_id, annotator_id, start, "end", label, attrs, agency_id, '
            "origin, source, score, comment, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [span.id, doc_id, annotator_id, *_values(span), ts, ts],
        )
        after = record(span)
        assert cur.lastrowid is not None  # set by the INSERT
        events.log(db, ts, actor_id or annotator_id, "add_span", doc_id, cur.lastrowid, None,
                   after)
        return Change("add", doc_id, cur.lastrowid, annotator_id, None, after)


def update(project: Project, span_id: int, annotator_id: int, **changes: Any) -> Change:
    """Change a span's fields (label, bounds, attrs, link, origin, comment) in one
    transaction."""
    with project.transaction() as db:
        old = get(project, span_id)
        doc_id, owner = db.execute(
            "SELECT doc_id, annotator_id FROM spans WHERE id = ?", [span_id]
        ).fetchone()
        new = Span(**{**asdict(old), **changes})
        check(_doc_length(project, doc_id), new, project.schema.names())
        clash = _overlapping(project, doc_id, owner, new, ignore=span_id)
        if clash:
            raise _overlap(clash)
        if new.agency_id:
            ensure_agency(project, new.agency_id, new.agency_name)
        ts = now()
        db.execute(
            'UPDATE spans SET start=?, "end"=?, label=?, attrs=?, agency_id=?, origin=?, '
            "source=?, score=?, comment=?, updated_at=? WHERE id = ?",
            [*_values(new), ts, span_id],
        )
        before, after = record(old), record(new)
        events.log(db, ts, annotator_id, "update_span", doc_id, span_id, before, after)
        return Change("update", doc_id, span_id, owner, before, after)


def delete(project: Project, span_id: int, annotator_id: int) -> Change:
    with project.transaction() as db:
        old = get(project, span_id)
        doc_id, owner = db.execute(
            "SELECT doc_id, annotator_id FROM spans WHERE id = ?", [span_id]
        ).fetchone()
        db.execute("DELETE FROM spans WHERE id = ?", [span_id])
        before = record(old)
        events.log(db, now(), annotator_id, "delete_span", doc_id, span_id, before, None)
        return Change("delete", doc_id, span_id, owner, before, None)


def replace_layer(
    project: Project,
    doc_id: str,
    annotator_id: int,
    spans: Sequence[Span],
    actor_id: int | None = None,
    action: str = "replace_layer",
) -> int:
    """Set a whole layer at once (import, pre-highlighting); call inside a transaction."""
    db = project.db
    old = db.execute(
        "SELECT COUNT(*) FROM spans WHERE doc_id = ? AND annotator_id = ?", [doc_id, annotator_id]
    ).fetchone()[0]
    db.execute("DELETE FROM spans WHERE doc_id = ? AND annotator_id = ?", [doc_id, annotator_id])
    ts = now()
    for span in spans:
        if span.agency_id:
            ensure_agency(project, span.agency_id, span.agency_name)
    db.conn.executemany(
        'INSERT INTO spans(doc_id, annotator_id, start, "end", label, attrs, agency_id, origin, '
        "source, score, comment, created_at, updated_at) VALUES (?, ?, ?,?,?,?,?,?,?,?,?, ?, ?)",
        [(doc_id, annotator_id, *_values(s), ts, ts) for s in spans],
    )
    events.log(
        db,
        ts,
        actor_id if actor_id is not None else annotator_id,
        action,
        doc_id,
        before={"layer": annotator_id, "spans": old},
        after={"layer": annotator_id, "spans": len(spans)},
    )
    return len(spans)


def count_undecided(project: Project, doc_id: str, annotator_id: int) -> int:
    """Machine candidates of a layer nobody has decided yet."""
    return project.db.execute(
        "SELECT COUNT(*) FROM spans WHERE doc_id = ? AND annotator_id = ? AND origin = ?",
        [doc_id, annotator_id, "suggested"],
    ).fetchone()[0]


def as_added(doc_id: str, annotator_id: int, spans: Iterable[Span]) -> tuple[Change, ...]:
    """The change records of spans just written as a whole layer (``replace_layer`` into an
    empty one), read back from the store: undoing them deletes each."""
    return tuple(Change("add", doc_id, stored_id(s), annotator_id, None, record(s))
                 for s in spans)


def delete_unused_agency(project: Project, agency_id: str, actor_id: int | None = None) -> bool:
    """Take a knowledge-base entry away (its names with it) when no span links to it, no entry
    has it as parent and no proposal names it; returns whether it went."""
    db = project.db
    used = db.execute(
        "SELECT EXISTS (SELECT 1 FROM spans WHERE agency_id = :id) "
        "OR EXISTS (SELECT 1 FROM agencies WHERE parent = :id) "
        "OR EXISTS (SELECT 1 FROM agency_proposals WHERE agency_id = :id)",
        {"id": agency_id},
    ).fetchone()[0]
    if used:
        return False
    with project.transaction():
        db.execute("DELETE FROM agency_names WHERE agency_id = ?", [agency_id])
        db.execute("DELETE FROM agencies WHERE id = ?", [agency_id])
        events.log(db, now(), actor_id, "agency.remove", before={"id": agency_id})
    return True


def doc_of(project: Project, span_id: int) -> str:
    """The document a stored span belongs to."""
    row = project.db.execute("SELECT doc_id FROM spans WHERE id = ?", [span_id]).fetchone()
    if row is None:
        raise SpanError(f"no span {span_id}")
    return row[0]


def add_first_layers(
    project: Project,
    annotator_id: int,
    layers: Sequence[tuple[str, Sequence[Span]]],
    action: str = "replace_layer",
) -> int:
    """The layer of ``annotator_id`` on documents that have none yet, e.g. the machine layer
    of documents an import has just added: the rows and events :func:`replace_layer` would
    write for each document in turn, written with one statement per table for all of them
    (a bulk import spends most of its writing time on statements). Call inside a
    transaction; returns the number of spans."""
    db = project.db
    ts = now()
    db.conn.executemany(
        "INSERT OR IGNORE INTO agencies(id, name, source, created_at) VALUES (?, ?, ?, ?)",
        [(s.agency_id, s.agency_name or s.agency_id, "imported", ts)
         for _doc, spans in layers for s in spans if s.agency_id],
    )
    db.conn.executemany(
        'INSERT INTO spans(doc_id, annotator_id, start, "end", label, attrs, agency_id, origin, '
        "source, score, comment, created_at, updated_at) VALUES (?, ?, ?,?,?,?,?,?,?,?,?, ?, ?)",
        [(doc_id, annotator_id, *_values(s), ts, ts) for doc_id, spans in layers for s in spans],
    )
    events.log_many(db, [
        (ts, annotator_id, action, doc_id, None, {"layer": annotator_id, "spans": 0},
         {"layer": annotator_id, "spans": len(spans)}) for doc_id, spans in layers
    ])
    return sum(len(spans) for _doc, spans in layers)
