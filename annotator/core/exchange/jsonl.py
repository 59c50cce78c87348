"""Document lines of the JSONL contract: parsing them strictly, writing them exactly."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..atomic import atomic_text
from ..model import DOC_STATUSES, META_FIELDS, ORIGINS, Document, Span


class LineError(ValueError):
    pass


def parse_span(obj: Any, text: str, index: int) -> Span:
    if not isinstance(obj, dict):
        raise LineError(f"span {index} is not an object")
    start, end, label = obj.get("start"), obj.get("end"), obj.get("label")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        raise LineError(f"span {index}: start and end must be integers")
    if not isinstance(label, str) or not label:
        raise LineError(f"span {index}: label missing")
    if not 0 <= start < end <= len(text):
        raise LineError(f"span {index}: [{start}, {end}) is outside the text (length {len(text)})")
    if "text" in obj and text[start:end] != obj["text"]:
        raise LineError(
            f"span {index}: text[{start}:{end}] is {text[start:end]!r}, "
            f"the line says {obj['text']!r}"
        )
    agency = obj.get("agency") or {}
    origin = obj.get("origin") or _origin(obj)
    if origin not in ORIGINS:
        raise LineError(f"span {index}: unknown origin {origin!r} ({', '.join(ORIGINS)})")
    return Span(
        start,
        end,
        label,
        dict(obj.get("attrs") or {}),
        agency.get("id"),
        agency.get("name"),
        origin,
        obj.get("source"),
        obj.get("score"),
        obj.get("annotator"),
    )


def _origin(obj: dict) -> str:
    """A span another tool wrote without ``origin``: a person's when it names one."""
    return "manual" if obj.get("annotator") else "suggested"


def parse_document(obj: Any) -> tuple[Document, list[Span], list[str]]:
    """A document line: ``id`` optional, ``text`` required; spans checked against the text."""
    if not isinstance(obj, dict):
        raise LineError("not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        raise LineError('no "text" (a non-empty string)')
    doc_id = obj.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        raise LineError('"id" must be a string')
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise LineError('"meta" must be an object')
    spans_in = obj.get("spans") or []
    if not isinstance(spans_in, list):
        raise LineError('"spans" must be a list')
    spans = [parse_span(s, text, i) for i, s in enumerate(spans_in)]
    status = obj.get("status") or "suggested"
    if status not in DOC_STATUSES:
        raise LineError(f"unknown status {status!r}")
    annotators = obj.get("annotators") or []
    doc = Document(str(doc_id) if doc_id is not None else "", text, dict(meta), status)
    return doc, spans, [str(a) for a in annotators]


def span_object(text: str, span: Span, *, raw_offsets: tuple[int, int] | None = None) -> dict:
    out: dict[str, Any] = {
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": text[span.start : span.end],
    }
    if raw_offsets is not None:
        out["raw_start"], out["raw_end"] = raw_offsets
    if span.agency_id:
        out["agency"] = {"id": span.agency_id, "name": span.agency_name or span.agency_id}
    if span.attrs:
        out["attrs"] = span.attrs
    if span.source:
        out["source"] = span.source
    if span.score is not None:
        out["score"] = round(span.score, 4)
    if span.annotator:
        out["annotator"] = span.annotator
    out["origin"] = span.origin
    return out


def document_object(
    doc: Document, spans: list[dict], status: str, annotators: list[str], schema_ref: str
) -> dict:
    meta = {k: doc.meta.get(k) for k in META_FIELDS}
    for key in sorted(doc.meta):
        if key not in meta:
            meta[key] = doc.meta[key]
    return {
        "id": doc.id,
        "text": doc.text,
        "meta": meta,
        "spans": spans,
        "status": status,
        "annotators": annotators,
        "schema": schema_ref,
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def dumps(obj: dict) -> str:
    """One line of the contract: UTF-8 text as is, the default separators of the examples."""
    return _ENCODER.encode(obj)


def write_lines(out: Path, lines: Iterable[str]) -> int:
    """One line per item, written whole or not at all; returns how many."""
    count = 0
    with atomic_text(out) as fh:
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= 1000:
                fh.write("\n".join(buffer) + "\n")
                count += len(buffer)
                buffer.clear()
        if buffer:
            fh.write("\n".join(buffer) + "\n")
            count += len(buffer)
    return count
