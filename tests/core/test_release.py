"""Releases: a split by id and seed, gold documents only, PII never released by accident,
and a manifest whose hashes and counts match the files."""

import argparse
import hashlib
import json

import pytest

import annotator
from annotator.cli.formats_cmd import add_parsers
from annotator.core.kb.base import default_base
from annotator.core.kb.io import write_agencies
from annotator.core.kb.project_kb import export as kb_export
from annotator.core.model import Span
from annotator.core.release import (
    MASK,
    ReleaseError,
    ReleaseOptions,
    make_release,
    parse_split,
    split_of,
)
from annotator.core.schema import guideline_text
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store

PII_TEXT = "联系人张三,电话13812345678,😀𠮷市民政局发布。"


def make_project(path, n=40):
    """``n`` gold documents (every 10th holding PII), plus one annotated and one reviewed."""
    project = Project.create(path)
    gold = project.annotator_id("gold", "gold")
    docs, layers = [], {}
    for i in range(n):
        if i % 10 == 0:
            text = f"{PII_TEXT}{i}"
            phone = text.index("138")
            spans = [Span(3, 5, "PERSON"), Span(phone, phone + 11, "PII"),
                     Span(text.index("市"), text.index("市") + 4, "AGENCY")]  # fmt: skip
            meta = {"title": f"张三 13812345678 的来信{i}", "file": f"{i}.txt"}
        else:
            text = f"第{i}号:𠮷重庆市民政局发布通知。"
            spans = [Span(text.index("重"), text.index("重") + 6, "AGENCY")]
            meta = {"title": f"通知{i}", "file": f"{i}.txt"}
        docs.append(docs_store.NewDocument(text, meta, id=f"doc-{i:03d}", status="gold"))
        layers[f"doc-{i:03d}"] = spans
    docs.append(docs_store.NewDocument("只有一人标注。", id="ann-only", status="annotated"))
    docs.append(docs_store.NewDocument("审核过的稿件。", id="reviewed-1", status="reviewed"))
    with project.transaction():
        docs_store.insert(project, docs, None)
        for doc_id, spans in layers.items():
            spans_store.replace_layer(project, doc_id, gold, spans)
    return project


@pytest.fixture
def project(tmp_path):
    with make_project(tmp_path / "p.annot") as p:
        yield p


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _all_docs(out):
    return [d for name in ("train", "dev", "test") for d in _lines(out / f"{name}.jsonl")]


def test_pii_is_refused_by_default_and_nothing_is_written(project, tmp_path):
    expected = r"4 PII spans and 0 unlabelled .* in 4 documents.*--pii mask.*--pii drop"
    with pytest.raises(ReleaseError, match=expected):
        make_release(project, tmp_path / "rel", ReleaseOptions())
    assert not (tmp_path / "rel").exists() or not any((tmp_path / "rel").iterdir())


def test_mask_keeps_offsets_and_label(project, tmp_path):
    release = make_release(project, tmp_path / "rel", ReleaseOptions(pii="mask"))
    docs = {d["id"]: d for d in _all_docs(tmp_path / "rel")}
    doc = docs["doc-000"]
    (pii,) = [s for s in doc["spans"] if s["label"] == "PII"]
    assert doc["text"][pii["start"] : pii["end"]] == MASK * 11 == pii["text"]
    assert len(doc["text"]) == len(f"{PII_TEXT}0")
    agency = doc["spans"][2]
    assert doc["text"][agency["start"] : agency["end"]] == "市民政局"  # after 😀𠮷: still right
    assert "13812345678" not in json.dumps(docs, ensure_ascii=False)
    assert doc["meta"]["title"].startswith("张三 " + MASK * 11)
    assert release.manifest["pii"] == {"mode": "mask", "spans_masked": 4, "documents_dropped": 0}


def test_an_identifier_nobody_labelled_is_caught_too(tmp_path):
    with make_project(tmp_path / "p.annot", n=3) as project:
        text = "办事电话13900001111,请留意。"
        doc = docs_store.NewDocument(text, id="missed", status="gold")
        docs_store.insert(project, [doc], None)
        gold = project.annotator_id("gold", "gold")
        spans_store.replace_layer(project, "missed", gold, [Span(9, 11, "FIGURE")])
        with pytest.raises(ReleaseError, match=r"1 unlabelled identifiers .* in 2 documents"):
            make_release(project, tmp_path / "refused", ReleaseOptions())
        release = make_release(project, tmp_path / "rel", ReleaseOptions(pii="mask"))
    (missed,) = [d for d in _all_docs(tmp_path / "rel") if d["id"] == "missed"]
    assert missed["text"] == "办事电话" + MASK * 11 + ",请留意。"
    assert missed["spans"][0]["text"] == MASK * 2  # a span over masked characters follows them
    assert release.manifest["pii"]["spans_masked"] == 2


def test_a_project_without_gold_is_refused(tmp_path):
    with Project.create(tmp_path / "p.annot") as project:
        docs_store.insert(project, [docs_store.NewDocument("尚未审核。", status="annotated")], None)
        with pytest.raises(ReleaseError, match="no documents are reviewed or gold"):
            make_release(project, tmp_path / "rel", ReleaseOptions())


def test_drop_leaves_out_documents_with_pii(project, tmp_path):
    release = make_release(project, tmp_path / "rel", ReleaseOptions(pii="drop"))
    ids = {d["id"] for d in _all_docs(tmp_path / "rel")}
    assert len(ids) == 37 and "doc-010" not in ids
    assert release.manifest["pii"]["documents_dropped"] == 4


