"""doccano sequence-labelling JSONL: ``{"text", "label": [[start, end, "LABEL"]], "meta"}``.

The shape of doccano's own import example; doccano keeps any other key as document
metadata, so ours (``doc_id``, ``title``, ``source`` ...) are written on the line. Our id
travels as ``doc_id`` because doccano puts its own integer ``id`` on exported lines.
Offsets are code points: doccano's server counts Python ``str`` positions. Reading also
accepts doccano's export variants: ``labels`` instead of ``label``, and ``entities`` items
``{"start_offset", "end_offset", "label"}``; keys beside the text are taken back as metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..ingest.problems import InputError
from ..model import META_FIELDS, Origin
from . import (
    Notes,
    Numbered,
    document,
    iter_json_lines,
    span,
    split_meta,
    write_records,
)

CARRIES = frozenset({"id", "meta"})
_OWN_KEYS = {"id", "text", "label", "labels", "entities", "meta", "Comments", "relations"}


def line(doc: dict) -> dict:
    """doccano lists each key beside the text in its metadata panel, so the standard fields go
    on the line itself. Every line carries the same keys (null where a document has no value):
    doccano reads a file as one table and refuses it when a key is missing from some lines.
    Any other metadata stays in ``meta``."""
    labels = [[s["start"], s["end"], s["label"]] for s in doc["spans"]]
    meta = doc.get("meta") or {}
    out: dict = {"text": doc["text"], "label": labels, "doc_id": doc.get("id") or None}
    out.update((key, meta.get(key)) for key in META_FIELDS)
    out["meta"] = {k: v for k, v in meta.items() if k not in META_FIELDS and v is not None}
    return out


def write(docs: Iterable[dict], out: Path, notes: Notes, fmt: str = "doccano") -> list[Path]:
    return write_records(docs, out, notes, CARRIES, line)


def read(path: Path, notes: Notes) -> Iterator[Numbered]:
    for item in iter_json_lines(path):
        if isinstance(item, InputError):
            yield item
            continue
        number, obj = item
        try:
            yield number, parse(obj, path.name)
        except InputError as exc:
            yield InputError(str(exc), number)


def parse(obj: object, file_name: str) -> dict:
    if not isinstance(obj, dict):
        raise InputError("not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        raise InputError('no "text" (a non-empty string)')
    raw = obj.get("label", obj.get("labels", obj.get("entities"))) or []
    if not isinstance(raw, list):
        raise InputError('"label" must be a list of [start, end, label]')
    spans = [_span(text, item, i) for i, item in enumerate(raw)]
    flat = {k: v for k, v in obj.items() if k not in _OWN_KEYS}
    doc_id, meta = split_meta({**flat, **(obj.get("meta") or {})})
    meta.setdefault("file", file_name)
    return document(text, spans, doc_id=doc_id, meta=meta)


def _span(text: str, item: object, index: int) -> dict:
    if isinstance(item, dict):
        start, end = item.get("start_offset"), item.get("end_offset")
        label = item.get("label")
    elif isinstance(item, list) and len(item) == 3:
        start, end, label = item
    else:
        raise InputError(f"span {index}: expected [start, end, label]")
    return span(text, start, end, label, index, origin=Origin.MANUAL)
