"""Export documents and one layer each as gold JSONL, atomically and byte-for-byte repeatable."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_text
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
    ctx = _Context(project, selection or Selection())
    count = 0
    with atomic_text(out) as fh:
        buffer: list[str] = []
        for doc in docs_store.iter_documents(project, ctx.selection.status):
            line = ctx.line(doc)
            if line is None:
                continue
            buffer.append(line)
            count += 1
            if len(buffer) >= 1000:
                fh.write("\n".join(buffer) + "\n")
                buffer.clear()
        if buffer:
            fh.write("\n".join(buffer) + "\n")
    return count


class _Context:
    """What every line needs, read once: layers, annotators, the selection."""

    def __init__(self, project: Project, selection: Selection):
        self.project = project
        self.selection = selection
        self.roles = dict(project.db.execute("SELECT id, role FROM annotators").fetchall())
        self.names = dict(project.db.execute("SELECT id, name FROM annotators").fetchall())
        self.worked_on = _annotator_statuses(project)
        self.layers = dict(_layer_rows(project))
        self.wanted = _wanted_layer(project, selection)

    def line(self, doc: Document) -> str | None:
        layers = self.layers.get(doc.id, {})
        worked_on = self.worked_on.get(doc.id, set())
        chosen = _choose(doc, layers, self.roles, self.wanted, worked_on)
        if chosen is None:
            return None
        offsets = _raw_map(self.project, doc) if self.selection.raw_offsets else None
        role = self.roles.get(chosen)
        owner = layer_ref(self.names[chosen], role) if role in _ROLE_ORDER else None
        objects = []
        for span in layers.get(chosen, []):
            if not 0 <= span.start < span.end <= len(doc.text):
                raise ExportError(
                    f"document {doc.id}: span [{span.start}, {span.end}) is outside its text"
                )
            span.annotator = owner
            raw = offsets.span_to_raw(span.start, span.end) if offsets else None
            objects.append(span_object(doc.text, span, raw_offsets=raw))
        return dumps(
            document_object(
                doc,
                objects,
                doc.status,
                self.annotators(layers, worked_on),
                self.project.schema.ref,
            )
        )

    def annotators(self, layers: dict[int, list[Span]], worked_on: set[int]) -> list[str]:
        """The people behind a line: reviewers first, then annotators, by name."""
        people = {a for a in (*layers, *worked_on) if self.roles.get(a) in _ROLE_ORDER}
        ordered = sorted(people, key=lambda a: (_ROLE_ORDER[self.roles[a]], self.names[a]))
        return [layer_ref(self.names[a], self.roles[a]) for a in ordered]


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


def _raw_map(project: Project, doc: Document) -> OffsetMap:
    return docs_store.offsets_of(project, doc.id) or OffsetMap.identity(len(doc.text))
