"""JSONL rows that break the contract: each is named by file, line and field and skipped; the
good rows beside it are imported; nothing crashes, and every export still works."""

from __future__ import annotations

import pytest

from tests.adversarial.bad_input_support import (
    AFTER,
    BEFORE,
    assert_reported,
    export_every_format,
    import_files,
    jsonl_around,
    spans_of,
    stored,
)

TEXT = "市民政局发布数据三。"
CASES = {
    "attrs-not-an-object": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": 4, "label": "AGENCY",
                                              "attrs": ["value", 1]}]},
        "spans[0].attrs: must be an object",
    ),
    "agency-a-string": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": 4, "label": "AGENCY",
                                              "agency": "cn-50-gov-mzj"}]},
        "spans[0].agency: must be an object",
    ),
    "lone-surrogate": ({"id": "bad", "text": "市民政局\ud800发布"}, "text: holds a lone surrogate"),
    "surrogate-in-meta": (
        {"id": "bad", "text": TEXT, "meta": {"title": "标题\udc80"}},
        "meta.title: holds a lone surrogate",
    ),
    "score-a-string": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": 4, "label": "AGENCY",
                                              "score": "high"}]},
        "spans[0].score: must be a number from 0 to 1",
    ),
    "score-out-of-range": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": 4, "label": "AGENCY",
                                              "score": 7}]},
        "spans[0].score: 7 is not between 0 and 1",
    ),
    "comment-a-number": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": 4, "label": "AGENCY",
                                              "comment": 7}]},
        "spans[0].comment: must be a string, not 7",
    ),
    "comment-too-long": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": 4, "label": "AGENCY",
                                              "comment": "长" * 501}]},
        "spans[0].comment: longer than 500 characters",
    ),
    "end-a-bool": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": True, "label": "AGENCY"}]},
        "spans[0].end: must be an integer, not true",
    ),
    "start-a-float": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0.0, "end": 4, "label": "AGENCY"}]},
        "spans[0].start: must be an integer",
    ),
    "unknown-label": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": 4, "label": "MINISTRY"}]},
        "spans[0].label: 'MINISTRY' is not in the project's schema",
    ),
    "label-with-spaces": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": 4, "label": "GOV AGENCY"}]},
        "spans[0].label: 'GOV AGENCY' holds white space",
    ),
    "whitespace-only-text": (
        {"id": "bad", "text": " \u3000\t\u200b "}, '"text" holds only white space'
    ),
    "nul-in-text": ({"id": "bad", "text": "市民政局\u0000发布"}, '"text" holds a NUL character'),
    "unknown-origin": (
        {"id": "bad", "text": TEXT, "spans": [{"start": 0, "end": 4, "label": "AGENCY",
                                              "origin": "robot"}]},
        "spans[0].origin: 'robot' is not one of",
    ),
    "meta-title-an-object": (
        {"id": "bad", "text": TEXT, "meta": {"title": {"zh": "标题"}}},
        '"meta.title" must be a string',
    ),
    "deeply-nested": ('{"id": "bad", "text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}",
                      "malformed JSON"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_row_is_named_and_skipped(tmp_path, case):
    bad, message = CASES[case]
    source = jsonl_around(tmp_path / "rows.jsonl", bad)
    project = tmp_path / "p.annot"

    result = import_files(project, source)

    assert_reported(result, "rows.jsonl:2:", message)
    assert stored(project) == {"good-1": BEFORE["text"], "good-2": AFTER["text"]}
    assert "2 documents imported" in result.stderr


def test_score_as_text_does_not_break_exports(tmp_path):
    """Before the check, one span scored "high" was stored and every export then failed."""
    bad, _ = CASES["score-a-string"]
    project = tmp_path / "p.annot"
    import_files(project, jsonl_around(tmp_path / "rows.jsonl", bad))
    export_every_format(project, tmp_path)


def test_same_id_with_another_text_in_one_file(tmp_path):
    source = jsonl_around(tmp_path / "rows.jsonl", {"id": "good-1", "text": "另一篇文章。"})
    project = tmp_path / "p.annot"

    result = import_files(project, source)

    assert_reported(result, "rows.jsonl:2:", "id 'good-1' is already used by a document with a "
                    "different text")
    assert stored(project) == {"good-1": BEFORE["text"], "good-2": AFTER["text"]}


def test_same_id_with_another_text_across_files_of_one_import(tmp_path):
    first = jsonl_around(tmp_path / "a.jsonl", {"id": "shared", "text": "第一篇。"})
    second = jsonl_around(tmp_path / "b.jsonl", {"id": "shared", "text": "第二篇。"})
    project = tmp_path / "p.annot"

    result = import_files(project, first, second)

    assert_reported(result, "b.jsonl:2:", "id 'shared' is already used")
    assert stored(project)["shared"] == "第一篇。"


def test_valid_extras_are_accepted(tmp_path):
    """origin, score, agency, attrs, annotator: the contract's optional fields pass."""
    good = {"id": "extras", "text": TEXT, "status": "annotated", "annotators": ["ann:wang"],
            "spans": [{"start": 0, "end": 4, "label": "AGENCY", "text": "市民政局",
                       "origin": "accepted", "score": 0.9, "source": "gazetteer",
                       "annotator": "ann:wang", "attrs": {"note": "x"},
                       "agency": {"id": "cn-50-gov-mzj", "name": "重庆市民政局"}}]}
    project = tmp_path / "p.annot"

    result = import_files(project, jsonl_around(tmp_path / "rows.jsonl", good))

    assert result.returncode == 0, result.stderr
    assert spans_of(project, "extras") == [(0, 4, "AGENCY", 0.9)]
