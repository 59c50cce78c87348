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
    assert second["answer"] == "ignore"
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


def test_prodigy_never_accepts_unfinished_work(tmp_path):
    """Only a finished document is accepted; candidates and work in progress are "ignore",
    and read back they are candidates again, not a person's spans."""
    docs = [{**DOC, "status": status} for status in ("suggested", "annotated", "reviewed")]
    write(docs, "prodigy", tmp_path / "p.jsonl")
    tasks = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text("utf-8").splitlines()]
    assert [t["answer"] for t in tasks] == ["ignore", "accept", "accept"]
    back = [d for _, d in prodigy.read(tmp_path / "p.jsonl", Notes("prodigy"))]
    assert [d["status"] for d in back] == ["suggested", "annotated", "annotated"]
    assert "origin" not in back[0]["spans"][0] and back[1]["spans"][0]["origin"] == "manual"
