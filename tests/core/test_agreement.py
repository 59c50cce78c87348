"""Inter-annotator agreement on real project files: hand-computed figures for every measure,
the degenerate cases, and Krippendorff's alpha against the ``krippendorff`` package and a
published worked example."""

import json
import random

import numpy as np
import pytest

from annotator.core.agreement import AgreementError, agreement
from annotator.core.agreement.chars import ONE_CATEGORY, alpha_nominal
from annotator.core.agreement.report import (
    FEWER_THAN_TWO,
    NO_COMMON_DOCS,
    NO_LINKS,
    NO_SPANS,
)
from annotator.core.agreement.spans import Item, layer_of, overlap_matches
from annotator.core.model import Span
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store

TEXT = "市民政局召开会议张三说江北区有十个社区。"  # 20 characters
# the same length in code points, with 𠮷 (outside the BMP) inside spans of both layers
TEXT_ASTRAL = "市𠮷政局召开𠮷议张三说江北区有十𠮷社区。"

A = [Span(0, 4, "AGENCY", agency_id="x"), Span(6, 8, "PERSON"), Span(10, 12, "PLACE")]
B = [Span(0, 4, "AGENCY", agency_id="y"), Span(5, 8, "PERSON"), Span(14, 16, "DATE")]


def build(project, texts, layers, roles=None, opened=()):
    """Documents by id, layers by annotator name then document, status rows (name, doc)."""
    roles = roles or {}
    with project.transaction():
        new = [docs_store.NewDocument(t, {"title": i}, id=i) for i, t in texts.items()]
        docs_store.insert(project, new, None)
    for name, by_doc in layers.items():
        who = project.annotator_id(name, roles.get(name, "annotator"))
        with project.transaction():
            for doc_id, spans in by_doc.items():
                spans_store.replace_layer(project, doc_id, who, spans)
    for name, doc_id in opened:
        who = project.annotator_id(name, roles.get(name, "annotator"))
        docs_store.set_annotator_status(project, doc_id, who, "done")


def only_pair(report):
    assert len(report["pairs"]) == 1
    return report["pairs"][0]


# -- hand-computed figures -----------------------------------------------------------------
@pytest.mark.parametrize("text", [TEXT, TEXT_ASTRAL])
def test_hand_computed_pair(project, text):
    assert len(text) == 20
    build(project, {"d": text}, {"wang": {"d": A}, "zhao": {"d": B}})
    report = agreement(project)
    pair = only_pair(report)
    assert (pair["a"], pair["b"]) == ("wang", "zhao")
    # exact: only AGENCY [0, 4); overlap: AGENCY and PERSON ([6, 8) inside [5, 8))
    assert pair["matched_exact"] == 1 and pair["matched_overlap"] == 2
    assert pair["precision_exact"] == pair["recall_exact"] == pytest.approx(1 / 3)
    assert pair["span_f1_exact"] == pytest.approx(2 * 1 / 6)
    assert pair["span_f1_overlap"] == pytest.approx(2 * 2 / 6)
    # characters: 15 of 20 agree; marginals a = AG4 PER2 PL2 O12, b = AG4 PER3 DATE2 O11
    # chance = (16 + 6 + 132) / 400; kappa = (300 - 154) / (400 - 154)
    assert pair["kappa_char"] == pytest.approx(146 / 246)
    # alpha: n = 40 values, 30 on the diagonal, n_c = AG8 PER5 PL2 DATE2 O23
    assert report["overall"]["alpha_char"] == pytest.approx(1 - 39 * 10 / (1600 - 626))
    # the matched AGENCY pair is linked to different agencies
    assert pair["links_compared"] == 1 and pair["link_agreement"] == 0.0
    assert pair["per_label"]["AGENCY"]["span_f1_exact"] == 1.0
    assert pair["per_label"]["PERSON"]["span_f1_exact"] == 0.0
    assert pair["per_label"]["PERSON"]["span_f1_overlap"] == 1.0
    assert pair["per_label"]["PLACE"]["recall_exact"] == 0.0
    assert pair["per_label"]["PLACE"]["precision_exact"] is None
    assert "second layer" in pair["per_label"]["PLACE"]["null_reasons"]["precision_exact"]
    assert report["per_label"]["DATE"]["span_f1_exact"] == 0.0
    assert report["per_label"]["AGENCY"]["alpha_char"] == 1.0
    doc = report["per_document"][0]
    assert doc["doc_id"] == "d" and doc["chars"] == 20
    assert doc["alpha_char"] == pytest.approx(report["overall"]["alpha_char"])
    assert doc["pairs"][0]["kappa_char"] == pytest.approx(146 / 246)
    assert doc["span_f1_overlap"] == pytest.approx(2 / 3)


