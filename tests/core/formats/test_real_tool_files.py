"""Files the real tools wrote (tests/fixtures/tools, see its README) come back as exported."""

import json
from pathlib import Path

from annotator.core.formats import read
from tests.conftest import run_cli

TOOLS = Path(__file__).resolve().parents[2] / "fixtures" / "tools"


def _regions(task: dict) -> list[tuple]:
    (annotation,) = task["annotations"]
    return sorted((r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
                  for r in annotation["result"])  # fmt: skip


def _import_and_export(tmp_path: Path, name: str) -> tuple[list[dict], str]:
    project, out = tmp_path / f"{name}.annot", tmp_path / f"{name}.jsonl"
    result = run_cli("import", TOOLS / "label-studio" / f"{name}.json", "--format",
                     "label-studio", "--annotator", "wang", "--project", project,
                     "--no-prehighlight")  # fmt: skip
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert run_cli("export", "--project", project, "-o", out, "--annotator", "wang").returncode == 0
    return [json.loads(x) for x in out.read_text("utf-8").splitlines()], result.stderr


def test_label_studios_two_export_shapes_give_the_annotators_layer(tmp_path):
    for name in ("export-ids", "export-snapshot"):
        tasks = json.loads((TOOLS / "label-studio" / f"{name}.json").read_text("utf-8"))
        annotated = [t for t in tasks if t["annotations"]]
        docs, stderr = _import_and_export(tmp_path, name)
        assert "tasks without an annotation (imported without a human layer) (3)" in stderr
        by_text = {d["text"]: d for d in docs}
        for task in annotated:
            doc = by_text[task["data"]["text"]]
            spans = sorted((s["start"], s["end"], s["label"]) for s in doc["spans"])
            assert spans == _regions(task)
            assert all(s["text"] == doc["text"][s["start"]:s["end"]] for s in doc["spans"])
    astral = by_text["𠮷𠮷市民政局😀发布:全市社工6.79万人。"]
    assert [s["text"] for s in astral["spans"]] == ["市民政局", "6.79万人"]


def test_tasks_nobody_annotated_are_not_the_annotators_work(tmp_path):
    for name in ("export-ids", "export-snapshot"):
        docs, _ = _import_and_export(tmp_path, name)
        finished = [d for d in docs if d["status"] == "annotated"]
        assert len(finished) == 3  # the three annotated tasks
        # predictions (in the snapshot) wait as candidates: none is exported as wang's span
        assert all(not d["spans"] for d in docs if d["status"] != "annotated")


def test_full_prediction_snapshots_come_in_as_candidates():
    tasks = json.loads((TOOLS / "label-studio" / "export-snapshot.json").read_text("utf-8"))
    untouched = [t for t in tasks if not t["annotations"]]
    docs = [d for d in read("label-studio", TOOLS / "label-studio" / "export-snapshot.json")
            if not any(t["data"]["text"] == d["text"] for t in tasks if t["annotations"])]
    assert len(docs) == len(untouched) == 3
    for doc, task in zip(docs, untouched):
        assert doc["status"] == "suggested"
        assert len(doc["spans"]) == len(task["predictions"][0]["result"])


def test_brat_saved_files_read_as_the_export_wrote_them():
    exported = {d["id"]: d for d in read("brat", TOOLS / "brat-exported")}
    saved = {d["id"]: d for d in read("brat", TOOLS / "brat-saved")}
    assert saved.keys() == exported.keys()  # not the notes brat opened as a document
    for doc_id, doc in exported.items():
        assert saved[doc_id]["spans"] == doc["spans"]
    links = [s["agency"]["name"] for d in saved.values() for s in d["spans"] if "agency" in s]
    assert len(links) == 19 and not any(name.startswith("\t") for name in links)


def test_doccanos_export_gives_back_the_lines_and_metadata_it_took():
    docs = list(read("doccano", TOOLS / "doccano" / "export.jsonl"))
    assert len(docs) == 6 and all(isinstance(d, dict) for d in docs)
    first = docs[0]
    assert first["id"] == "dcefd9c8f3d1256e"  # doccano's own integer id is not taken as ours
    assert first["meta"]["source"] == "重庆日报" and first["meta"]["reporter"] == "张莎"
    assert len(first["spans"]) == 105
    astral = next(d for d in docs if d["id"] == "astral")
    assert [s["text"] for s in astral["spans"]] == ["市民政局", "6.79万人"]
