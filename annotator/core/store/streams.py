"""Whole-project reads, streamed a document at a time so memory does not grow with the
project: what export, release and agreement read.

Each stream is one ordered scan (documents by import position, each one's rows found along
an index), so no query sorts the whole project and no caller holds more than a document.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter

from ..model import Document
from . import documents as docs_store
from .project import Project

# (start, end, label, attrs JSON, agency id, agency name, origin, source, score, comment)
SpanRow = tuple

_SPANS = (
    'SELECT d.seq, s.annotator_id, s.start, s."end", s.label, s.attrs, s.agency_id, '
    "s.origin, s.source, s.score, s.comment FROM documents d CROSS JOIN spans s ON s.doc_id = d.id "
    "WHERE ? IS NULL OR d.status = ? ORDER BY d.seq, s.annotator_id, s.start"
)
_STATUSES = (
    "SELECT d.seq, ds.annotator_id, ds.status FROM documents d "
    "CROSS JOIN doc_status ds ON ds.doc_id = d.id WHERE ? IS NULL OR d.status = ? "
    "ORDER BY d.seq"
)


def documents_with_layers(
    project: Project, status: str | None = None
) -> Iterator[tuple[Document, dict[int, list[SpanRow]], dict[int, str]]]:
    """Each document (with this status), in import order, with its layers' spans as plain
    rows ordered by (start, end, label), and each person's status on it."""
    spans = _layers(project, status)
    statuses = _statuses(project, status)
    next_spans = next(spans, None)
    next_status = next(statuses, None)
    for seq, doc in docs_store.iter_numbered(project, status):
        layers: dict[int, list[SpanRow]] = {}
        while next_spans is not None and next_spans[0] <= seq:
            if next_spans[0] == seq:
                layers = next_spans[1]
            next_spans = next(spans, None)
        worked_on: dict[int, str] = {}
        while next_status is not None and next_status[0] <= seq:
            if next_status[0] == seq:
                worked_on = next_status[1]
            next_status = next(statuses, None)
        yield doc, layers, worked_on


def _layers(project: Project, status: str | None) -> Iterator[tuple[int, dict]]:
    """(seq, {layer: rows}) of each document with spans.

    Read along the ``spans_layer`` index (doc, layer, start), agency names joined from a
    dict afterwards: an ordered scan with a join and a full sort costs about half as much
    again. Only a layer with two spans at one start needs sorting.
    """
    names = dict(project.db.execute("SELECT id, name FROM agencies").fetchall())
    seq: int | None = None
    layers: dict[int, list[SpanRow]] = {}
    rows: list[SpanRow] = []
    owner = last = None
    unsorted = False
    for row in project.db.execute(_SPANS, [status, status]):
        if row[0] != seq:
            if seq is not None:
                yield seq, _sorted(layers) if unsorted else layers
            seq, layers, owner, unsorted = row[0], {}, None, False
        if row[1] != owner:
            owner, last = row[1], None
            rows = layers.setdefault(row[1], [])
        if row[2] == last:
            unsorted = True
        last = row[2]
        agency = names.get(row[6]) if row[6] else None
        rows.append((row[2], row[3], row[4], row[5], row[6], agency, row[7], row[8], row[9],
                     row[10]))
    if seq is not None:
        yield seq, _sorted(layers) if unsorted else layers


def _sorted(layers: dict[int, list[SpanRow]]) -> dict[int, list[SpanRow]]:
    for rows in layers.values():
        rows.sort(key=itemgetter(0, 1, 2))
    return layers


def _statuses(project: Project, status: str | None) -> Iterator[tuple[int, dict[int, str]]]:
    seq: int | None = None
    found: dict[int, str] = {}
    for row_seq, ann, value in project.db.execute(_STATUSES, [status, status]):
        if row_seq != seq:
            if seq is not None:
                yield seq, found
            seq, found = row_seq, {}
        found[ann] = value
    if seq is not None:
        yield seq, found


def span_chunks(project: Project, annotator_ids: list[int],
                size: int = 50_000) -> Iterator[list[tuple]]:
    """(document id, layer id, start, end, label, agency id) of every span of these layers,
    a chunk of rows at a time."""
    marks = ", ".join("?" * len(annotator_ids))
    cur = project.db.execute(
        f'SELECT doc_id, annotator_id, start, "end", label, agency_id FROM spans '
        f"WHERE annotator_id IN ({marks})",
        annotator_ids,
    )
    while rows := cur.fetchmany(size):
        yield rows