def test_identical_layers_agree_perfectly(project):
    build(project, {"d": TEXT}, {"wang": {"d": A}, "zhao": {"d": A}})
    report = agreement(project)
    pair = only_pair(report)
    assert pair["span_f1_exact"] == pair["span_f1_overlap"] == 1.0
    assert pair["kappa_char"] == 1.0 and report["overall"]["alpha_char"] == 1.0
    assert pair["link_agreement"] == 1.0
    assert "null_reasons" not in pair


def test_disjoint_layers(project):
    build(
        project,
        {"d": TEXT},
        {"wang": {"d": [Span(0, 5, "AGENCY")]}, "zhao": {"d": [Span(10, 15, "ORG")]}},
    )
    report = agreement(project)
    pair = only_pair(report)
    assert pair["span_f1_exact"] == pair["span_f1_overlap"] == 0.0
    # 10 of 20 characters agree (all unlabelled); chance = 15·15 / 400
    assert pair["kappa_char"] == pytest.approx((200 - 225) / (400 - 225))
    # n = 40, diagonal 20, n_c = O30 AG5 ORG5
    assert report["overall"]["alpha_char"] == pytest.approx(1 - 39 * 20 / (1600 - 950))
    assert pair["link_agreement"] is None and pair["null_reasons"]["link_agreement"] == NO_LINKS


def test_overlap_needs_the_same_label(project):
    build(
        project,
        {"d": TEXT},
        {"wang": {"d": [Span(0, 4, "AGENCY")]}, "zhao": {"d": [Span(0, 4, "ORG")]}},
    )
    pair = only_pair(agreement(project))
    assert pair["matched_exact"] == pair["matched_overlap"] == 0


def test_link_agreement_counts_pairs_where_either_is_linked(project):
    wang = [Span(0, 2, "AGENCY", agency_id="x"), Span(4, 6, "AGENCY", agency_id="x"),
            Span(8, 10, "AGENCY"), Span(12, 14, "AGENCY", agency_id="z")]
    zhao = [Span(0, 2, "AGENCY", agency_id="x"), Span(4, 7, "AGENCY"),
            Span(8, 10, "AGENCY"), Span(15, 17, "AGENCY", agency_id="z")]  # last: unmatched
    build(project, {"d": TEXT}, {"wang": {"d": wang}, "zhao": {"d": zhao}})
    pair = only_pair(agreement(project))
    assert pair["links_compared"] == 2 and pair["link_agreement"] == 0.5


# -- overlap matching: one-to-one, greedy by overlap size ----------------------------------
def test_greedy_matching_prefers_the_largest_overlap_then_the_earliest():
    labels, links = ["ORG"], {}
    a = layer_of([Item(0, 5, "ORG"), Item(5, 7, "ORG")], labels, links)
    b = layer_of([Item(1, 6, "ORG")], labels, links)  # overlaps a0 by 4, a1 by 1
    assert list(zip(*overlap_matches(a, b))) == [(0, 0)]
    a = layer_of([Item(0, 6, "ORG")], labels, links)
    b = layer_of([Item(0, 3, "ORG"), Item(3, 6, "ORG")], labels, links)  # a tie
    assert list(zip(*overlap_matches(a, b))) == [(0, 0)]
    a = layer_of([Item(0, 4, "ORG"), Item(4, 8, "ORG")], labels, links)
    b = layer_of([Item(2, 6, "ORG"), Item(6, 9, "ORG")], labels, links)
    # b0 overlaps a0 and a1 by 2, b1 overlaps a1 by 2: ties go to the earlier start in a,
    # then in b, so a0–b0 first, then a1–b1
    assert sorted(zip(*overlap_matches(a, b))) == [(0, 0), (1, 1)]


