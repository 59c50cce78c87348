"""Label Studio tasks: annotations for human layers, predictions for candidates; reading
takes the first live annotation and refuses offsets that do not match the region text."""

import json

import pytest

from annotator.core.formats import Notes, dumps, label_studio, read, write
from annotator.core.ingest.problems import InputError

TEXT = "𠮷𠮷市民政局😀发布"


def _doc(status="gold", **span):
    s = {"start": 2, "end": 6, "label": "AGENCY", "text": "市民政局", **span}
    return {"id": "d1", "text": TEXT, "meta": {"title": None}, "spans": [s], "status": status}


def test_task_has_label_studios_shape(tmp_path):
    write([_doc(), _doc()], "label-studio", tmp_path / "t.json")
    tasks = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert len(tasks) == 2
    assert tasks[0] == {
        "data": {"text": TEXT, "meta": {"doc_id": "d1"}},
        "annotations": [{"result": [{
            "value": {"start": 2, "end": 6, "text": "市民政局", "labels": ["AGENCY"]},
            "id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
            "origin": "manual",
        }]}],
    }  # fmt: skip


def test_candidates_are_predictions_with_scores():
    task = label_studio.task(_doc("suggested", source="gazetteer", score=0.9))
    assert "annotations" not in task
    (result,) = task["predictions"][0]["result"]
    assert result["score"] == 0.9 and result["origin"] == "prediction"


def test_reads_first_live_annotation_and_counts_what_it_drops():
    notes = Notes("label-studio")
    region = {"value": {"start": 7, "end": 9, "text": "发布", "labels": ["ORG"]},
              "type": "labels", "from_name": "label", "to_name": "text"}  # fmt: skip
    task = {
        "id": 5,
        "data": {"text": TEXT, "source": "网"},
        "annotations": [
            {"was_cancelled": True, "result": []},
            {"result": [region, {"type": "choices", "value": {"choices": ["好"]}}]},
            {"result": []},
        ],
    }
    doc = label_studio.parse(task, "x.json", notes)
    assert doc["spans"][0]["text"] == "发布" and doc["status"] == "annotated"
    assert doc["meta"] == {"source": "网", "file": "x.json"}
    assert notes.lost["Label Studio results of type 'choices'"] == 1
    assert any("several annotations" in r for r in notes.remarks)


def test_utf16_offsets_are_refused_not_guessed():
    # an old Label Studio counted 𠮷 as two: "市民政局" at 4..8 in UTF-16 units
    region = {"value": {"start": 4, "end": 8, "text": "市民政局", "labels": ["AGENCY"]},
              "type": "labels"}  # fmt: skip
    with pytest.raises(InputError, match="UTF-16"):
        label_studio.parse({"data": {"text": TEXT}, "annotations": [{"result": [region]}]},
                           "x.json", Notes("label-studio"))  # fmt: skip


def test_not_json_is_one_problem(tmp_path):
    (tmp_path / "x.json").write_text("[{", encoding="utf-8")
    (item,) = list(read("label-studio", tmp_path / "x.json"))
    assert isinstance(item, InputError)


def test_fast_task_lines_equal_the_task_objects():
    docs = [
        _doc(),
        {**_doc(), "spans": [], "id": "", "meta": {"title": '引号"与\\反斜杠\n', "n": 3}},
        {**_doc(), "spans": [{"start": 0, "end": 1, "label": 'L"1', "text": "𠮷"}]},
    ]
    for doc in docs:
        assert label_studio.annotated_task(doc) == dumps(label_studio.task(doc))
