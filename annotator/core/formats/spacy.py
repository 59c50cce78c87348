"""spaCy-style JSONL: each line the ``text`` and ``ents`` of spaCy's ``Doc.to_json``.

``{"text": ..., "ents": [{"start": 0, "end": 4, "label": "AGENCY"}], "_": {"doc_id": ...}}``
with character offsets (code points, as spaCy's ``start_char``/``end_char``). spaCy's
``DocBin`` is binary and needs spaCy to write; this JSONL is the text form of the same
entities. ``tokens`` (which ``Doc.to_json`` also gives) are left out: tokenisation belongs
to the pipeline that trains. To build a ``DocBin``::

    nlp = spacy.blank("zh")            # character segmentation: every span aligns
    doc = nlp.make_doc(line["text"])
    doc.ents = [doc.char_span(e["start"], e["end"], e["label"]) for e in line["ents"]]

``_`` (custom attributes in ``Doc.to_json``) holds the document id.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import Notes, write_records

CARRIES = frozenset({"id"})


def line(doc: dict) -> dict:
    ents = [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in doc["spans"]]
    out: dict = {"text": doc["text"], "ents": ents}
    if doc.get("id"):
        out["_"] = {"doc_id": doc["id"]}
    return out


def write(docs: Iterable[dict], out: Path, notes: Notes, fmt: str = "spacy") -> list[Path]:
    return write_records(docs, out, notes, CARRIES, line)