def reference_overlap(a, b):
    """The rule written out plainly: every candidate, sorted, taken greedily."""
    cands = sorted(
        (-(min(x.end, y.end) - max(x.start, y.start)), x.start, y.start, i, j)
        for i, x in enumerate(a)
        for j, y in enumerate(b)
        if x.label == y.label and min(x.end, y.end) > max(x.start, y.start)
    )
    used_a, used_b, out = set(), set(), []
    for *_, i, j in cands:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return sorted(out)


def random_layer(rng, length, labels, dense=False):
    spans, pos = [], rng.randint(0, 3)
    while pos < length - 1:
        end = min(length, pos + rng.randint(1, 6))
        spans.append(Span(pos, end, rng.choice(labels)))
        pos = end + (rng.randint(0, 2) if dense else rng.randint(1, 12))
    return spans


def test_vectorised_matching_equals_the_plain_rule():
    rng = random.Random(3)
    labels = ["ORG", "PLACE"]
    for _ in range(200):
        sa, sb = (random_layer(rng, 40, labels, dense=True) for _ in range(2))
        links: dict = {}
        a = layer_of([Item(s.start, s.end, s.label) for s in sa], labels, links)
        b = layer_of([Item(s.start, s.end, s.label) for s in sb], labels, links)
        got = sorted(zip(*(x.tolist() for x in overlap_matches(a, b))))
        assert got == reference_overlap(sa, sb)


# -- degenerate cases ----------------------------------------------------------------------
def test_no_spans_at_all(project):
    build(project, {"d": TEXT}, {}, opened=[("wang", "d"), ("zhao", "d")])
    report = agreement(project)
    json.dumps(report, allow_nan=False)
    pair = only_pair(report)
    assert pair["documents"] == 1 and pair["spans_a"] == pair["spans_b"] == 0
    for key in ("span_f1_exact", "span_f1_overlap", "precision_exact", "recall_exact"):
        assert pair[key] is None and pair["null_reasons"][key] == NO_SPANS
    # every character unlabelled by both: one category, kappa and alpha are 0/0
    assert pair["kappa_char"] is None and pair["null_reasons"]["kappa_char"] == ONE_CATEGORY
    overall = report["overall"]
    assert overall["alpha_char"] is None and overall["null_reasons"]["alpha_char"] == ONE_CATEGORY
    assert overall["span_f1_exact"] is None and overall["kappa_char_mean"] is None
    assert report["per_label"] == {}
    assert report["per_document"][0]["alpha_char"] is None


def test_identical_layers_without_spans_are_undefined_not_perfect(project):
    build(project, {"d": TEXT, "e": "另一篇文档"}, {"wang": {"d": A}, "zhao": {"d": A}},
          opened=[("wang", "e"), ("zhao", "e")])
    report = agreement(project)
    doc_e = next(d for d in report["per_document"] if d["doc_id"] == "e")
    assert doc_e["alpha_char"] is None and doc_e["pairs"][0]["kappa_char"] is None
    assert doc_e["span_f1_exact"] is None
    assert report["overall"]["alpha_char"] == 1.0  # the pooled figure is still defined


