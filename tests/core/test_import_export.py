"""Import → export → import keeps documents and spans identical; formats and encodings."""

import json

from annotator.core.exchange.export import Selection, export_jsonl
from annotator.core.ingest.importer import import_paths
from annotator.core.ingest.options import Options
from annotator.core.model import Span
from annotator.core.prehighlight.runner import prehighlight_documents
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from tests.conftest import SEEDS, run_cli

ASTRAL_TEXT = "𠮷𠮷市民政局😀发布:全市社工6.79万人,服务82.4万余人次。"


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _project_with_work(path):
    project = Project.create(path)
    report = import_paths(project, [SEEDS], Options(split_stories=True))
    prehighlight_documents(project, report.document_ids)
    with project.transaction():
        (stored,) = docs_store.insert(
            project, [docs_store.NewDocument(ASTRAL_TEXT, {"title": "生僻字"}, id="astral")], None
        )
    wang = project.annotator_id("wang")
    spans_store.add(
        project,
        "astral",
        wang,
        Span(2, 6, "AGENCY", agency_id="cn-500000-gov-mzj", agency_name="重庆市民政局"),
    )
    spans_store.add(
        project,
        "astral",
        wang,
        Span(14, 20, "FIGURE", {"value": 67900, "unit": "人", "approx": False, "comparator": "="}),
    )
    return project


def test_round_trip_is_identical_and_export_is_repeatable(tmp_path):
    with _project_with_work(tmp_path / "a.annot") as project:
        export_jsonl(project, tmp_path / "one.jsonl")
        export_jsonl(project, tmp_path / "two.jsonl")
    first = (tmp_path / "one.jsonl").read_bytes()
    assert first == (tmp_path / "two.jsonl").read_bytes()
    lines = _lines(tmp_path / "one.jsonl")
    assert len(lines) >= 6
    assert sum(len(line["spans"]) for line in lines) > 20

    result = run_cli("import", tmp_path / "one.jsonl", "--project", tmp_path / "b.annot")
    assert result.returncode == 0, result.stderr
    result = run_cli("export", "--project", tmp_path / "b.annot", "-o", tmp_path / "three.jsonl")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "three.jsonl").read_bytes() == first


def test_every_exported_span_matches_its_text(tmp_path):
    with _project_with_work(tmp_path / "a.annot") as project:
        export_jsonl(project, tmp_path / "out.jsonl")
    for line in _lines(tmp_path / "out.jsonl"):
        assert set(line) == {"id", "text", "meta", "spans", "status", "annotators", "schema"}
        assert line["schema"] == "gov-news-zh@1"
        for span in line["spans"]:
            assert line["text"][span["start"] : span["end"]] == span["text"]


def test_astral_characters_keep_offsets_exact(tmp_path):
    with _project_with_work(tmp_path / "a.annot") as project:
        export_jsonl(project, tmp_path / "out.jsonl")
    (line,) = [x for x in _lines(tmp_path / "out.jsonl") if x["id"] == "astral"]
    assert [(s["start"], s["end"], s["text"]) for s in line["spans"]] == [
        (2, 6, "市民政局"),
        (14, 20, "6.79万人"),
    ]
    assert line["spans"][0]["agency"] == {"id": "cn-500000-gov-mzj", "name": "重庆市民政局"}
    assert line["annotators"] == ["ann:wang"]
    assert line["spans"][0]["annotator"] == "ann:wang"


def test_import_with_annotator_makes_that_layer(tmp_path):
    with _project_with_work(tmp_path / "a.annot") as project:
        export_jsonl(project, tmp_path / "machine.jsonl", Selection())
        machine = {x["id"]: x["spans"] for x in _lines(tmp_path / "machine.jsonl")}
    result = run_cli(
        "import",
        tmp_path / "machine.jsonl",
        "--project",
        tmp_path / "a.annot",
        "--annotator",
        "zhao",
    )
    assert result.returncode == 0, result.stderr
    assert "0 documents imported" in result.stderr  # same texts: no new documents
    with Project.open(tmp_path / "a.annot") as project:
        zhao_id = project.annotator_id("zhao")
        layers = {d: spans_store.layer(project, d, zhao_id) for d in machine}
        export_jsonl(project, tmp_path / "zhao.jsonl", Selection(annotator="zhao"))
    for doc_id, spans in layers.items():
        assert [(s.start, s.end, s.label, s.origin) for s in spans] == [
            (s["start"], s["end"], s["label"], s["origin"]) for s in machine[doc_id]
        ]
    # the machine's candidates are zhao's to decide, not zhao's annotation
    assert sum(s.origin == "suggested" for spans in layers.values() for s in spans) > 20
    zhao = {x["id"]: x["spans"] for x in _lines(tmp_path / "zhao.jsonl")}
    assert zhao.keys() == machine.keys()
    assert [s for spans in zhao.values() for s in spans if s["origin"] != "manual"] == []


