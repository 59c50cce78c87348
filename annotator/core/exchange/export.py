"""Export documents and one layer each as gold JSONL, atomically and byte-for-byte repeatable."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..jsonl_line import document_object, dumps
from ..layers import gold_layer, is_person, layer_by_name, line_layer, people_order
from ..model import UNDECIDED, AnnotatorStatus, DocStatus, Document, Role, layer_ref
from ..offsets import OffsetMap
from ..store import Project, streams
from ..store import annotators as annotators_store
from ..store import documents as docs_store
from .jsonl import write_lines


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
    owners = annotators_store.owners(project)
    roles = {a: role for a, (_name, role) in owners.items()}
    refs = {a: layer_ref(name, role) for a, (name, role) in owners.items() if is_person(role)}
    wanted = _wanted_layer(project, selection)
    schema = project.schema.ref
    for doc, doc_layers, done in streams.documents_with_layers(project, selection.status):
        chosen = line_layer(doc.status, doc_layers, roles, wanted, done)
        if chosen is None:
            continue
        rows = doc_layers.get(chosen, ())
        if is_person(roles.get(chosen)):
            decided = [r for r in rows if r[6] != UNDECIDED]  # a person's layer: decisions only
            if left_out is not None:
                left_out["undecided"] += len(rows) - len(decided)
            rows = decided
        if selection.labels is not None:
            rows = [r for r in rows if r[2] in selection.labels]
        raw = _raw_map(project, doc) if selection.raw_offsets else None
        spans = [_span_object(doc, row, refs.get(chosen), raw) for row in rows]
        people = {a for a in (*doc_layers, *done) if a in refs}
        ordered = sorted(people, key=lambda a: people_order(roles[a], owners[a][0]))
        annotators = [refs[a] for a in ordered]
        status = _line_status(doc, roles.get(chosen), done.get(chosen))
        yield document_object(doc, spans, status, annotators, schema)


def _span_object(doc: Document, row: tuple, owner: str | None, raw: OffsetMap | None) -> dict:
    """A span line from a plain row, in the key order of ``jsonl.span_object``."""
    start, end, label, attrs, ag_id, ag_name, origin, source, score, comment = row
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
    if comment:
        obj["comment"] = comment
    return obj


def _line_status(doc: Document, owner_role: str | None, owner_status: str | None) -> str:
    """An annotator's layer is annotated work only once that annotator marked it done.

    The document's own status says someone finished it; a line carrying the layer of an
    annotator still at work on it says ``suggested``, so no reader takes unfinished work as
    done. (A layer imported before statuses were recorded for it has none: as it came.)
    """
    unfinished = owner_status not in (None, AnnotatorStatus.DONE)
    if doc.status == DocStatus.ANNOTATED and owner_role == Role.ANNOTATOR and unfinished:
        return DocStatus.SUGGESTED
    return doc.status


def _wanted_layer(project: Project, selection: Selection) -> int | None:
    if selection.annotator:
        found = layer_by_name(project, selection.annotator)
        if found is None:
            raise ExportError(f"no annotator {selection.annotator!r} in this project")
        return found
    if selection.gold:
        gold = gold_layer(project)
        return -1 if gold is None else gold
    return None


def _raw_map(project: Project, doc: Document) -> OffsetMap:
    return docs_store.offsets_of(project, doc.id) or OffsetMap.identity(len(doc.text))