def test_one_annotator(project):
    build(project, {"d": TEXT}, {"wang": {"d": A}})
    report = agreement(project)
    json.dumps(report, allow_nan=False)
    assert report["pairs"] == [] and report["per_document"] == []
    overall = report["overall"]
    for key in ("alpha_char", "span_f1_exact", "span_f1_overlap", "kappa_char_mean"):
        assert overall[key] is None and overall["null_reasons"][key] == FEWER_THAN_TWO
    assert report["per_label"]["AGENCY"]["spans"] == {"wang": 0}  # nothing compared
    assert report["per_label"]["AGENCY"]["null_reasons"]["alpha_char"] == FEWER_THAN_TWO


def test_empty_project(project):
    report = agreement(project)
    assert report["annotators"] == [] and report["pairs"] == []
    assert report["overall"]["alpha_char"] is None


def test_annotators_with_no_document_in_common(project):
    build(project, {"d": TEXT, "e": "另一篇文档"}, {"wang": {"d": A}, "zhao": {"e": B[:1]}})
    report = agreement(project)
    pair = only_pair(report)
    assert pair["documents"] == 0
    assert pair["null_reasons"]["span_f1_exact"] == NO_COMMON_DOCS
    assert pair["null_reasons"]["kappa_char"] == NO_COMMON_DOCS
    assert report["documents"]["compared"] == 0 and report["per_document"] == []


# -- which documents and which layers ------------------------------------------------------
def test_a_status_row_or_a_span_makes_a_document_annotated(project):
    texts = {"d": TEXT, "e": "江北区民政局发布通知。", "f": "无人标注的文档。"}
    build(
        project,
        texts,
        {"wang": {"d": A, "e": [Span(0, 3, "PLACE")], "f": [Span(0, 2, "ORG")]},
         "zhao": {"d": A}},
        opened=[("zhao", "e")],  # opened e and removed every candidate
    )
    report = agreement(project)
    pair = only_pair(report)
    assert pair["documents"] == 2  # d (spans) and e (status row); not f
    assert [d["doc_id"] for d in report["per_document"]] == ["d", "e"]
    assert pair["spans_a"] == 4 and pair["spans_b"] == 3
    assert report["documents"]["annotated_by"] == {"wang": 3, "zhao": 2}
    doc_e = report["per_document"][1]
    assert doc_e["span_f1_exact"] == 0.0 and doc_e["spans"] == {"wang": 1, "zhao": 0}


def test_machine_and_gold_only_when_named(project):
    build(
        project,
        {"d": TEXT},
        {"wang": {"d": A}, "liu": {"d": B}, "machine": {"d": A}, "gold": {"d": A}},
        roles={"liu": "reviewer", "machine": "machine", "gold": "gold"},
    )
    assert agreement(project)["annotators"] == ["liu", "wang"]
    report = agreement(project, ["ann:wang", "gold"])
    assert report["annotators"] == ["wang", "gold"]
    assert only_pair(report)["span_f1_exact"] == 1.0
    with pytest.raises(AgreementError, match="nobody"):
        agreement(project, ["wang", "nobody"])


def test_labels_restrict_the_comparison(project):
    build(project, {"d": TEXT}, {"wang": {"d": A}, "zhao": {"d": B}})
    report = agreement(project, labels=["AGENCY"])
    pair = only_pair(report)
    assert list(report["per_label"]) == ["AGENCY"]
    assert pair["span_f1_exact"] == 1.0 and pair["kappa_char"] == 1.0
    with pytest.raises(AgreementError, match="NOPE"):
        agreement(project, labels=["NOPE"])


# -- Krippendorff's alpha against the package and the published example ---------------------
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the nominal example:
# four observers, twelve units, missing values; alpha = 0.743.
KRIPPENDORFF_EXAMPLE = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_published_example_directly():
    assert round(alpha_nominal(KRIPPENDORFF_EXAMPLE), 3) == 0.743


