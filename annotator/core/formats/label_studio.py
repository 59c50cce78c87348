"""Label Studio JSON tasks for a ``<Labels name="label" toName="text">`` labelling config.

One JSON array of tasks, one task per line::

    {"data": {"text": ..., "meta": {"doc_id": ..., ...}},
     "annotations": [{"result": [{"value": {"start", "end", "text", "labels": [L]},
                                  "id", "from_name": "label", "to_name": "text",
                                  "type": "labels", "origin": "manual"}]}]}

Human layers go to ``annotations``, machine candidates (status ``suggested``) to
``predictions`` with their scores. Offsets are code points: Label Studio stores code-point
offsets for text since its frontend fix for astral characters (older 1.x releases counted
UTF-16 units and misplace spans after an emoji or 𠮷). Reading takes each task's first
annotation that was not cancelled, else its first prediction; other result types
(choices, textarea, relations) are counted and left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring as quote
from pathlib import Path
from typing import Any

from ..atomic import atomic_text
from ..ingest.problems import InputError
from ..model import DocStatus, Origin
from . import Notes, Numbered, document, dumps, plain_meta, span, split_meta

CARRIES = frozenset({"id", "meta"})
FROM_NAME, TO_NAME = "label", "text"


def task(doc: dict) -> dict:
    predicted = doc.get("status") == DocStatus.SUGGESTED
    result: list[dict[str, Any]] = []
    for i, s in enumerate(doc["spans"], start=1):
        item = {
            "value": {
                "start": s["start"],
                "end": s["end"],
                "text": s["text"],
                "labels": [s["label"]],
            },
            "id": f"r{i}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "origin": "prediction" if predicted else "manual",
        }
        if predicted and "score" in s:
            item["score"] = s["score"]
        result.append(item)
    out: dict = {"data": {"text": doc["text"], "meta": plain_meta(doc)}}
    if predicted:
        prediction: dict = {"model_version": "annotator-prehighlight", "result": result}
        scores = [item["score"] for item in result if "score" in item]
        if scores:  # Label Studio orders tasks by the prediction's own score
            prediction["score"] = round(sum(scores) / len(scores), 4)
        out["predictions"] = [prediction]
    else:
        out["annotations"] = [{"result": result}]
    return out


_RESULT = (
    '{"value": {"start": %d, "end": %d, "text": %s, "labels": [%s]}, "id": "r%d", '
    '"from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"}'
)


def annotated_task(doc: dict) -> str:
    """``dumps(task(doc))`` for a human layer, from a template: half the time, and the
    export of ten thousand documents is held to a few seconds (a test holds them equal)."""
    results = ", ".join(
        [
            _RESULT % (s["start"], s["end"], quote(s["text"]), quote(s["label"]), i)
            for i, s in enumerate(doc["spans"], start=1)
        ]
    )
    data = dumps({"text": doc["text"], "meta": plain_meta(doc)})
    return f'{{"data": {data}, "annotations": [{{"result": [{results}]}}]}}'


def write(docs: Iterable[dict], out: Path, notes: Notes, fmt: str = "label-studio") -> list[Path]:
    def tasks() -> Iterator[str]:
        for doc in docs:
            notes.check(doc, CARRIES)
            suggested = doc.get("status") == DocStatus.SUGGESTED
            if suggested:
                notes.remark("candidates' scores travel as prediction scores, their source not")
            yield dumps(task(doc)) if suggested else annotated_task(doc)

    with atomic_text(out) as fh:
        fh.write("[")
        sep, buffer = "\n", list[str]()
        for line in tasks():
            buffer += (sep, line)
            sep = ",\n"
            if len(buffer) >= 2000:
                fh.write("".join(buffer))
                buffer.clear()
        fh.write("".join(buffer) + "\n]\n")
    return [out]


def read(path: Path, notes: Notes) -> Iterator[Numbered]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        yield InputError(f"not a Label Studio JSON file: {exc}")
        return
    tasks = data if isinstance(data, list) else [data]
    for number, item in enumerate(tasks, start=1):
        try:
            yield number, parse(item, path.name, notes)
        except InputError as exc:
            yield InputError(f"task {number}: {exc}", number)


def _snapshots(items: object, notes: Notes, kind: str) -> list[dict]:
    """Full annotation or prediction objects; Label Studio's plain JSON export lists
    predictions (and, from some versions, annotations) by id only, which carry no regions."""
    if not isinstance(items, list):
        return []
    ids = [i for i in items if not isinstance(i, dict)]
    if ids:
        notes.remark(f"{kind} given by id only (Label Studio's export without snapshots): "
                     "their regions are not in the file and were not read")
    return [i for i in items if isinstance(i, dict)]


def _layer(item: dict, notes: Notes) -> tuple[list, str, str | None]:
    """The regions a task contributes, the document status they make, and their source.

    The first annotation not cancelled is the human layer; without one, the first
    prediction's regions come in as machine candidates; with neither, the task comes in
    with no layer at all, never as a human layer found empty.
    """
    annotations = [a for a in _snapshots(item.get("annotations"), notes, "annotations")
                   if not a.get("was_cancelled")]
    if len(annotations) > 1:
        notes.remark("tasks with several annotations: only the first of each was read")
    if annotations:
        return annotations[0].get("result") or [], "annotated", None
    notes.lost["tasks without an annotation (imported without a human layer)"] += 1
    predictions = _snapshots(item.get("predictions"), notes, "predictions")
    if predictions:
        return predictions[0].get("result") or [], "suggested", "label-studio"
    return [], "suggested", None


def parse(item: object, file_name: str, notes: Notes) -> dict:
    if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
        raise InputError('not a task (no "data" object)')
    data = item["data"]
    text = data.get(TO_NAME)
    if not isinstance(text, str) or not text:
        raise InputError('no "data.text" (a non-empty string)')
    doc_id, meta = split_meta(data.get("meta"))
    extra = {k: v for k, v in data.items() if k not in (TO_NAME, "meta")}
    meta = {**extra, **meta}
    meta.setdefault("file", file_name)
    results, status, source = _layer(item, notes)
    spans = []
    for i, result in enumerate(results):
        if not isinstance(result, dict):
            raise InputError(f"region {i} is not an object")
        if result.get("type") != "labels":
            notes.lost[f"Label Studio results of type {result.get('type')!r}"] += 1
            continue
        value = result.get("value") or {}
        labels = value.get("labels") or []
        if len(labels) != 1:
            raise InputError(f"region {i} has {len(labels)} labels; one is expected")
        s = span(text, value.get("start"), value.get("end"), labels[0], i,
                 origin=Origin.MANUAL if status == DocStatus.ANNOTATED else None,
                 source=source, score=result.get("score"))  # fmt: skip
        if "text" in value and value["text"] != s["text"]:
            raise InputError(
                f"region {i}: text[{s['start']}:{s['end']}] is {s['text']!r}, "
                f"the task says {value['text']!r} (UTF-16 offsets of an old Label Studio?)"
            )
        spans.append(s)
    return document(text, sorted(spans, key=lambda s: (s["start"], s["end"])),
                    doc_id=doc_id, meta=meta, status=status)  # fmt: skip
