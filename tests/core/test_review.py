"""Disagreements typed, agreed spans pre-accepted, decisions recorded into gold."""

from annotator.core.exchange.export import Selection, export_jsonl
from annotator.core.model import Span
from annotator.core.review import Reviewer, clusters, human_layers
from annotator.core.store import documents as docs_store
from annotator.core.store import events
from annotator.core.store import spans as spans_store

TEXT = "𠮷市民政局发布:全市社工6.79万人,团区委参加。区委社会工作部召开会议。"


def _setup(project):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, id="d")], None)
    a, b = project.annotator_id("wang"), project.annotator_id("li")
    fig = {"value": 67900, "unit": "人", "approx": False, "comparator": "="}
    with project.transaction():
        spans_store.replace_layer(project, "d", a, [
            Span(1, 5, "AGENCY", agency_id="cn-500000-gov-mzj", agency_name="重庆市民政局"),
            Span(12, 18, "FIGURE", dict(fig)), Span(19, 22, "AGENCY"), Span(25, 32, "AGENCY")])
        spans_store.replace_layer(project, "d", b, [
            Span(1, 5, "AGENCY", agency_id="cn-500000-gov-mzj", agency_name="重庆市民政局"),
            Span(12, 18, "FIGURE", {**fig, "value": 6.79}), Span(19, 22, "ORG"),
            Span(25, 29, "AGENCY")])


def test_disagreements_are_typed(project):
    _setup(project)
    found = clusters(human_layers(project, "d"))
    assert [(TEXT[c.start:c.end], c.kinds) for c in found] == [
        ("市民政局", ()), ("6.79万人", ("value",)), ("团区委", ("label",)),
        ("区委社会工作部", ("boundary",))]
    only_wang = clusters({"wang": human_layers(project, "d")["wang"], "li": []})
    assert all(c.kinds == ("missing",) for c in only_wang)


def test_review_into_gold_with_recorded_decisions(project, tmp_path):
    _setup(project)
    reviewer = Reviewer(project, "liu")
    assert reviewer.start("d") == 1  # the agreed 市民政局 is pre-accepted
    queue = reviewer.queue("d")
    assert len(queue) == 3
    reviewer.pick("d", queue[0], "wang")
    reviewer.pick("d", queue[1], "li", note="as li labelled it")
    reviewer.reject("d", queue[2])
    reviewer.finish("d")
    gold = spans_store.layers(project, "d")["gold"]
    assert [(TEXT[s.start:s.end], s.label) for s in gold] == [
        ("市民政局", "AGENCY"), ("6.79万人", "FIGURE"), ("团区委", "ORG")]
    assert gold[1].attrs["value"] == 67900
    decisions = [e for e in events.history(project.db, "d") if e["action"] == "review_decision"]
    assert len(decisions) == 3 and {e["annotator"] for e in decisions} == {"liu"}
    middle = decisions[1]["after"]  # newest first: the second of three is the middle one
    assert (middle["decision"], middle["version"], middle["note"]) == (
        "pick", "li", "as li labelled it")
    out = tmp_path / "gold.jsonl"
    assert export_jsonl(project, out, Selection(gold=True)) == 1
    line = out.read_text(encoding="utf-8")
    assert '"status": "gold"' in line and '"reviewer:liu"' in line


def test_candidates_nobody_decided_never_reach_gold(project):
    """Two annotators who both left a candidate undecided do not agree on it."""
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, id="d")], None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(1, 5, "AGENCY", origin="suggested"), Span(12, 18, "FIGURE", origin="suggested")])
    from annotator.core.editing import Editor

    wang, li = Editor(project, "wang"), Editor(project, "li")
    wang.accept(wang.open("d")[0].id)  # 市民政局 accepted, 6.79万人 left undecided
    li.accept(li.open("d")[0].id)
    reviewer = Reviewer(project, "liu")
    assert reviewer.start("d") == 1
    assert reviewer.queue("d") == []
    gold = spans_store.layers(project, "d")["gold"]
    assert [(TEXT[s.start:s.end], s.origin) for s in gold] == [("市民政局", "accepted")]