def test_same_article_in_every_encoding_is_one_document(tmp_path, project):
    text = "重庆日报讯(记者张莎)3月17日,全市社工6.79万人。\n\n第二段。𠮷\n"
    for encoding in ("utf-8", "utf-8-sig", "gb18030", "utf-16"):
        (tmp_path / f"a-{encoding}.txt").write_bytes(text.encode(encoding))
    report = import_paths(project, [tmp_path])
    assert report.problems == []
    assert (report.created, report.duplicates) == (1, 3)
    (doc,) = docs_store.iter_documents(project)
    assert doc.text.startswith("重庆日报讯(记者张莎)3月17日") and "𠮷" in doc.text


def test_csv_tsv_and_html(tmp_path, project):
    (tmp_path / "t.csv").write_text(
        'id,title,text\nc1,标题一,"市民政局发布,6.79万人"\n', encoding="utf-8"
    )
    (tmp_path / "t.tsv").write_text(
        "body\tsource\n区委社会工作部召开会议\t渝中报\n", encoding="utf-8"
    )
    (tmp_path / "p.html").write_text(
        "<html><head><title>页面标题</title><style>.x{}</style></head><body>"
        "<script>var hidden = '不可见';</script><p>团区委开展志愿服务。</p></body></html>",
        encoding="utf-8",
    )
    report = import_paths(project, [tmp_path / "t.csv", tmp_path / "p.html"])
    assert report.problems == []
    report = import_paths(project, [tmp_path / "t.tsv"], Options(text_column="body"))
    assert report.problems == []
    docs = {d.text: d for d in docs_store.iter_documents(project)}
    assert docs["市民政局发布,6.79万人"].id == "c1"
    assert docs["市民政局发布,6.79万人"].meta["title"] == "标题一"
    assert docs["区委社会工作部召开会议"].meta["source"] == "渝中报"
    (html,) = [d for d in docs.values() if d.meta.get("file") == "p.html"]
    assert "团区委开展志愿服务" in html.text and "不可见" not in html.text
    assert html.meta["title"] == "页面标题"


def test_raw_offsets_point_back_into_the_raw_file(tmp_path, project):
    raw = "𠮷 记者从启 动仪式上获悉,今年我市将深化完善以社区为平台、以社会组 织为载体。\n"
    (tmp_path / "ocr.txt").write_text(raw, encoding="utf-8")
    report = import_paths(project, [tmp_path / "ocr.txt"])
    (doc_id,) = report.document_ids
    doc = docs_store.get(project, doc_id)
    start = doc.text.index("社会组")
    me = project.annotator_id("wang")
    spans_store.add(project, doc_id, me, Span(start, start + 4, "ORG"))
    export_jsonl(project, tmp_path / "out.jsonl", Selection(raw_offsets=True))
    (line,) = _lines(tmp_path / "out.jsonl")
    (span,) = line["spans"]
    assert "".join(raw[span["raw_start"] : span["raw_end"]].split()) == span["text"]
    assert line["meta"]["raw_sha256"] == docs_store.sha256(raw)
    # nothing the clean-up removed is lost: the project still holds the raw text exactly
    assert docs_store.offsets_of(project, doc_id).raw_text(doc.text) == raw


def test_export_filters_by_status(tmp_path, project):
    import_paths(project, [SEEDS])
    ids = [d.id for d in docs_store.iter_documents(project)]
    docs_store.set_status(project, ids[0], "annotated", None)
    assert export_jsonl(project, tmp_path / "a.jsonl", Selection(status="annotated")) == 1
    assert (
        export_jsonl(project, tmp_path / "s.jsonl", Selection(status="suggested")) == len(ids) - 1
    )


def test_export_keeps_only_the_labels_asked_for(tmp_path):
    from annotator.cli.main import run

    project_file = tmp_path / "p.annotator"
    src = tmp_path / "a.txt"
    src.write_text("重庆市民政局发放补贴6.79万元。", encoding="utf-8")
    assert run(["import", str(src), "--project", str(project_file), "--quiet"]) == 0
    out = tmp_path / "out.jsonl"
    export = ["export", "--project", str(project_file), "-o"]
    assert run([*export, str(out), "--labels", "figure"]) == 0
    spans = json.loads(out.read_text(encoding="utf-8"))["spans"]
    assert spans and {s["label"] for s in spans} == {"FIGURE"}
    bad = tmp_path / "bad.jsonl"
    assert run([*export, str(bad), "--labels", "NOPE"]) == 1
    assert not bad.exists()
