"""One merge of every source: per label which kind wins, each candidate scored by its source."""

import json

from annotator.core.prehighlight.candidate import Candidate
from annotator.core.prehighlight.engine import (
    Engine,
    MergePolicy,
    default_precision,
    family_candidates,
    merge,
    resolve_overlaps,
    to_span,
)
from annotator.core.resources import resource_path

TEXT = "记者王小明报道，重庆市民政局在渝中区开展活动，共有120人参加。"


def _at(word: str, label: str, source: str, score: float = 0.5) -> Candidate:
    start = TEXT.index(word)
    return Candidate(start, start + len(word), label, source, score)


def _keys(cands):
    return [(TEXT[c.start:c.end], c.label, c.source) for c in cands]


def test_with_the_rules_alone_the_merge_is_the_rules_own_resolution():
    engine = Engine()
    rules = family_candidates(engine, TEXT, {})
    assert _keys(engine.run(TEXT)) == _keys(resolve_overlaps(list(enumerate(rules))))


def test_per_label_the_first_kind_wins_and_an_unnamed_kind_proposes_nothing():
    found = [(0, _at("王小明", "PERSON", "rule:person")),
             (1, _at("王小明报道", "PERSON", "model:project")),
             (1, _at("渝中区", "PLACE", "model:lac")),
             (0, _at("渝中区", "PLACE", "gazetteer")),
             (1, _at("民政局", "ORG", "model:lac"))]
    rules_first = MergePolicy({"PERSON": ("rules", "project"), "PLACE": ("rules",),
                               "ORG": ("rules",)})
    assert _keys(merge(found, rules_first)) == [("王小明", "PERSON", "rule:person"),
                                                ("渝中区", "PLACE", "gazetteer")]
    learnt_first = MergePolicy({"PERSON": ("project", "rules"), "PLACE": ("general", "rules"),
                                "ORG": ("general",)})
    assert _keys(merge(found, learnt_first)) == [("王小明报道", "PERSON", "model:project"),
                                                 ("民政局", "ORG", "model:lac"),
                                                 ("渝中区", "PLACE", "model:lac")]


def test_a_later_kind_fills_only_the_gaps_the_first_left():
    found = [(0, _at("重庆市民政局", "AGENCY", "gazetteer")),
             (1, _at("重庆市", "PLACE", "model:project")),
             (1, _at("渝中区", "PLACE", "model:project"))]
    policy = MergePolicy({"AGENCY": ("rules",), "PLACE": ("rules", "project")})
    assert _keys(merge(found, policy)) == [("重庆市民政局", "AGENCY", "gazetteer"),
                                           ("渝中区", "PLACE", "model:project")]


def test_each_candidate_is_scored_by_its_sources_measured_precision():
    found = [(0, _at("王小明", "PERSON", "rule:person", 0.99)),
             (0, _at("120人", "FIGURE", "rule:figure", 0.99))]
    calibrated = MergePolicy(precision={"rule:person": {"PERSON": 0.42}})
    scores = {c.label: c.score for c in merge(found, calibrated)}
    shipped = json.loads(resource_path("learn", "source_precision.json").read_text("utf-8"))
    assert scores["PERSON"] == 0.42  # the project's own figure
    assert scores["FIGURE"] == shipped["precision"]["rule:figure"]["FIGURE"]  # the default
    assert default_precision() == shipped["precision"]
    span = to_span(merge(found, calibrated)[0])
    assert (span.source, span.score) == ("rule:person", 0.42)


def test_a_policy_survives_its_json_form():
    policy = MergePolicy({"PERSON": ("project", "general", "rules")},
                         {"model:project": {"PERSON": 0.9}})
    back = MergePolicy.from_json(json.loads(json.dumps(policy.to_json())))
    assert back.order["PERSON"] == ("project", "general", "rules")
    assert back.order["FIGURE"] == ("rules",)  # labels it does not name keep the default
    assert back.score("model:project", "PERSON") == 0.9
