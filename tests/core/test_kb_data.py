"""Checks on the committed national agency base (resources/kb/base.sqlite).

The file is generated; these tests guard the invariants the linker relies on (unique ids,
resolvable parents, unambiguous upper-level names, coverage of every division level) and that
a rebuild reproduces the committed content.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.kb.base import Base

ROOT = Path(__file__).resolve().parents[2]
KB_DIR = ROOT / "resources" / "kb"
KB_FILE = KB_DIR / "base.sqlite"
SCRIPT = KB_DIR / "build_kb.py"

LEVELS = {"central", "provincial", "municipal", "county", "township", "community"}
TYPES = {"party", "government", "congress", "cppcc", "judicial", "supervisory", "mass",
         "institution"}  # fmt: skip
ID_RE = re.compile(r"^cn-(central|\d{6})(-[a-z]+)*$")
# Bodies every covered division must have: Party committee, government, civil affairs,
# Youth League committee, women's federation, federation of industry and commerce.
REQUIRED_PATHS = ("party", "gov", "gov-mzj", "tw", "fl", "gsl")


@pytest.fixture(scope="module")
def db() -> sqlite3.Connection:
    return sqlite3.connect(f"file:{KB_FILE}?mode=ro", uri=True)


@pytest.fixture(scope="module")
def base() -> Base:
    return Base(KB_FILE)


def test_ids_are_unique_and_well_formed(db: sqlite3.Connection) -> None:
    ids = [f"cn-{c}-{p}" for c, p in db.execute("SELECT code, path FROM entries")]
    assert len(ids) == len(set(ids)) > 200_000
    assert all(ID_RE.match(i) for i in ids)


def test_fields_and_vocabularies(db: sqlite3.Connection) -> None:
    assert {r[0] for r in db.execute("SELECT DISTINCT level FROM entries")} <= LEVELS
    assert {r[0] for r in db.execute("SELECT DISTINCT type FROM entries")} <= TYPES
    rows = db.execute(
        "SELECT e.generated, s.text FROM entries e JOIN sources s ON s.k = e.source "
        "GROUP BY 1, 2").fetchall()
    assert all(text.startswith("template:" if gen else "curated:") for gen, text in rows)


def test_every_parent_exists(db: sqlite3.Connection) -> None:
    ids = {f"cn-{c}-{p}" for c, p in db.execute("SELECT code, path FROM entries")}
    parents = {r[0] for r in db.execute("SELECT DISTINCT parent FROM entries")} - {None}
    assert parents - ids == set()


def test_upper_level_global_names_are_unambiguous(db: sqlite3.Connection) -> None:
    core = db.execute("SELECT text FROM core_names WHERE scope = 0").fetchall()
    shared = [text for (text,) in set(core) if db.execute(
        "SELECT count(DISTINCT n) FROM names WHERE text = ?", [text]).fetchone()[0] > 1]
    assert shared == []


@pytest.mark.parametrize(
    ("level", "prefix", "count"),
    [("provincial", "", 31), ("municipal", "", 333), ("county", "", 2900),
     ("county", "50", 38), ("municipal", "51", 21)],
)
def test_every_division_has_core_bodies(
    db: sqlite3.Connection, level: str, prefix: str, count: int
) -> None:
    codes = {r[0] for r in db.execute(
        "SELECT DISTINCT code FROM entries WHERE level = ? AND code LIKE ?", [level, prefix + "%"])}
    assert len(codes) >= count if count == 2900 else len(codes) == count
    have = set(db.execute("SELECT code, path FROM entries WHERE level = ?", [level]).fetchall())
    for code in codes:
        for path in REQUIRED_PATHS:
            assert (code, path) in have, (code, path)


def test_townships_get_their_party_committee_and_government(base: Base) -> None:
    found = base.by_name("来苏镇人民政府")
    names = [a.name for a, _k in found if a.region_code == "500118"]
    assert names == ["重庆市永川区来苏镇人民政府"]
    office = [a for a, _k in base.by_name("朝天门街道办事处") if a.region_code == "500103"]
    assert office[0].level == "township" and office[0].parent == "cn-500103-gov"
    party = base.get(office[0].id.replace("-bsc", "-party"))
    assert party is not None and party.name == "中共重庆市渝中区朝天门街道工作委员会"


def test_no_templates_for_sars_and_taiwan(db: sqlite3.Connection) -> None:
    codes = {r[0] for r in db.execute("SELECT DISTINCT substr(code, 1, 2) FROM entries")}
    assert not codes & {"71", "81", "82"}


@pytest.mark.parametrize(
    ("agency_id", "alias", "scope"),
    [
        ("cn-500000-gov-mzj", "市民政局", "local"),
        ("cn-500103-party-shgzb", "区委社会工作部", "local"),
        ("cn-500103-tw", "团区委", "local"),
        ("cn-510000-gov-mzj", "民政厅", "local"),
        ("cn-510000-tw", "团省委", "local"),
        ("cn-500000-gov-jxw", "市经信委", "local"),
        ("cn-130800-gov-mzj", "市民政局", "local"),
        ("cn-130800-tw", "团市委", "local"),
        ("cn-central-party", "党中央", "global"),
    ],
)
def test_specific_aliases(base: Base, agency_id: str, alias: str, scope: str) -> None:
    agency = base.get(agency_id)
    assert agency is not None and (alias, scope) in set(agency.names())


@pytest.mark.parametrize(
    ("mention", "agency_id"),
    [
        ("大足区民政局", "cn-500111-gov-mzj"),
        ("渝中区团委", "cn-500103-tw"),
        ("大足区政协", "cn-500111-zx"),
        ("大足区人大常委会", "cn-500111-rd-cwh"),
        ("忠县统计局", "cn-500233-gov-tjj"),
        ("承德市民政局", "cn-130800-gov-mzj"),
        ("建湖县人民法院", "cn-320925-fy"),
        ("兴宁区人民政府", "cn-450102-gov"),
        ("长春市总工会", "cn-220100-zgh"),
    ],
)
def test_global_names_below_the_province(base: Base, mention: str, agency_id: str) -> None:
    assert agency_id in {a.id for a, _k in base.by_name(mention)}


def test_canonical_names_follow_the_conventions(base: Base) -> None:
    assert base.get("cn-500000-party-zzb").name == "中共重庆市委组织部"
    assert base.get("cn-500000-gov-mzj").parent == "cn-500000-gov"
    assert base.get("cn-500103-party").parent == "cn-500000-party"
    assert base.get("cn-510100-gov").name == "成都市人民政府"
    assert base.get("cn-450102-party").name == "中共南宁市兴宁区委员会"  # city + district
    assert base.get("cn-450102-party").parent == "cn-450100-party"
    assert base.get("cn-320925-fy").name == "建湖县人民法院"  # a county stands alone
    assert base.get("cn-130800-tw").name == "共青团承德市委员会"
    for agency_id in ("cn-central-cpc", "cn-central-gov-mzb", "cn-central-party-shgzb"):
        agency = base.get(agency_id)
        assert agency is not None and not agency.generated and agency.level == "central"


def test_former_division_names_carry_their_year(base: Base) -> None:
    agency = base.get("cn-420600-gov-mzj")
    assert agency.name == "襄阳市民政局"
    assert [(f.name, f.to) for f in agency.former_names] == [("襄樊市民政局", 2010)]


def test_base_records_its_version_and_coverage(base: Base) -> None:
    assert base.version and len(base) == base._rows("SELECT count(*) FROM entries")[0][0]
    assert int(base.meta["divisions.county"]) > 2900
    assert int(base.meta["divisions.township"]) > 30_000
    assert KB_FILE.stat().st_size < 60_000_000


def test_rebuild_reproduces_the_content(tmp_path: Path) -> None:
    if importlib.util.find_spec("jionlp") is None:
        pytest.skip("division source package jionlp is not installed")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--out", str(KB_FILE)], capture_output=True
    )
    assert result.returncode == 0, result.stderr
