"""Agreement over time, from the event log: documents count in the day (or ISO week) their
last annotator finished them, whether in the app or by importing a layer, and each pair of
annotators has its own line beside the pooled one."""

import json

import pytest

from annotator.core.agreement.over_time import agreement_over_time, period_of, trends
from annotator.core.editing import Editor
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from tests.conftest import run_cli

TEXTS = {"a": "团区委开展志愿服务，市民政局参加。", "b": "团区委召开会议，市民政局参加。"}


def finish(editor: Editor, doc_id: str, labels: list[tuple[int, int, str]]) -> None:
    for start, end, label in labels:
        editor.label(doc_id, start, end, label)
    editor.mark_done(doc_id)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Two annotators; document a finished on 2 March, b on 11 March (another week)."""
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(t, {"title": k}, id=k)
                                    for k, t in TEXTS.items()], None)
    wang, li = Editor(project, "wang"), Editor(project, "li")
    for doc_id, day in (("a", "2026-03-02"), ("b", "2026-03-11")):
        monkeypatch.setattr(docs_store, "now", lambda day=day: f"{day}T09:00:00.000+00:00")
        finish(wang, doc_id, [(0, 3, "AGENCY"), (len(TEXTS[doc_id]) - 7, len(TEXTS[doc_id]) - 3,
                                                 "AGENCY")])
        # li agrees on a fully, on b only on the first span
        second = "AGENCY" if doc_id == "a" else "ORG"
        finish(li, doc_id, [(0, 3, "AGENCY"), (len(TEXTS[doc_id]) - 7, len(TEXTS[doc_id]) - 3,
                                               second)])
    monkeypatch.undo()
    yield project
    project.close()


def test_per_day_each_document_on_the_day_it_was_finished(project):
    trend = agreement_over_time(project, "day")
    assert trend.pooled == {"2026-03-02": 1.0, "2026-03-11": 0.5}
    assert trend.pairs == {"li – wang": {"2026-03-02": 1.0, "2026-03-11": 0.5}}
    assert trend.documents == {"2026-03-02": 1, "2026-03-11": 1}


def test_per_week(project):
    assert period_of("2026-03-02T09:00:00+00:00", "week") == "2026-W10"
    assert trends(project)["week"].pooled == {"2026-W10": 1.0, "2026-W11": 0.5}


def test_a_reopened_document_leaves_the_trend_until_finished_again(project):
    li = Editor(project, "li")
    docs_store.set_annotator_status(project, "b", li.me, "in_progress")
    assert agreement_over_time(project).pooled == {"2026-03-02": 1.0}


def test_layers_brought_in_by_import_count_when_they_arrived(tmp_path):
    path = tmp_path / "p.annot"
    for who, label in (("wang", "AGENCY"), ("li", "ORG")):
        line = {"id": "a", "text": TEXTS["a"], "meta": {"title": "a"}, "status": "annotated",
                "spans": [{"start": 0, "end": 3, "label": "AGENCY"},
                          {"start": 10, "end": 14, "label": label}]}
        (tmp_path / f"{who}.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
        result = run_cli("import", tmp_path / f"{who}.jsonl", "--project", path,
                         "--annotator", who)
        assert result.returncode == 0, result.stderr
    with Project.open(path) as project:
        trend = agreement_over_time(project)
        (day,) = trend.pooled
        assert trend.pooled[day] == 0.5 and list(trend.pairs) == ["li – wang"]


def test_an_unknown_period_is_refused(project):
    with pytest.raises(ValueError, match="day, week"):
        agreement_over_time(project, "month")
