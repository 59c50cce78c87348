"""Prodigy JSONL: ``{"text", "spans": [{"start", "end", "label"}], "meta", "answer"}``.

The shape of Prodigy's ``ner`` examples, character offsets (code points; Prodigy is
Python). No ``tokens``: they are optional, and Prodigy's recipes tokenise on loading.
``answer`` is ``accept`` only for a document someone finished (status annotated,
reviewed or gold); unfinished work is ``ignore`` (see ``FINISHED``). ``meta`` holds our id
as ``doc_id`` and the document's metadata (Prodigy shows it beside the task). Reading
takes ``ignore`` tasks back as unfinished documents of candidates, skips tasks answered
``reject`` and counts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..ingest.problems import InputError
from ..model import Origin
from . import (
    Notes,
    Numbered,
    document,
    iter_json_lines,
    plain_meta,
    span,
    split_meta,
    write_records,
)

CARRIES = frozenset({"id", "meta"})
# Prodigy's answers are accept, reject and ignore, and a task without one is not safe:
# `prodigy db-in` gives it "accept" (its --answer default). Unfinished work is "ignore",
# what Prodigy users know as "not a decision": it stays in a dataset, training skips it,
# and nothing in it passes for an accepted annotation.
FINISHED = frozenset({"annotated", "reviewed", "gold"})


def task(doc: dict) -> dict:
    out = {
        "text": doc["text"],
        "spans": [
            {"start": s["start"], "end": s["end"], "label": s["label"]} for s in doc["spans"]
        ],
        "meta": plain_meta(doc),
    }
    out["answer"] = "accept" if doc.get("status") in FINISHED else "ignore"
    return out


def write(docs: Iterable[dict], out: Path, notes: Notes, fmt: str = "prodigy") -> list[Path]:
    paths = write_records(docs, out, notes, CARRIES, task)
    notes.remark('finished documents are "answer": "accept", unfinished ones "ignore"')
    return paths


def read(path: Path, notes: Notes) -> Iterator[Numbered]:
    for item in iter_json_lines(path):
        if isinstance(item, InputError):
            yield item
            continue
        number, obj = item
        if isinstance(obj, dict) and obj.get("answer") == "reject":
            notes.lost[f"tasks answered {obj['answer']!r} (skipped)"] += 1
            continue
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
    raw = obj.get("spans") or []
    if not isinstance(raw, list):
        raise InputError('"spans" must be a list')
    answered = obj.get("answer") == "accept"
    spans = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise InputError(f"span {i} is not an object")
        s = span(text, item.get("start"), item.get("end"), item.get("label"), i,
                 origin=Origin.MANUAL if answered else None)  # fmt: skip
        if "text" in item and item["text"] != s["text"]:
            raise InputError(f"span {i}: text[{s['start']}:{s['end']}] is {s['text']!r}, "
                             f"the task says {item['text']!r}")  # fmt: skip
        spans.append(s)
    doc_id, meta = split_meta(obj.get("meta"))
    meta.setdefault("file", file_name)
    unfinished = obj.get("answer") == "ignore"  # its spans come back as candidates
    status = "annotated" if answered or (spans and not unfinished) else "suggested"
    return document(text, spans, doc_id=doc_id, meta=meta, status=status)
