"""doccano JSONL: the shape of doccano's import example; doccano's export variants read back."""

import json

from annotator.core.formats import Notes, doccano, read, write
from annotator.core.ingest.problems import InputError

DOC = {
    "id": "d1",
    "text": "𠮷市民政局😀发布",
    "meta": {"title": "标题", "source": None, "file": "a.txt"},
    "spans": [{"start": 1, "end": 5, "label": "AGENCY", "text": "市民政局",
               "agency": {"id": "x", "name": "X"}}],
    "status": "gold",
    "annotators": [],
    "schema": "gov-news-zh@1",
}  # fmt: skip


def test_line_has_doccanos_shape(tmp_path):
    result = write([DOC], "doccano", tmp_path / "out.jsonl")
    line = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert line == {
        "text": "𠮷市民政局😀发布",
        "label": [[1, 5, "AGENCY"]],
        # doccano lists each key it keeps; every line has the same keys
        "doc_id": "d1", "title": "标题", "source": None, "date": None, "page": None,
        "url": None, "region": None, "file": "a.txt", "meta": {},
    }  # fmt: skip
    assert result.notes.lost == {"agency": 1, "status": 1, "schema": 1}


def test_other_metadata_stays_in_meta_and_comes_back(tmp_path):
    doc = {**DOC, "meta": {"title": "标题", "label": "来自别处的键", "reporter": "张三"}}
    write([doc], "doccano", tmp_path / "out.jsonl")
    line = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert line["label"] == [[1, 5, "AGENCY"]] and line["title"] == "标题"
    assert line["meta"] == {"label": "来自别处的键", "reporter": "张三"}
    meta = read_back(tmp_path / "out.jsonl")["meta"]
    assert meta["label"] == "来自别处的键" and meta["reporter"] == "张三"


def read_back(path):
    (doc,) = list(read("doccano", path))
    return doc


def test_reads_doccano_export_variants(tmp_path):
    path = tmp_path / "admin.jsonl"
    lines = [
        {"id": 17, "text": "😀重庆市民政局", "entities": [
            {"id": 3, "label": "AGENCY", "start_offset": 1, "end_offset": 7}], "doc_id": "k"},
        {"id": 18, "text": "无实体", "labels": [], "Comments": []},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    first, second = list(read("doccano", path))
    assert first["id"] == "k"  # doccano's own integer id is not taken as ours
    assert first["spans"][0]["text"] == "重庆市民政局"
    assert first["meta"] == {"file": "admin.jsonl"}
    assert "id" not in second and second["spans"] == []


def test_bad_span_names_its_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ab"}\n{"text": "ab", "label": [[1, 1, "X"]]}\n', "utf-8")
    items = list(doccano.read(path, Notes("doccano")))
    assert isinstance(items[1], InputError) and items[1].line == 2