def test_published_example_through_a_project(project):
    """Each unit a one-character document; value 1 is "unlabelled", 2–5 four labels, and a
    missing value an observer who never annotated the document."""
    label = {2: "AGENCY", 3: "ORG", 4: "PERSON", 5: "PLACE"}
    glyphs = "甲乙丙丁戊己庚辛壬癸子丑"
    texts = {f"u{u:02d}": glyphs[u] for u in range(12)}
    layers: dict = {}
    opened = []
    for c, row in enumerate(KRIPPENDORFF_EXAMPLE):
        name = "ABCD"[c]
        layers[name] = {}
        for u, value in enumerate(row):
            if value is None:
                continue
            opened.append((name, f"u{u:02d}"))
            if value in label:
                layers[name][f"u{u:02d}"] = [Span(0, 1, label[value])]
    build(project, texts, layers, opened=opened)
    report = agreement(project)
    assert report["overall"]["alpha_char"] == pytest.approx(0.743421052631579)
    assert report["documents"]["compared"] == 11  # unit 12 has one value: not pairable


def reliability_data(texts, annotated, layers, codes, names):
    rows = []
    for name in names:
        row = []
        for doc_id, text in texts.items():
            if doc_id not in annotated[name]:
                row += [np.nan] * len(text)
                continue
            values = [0] * len(text)
            for s in layers[name].get(doc_id, []):
                values[s.start : s.end] = [codes[s.label]] * (s.end - s.start)
            row += values
        rows.append(row)
    return np.array(rows, dtype=float)


def cohen(x, y):
    n = len(x)
    po = sum(a == b for a, b in zip(x, y)) / n
    cats = set(x) | set(y)
    pe = sum((list(x).count(c) / n) * (list(y).count(c) / n) for c in cats)
    return (po - pe) / (1 - pe)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_projects_against_the_krippendorff_package(project, seed):
    krippendorff = pytest.importorskip("krippendorff")
    rng = random.Random(seed)
    labels = ["AGENCY", "ORG", "PERSON"]
    codes = {lab: i + 1 for i, lab in enumerate(labels)}
    names = ["a1", "a2", "a3", "a4"][: rng.randint(2, 4)]
    pool = "市区县委政府民政局社会工作部江北渝中沙坪坝𠮷九龙坡"
    texts = {
        f"d{i}": f"{i}" + "".join(rng.choice(pool) for _ in range(rng.randint(5, 60)))
        for i in range(12)
    }
    annotated = {n: {d for d in texts if rng.random() < 0.75} for n in names}
    layers = {
        n: {d: random_layer(rng, len(texts[d]), labels) for d in sorted(annotated[n])}
        for n in names
    }
    build(project, texts, layers, opened=[(n, d) for n in names for d in annotated[n]])
    report = agreement(project)

    data = reliability_data(texts, annotated, layers, codes, names)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert report["overall"]["alpha_char"] == pytest.approx(expected)
    for lab, code in codes.items():
        binary = np.where(np.isnan(data), np.nan, (data == code).astype(float))
        if len(set(binary[~np.isnan(binary)].tolist())) > 1:
            want = krippendorff.alpha(reliability_data=binary, level_of_measurement="nominal")
            assert report["per_label"][lab]["alpha_char"] == pytest.approx(want)
    for pair in report["pairs"]:
        i, j = names.index(pair["a"]), names.index(pair["b"])
        both = ~np.isnan(data[i]) & ~np.isnan(data[j])
        assert pair["kappa_char"] == pytest.approx(cohen(data[i][both], data[j][both]))
        common = annotated[pair["a"]] & annotated[pair["b"]]
        sa = {(d, s.key()) for d in common for s in layers[pair["a"]].get(d, [])}
        sb = {(d, s.key()) for d in common for s in layers[pair["b"]].get(d, [])}
        assert pair["matched_exact"] == len(sa & sb)
        overlap = sum(
            len(reference_overlap(layers[pair["a"]].get(d, []), layers[pair["b"]].get(d, [])))
            for d in common
        )
        assert pair["matched_overlap"] == overlap
