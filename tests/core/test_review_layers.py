"""Who takes part in review and agreement: annotators who worked on a document, even with an
empty layer; never the reviewer for reviewing alone, never gold."""

import json

import pytest

from annotator.core.agreement import agreement
from annotator.core.editing import Editor
from annotator.core.ingest.importer import import_paths
from annotator.core.ingest.options import Options
from annotator.core.model import Span
from annotator.core.review import Reviewer, human_layers, versions_to_review
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store

TEXT = "市民政局召开会议张三说江北区有十个社区。"
CANDIDATES = [Span(0, 4, "AGENCY", origin="suggested", source="rule:agency", score=0.9),
              Span(11, 14, "PLACE", origin="suggested", source="rule:place", score=0.9)]


def _documents(project, ids=("d",)):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT + "完" * n, {"title": i}, id=i)
                                    for n, i in enumerate(ids)], None)
        for doc_id in ids:
            spans_store.replace_layer(project, doc_id, project.machine_id(), CANDIDATES)


def _annotate(project, name, doc_id, keep=("AGENCY", "PLACE"), person=False):
    """Open the document as ``name``, accept the candidates of ``keep``, reject the rest."""
    editor = Editor(project, name)
    for span in editor.open(doc_id):
        editor.accept(span.id) if span.label in keep else editor.reject(span.id)
    if person:
        editor.label(doc_id, 8, 10, "PERSON")
    editor.mark_done(doc_id)


def _review(project, name, doc_id):
    """As in the app: the reviewer has the document open in the workbench, then reviews it."""
    Editor(project, name).open(doc_id)
    reviewer = Reviewer(project, name)
    reviewer.start(doc_id)
    for cluster in reviewer.queue(doc_id):
        reviewer.pick(doc_id, cluster, sorted(cluster.versions)[0])
    reviewer.finish(doc_id)


# -- agreement -----------------------------------------------------------------------------
def test_reviewing_a_document_does_not_change_agreement(project):
    _documents(project)
    _annotate(project, "wang", "d", person=True)
    _annotate(project, "zhao", "d")
    before = agreement(project)
    _review(project, "liu", "d")
    after = agreement(project)
    assert after["annotators"] == ["wang", "zhao"]
    assert [(p["a"], p["b"]) for p in after["pairs"]] == [("wang", "zhao")]
    assert after["overall"]["alpha_char"] == pytest.approx(before["overall"]["alpha_char"])
    assert after["overall"]["span_f1_exact"] == pytest.approx(0.8)
    assert after["per_document"][0]["annotators"] == ["wang", "zhao"]


def test_a_reviewer_counts_where_they_annotated(project):
    _documents(project, ("d", "e"))
    _annotate(project, "wang", "d")
    _annotate(project, "zhao", "d")
    _annotate(project, "wang", "e")
    _annotate(project, "liu", "e", keep=("AGENCY",))  # liu annotates e ...
    _review(project, "liu", "d")  # ... and reviews d
    report = agreement(project)
    assert report["annotators"] == ["liu", "wang", "zhao"]
    assert report["documents"]["annotated_by"] == {"liu": 1, "wang": 2, "zhao": 1}
    assert [(d["doc_id"], d["annotators"]) for d in report["per_document"]] == [
        ("d", ["wang", "zhao"]), ("e", ["liu", "wang"])]


def test_annotating_then_reviewing_the_same_document_keeps_the_layer(project):
    _documents(project)
    _annotate(project, "wang", "d")
    _annotate(project, "liu", "d", keep=("AGENCY",))
    _review(project, "liu", "d")
    assert agreement(project)["annotators"] == ["liu", "wang"]
    assert only_pair_f1(agreement(project)) == pytest.approx(2 / 3)


def only_pair_f1(report):
    (pair,) = report["pairs"]
    return pair["span_f1_exact"]


def test_agreement_over_time_ignores_the_reviewer(project):
    from annotator.core.agreement.over_time import agreement_over_time

    _documents(project)
    _annotate(project, "wang", "d")
    _annotate(project, "zhao", "d")
    _review(project, "liu", "d")
    trend = agreement_over_time(project)
    assert list(trend.pooled.values()) == [1.0]
    assert list(trend.pairs) == ["wang – zhao"]


def test_agreement_over_time_pools_three_annotators(project):
    from annotator.core.agreement.over_time import agreement_over_time

    _documents(project)
    for name in ("wang", "zhao", "zhou"):
        _annotate(project, name, "d")
    trend = agreement_over_time(project)
    assert list(trend.pooled.values()) == [1.0] and len(trend.pairs) == 3


# -- review --------------------------------------------------------------------------------
def test_an_annotator_who_rejected_every_candidate_disagrees(project):
    _documents(project)
    _annotate(project, "wang", "d")
    _annotate(project, "li", "d", keep=())  # li rejected both candidates
    assert set(human_layers(project, "d")) == {"li", "wang"}
    reviewer = Reviewer(project, "liu")
    assert reviewer.start("d") == 0  # nothing is pre-accepted: li disagrees
    queue = reviewer.queue("d")
    assert [(c.start, c.end, c.kinds) for c in queue] == [(0, 4, ("missing",)),
                                                          (11, 14, ("missing",))]
    assert queue[0].versions["li"] == ()
    assert agreement(project)["pairs"][0]["span_f1_exact"] == 0.0  # the same view


def test_the_reviewer_is_no_version_of_the_document(project):
    _documents(project)
    _annotate(project, "wang", "d")
    _annotate(project, "li", "d", keep=("AGENCY",))
    Editor(project, "liu").open("d")  # the workbench seeds liu's layer with candidates
    reviewer = Reviewer(project, "liu")
    assert reviewer.start("d") == 1
    (cluster,) = reviewer.queue("d")
    assert set(cluster.versions) == {"li", "wang"}


def test_review_needs_two_annotators(project):
    _documents(project)
    _annotate(project, "wang", "d")
    Editor(project, "liu").open("d")
    assert versions_to_review(project, "d", "liu") == 1
    _annotate(project, "li", "d", keep=())
    assert versions_to_review(project, "d", "liu") == 2
    assert versions_to_review(project, "d", "someone new") == 3  # liu opened it: a layer


def test_a_layer_imported_from_another_tool_is_a_version_to_adjudicate(project, tmp_path):
    _documents(project)
    _annotate(project, "wang", "d")
    # li's own span ("manual"): a span with neither origin nor annotator is a candidate
    line = {"id": "d", "text": TEXT,
            "spans": [{"start": 0, "end": 4, "label": "ORG", "text": TEXT[:4],
                       "origin": "manual"}]}  # fmt: skip
    path = tmp_path / "doccano-li.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert import_paths(project, [path], Options(annotator="li")).ok
    assert set(human_layers(project, "d")) == {"li", "wang"}
    reviewer = Reviewer(project, "liu")
    reviewer.start("d")
    label, missing = reviewer.queue("d")  # 市民政局: AGENCY or ORG; 江北区: wang's alone
    assert "label" in label.kinds and {s.label for v in label.versions.values() for s in v} == {
        "AGENCY", "ORG"}
    assert "missing" in missing.kinds
    reviewer.pick("d", label, "li")
    reviewer.pick("d", missing, "wang")
    reviewer.finish("d")
    gold = spans_store.layer(project, "d", reviewer.gold)
    assert [(s.start, s.end, s.label) for s in gold] == [(0, 4, "ORG"), (11, 14, "PLACE")]
