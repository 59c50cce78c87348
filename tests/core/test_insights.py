"""Dashboard figures count each person's work once: gold copies are not annotations, and the
reviewer's decisions are the reviewer's."""

import json

from annotator.core import insights
from annotator.core.editing import Editor
from annotator.core.model import Span
from annotator.core.review import Reviewer
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store

TEXT = "市民政局召开会议张三说江北区有十个社区。"


def _reviewed(project):
    """wang and li both accept 市民政局; only wang keeps 江北区; liu reviews, taking wang's."""
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, id="d")], None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(0, 4, "AGENCY", origin="suggested", source="rule:agency", score=0.9),
            Span(11, 14, "PLACE", origin="suggested", source="rule:place", score=0.9)])
    for name in ("wang", "li"):
        editor = Editor(project, name)
        for span in editor.open("d"):
            keep = name == "wang" or span.label == "AGENCY"
            editor.accept(span.id) if keep else editor.reject(span.id)
        editor.mark_done("d")
    before = insights.source_outcomes(project)
    Editor(project, "liu").open("d")  # as in the app: the document open in the workbench
    reviewer = Reviewer(project, "liu")
    reviewer.start("d")
    for cluster in reviewer.queue("d"):
        reviewer.pick("d", cluster, "wang")
    reviewer.finish("d")
    return before


def test_rule_outcomes_do_not_count_gold_copies(project):
    before = _reviewed(project)
    assert before == {"rule:agency": {"accepted": 2}, "rule:place": {"accepted": 1,
                                                                     "rejected": 1}}
    assert insights.source_outcomes(project) == before


def test_throughput_credits_the_reviewer_and_lists_no_gold(project):
    _reviewed(project)
    per_person = {name: sum(days.values()) for name, days in insights.throughput(project).items()}
    assert per_person == {"li": 2, "wang": 2, "liu": 1}


def test_inconsistencies_list_no_gold_copies(project):
    _reviewed(project)
    spans_store.replace_layer(project, "d", project.annotator_id("zhao"),
                              [Span(0, 4, "ORG", origin="manual")])
    (occurrences,) = insights.inconsistencies(project).values()
    assert sorted(o.layer for o in occurrences) == ["li", "wang", "zhao"]


def test_a_status_raised_by_import_is_logged_and_counted(project, tmp_path):
    """Importing work on a stored document moves its status on, as a logged change the
    progress chart counts, and never moves it back."""
    from annotator.core.ingest.importer import import_paths
    from annotator.core.store import events

    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, id="d")], None)
    line = {"id": "d", "text": TEXT, "status": "annotated",
            "spans": [{"start": 0, "end": 4, "label": "AGENCY", "annotator": "ann:wang"}]}
    work = tmp_path / "work.jsonl"
    work.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [work])
    assert docs_store.get(project, "d").status == "annotated"
    changes = [e for e in events.history(project.db, "d") if e["action"] == "set_status"]
    assert [(e["before"], e["after"]) for e in changes] == [
        ({"status": "suggested"}, {"status": "annotated"})]
    assert list(insights.progress_over_time(project).values())[-1] == {"annotated": 1}

    line["status"] = "suggested"  # an older file does not move it back
    work.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [work])
    assert docs_store.get(project, "d").status == "annotated"