def test_only_gold_and_reviewed_documents(project, tmp_path):
    make_release(project, tmp_path / "rel", ReleaseOptions(pii="drop"))
    ids = {d["id"] for d in _all_docs(tmp_path / "rel")}
    assert "reviewed-1" in ids and "ann-only" not in ids
    assert all(d["status"] in ("gold", "reviewed") for d in _all_docs(tmp_path / "rel"))


def test_same_project_and_seed_give_identical_files(project, tmp_path):
    options = ReleaseOptions(pii="mask", seed=3, formats=("bio", "brat", "doccano"))
    one = make_release(project, tmp_path / "one", options)
    two = make_release(project, tmp_path / "two", options)
    assert one.manifest == two.manifest
    for rel in [*one.manifest["files"], "manifest.json"]:
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes()
    other = make_release(project, tmp_path / "three", ReleaseOptions(pii="mask", seed=4))
    assert other.manifest["counts"] != one.manifest["counts"]


def test_split_depends_on_id_and_seed_only():
    ids = [f"doc-{i}" for i in range(5000)]
    split = (0.8, 0.1, 0.1)
    first = {i: split_of(i, 7, split) for i in ids}
    counts = {name: list(first.values()).count(name) for name in ("train", "dev", "test")}
    assert 3800 < counts["train"] < 4200 and 400 < counts["dev"] < 600
    assert all(split_of(i, 7, split) == first[i] for i in ids[::7])  # no other input
    assert sum(split_of(i, 8, split) != first[i] for i in ids) > 500
    assert {split_of(i, 7, (0, 0, 1)) for i in ids[:100]} == {"test"}


def test_manifest_matches_files(project, tmp_path):
    out = tmp_path / "rel"
    manifest = make_release(project, out, ReleaseOptions(pii="mask", formats=("brat",))).manifest
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest
    for rel, digest in manifest["files"].items():
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == digest
    listed = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert listed == {*manifest["files"], "manifest.json"}
    labels = {}
    for name in ("train", "dev", "test"):
        docs = _lines(out / f"{name}.jsonl")
        assert manifest["counts"][name]["documents"] == len(docs)
        for label, n in manifest["counts"][name]["labels"].items():
            labels[label] = labels.get(label, 0) + n
            assert n == sum(s["label"] == label for d in docs for s in d["spans"])
    assert labels == {"AGENCY": 40, "PERSON": 4, "PII": 4}
    assert manifest["schema"] == project.schema.ref == "gov-news-zh@1"
    assert manifest["tool_version"] == annotator.__version__
    guideline = guideline_text(project.schema).encode("utf-8")
    assert manifest["guidelines"]["sha256"] == hashlib.sha256(guideline).hexdigest()
    write_agencies(kb_export(project), tmp_path / "kb.jsonl")
    kb = hashlib.sha256((tmp_path / "kb.jsonl").read_bytes()).hexdigest()
    assert manifest["knowledge_base_sha256"] == kb
    base = default_base()  # the national base the project's own entries lie over
    assert manifest["knowledge_base_base"] == {
        "version": base.version, "sha256": hashlib.sha256(base.path.read_bytes()).hexdigest()}


def test_rerun_replaces_a_release_and_refuses_other_folders(project, tmp_path):
    out = tmp_path / "rel"
    make_release(project, out, ReleaseOptions(pii="mask", formats=("bio",)))
    make_release(project, out, ReleaseOptions(pii="mask"))
    assert not (out / "bio").exists()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ReleaseError, match="not empty"):
        make_release(project, tmp_path / "other", ReleaseOptions(pii="mask"))
    assert (tmp_path / "other" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_split_option_is_checked():
    assert parse_split("0.7,0.2,0.1") == (0.7, 0.2, 0.1)
    for bad in ("0.5,0.5", "0.8,0.3,0.1", "a,b,c", "1.2,-0.1,-0.1"):
        with pytest.raises(ReleaseError):
            parse_split(bad)


def test_release_command(tmp_path, capsys):
    make_project(tmp_path / "p.annot").close()
    parser = argparse.ArgumentParser()
    add_parsers(parser.add_subparsers())
    base = ["release", "--project", str(tmp_path / "p.annot"), "-o", str(tmp_path / "rel")]
    args = parser.parse_args(base)
    assert args.func(args) == 1
    assert "--pii mask" in capsys.readouterr().err
    args = parser.parse_args([*base, "--pii", "mask", "--seed", "5", "--split", "0.5,0.25,0.25",
                              "--formats", "bmes,label-studio"])  # fmt: skip
    assert args.func(args) == 0
    err = capsys.readouterr().err
    assert "release written to" in err and "note: bmes: not carried" in err
    manifest = json.loads((tmp_path / "rel" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 5 and manifest["split"] == {"train": 0.5, "dev": 0.25, "test": 0.25}
    assert (tmp_path / "rel" / "label-studio" / "dev.json").exists()
    assert (tmp_path / "rel" / "bmes" / "conversion-notes.md").exists()


@pytest.mark.parametrize("fmt", ["jsonl", "doccano"])
def test_an_export_says_when_it_carries_pii(tmp_path, capsys, fmt):
    from annotator.cli.main import run

    make_project(tmp_path / "p.annot").close()
    out = tmp_path / f"all.{fmt}"
    assert run(["export", "--project", str(tmp_path / "p.annot"), "--gold",
                "--format", fmt, "-o", str(out)]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert "warning: 4 PII spans written unmasked" in err and "--pii mask" in err
    assert "13812345678" in out.read_text(encoding="utf-8")
