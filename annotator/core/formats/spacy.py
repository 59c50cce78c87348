"""spaCy JSONL: each line what spaCy's ``Doc.to_json`` gives for a Chinese document.

``{"text": ..., "ents": [{"start": 0, "end": 4, "label": "AGENCY"}], "tokens": [{"id": 0,
"start": 0, "end": 1}, ...], "_": {"doc_id": ...}}`` with character offsets (code points, as
spaCy's ``start_char``/``end_char``). The tokens are those of ``spacy.blank("zh")``, which
segments by character: every character a token, a single space after a token its trailing
white space, any other run of white space a token of its own. So every entity aligns, and
``Doc(nlp.vocab).from_json(line)`` rebuilds the document with its entities; a ``DocBin``
(spaCy's binary training file, which needs spaCy to write) is then one ``add`` away::

    Doc.set_extension("doc_id", default=None)  # spaCy cannot create it from the JSON
    db = DocBin(docs=(Doc(nlp.vocab).from_json(json.loads(x)) for x in open(path)))
    db.to_disk("train.spacy")

``_`` (custom attributes in ``Doc.to_json``) holds the document id.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import Notes, write_records

CARRIES = frozenset({"id"})


def line(doc: dict) -> dict:
    ents = [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in doc["spans"]]
    out: dict = {"text": doc["text"], "ents": ents, "tokens": char_tokens(doc["text"])}
    if doc.get("id"):
        out["_"] = {"doc_id": doc["id"]}
    return out


def char_tokens(text: str) -> list[dict]:
    """The tokens ``spacy.blank("zh")`` makes of ``text`` (see the module docstring)."""
    out: list[dict] = []
    i, n = 0, len(text)
    while i < n:
        if not text[i].isspace():
            out.append({"id": len(out), "start": i, "end": i + 1})
            i += 1
            continue
        if text[i] == " " and out and out[-1]["end"] == i:
            i += 1  # a single space after a token is its trailing white space
            continue
        j = i
        while j < n and text[j].isspace():
            j += 1
        out.append({"id": len(out), "start": i, "end": j})
        i = j
    return out


def write(docs: Iterable[dict], out: Path, notes: Notes, fmt: str = "spacy") -> list[Path]:
    return write_records(docs, out, notes, CARRIES, line)
