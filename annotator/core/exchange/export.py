"""Export documents and one layer each as gold JSONL, atomically and byte-for-byte repeatable."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import GOLD, MACHINE, Document, Span, layer_ref
from ..offsets import OffsetMap
from ..store import Project
from ..store import documents as docs_store
from .jsonl import document_object, dumps, span_object

_ROLE_ORDER = {"reviewer": 0, "annotator": 1}


class ExportError(Exception):
    pass


@dataclass(frozen=True)
class Selection:
    status: str | None = None
    annotator: str | None = None  # that annotator's layer
    gold: bool = False  # the adjudicated layer only
    raw_offsets: bool = False


def _layer_rows(project: Project) -> Iterator[tuple[str, dict[int, list[Span]]]]:
    """All spans, grouped by document then layer, in one ordered scan."""
    cur = project.db.execute(
        'SELECT s.doc_id, s.annotator_id, s.start, s."end", s.label, s.attrs, s.agency_id, '
        "ag.name, s.origin, s.source, s.score FROM spans s "
        "LEFT JOIN agencies ag ON ag.id = s.agency_id "
        'ORDER BY s.doc_id, s.annotator_id, s.start, s."end", s.label'
    )
    current, layers = None, {}
    for doc_id, ann, start, end, label, attrs, ag_id, ag_name, origin, source, score in cur:
        if doc_id != current:
            if current is not None:
                yield current, layers
            current, layers = doc_id, {}
        layers.setdefault(ann, []).append(
            Span(
                start,
                end,
                label,
                json.loads(attrs) if attrs else {},
                ag_id,
                ag_name,
                origin,
                source,
                score,
            )
        )
    if current is not None:
        yield current, layers


def export_jsonl(project: Project, out: str | Path, selection: Selection | None = None) -> int:
    """Write the selected documents to ``out``; returns how many. The old file survives errors."""
    out = Path(out)
    selection = selection or Selection()
    roles = dict(project.db.execute("SELECT id, role FROM annotators").fetchall())
    names = dict(project.db.execute("SELECT id, name FROM annotators").fetchall())
    statuses = _annotator_statuses(project)
    layers = dict(_layer_rows(project))
    wanted = _wanted_layer(project, selection)
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent or ".")
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for doc in docs_store.iter_documents(project, selection.status):
                doc_layers = layers.get(doc.id, {})
                chosen = _choose(doc, doc_layers, roles, wanted, statuses.get(doc.id, set()))
                if chosen is None:
                    continue
                fh.write(
                    _line(
                        project,
                        doc,
                        doc_layers,
                        chosen,
                        roles,
                        names,
                        statuses.get(doc.id, set()),
                        selection,
                    )
                    + "\n"
                )
                count += 1
        os.replace(tmp, out)
    except BaseException:
        os.unlink(tmp)
        raise
    return count


def _annotator_statuses(project: Project) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for doc_id, ann in project.db.execute("SELECT doc_id, annotator_id FROM doc_status"):
        out.setdefault(doc_id, set()).add(ann)
    return out


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
    layers: dict[int, list[Span]],
    roles: dict[int, str],
    wanted: int | None,
    worked_on: set[int],
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


def _line(
    project: Project,
    doc: Document,
    layers: dict[int, list[Span]],
    chosen: int,
    roles: dict[int, str],
    names: dict[int, str],
    worked_on: set[int],
    selection: Selection,
) -> str:
    spans = layers.get(chosen, [])
    offsets = _raw_map(project, doc) if selection.raw_offsets else None
    role = roles.get(chosen)
    owner = layer_ref(names[chosen], role) if role in _ROLE_ORDER else None
    objects = []
    for span in spans:
        if not 0 <= span.start < span.end <= len(doc.text):
            raise ExportError(
                f"document {doc.id}: span [{span.start}, {span.end}) is outside its text"
            )
        span.annotator = owner
        raw = offsets.span_to_raw(span.start, span.end) if offsets else None
        objects.append(span_object(doc.text, span, raw_offsets=raw))
    humans = {a for a in (*layers, *worked_on) if roles.get(a) in _ROLE_ORDER}
    refs = sorted(humans, key=lambda a: (_ROLE_ORDER[roles[a]], names[a]))
    status = doc.status
    return dumps(
        document_object(
            doc, objects, status, [layer_ref(names[a], roles[a]) for a in refs], project.schema.ref
        )
    )


def _raw_map(project: Project, doc: Document) -> OffsetMap:
    raw, offsets = docs_store.offsets_of(project, doc.id)
    return offsets or OffsetMap.identity(len(doc.text))
