"""Export documents and one layer each as gold JSONL, atomically and byte-for-byte repeatable."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..model import GOLD, MACHINE, UNDECIDED, Document, layer_ref
from ..offsets import OffsetMap
from ..store import Project
from ..store import documents as docs_store
from .jsonl import document_object, dumps, write_lines

_ROLE_ORDER = {"reviewer": 0, "annotator": 1}


class ExportError(Exception):
    pass


@dataclass(frozen=True)
class Selection:
    status: str | None = None
    annotator: str | None = None  # that annotator's layer
    gold: bool = False  # the adjudicated layer only
    raw_offsets: bool = False
    labels: frozenset[str] | None = None  # only spans of these labels


def export_jsonl(project: Project, out: str | Path, selection: Selection | None = None) -> int:
    """Write the selected documents to ``out``; returns how many. The old file survives errors."""
    return write_lines(Path(out), map(dumps, iter_documents(project, selection)))


def iter_documents(
    project: Project, selection: Selection | None = None, left_out: Counter | None = None
) -> Iterator[dict]:
    """The selected documents as docs/FORMAT.md objects, each with the layer it carries.

    Every export format reads these, so the layer chosen for a document is the same in all
    of them. Spans stay plain rows until written: ten thousand documents take a second.
    A person's layer gives only what that person decided: its undecided machine candidates
    are left out, so no file presents them as human annotation. The machine's layer (a
    document nobody has worked on) is written as candidates, each with origin "suggested";
    the gold layer as review made it.
    ``left_out["undecided"]`` counts the candidates left out, for the export to say so.
    """
    selection = selection or Selection()
    unknown = sorted((selection.labels or set()) - set(project.schema.names()))
    if unknown:
        raise ExportError(f"no label {', '.join(unknown)} in the schema {project.schema.ref}")
    db = project.db
    roles = dict(db.execute("SELECT id, role FROM annotators").fetchall())
    names = dict(db.execute("SELECT id, name FROM annotators").fetchall())
    owners = {a: layer_ref(names[a], r) if r in _ROLE_ORDER else None for a, r in roles.items()}
    worked_on = _annotator_statuses(project)
    wanted = _wanted_layer(project, selection)
    layers = _layer_rows(project)
    schema = project.schema.ref
    for doc in docs_store.iter_documents(project, selection.status):
        doc_layers = layers.get(doc.id, {})
        done = worked_on.get(doc.id, {})
        chosen = _choose(doc, doc_layers, roles, wanted, done)
        if chosen is None:
            continue
        rows = doc_layers.get(chosen, ())
        if roles.get(chosen) in _ROLE_ORDER:
            decided = [r for r in rows if r[6] != UNDECIDED]  # a person's layer: decisions only
            if left_out is not None:
                left_out["undecided"] += len(rows) - len(decided)
            rows = decided
        if selection.labels is not None:
            rows = [r for r in rows if r[2] in selection.labels]
        raw = _raw_map(project, doc) if selection.raw_offsets else None
        spans = [_span_object(doc, row, owners.get(chosen), raw) for row in rows]
        people = {a for a in (*doc_layers, *done) if roles.get(a) in _ROLE_ORDER}
        ordered = sorted(people, key=lambda a: (_ROLE_ORDER[roles[a]], names[a]))
        annotators = [layer_ref(names[a], roles[a]) for a in ordered]
        status = _line_status(doc, roles.get(chosen), done.get(chosen))
        yield document_object(doc, spans, status, annotators, schema)


def _span_object(doc: Document, row: tuple, owner: str | None, raw: OffsetMap | None) -> dict:
    """A span line from a plain row, in the key order of ``jsonl.span_object``."""
    start, end, label, attrs, ag_id, ag_name, origin, source, score = row
    if not 0 <= start < end <= len(doc.text):
        raise ExportError(f"document {doc.id}: span [{start}, {end}) is outside its text")
    obj: dict[str, Any] = {"start": start, "end": end, "label": label, "text": doc.text[start:end]}
    if raw is not None:
        obj["raw_start"], obj["raw_end"] = raw.span_to_raw(start, end)
    if ag_id:
        obj["agency"] = {"id": ag_id, "name": ag_name or ag_id}
    parsed = json.loads(attrs) if attrs else None
    if parsed:
        obj["attrs"] = parsed
    if source:
        obj["source"] = source
    if score is not None:
        obj["score"] = round(score, 4)
    if owner:
        obj["annotator"] = owner
    obj["origin"] = origin
    return obj


def _layer_rows(project: Project) -> dict[str, dict[int, list[tuple]]]:
    """Every span as a plain row, by document and layer, ordered by (start, end, label).

    Read along the ``spans_layer`` index (doc, layer, start), agency names joined from a
    dict afterwards: an ordered scan with a join and a full sort, or a query per document,
    costs about half as much again. Only a layer with two spans at one start needs sorting.
    """
    names = dict(project.db.execute("SELECT id, name FROM agencies").fetchall())
    out: dict[str, dict[int, list[tuple]]] = {}
    unsorted: list[list[tuple]] = []
    rows: list[tuple] = []
    key = last = None
    for row in project.db.execute(
        'SELECT doc_id, annotator_id, start, "end", label, attrs, agency_id, '
        "origin, source, score FROM spans ORDER BY doc_id, annotator_id, start"
    ):
        if (row[0], row[1]) != key:
            key, last = (row[0], row[1]), None
            rows = out.setdefault(row[0], {}).setdefault(row[1], [])
        if row[2] == last:
            unsorted.append(rows)
        last = row[2]
        agency = names.get(row[6]) if row[6] else None
        rows.append((row[2], row[3], row[4], row[5], row[6], agency, row[7], row[8], row[9]))
    for layer in unsorted:
        layer.sort(key=itemgetter(0, 1, 2))
    return out


def human_layers(project: Project) -> list[str]:
    """The names an export can be asked for by ``Selection.annotator``: people, by name."""
    rows = project.db.execute(
        "SELECT name FROM annotators WHERE role IN ('annotator', 'reviewer') ORDER BY name"
    )
    return [name for (name,) in rows]


def _annotator_statuses(project: Project) -> dict[str, dict[int, str]]:
    """Each document's people and their own status on it (in_progress, done)."""
    out: dict[str, dict[int, str]] = {}
    for doc_id, ann, status in project.db.execute(
        "SELECT doc_id, annotator_id, status FROM doc_status"
    ):
        out.setdefault(doc_id, {})[ann] = status
    return out


