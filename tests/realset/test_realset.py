"""The real-page gold fits its texts and the guidelines' schema.

The texts live outside the repository (``../shared/corpus`` beside the checkout); the tests
that need them skip with the reason when the folder is absent or a text changed.
"""

from __future__ import annotations

import json

import pytest

from .gold import CORPUS_DIR, REALSET_DIR, load_gold, manifest, read_text, resolve_raw

SCHEMA_FILE = REALSET_DIR.parents[1] / "resources" / "schemas" / "gov-news-zh.json"
LABELS = {label["name"] for label in json.loads(SCHEMA_FILE.read_text("utf-8"))["labels"]}
LEVELS = {"central", "province", "prefecture", "county", "below"}
FILES = sorted(manifest())


def test_the_set_is_large_enough() -> None:
    assert len(FILES) >= 40


@pytest.mark.parametrize("file", FILES)
def test_mentions_follow_the_schema(file: str) -> None:
    mentions, _ = load_gold(file)
    assert mentions
    for m in mentions:
        assert m["label"] in LABELS, m
        assert m["text"] and m["text"] == m["text"].strip(), m
        if m["label"] == "AGENCY":
            assert m.get("agency") or m.get("not_in_kb"), m
            assert m.get("level") in LEVELS, m
        if m["label"] == "FIGURE":
            assert {"value", "unit", "approx", "comparator"} <= m["attrs"].keys(), m


@pytest.mark.parametrize("file", FILES)
def test_mentions_resolve_in_order_outside_furniture(file: str) -> None:
    raw = read_text(file)
    if raw is None:
        pytest.skip(f"{CORPUS_DIR / file} is absent or changed "
                    "(the texts are kept outside the repository)")
    mentions, _ = load_gold(file)
    assert len(resolve_raw(raw, file)) == len(mentions)
