"""Prodigy and spaCy-style JSONL: shapes of the tools' own examples, code-point offsets."""

import json

from annotator.core.formats import Notes, prodigy, write

DOC = {
    "id": "d1", "text": "😀重庆市民政局", "meta": {"title": "题", "url": None},
    "spans": [{"start": 1, "end": 7, "label": "AGENCY", "text": "重庆市民政局",
               "source": "gazetteer", "score": 0.8}],
    "status": "gold", "annotators": ["reviewer:liu"],
}  # fmt: skip


def test_prodigy_task(tmp_path):
    result = write([DOC, {**DOC, "status": "suggested"}], "prodigy", tmp_path / "p.jsonl")
    first, second = map(json.loads, (tmp_path / "p.jsonl").read_text("utf-8").splitlines())
    assert first == {
        "text": "😀重庆市民政局",
        "spans": [{"start": 1, "end": 7, "label": "AGENCY"}],
        "meta": {"doc_id": "d1", "title": "题"},
        "answer": "accept",
    }
    assert "answer" not in second
    assert result.notes.lost["provenance"] == 2 and result.notes.lost["annotators"] == 2


def test_prodigy_read_skips_rejected(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"text": "😀ab", "spans": [{"start": 1, "end": 3, "label": "X"}], "answer": "accept"}\n'
        '{"text": "cd", "answer": "reject"}\n',
        encoding="utf-8",
    )
    notes = Notes("prodigy")
    ((number, doc),) = list(prodigy.read(path, notes))
    assert number == 1
    assert doc["spans"][0]["text"] == "ab" and doc["status"] == "annotated"
    assert notes.lost["tasks answered 'reject' (skipped)"] == 1


def test_spacy_lines_are_doc_to_json_entities(tmp_path):
    write([DOC], "spacy", tmp_path / "s.jsonl")
    line = json.loads((tmp_path / "s.jsonl").read_text("utf-8"))
    assert line == {"text": "😀重庆市民政局", "ents": [{"start": 1, "end": 7, "label": "AGENCY"}],
                    "_": {"doc_id": "d1"}}  # fmt: skip
