"""brat standoff: code-point offsets in the .txt as written, line breaks as fragments."""

import pytest

from annotator.core.formats import Notes, brat, read, write
from annotator.core.ingest.problems import InputError

TEXT = "𠮷市民政局\r\n发布😀通知"


def _doc(doc_id="d1", spans=None):
    spans = spans if spans is not None else [
        {"start": 1, "end": 5, "label": "AGENCY", "text": "市民政局"},
        {"start": 3, "end": 10, "label": "POLICY", "text": TEXT[3:10]},
    ]  # fmt: skip
    return {"id": doc_id, "text": TEXT, "meta": {}, "spans": spans, "status": "gold"}


def test_files_and_fragments_around_line_breaks(tmp_path):
    doc = _doc(spans=[{"start": 1, "end": 5, "label": "AGENCY"},
                      {"start": 5, "end": 10, "label": "POLICY"}])  # fmt: skip
    write([doc], "brat", tmp_path / "out")
    assert (tmp_path / "out" / "d1.txt").read_bytes() == TEXT.encode("utf-8")  # CRLF kept
    assert (tmp_path / "out" / "d1.ann").read_text(encoding="utf-8") == (
        "T1\tAGENCY 1 5\t市民政局\nT2\tPOLICY 7 10\t发布😀\n"
    )
    doc["spans"] = [{"start": 3, "end": 9, "label": "POLICY"}]
    assert brat.ann_text(doc) == "T1\tPOLICY 3 5;7 9\t政局 发布\n"
    assert "[entities]\nAGENCY\nPOLICY\n" in (tmp_path / "out/annotation.conf").read_text("utf-8")


def test_fragments_read_back_as_one_span(tmp_path):
    doc = _doc(spans=[{"start": 3, "end": 9, "label": "POLICY"}])
    write([doc], "brat", tmp_path / "out")
    (item,) = list(read("brat", tmp_path / "out"))
    assert item["spans"][0]["start"] == 3 and item["spans"][0]["end"] == 9
    assert item["text"] == TEXT and item["id"] == "d1"


def test_unsafe_ids_get_safe_file_names(tmp_path):
    result = write([_doc("../报道 1", spans=[])], "brat", tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    ours = {"conversion-notes.md", "export-manifest.json"}
    assert all(n.endswith((".txt", ".ann", ".conf")) for n in names if n not in ours)
    assert not (tmp_path / "报道 1.txt").exists()
    assert any("renamed" in r for r in result.notes.remarks)
    assert brat.file_stem("cq-2022_a1.v2") == "cq-2022_a1.v2"


@pytest.mark.parametrize("ann, message", [
    ("T1\tAGENCY 1 5\t市民政", "the line says"),
    ("T1\tAGENCY 1 3;4 5\t市民 局", "discontinuous"),
    ("T1\tAGENCY 1 x\t市", "bad offsets"),
])  # fmt: skip
def test_bad_annotations_are_reported(tmp_path, ann, message):
    (tmp_path / "a.txt").write_text("𠮷市民政局", encoding="utf-8")
    (tmp_path / "a.ann").write_text(ann + "\n", encoding="utf-8")
    (item,) = list(read("brat", tmp_path / "a.ann"))
    assert isinstance(item, InputError) and message in str(item) and item.line == 1


def test_other_annotation_kinds_are_counted(tmp_path):
    (tmp_path / "a.txt").write_text("𠮷市民政局", encoding="utf-8")
    (tmp_path / "a.ann").write_text(
        "T1\tAGENCY 1 5\t市民政局\nR1\tRel Arg1:T1 Arg2:T1\nN1\tReference T1 Wikidata:Q1\tx\n",
        encoding="utf-8",
    )
    notes = Notes("brat")
    ((_, item),) = list(brat.read(tmp_path, notes))
    assert "agency" not in item["spans"][0]
    assert notes.lost == {"brat annotations of kind 'R'": 1, "normalizations to other databases": 1}


def test_text_files_put_into_an_export_are_not_read_as_documents(tmp_path):
    write([_doc()], "brat", tmp_path / "out")
    (tmp_path / "out" / "说明.txt").write_text("给标注员的说明", encoding="utf-8")
    (tmp_path / "out" / "说明.ann").write_text("", encoding="utf-8")  # brat makes one on opening
    notes = Notes("brat")
    docs = [doc for _, doc in brat.read(tmp_path / "out", notes)]
    assert [d["id"] for d in docs] == ["d1"]
    assert any("说明.ann" in remark for remark in notes.remarks)
    (asked,) = list(read("brat", tmp_path / "out" / "说明.ann"))  # named, it is read
    assert asked["text"] == "给标注员的说明"