def _line_status(doc: Document, owner_role: str | None, owner_status: str | None) -> str:
    """An annotator's layer is annotated work only once that annotator marked it done.

    The document's own status says someone finished it; a line carrying the layer of an
    annotator still at work on it says ``suggested``, so no reader takes unfinished work as
    done. (A layer imported before statuses were recorded for it has none: as it came.)
    """
    unfinished = owner_status not in (None, "done")
    if doc.status == "annotated" and owner_role == "annotator" and unfinished:
        return "suggested"
    return doc.status


def _wanted_layer(project: Project, selection: Selection) -> int | None:
    if selection.annotator:
        row = project.db.execute(
            "SELECT id FROM annotators WHERE name = ?", [selection.annotator.split(":")[-1]]
        ).fetchone()
        if row is None:
            raise ExportError(f"no annotator {selection.annotator!r} in this project")
        return row[0]
    if selection.gold:
        row = project.db.execute("SELECT id FROM annotators WHERE name = ?", [GOLD]).fetchone()
        return row[0] if row else -1
    return None


def _choose(
    doc: Document,
    layers: dict[int, list[tuple]],
    roles: dict[int, str],
    wanted: int | None,
    worked_on: dict[int, str],
) -> int | None:
    """The layer a line carries: the one asked for, else gold, a single annotator, or machine.

    Returns 0 for "no spans" and None to leave the document out.
    """
    if wanted is not None:
        if wanted in layers or wanted in worked_on:
            return wanted
        return None
    by_role: dict[str, list[int]] = {}
    for ann in layers:
        by_role.setdefault(roles[ann], []).append(ann)
    if doc.status in ("reviewed", "gold") or GOLD in by_role:
        return by_role.get(GOLD, [0])[0]
    humans = by_role.get("annotator", []) + by_role.get("reviewer", [])
    if len(humans) == 1:
        return humans[0]
    return by_role.get(MACHINE, [0])[0]


def _raw_map(project: Project, doc: Document) -> OffsetMap:
    return docs_store.offsets_of(project, doc.id) or OffsetMap.identity(len(doc.text))
