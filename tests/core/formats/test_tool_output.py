"""What the tools themselves write back is read as they mean it: Label Studio's export with
predictions listed by id, tasks nobody annotated, brat's re-saved normalisation lines."""

import json

from annotator.core.formats import Notes, brat, label_studio, read
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from tests.conftest import run_cli

TEXT = "𠮷中共重庆市委社会工作部召开会议"
REGION = {"value": {"start": 1, "end": 12, "text": "中共重庆市委社会工作部", "labels": ["AGENCY"]},
          "id": "a1", "from_name": "label", "to_name": "text", "type": "labels"}  # fmt: skip


def _tasks():
    """Label Studio's JSON export: annotations as snapshots, predictions as ids."""
    return [
        {"id": 1, "data": {"text": TEXT, "meta": {"doc_id": "done"}},
         "annotations": [{"id": 10, "result": [REGION], "was_cancelled": False}],
         "predictions": [7]},
        {"id": 2, "data": {"text": "只有预测的任务", "meta": {"doc_id": "predicted"}},
         "annotations": [], "predictions": [8]},
        {"id": 3, "data": {"text": "没有人标注的任务", "meta": {"doc_id": "untouched"}},
         "annotations": [], "predictions": []},
    ]  # fmt: skip


def test_predictions_listed_by_id_are_named_not_a_crash():
    notes = Notes("label-studio")
    done, predicted, untouched = (label_studio.parse(t, "x.json", notes) for t in _tasks())
    assert done["status"] == "annotated" and done["spans"][0]["text"] == REGION["value"]["text"]
    assert predicted["status"] == untouched["status"] == "suggested"
    assert predicted["spans"] == untouched["spans"] == []
    assert notes.lost["tasks without an annotation (imported without a human layer)"] == 2
    assert any("by id only" in remark for remark in notes.remarks)


def test_a_task_nobody_annotated_gives_the_annotator_no_layer(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_tasks(), ensure_ascii=False), encoding="utf-8")
    project = tmp_path / "p.annot"
    result = run_cli("import", path, "--format", "label-studio", "--annotator", "wang",
                     "--project", project, "--no-prehighlight")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "tasks without an annotation (imported without a human layer) (2)" in result.stderr
    with Project.open(project) as p:
        assert docs_store.count(p) == 3
        for doc_id in ("predicted", "untouched"):
            assert docs_store.annotator_statuses(p, doc_id) == {}
    out = tmp_path / "wang.jsonl"
    assert run_cli("export", "--project", project, "-o", out, "--annotator", "wang").returncode == 0
    assert [json.loads(x)["id"] for x in out.read_text("utf-8").splitlines()] == ["done"]


def test_an_import_problem_names_the_users_file(tmp_path):
    path = tmp_path / "X.json"
    overlap = {**REGION, "value": {**REGION["value"], "start": 3, "end": 5, "text": "重庆",
                                   "labels": ["PLACE"]}}  # fmt: skip
    task = {"data": {"text": TEXT}, "annotations": [{"result": [REGION, overlap]}]}
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    result = run_cli("import", path, "--format", "label-studio", "--annotator", "wang",
                     "--project", tmp_path / "p.annot", "--no-prehighlight")  # fmt: skip
    assert result.returncode == 1
    assert "X.json:1:" in result.stderr and "X.json.jsonl" not in result.stderr


def test_predictions_carry_a_task_score_label_studio_can_sort_by():
    doc = {"id": "d", "text": TEXT, "meta": {}, "status": "suggested", "spans": [
        {"start": 1, "end": 12, "label": "AGENCY", "text": TEXT[1:12], "score": 0.9},
        {"start": 3, "end": 5, "label": "PLACE", "text": "重庆", "score": 0.6},
    ]}  # fmt: skip
    (prediction,) = label_studio.task(doc)["predictions"]
    assert prediction["score"] == 0.75


def test_brats_resaved_normalisation_keeps_the_agency_name(tmp_path):
    # brat's writer puts the text after a second tab whenever it saves a document
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text(
        f"T1\tAGENCY 1 12\t中共重庆市委社会工作部\n"
        f"N1\tReference T1 {brat.KB}:cn-500000-swshgzb\t\t中共重庆市委社会工作部\n",
        encoding="utf-8",
    )
    (doc,) = list(read("brat", tmp_path))
    agency = doc["spans"][0]["agency"]
    assert agency == {"id": "cn-500000-swshgzb", "name": "中共重庆市委社会工作部"}
