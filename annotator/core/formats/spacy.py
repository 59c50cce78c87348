"""spaCy-style JSONL: each line the ``text`` and ``ents`` of spaCy's ``Doc.to_json``.

``{"text": ..., "ents": [{"start": 0, "end": 4, "label": "AGENCY"}], "_": {"doc_id": ...}}``
with character offsets (code points, as spaCy's ``start_char``/``end_char``). spaCy's
``DocBin`` is binary and needs spaCy to write; this JSONL is the text form of the same
entities. ``tokens`` (which ``Doc.to_json`` also gives) are left out: tokenisation belongs
to the pipeline that trains, and one token object per character would make the file some
fifteen times larger. So ``Doc.from_json`` (which requires ``tokens``) is not the way in;
spaCy's own recipe for training data is (every span aligns under the character segmenter
of ``spacy.blank("zh")``; checked with spaCy 3.8 on the sample articles)::

    nlp = spacy.blank("zh")
    doc = nlp.make_doc(line["text"])
    doc.ents = [doc.char_span(e["start"], e["end"], e["label"]) for e in line["ents"]]
    db.add(doc)                        # db = DocBin(); db.to_disk("train.spacy")

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
