"""The development-set mentions resolve onto their seeds and obey the annotation guidelines."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from .resolve import (
    FURNITURE_LINES,
    SEEDS_DIR,
    MentionNotFoundError,
    is_gap,
    load_mentions,
    load_seed,
    load_seed_body,
    mask_lines,
    resolve,
    stems,
)

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "resources" / "schemas" / "gov-news-zh.json"

# The seeds are verbatim copies of the five articles; a changed seed invalidates the gold.
SEED_SHA256 = {
    "000_19474ce4e30e8f21": "935acbeb9990534da319789d5b29ffea3c87107ea2338bdb5af76a791c244989",
    "001_9afe2dadbca104e8": "c928ffcf309eb5a8b783acf89872aa330afa9be4bc3964a67764943799b260b9",
    "002_db291272fdbffc3d": "bf23aae24964609815a761fb5f95a3cbc2e8c10f52027cf4b3460cfd4f51a142",
    "003_df2b423246b40527": "7fd9784b4c5e0c4a0966837a365ad6ca2f81d0e45b05020a6475528a9b9ad32b",
    "004_9957b0e7124b68c7": "9f41ecbea89afcda07e386b72617625d21e6781f94fd69e442ce18b75c44d5db",
}
COMPARATORS = {"=", ">", "<", "≈"}
EDGE_PUNCTUATION = set("，。、；：！？,.;:!?“”‘’\"'（）()《》[]【】-—…·")

STEMS = stems()


def schema_labels() -> set[str]:
    data = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return {label["name"] for label in data["labels"]}


def squeeze(text: str) -> str:
    return "".join(ch for ch in text if not is_gap(ch))


def body_spans(stem: str) -> list[dict[str, Any]]:
    return resolve(load_seed_body(stem), load_mentions(stem))


def test_every_seed_has_a_mention_file_and_is_unchanged() -> None:
    assert sorted(SEED_SHA256) == STEMS
    assert sorted(p.stem for p in SEEDS_DIR.glob("*.txt")) == STEMS
    for stem in STEMS:
        digest = hashlib.sha256((SEEDS_DIR / f"{stem}.txt").read_bytes()).hexdigest()
        assert digest == SEED_SHA256[stem], stem


@pytest.mark.parametrize("stem", STEMS)
def test_mentions_resolve_against_raw_seed(stem: str) -> None:
    raw = load_seed(stem)
    mentions = load_mentions(stem)
    assert mentions
    spans = resolve(raw, mentions)
    assert len(spans) == len(mentions)
    for span, mention in zip(spans, mentions):
        assert span["text"] == raw[span["start"] : span["end"]]
        assert squeeze(span["text"]) == squeeze(mention["text"])


@pytest.mark.parametrize("stem", STEMS)
def test_spans_are_ordered_disjoint_and_trimmed(stem: str) -> None:
    raw = load_seed(stem)
    spans = body_spans(stem)
    previous_end = 0
    for index, span in enumerate(spans):
        start, end = span["start"], span["end"]
        assert previous_end <= start < end, (index, span)
        assert not is_gap(raw[start]) and not is_gap(raw[end - 1]), (index, span)
        if span["label"] != "POLICY":  # POLICY titles may open or close with quotation marks
            assert raw[start] not in EDGE_PUNCTUATION, (index, span)
            assert raw[end - 1] not in EDGE_PUNCTUATION, (index, span)
        previous_end = end


@pytest.mark.parametrize("stem", STEMS)
def test_no_span_lies_in_page_furniture(stem: str) -> None:
    raw = load_seed(stem)
    lines = raw.splitlines(keepends=True)
    starts = [sum(len(x) for x in lines[:k]) for k in range(len(lines) + 1)]
    furniture = [(starts[a - 1], starts[b]) for a, b in FURNITURE_LINES.get(stem, ())]
    for span in body_spans(stem):
        assert not any(a <= span["start"] < b for a, b in furniture), span


@pytest.mark.parametrize("stem", STEMS)
def test_mentions_follow_the_schema(stem: str) -> None:
    labels = schema_labels()
    assert labels == {"AGENCY", "ORG", "PERSON", "PLACE", "FIGURE", "DATE", "POLICY", "PII"}
    for index, mention in enumerate(load_mentions(stem)):
        where = f"{stem} #{index} {mention}"
        assert mention["label"] in labels, where
        assert isinstance(mention["text"], str) and mention["text"], where
        assert squeeze(mention["text"]) == mention["text"], where
        assert set(mention) <= {"label", "text", "attrs", "agency", "not_in_kb", "note"}, where
        if mention["label"] == "FIGURE":
            attrs = mention["attrs"]
            assert set(attrs) == {"value", "unit", "approx", "comparator"}, where
            assert isinstance(attrs["value"], int | float), where
            assert not isinstance(attrs["value"], bool), where
            assert isinstance(attrs["unit"], str), where
            assert isinstance(attrs["approx"], bool), where
            assert attrs["comparator"] in COMPARATORS, where
        else:
            assert "attrs" not in mention, where
        if mention["label"] == "AGENCY":
            assert "agency" in mention, where
            if mention["agency"] is None:
                assert mention.get("not_in_kb") is True, where
            else:
                assert isinstance(mention["agency"], str) and mention["agency"], where
                assert "not_in_kb" not in mention, where
        else:
            assert "agency" not in mention and "not_in_kb" not in mention, where


@pytest.mark.parametrize("stem", STEMS)
def test_mentions_resolve_against_a_cleaned_text(stem: str) -> None:
    """Clean-up only deletes characters: furniture lines and stray OCR white space."""
    raw = mask_lines(load_seed(stem), FURNITURE_LINES.get(stem, ()))
    cleaned = re.sub(r"[ \u00a0\u3000]+", "", raw)
    cleaned = re.sub(r"\n{2,}", "\n\n", cleaned).strip()
    spans = resolve(cleaned, load_mentions(stem))
    expected = [squeeze(s["text"]) for s in body_spans(stem)]
    assert [squeeze(s["text"]) for s in spans] == expected


def test_resolve_crosses_white_space_and_trims() -> None:
    text = "市委社会工作服 务机构\n与 重庆\n市民政局"
    spans = resolve(
        text,
        [
            {"label": "ORG", "text": "社会工作服务机构"},
            {"label": "AGENCY", "text": "重庆市民政局", "agency": "重庆市民政局"},
        ],
    )
    assert [(s["start"], s["end"], s["text"]) for s in spans] == [
        (2, 11, "社会工作服 务机构"),
        (14, 21, "重庆\n市民政局"),
    ]
    assert spans[1]["agency"] == "重庆市民政局"


def test_resolve_searches_after_the_previous_match_and_from_start() -> None:
    text = "重庆日报讯 重庆将 重庆"
    mentions = [{"label": "PLACE", "text": "重庆"}, {"label": "PLACE", "text": "重庆"}]
    assert [s["start"] for s in resolve(text, mentions)] == [0, 6]
    assert [s["start"] for s in resolve(text, mentions, start=1)] == [6, 10]


def test_resolve_counts_code_points_outside_the_bmp() -> None:
    text = "𠮷𠮷 大足区"
    (span,) = resolve(text, [{"label": "PLACE", "text": "大足区"}])
    assert (span["start"], span["end"]) == (3, 6)
    assert text[span["start"] : span["end"]] == "大足区"


def test_missing_mention_is_named() -> None:
    mentions = [{"label": "PLACE", "text": "重庆"}, {"label": "PLACE", "text": "四川"}]
    with pytest.raises(MentionNotFoundError, match=r"#1 PLACE '四川'") as info:
        resolve("重庆市", mentions)
    assert info.value.index == 1


def test_readme_counts_match_the_mention_files() -> None:
    readme = (Path(__file__).resolve().parent / "README.md").read_text(encoding="utf-8")
    header = "| file | AGENCY | ORG | PERSON | PLACE | FIGURE | DATE | POLICY | PII | total |"
    labels = header.strip("| ").split(" | ")[1:-1]
    rows = readme.split(header, 1)[1].strip().splitlines()[1 : 1 + len(STEMS)]
    for stem, row in zip(STEMS, rows):
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[0] == f"`{stem}`"
        mentions = load_mentions(stem)
        counts = [sum(m["label"] == label for m in mentions) for label in labels]
        assert [int(c) for c in cells[1:]] == [*counts, len(mentions)], stem
