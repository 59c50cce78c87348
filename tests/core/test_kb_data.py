"""Checks on the committed default agency knowledge base (resources/kb/agencies.jsonl).

The file is generated; these tests guard the invariants the linker relies on (unique ids,
resolvable parents, unambiguous global aliases, coverage of every jurisdiction) and that a
rebuild reproduces the committed bytes.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KB_DIR = ROOT / "resources" / "kb"
KB_FILE = KB_DIR / "agencies.jsonl"
SCRIPT = KB_DIR / "build_kb.py"

LEVELS = {"central", "provincial", "municipal", "county", "township", "community"}
TYPES = {
    "party",
    "government",
    "congress",
    "cppcc",
    "judicial",
    "supervisory",
    "mass",
    "institution",
}
ID_RE = re.compile(r"^cn-(central|\d{6})(-[a-z]+)*$")
# Bodies every covered jurisdiction must have: Party committee, government, civil affairs,
# Youth League committee.
REQUIRED_PATHS = ("party", "gov", "gov-mzj", "tw")


@pytest.fixture(scope="module")
def raw_lines() -> list[str]:
    return KB_FILE.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def entries(raw_lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in raw_lines]


@pytest.fixture(scope="module")
def by_id(entries: list[dict]) -> dict[str, dict]:
    return {e["id"]: e for e in entries}


@pytest.fixture(scope="module")
def by_name(entries: list[dict]) -> dict[str, dict]:
    return {e["name"]: e for e in entries}


def aliases(entry: dict, scope: str) -> set[str]:
    return {a["text"] for a in entry["aliases"] if a["scope"] == scope}


def region_codes(entries: list[dict], level: str, prefix: str = "") -> set[str]:
    return {
        e["region_code"]
        for e in entries
        if e["level"] == level and e["region_code"].startswith(prefix)
    }


def test_ids_unique_sorted_and_well_formed(entries: list[dict]) -> None:
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    assert all(ID_RE.match(i) for i in ids)


def test_ids_derive_from_region_code(entries: list[dict]) -> None:
    for e in entries:
        expected = "central" if e["level"] == "central" else e["region_code"]
        assert e["id"].split("-")[1] == expected, e["id"]


def test_fields_and_vocabularies(entries: list[dict]) -> None:
    for e in entries:
        assert e["level"] in LEVELS, e["id"]
        assert e["type"] in TYPES, e["id"]
        assert isinstance(e["generated"], bool)
        assert e["source"].startswith("template:" if e["generated"] else "curated:")
        assert {"text": e["name"], "scope": "global"} in e["aliases"]
        assert all(a["scope"] in {"global", "local"} for a in e["aliases"])
        for former in e["former_names"]:
            assert former["name"] and former["name"] != e["name"]


def test_every_parent_exists(entries: list[dict], by_id: dict[str, dict]) -> None:
    for e in entries:
        assert e["parent"] is None or e["parent"] in by_id, e["id"]


def test_global_aliases_are_unambiguous(entries: list[dict]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for text in aliases(e, "global"):
            owners[text].add(e["id"])
    assert {t: ids for t, ids in owners.items() if len(ids) > 1} == {}


def test_file_is_utf8_jsonl_without_escapes(raw_lines: list[str]) -> None:
    assert "\\u" not in "".join(raw_lines)
    assert KB_FILE.read_bytes().endswith(b"\n")


@pytest.mark.parametrize(
    ("level", "prefix", "count"),
    [("provincial", "", 31), ("county", "50", 38), ("municipal", "51", 21)],
)
def test_every_jurisdiction_has_core_bodies(
    entries: list[dict], by_id: dict[str, dict], level: str, prefix: str, count: int
) -> None:
    codes = region_codes(entries, level, prefix)
    assert len(codes) == count
    for code in codes:
        for path in REQUIRED_PATHS:
            assert f"cn-{code}-{path}" in by_id, (code, path)


def test_no_templates_for_sars_and_taiwan(entries: list[dict]) -> None:
    assert not region_codes(entries, "provincial") & {"710000", "810000", "820000"}


@pytest.mark.parametrize(
    ("name", "alias", "scope"),
    [
        ("重庆市民政局", "市民政局", "local"),
        ("中共重庆市渝中区委社会工作部", "区委社会工作部", "local"),
        ("共青团重庆市渝中区委员会", "团区委", "local"),
        ("共青团重庆市渝中区委员会", "渝中区团委", "global"),
        ("共青团重庆市渝中区委员会", "共青团渝中区委", "global"),
        ("四川省民政厅", "民政厅", "local"),
        ("共青团四川省委员会", "团省委", "local"),
        ("重庆市经济和信息化委员会", "市经信委", "local"),
        ("重庆市大足区民政局", "大足区民政局", "global"),
        ("中国人民政治协商会议重庆市大足区委员会", "大足区政协", "global"),
        ("重庆市大足区人民代表大会常务委员会", "大足区人大常委会", "global"),
        ("重庆市忠县统计局", "忠县统计局", "global"),
        ("中共中央", "党中央", "global"),
    ],
)
def test_specific_aliases(by_name: dict[str, dict], name: str, alias: str, scope: str) -> None:
    assert alias in aliases(by_name[name], scope)


def test_specific_entries(by_name: dict[str, dict], by_id: dict[str, dict]) -> None:
    assert by_name["中共重庆市委组织部"]["parent"] == by_name["中共重庆市委员会"]["id"]
    assert by_name["重庆市民政局"]["id"] == "cn-500000-gov-mzj"
    assert by_name["重庆市民政局"]["parent"] == "cn-500000-gov"
    assert by_name["中共重庆市渝中区委员会"]["parent"] == "cn-500000-party"
    for name in (
        "中国共产党",
        "国务院",
        "中华人民共和国民政部",
        "国家统计局",
        "中共中央社会工作部",
        "中共中央办公厅",
        "国家数据局",
    ):
        assert not by_name[name]["generated"]
        assert by_name[name]["level"] == "central"
    assert by_id["cn-510100-gov"]["name"] == "成都市人民政府"


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    if importlib.util.find_spec("jionlp") is None:
        pytest.skip("division source package jionlp is not installed")
    out = tmp_path / "agencies.jsonl"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True
    )
    assert out.read_bytes() == KB_FILE.read_bytes()
