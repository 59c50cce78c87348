"""Export → import → export is identical in every format that can be read back; notes say
what each format leaves out; astral characters (𠮷, 😀) count one everywhere."""

import argparse
import filecmp
import json

import pytest

from annotator.cli.formats_cmd import add_parsers
from annotator.cli.main import build_parser, cmd_export, cmd_import
from annotator.core import formats
from annotator.core.exchange.export import Selection, export_jsonl
from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store

ASTRAL = "𠮷𠮷市民政局😀发布:全市社工6.79万人,服务82.4万余人次。"
DOCS = [
    ("astral", ASTRAL, [
        Span(2, 6, "AGENCY", agency_id="cn-500000-gov-mzj", agency_name="重庆市民政局"),
        Span(6, 7, "ORG"),  # the emoji itself
        Span(14, 20, "FIGURE", {"value": 67900, "unit": "人", "approx": False, "comparator": "="}),
    ]),
    ("cq-2022-03-17-a1", "今年重庆将深化推广基层“五社联动”机制,李明表示。", [
        Span(2, 4, "PLACE"), Span(20, 22, "PERSON"),
    ]),
    ("empty-one", "这篇稿件没有任何实体。", []),
]  # fmt: skip


def make_project(path, docs=DOCS):
    project = Project.create(path)
    gold = project.annotator_id("gold", "gold")
    with project.transaction():
        new = [
            docs_store.NewDocument(
                text, {"title": text[:6], "file": f"{doc_id}.txt"}, id=doc_id, status="gold"
            )  # fmt: skip
            for doc_id, text, _ in docs
        ]
        docs_store.insert(project, new, None)
        for doc_id, _, spans in docs:
            spans_store.replace_layer(project, doc_id, gold, spans)
    return project


def _import_args(project, paths, fmt, annotator="wang"):
    argv = ["import", *map(str, paths), "--project", str(project), "--format", fmt]
    argv += ["--annotator", annotator, "--no-prehighlight", "--quiet"]
    return build_parser().parse_args(argv)


def _export_args(project, out, fmt, annotator=None):
    argv = ["export", "--project", str(project), "-o", str(out), "--format", fmt]
    return build_parser().parse_args(argv + (["--annotator", annotator] if annotator else []))


def _out(tmp_path, fmt, name):
    return tmp_path / (f"{name}-brat" if fmt == "brat" else f"{name}.{fmt}")


def _same(a, b):
    if a.is_dir():
        cmp = filecmp.dircmp(a, b)
        names = sorted(p.name for p in a.iterdir())
        assert names == sorted(p.name for p in b.iterdir())
        # the notes say what each run dropped; the manifest holds the notes' hash
        told = {"conversion-notes.md", "export-manifest.json"}
        assert set(cmp.diff_files) <= told, cmp.diff_files
        for name in names:
            if name not in told:
                assert (a / name).read_bytes() == (b / name).read_bytes(), name
    else:
        assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("fmt", formats.IMPORT_FORMATS)
def test_export_import_export_is_identical(tmp_path, fmt, capsys):
    make_project(tmp_path / "a.annot").close()
    first = _out(tmp_path, fmt, "first")
    assert cmd_export(_export_args(tmp_path / "a.annot", first, fmt)) == 0
    assert "not carried" in capsys.readouterr().err

    status = cmd_import(_import_args(tmp_path / "b.annot", [first], fmt))
    assert status == 0, capsys.readouterr().err
    second = _out(tmp_path, fmt, "second")
    assert cmd_export(_export_args(tmp_path / "b.annot", second, fmt, annotator="wang")) == 0
    _same(first, second)

    with Project.open(tmp_path / "b.annot") as project:
        wang = project.annotator_id("wang")
        assert [s.key() for s in spans_store.layer(project, "astral", wang)] == [
            s.key() for s in DOCS[0][2]
        ]
        assert docs_store.get(project, "astral").text == ASTRAL


def test_brat_carries_agency_links_and_attributes(tmp_path):
    with make_project(tmp_path / "a.annot") as project:
        formats.export(project, "brat", tmp_path / "brat")
    assert cmd_import(_import_args(tmp_path / "b.annot", [tmp_path / "brat"], "brat")) == 0
    with Project.open(tmp_path / "b.annot") as project:
        spans = spans_store.layer(project, "astral", project.annotator_id("wang"))
    assert spans[0].agency_id == "cn-500000-gov-mzj"
    assert spans[2].attrs == DOCS[0][2][2].attrs


