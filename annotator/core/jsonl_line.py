"""A document line of the JSONL contract (docs/FORMAT.md), the one definition import and
export share: parsing it strictly, checking every field of a row read from a file, and
writing it exactly.

A row that fails the check is reported with the field at fault and skipped; the rows
beside it are still imported. The JSONL contract's lines and the rows of CSV/TSV tables
both come here, before anything is stored, so that nothing a file says can fail later (in
the database, in an export, in another tool reading our export).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Collection
from typing import Any

from .model import COMMENT_LIMIT, DOC_STATUSES, META_FIELDS, ORIGINS, Document, Span


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
        comment=_comment(obj.get("comment"), f"span {index}") or None,
    )


def _comment(value: Any, where: str) -> str:
    """A span's note as a file gives it: a string of at most ``COMMENT_LIMIT`` characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LineError(f"{where}.comment: must be a string, not {_shown(value)}")
    if len(value.strip()) > COMMENT_LIMIT:
        raise LineError(f"{where}.comment: longer than {COMMENT_LIMIT} characters")
    return value.strip()


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
    if span.comment:
        out["comment"] = span.comment
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


# -- checking a row read from a file ---------------------------------------------------------
# brat's .ann lines and the BIO columns are split on whitespace: a label cannot hold any.
_LABEL = re.compile(r"\S+")
_SPAN_STRINGS = ("text", "source", "annotator")


def check_document(obj: Any, labels: Collection[str] | None = None) -> None:
    """Raise :class:`LineError` naming the first field of ``obj`` that breaks the contract.

    ``labels``: the project's label names; a span with any other label is refused.
    """
    if not isinstance(obj, dict):
        raise LineError("not a JSON object")
    _no_surrogates(obj)
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        raise LineError('no "text" (a non-empty string)')
    if is_blank(text):
        raise LineError('"text" holds only white space')
    if "\x00" in text:
        raise LineError('"text" holds a NUL character')
    doc_id = obj.get("id")
    if doc_id is not None and not (isinstance(doc_id, str) or _is_int(doc_id)):
        raise LineError('"id" must be a string')
    _check_meta(obj.get("meta"))
    _check_optional(obj, "status", str, "a string")
    if obj.get("status") and obj["status"] not in DOC_STATUSES:
        raise LineError(f'"status": unknown status {obj["status"]!r}')
    annotators = obj.get("annotators")
    if annotators is not None and not (
        isinstance(annotators, list) and all(isinstance(a, str) for a in annotators)
    ):
        raise LineError('"annotators" must be a list of strings')
    spans = obj.get("spans")
    if spans is not None and not isinstance(spans, list):
        raise LineError('"spans" must be a list')
    for i, span in enumerate(spans or []):
        check_span(span, text, i, labels)


def check_span(obj: Any, text: str, index: int, labels: Collection[str] | None = None) -> None:
    """One span: strict integer bounds inside the text, a known label, typed extras."""
    where = f"spans[{index}]"
    if not isinstance(obj, dict):
        raise LineError(f"{where}: not an object")
    for key in ("start", "end"):
        if not _is_int(obj.get(key)):
            raise LineError(f"{where}.{key}: must be an integer, not {_shown(obj.get(key))}")
    start, end = obj["start"], obj["end"]
    if not 0 <= start < end <= len(text):
        raise LineError(f"{where}: [{start}, {end}) is outside the text (length {len(text)})")
    label = obj.get("label")
    if not isinstance(label, str) or not label:
        raise LineError(f"{where}.label: missing")
    if not _LABEL.fullmatch(label):
        raise LineError(f"{where}.label: {label!r} holds white space")
    if labels is not None and label not in labels:
        raise LineError(
            f"{where}.label: {label!r} is not in the project's schema ({', '.join(labels)})"
        )
    for key in _SPAN_STRINGS:
        _check_optional(obj, key, str, "a string", where)
    _check_optional(obj, "attrs", dict, "an object", where)
    _check_optional(obj, "origin", str, "a string", where)
    if obj.get("origin") and obj["origin"] not in ORIGINS:
        raise LineError(f"{where}.origin: {obj['origin']!r} is not one of {', '.join(ORIGINS)}")
    _comment(obj.get("comment"), where)
    _check_score(obj.get("score"), where)
    _check_agency(obj.get("agency"), where)
    for key in ("raw_start", "raw_end"):
        if obj.get(key) is not None and not _is_int(obj[key]):
            raise LineError(f"{where}.{key}: must be an integer, not {_shown(obj[key])}")


def is_blank(text: str) -> bool:
    """Nothing to annotate: white space, controls and invisible format characters only."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def _check_meta(meta: Any) -> None:
    if meta is None:
        return
    if not isinstance(meta, dict):
        raise LineError('"meta" must be an object')
    for key in META_FIELDS:
        value = meta.get(key)
        if value is not None and not (isinstance(value, (str, float)) or _is_int(value)):
            raise LineError(f'"meta.{key}" must be a string, not {_shown(value)}')


def _check_score(score: Any, where: str) -> None:
    if score is None:
        return
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        raise LineError(f"{where}.score: must be a number from 0 to 1, not {_shown(score)}")
    if not (math.isfinite(score) and 0 <= score <= 1):
        raise LineError(f"{where}.score: {score} is not between 0 and 1")


def _check_agency(agency: Any, where: str) -> None:
    if agency is None:
        return
    if not isinstance(agency, dict):
        raise LineError(f"{where}.agency: must be an object with an id, not {_shown(agency)}")
    for key in ("id", "name"):
        _check_optional(agency, key, str, "a string", f"{where}.agency")


def _check_optional(obj: dict, key: str, kind: type, name: str, where: str = "") -> None:
    value = obj.get(key)
    if value is not None and not isinstance(value, kind):
        field = f"{where}.{key}" if where else f'"{key}"'
        raise LineError(f"{field}: must be {name}, not {_shown(value)}")


def _is_int(value: Any) -> bool:
    """An integer in JSON's sense: ``true`` is not 1 here, though Python's bool is an int."""
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    """A value as the file wrote it, shortly."""
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"a string ({value[:20]!r})"
    names: dict[type, str] = {dict: "an object", list: "a list"}
    return names.get(type(value), repr(value)[:20])


def _no_surrogates(obj: Any) -> None:
    """A lone surrogate (JSON's ``"\\ud800"``) is no character: it cannot be stored as UTF-8."""
    stack = [("", obj)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            found = _surrogate(value)
            if found:
                raise LineError(f"{path or 'a field'}: holds a lone surrogate ({found})")
        elif isinstance(value, dict):
            for key, item in value.items():
                found = _surrogate(key)
                if found:
                    raise LineError(f"a field name holds a lone surrogate ({found})")
                stack.append((f"{path}.{key}" if path else key, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate(text: str) -> str | None:
    found = _SURROGATE.search(text)
    return f"\\u{ord(found.group()):04x} at {found.start()}" if found else None