def test_every_format_is_repeatable_and_says_what_it_dropped(tmp_path):
    with make_project(tmp_path / "a.annot") as project:
        for fmt in formats.EXPORT_FORMATS:
            one = formats.export(project, fmt, _out(tmp_path, fmt, "one"))
            two = formats.export(project, fmt, _out(tmp_path, fmt, "two"))
            assert one.documents == two.documents == len(DOCS)
            _same(_out(tmp_path, fmt, "one"), _out(tmp_path, fmt, "two"))
            lost = one.notes.lost
            if fmt == "jsonl":
                assert not lost
            elif fmt == "brat":
                assert "agency" not in lost and "attrs" not in lost and lost["meta"] == 3
            else:
                assert lost["agency"] == 1 and lost["attrs"] == 1 and lost["status"] == 3
    notes = (tmp_path / "one-brat" / "conversion-notes.md").read_text(encoding="utf-8")
    assert "document statuses (3)" in notes


def test_formats_hold_the_layer_the_gold_export_holds(tmp_path):
    with make_project(tmp_path / "a.annot") as project:
        export_jsonl(project, tmp_path / "gold.jsonl", Selection(gold=True))
        formats.export(project, "doccano", tmp_path / "d.jsonl", Selection(gold=True))
    gold = [json.loads(x) for x in (tmp_path / "gold.jsonl").read_text("utf-8").splitlines()]
    doccano = [json.loads(x) for x in (tmp_path / "d.jsonl").read_text("utf-8").splitlines()]
    assert [[[s["start"], s["end"], s["label"]] for s in g["spans"]] for g in gold] == [
        d["label"] for d in doccano
    ]
    assert [g["id"] for g in gold] == [d["doc_id"] for d in doccano]


def test_import_with_a_format_needs_an_annotator(tmp_path, capsys):
    args = _import_args(tmp_path / "b.annot", [tmp_path / "x.jsonl"], "doccano", annotator=None)
    assert cmd_import(args) == 2
    assert "--annotator" in capsys.readouterr().err


def test_import_reports_bad_records_with_their_line_and_keeps_the_rest(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"text": "𠮷市民政局", "label": [[1, 5, "AGENCY"]]}\n'
        '{"text": "短", "label": [[0, 9, "ORG"]]}\n'
        "not json\n",
        encoding="utf-8",
    )
    status = cmd_import(_import_args(tmp_path / "b.annot", [path], "doccano"))
    err = capsys.readouterr().err
    assert status == 1
    assert f"{path}:2: span 0: [0, 9) is outside the text" in err
    assert f"{path}:3: malformed JSON" in err
    with Project.open(tmp_path / "b.annot") as project:
        assert docs_store.count(project) == 1


def test_convert_command_writes_document_lines(tmp_path):
    with make_project(tmp_path / "a.annot") as project:
        formats.export(project, "label-studio", tmp_path / "ls.json")
    parser = argparse.ArgumentParser()
    add_parsers(parser.add_subparsers())
    args = parser.parse_args(["convert", "label-studio", str(tmp_path / "ls.json"),
                              "-o", str(tmp_path / "out.jsonl")])  # fmt: skip
    assert args.func(args) == 0
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == [d[0] for d in DOCS]
    assert lines[0]["spans"][1] == {"start": 6, "end": 7, "label": "ORG", "text": "😀",
                                    "origin": "manual"}  # fmt: skip


@pytest.mark.parametrize(
    "selection",
    [Selection(), Selection(gold=True), Selection(annotator="wang"), Selection(status="gold")],
)
def test_documents_are_the_lines_of_the_gold_export(tmp_path, selection):
    with make_project(tmp_path / "a.annot") as project:
        wang, machine = project.annotator_id("wang"), project.machine_id()
        with project.transaction():
            (stored,) = docs_store.insert(project, [docs_store.NewDocument("只在机器层𠮷。")], None)
            spans_store.replace_layer(project, stored.id, machine,
                                      [Span(5, 6, "PLACE", origin="suggested", source="jieba",
                                            score=0.123456)])  # fmt: skip
            spans_store.replace_layer(project, "astral", wang, [Span(0, 2, "PLACE")])
        export_jsonl(project, tmp_path / "gold.jsonl", selection)
        formats.export(project, "jsonl", tmp_path / "same.jsonl", selection)
        docs = list(formats.iter_documents(project, selection))
    assert (tmp_path / "same.jsonl").read_bytes() == (tmp_path / "gold.jsonl").read_bytes()
    lines = (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert docs == [json.loads(line) for line in lines]
    assert docs
