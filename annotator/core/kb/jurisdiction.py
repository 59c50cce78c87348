"""Which administrative divisions a document is about: the key to abbreviated agency names.

A Chongqing Daily ``市民政局`` is 重庆市民政局 and a Yuzhong paper's ``区委`` is the Yuzhong
district committee. The evidence, strongest first: the document's region metadata (already resolved
from its newspaper), the divisions its text names, and the caller's default region.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from ..gazetteer import Division, Gazetteer, conjunction_misread, default_gazetteer
from ..resources import resource_path

META_WEIGHT = 1.0  # the document's own region (and the divisions above it)
TEXT_WEIGHT = 0.8  # shared out among the divisions the text names
DEFAULT_WEIGHT = 0.25  # the caller's fallback region
ANCESTOR_DECAY = 0.9  # a county paper's own county outranks its city for unprefixed names
SHORT_FORM_COUNT = 0.6  # 渝中 counts a little less than 渝中区: short forms are also words


class PlaceHit(NamedTuple):
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Jurisdiction:
    """Division codes with weights, best first, and where the text names each division."""

    codes: tuple[tuple[str, float], ...] = ()
    mentions: tuple[tuple[int, str], ...] = ()  # (offset, code), in text order
    # lookup tables, derived in __post_init__
    _weights: dict[str, float] = field(init=False, repr=False, compare=False)
    _offsets: list[int] = field(init=False, repr=False, compare=False)
    _by_code: dict[str, list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_weights", dict(self.codes))
        by_code: dict[str, list[int]] = {}
        for k, (_offset, code) in enumerate(self.mentions):
            by_code.setdefault(code, []).append(k)
        object.__setattr__(self, "_offsets", [offset for offset, _code in self.mentions])
        object.__setattr__(self, "_by_code", by_code)

    def weight(self, code: str | None) -> float:
        return self._weights.get(code or "", 0.0)

    @property
    def primary(self) -> str | None:
        return self.codes[0][0] if self.codes else None

    def nearest_before(self, at: int, codes: Iterable[str | None]) -> str | None:
        """Of ``codes``, the one the text names last before offset ``at``."""
        # looked up per code, not scanned: a long text names many places before ``at``
        before = bisect_left(self._offsets, at)
        best, best_k = None, -1
        for code in set(codes):
            indices = self._by_code.get(code, ()) if code else ()
            i = bisect_left(indices, before)
            if i and indices[i - 1] > best_k:
                best, best_k = code, indices[i - 1]
        return best


@cache
def _extra_forms(gazetteer: Gazetteer) -> dict[str, list[Division]]:
    """Written forms the division list lacks: 秀山自治县 (秀山土家族苗族自治县), 凉山自治州."""
    out: dict[str, list[Division]] = {}
    for div in gazetteer.divisions:
        for kind in ("自治县", "自治州", "自治旗"):
            if div.name.endswith(kind) and div.short and div.level != "township":
                form = div.short + kind
                if form != div.name and not gazetteer.lookup(form):
                    out.setdefault(form, []).append(div)
    return out


def lookup(gazetteer: Gazetteer, name: str) -> list[Division]:
    """Divisions called ``name``: the gazetteer's names and the written forms it lacks."""
    return gazetteer.lookup(name) or _extra_forms(gazetteer).get(name, [])


class PlaceIndex:
    """Finds division names in a text: full names, and the short forms of provinces.

    Full names end in a level character (市, 区, 县, 街道 …), so they are looked up backwards
    from each such character: far cheaper than an automaton over 40,000 names, whose root
    fans out over thousands of first characters. County short forms (渝中, 大足) are also
    common words (新兴, 友好) and are left to callers that know the region.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.full: set[str] = set()
        self.short: dict[str, str] = {}  # county-or-higher short form → full name
        for name, divs in gazetteer.by_name.items():
            if any(name in d.written and (d.level != "township" or _distinct_township(name))
                   for d in divs):  # fmt: skip
                self.full.add(name)
            for d in divs:
                if d.short == name and d.name != name and d.level != "township":
                    self.short.setdefault(name, d.name)
        self.full.update(_extra_forms(gazetteer))
        self.sizes: dict[str, tuple[int, ...]] = {}  # last two characters → name lengths
        for name in self.full:
            self.sizes[name[-2:]] = tuple(sorted({*self.sizes.get(name[-2:], ()), len(name)}))
        ends = sorted({name[-1] for name in self.full})
        self._ends = re.compile("[" + "".join(ends) + "]")
        provinces = sorted({d.short for d in gazetteer.divisions if d.level == "province"
                            and d.short and d.short != d.name}, key=len, reverse=True)  # fmt: skip
        self._provinces = re.compile("|".join(map(re.escape, provinces)))

    def hits(self, text: str) -> list[PlaceHit]:
        """Longest names first, never two overlapping; in text order."""
        return longest_first(self.all_hits(text))

    def all_hits(self, text: str) -> list[PlaceHit]:
        """Every full name and province short form, overlaps included."""
        found = [PlaceHit(m.start(), m.end(), m.group()) for m in self._provinces.finditer(text)]
        full, sizes = self.full, self.sizes
        for m in self._ends.finditer(text):
            end = m.end()
            for size in sizes.get(text[end - 2 : end], ()):
                name = text[end - size : end]
                if name in full and size <= end and not conjunction_misread(text, end - size, end):
                    found.append(PlaceHit(end - size, end, name))
        return found


# Township entries that are kinds of unit rather than names (社区, 开发区, 工业园区 …).
_GENERIC_UNITS = {
    "街道",
    "社区",
    "城区",
    "开发区",
    "经开区",
    "高新区",
    "工业区",
    "工业园区",
    "园区",
    "示范区",
    "新区",
    "农场",
    "林场",
    "管委会",
    "办事处",
}


def _distinct_township(name: str) -> bool:
    return len(name) >= 3 and name not in _GENERIC_UNITS


@cache
def place_index(gazetteer: Gazetteer | None = None) -> PlaceIndex:
    return PlaceIndex(gazetteer or default_gazetteer())


def longest_first(hits: Iterable[PlaceHit]) -> list[PlaceHit]:
    taken: list[PlaceHit] = []
    used: set[int] = set()
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        span = range(hit.start, hit.end)
        if used.isdisjoint(span):
            used.update(span)
            taken.append(hit)
    return sorted(taken)


@cache
def _newspaper_regions() -> dict[str, str]:
    data = json.loads(resource_path("newspapers.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


# Outlets named after their division (池州日报, 安徽新闻网): generated for every province and
# prefecture from the division list, so no masthead is typed here (see newspapers.json for
# the ones whose names say nothing of their region).
_OUTLET_SUFFIXES = ("日报", "晚报", "晨报", "新闻网", "新闻", "网", "发布", "广播电视台", "电视台",
                    "融媒", "全媒体", "客户端", "政府网", "人民政府网")
_SOURCE_LINE = re.compile(
    r"(?:信息来源|稿件来源|文章来源|来源|稿源|出处)\s*[:：]\s*([^\s|丨/,，]{2,20})"
)
NATIONAL = "中华人民共和国"


@cache
def outlet_regions(gazetteer: Gazetteer | None = None) -> dict[str, str]:
    """Outlet name → the region whose affairs it reports: the hand list, names formed from
    every province's and prefecture's name (full and short) and an outlet word, and the
    national outlets of the media list (their region: the whole country, no jurisdiction)."""
    gazetteer = gazetteer or default_gazetteer()
    out: dict[str, str] = {}
    for div in gazetteer.divisions:
        if div.level not in ("province", "prefecture"):
            continue
        chain = "".join(d.name for d in gazetteer.chain(div.code))
        for stem in {div.name, div.short} - {""}:
            for suffix in _OUTLET_SUFFIXES:
                out.setdefault(stem + suffix, chain)
    out.update(_newspaper_regions())
    media = resource_path("lexicon", "media.txt").read_text(encoding="utf-8").splitlines()
    for line in media:  # national outlets and portals: no local jurisdiction
        for name in [] if line.startswith("#") else line.split():
            out.setdefault(name, NATIONAL)
    return out


def outlet_region(source: str | None, gazetteer: Gazetteer) -> str | None:
    """The region of an outlet (池州日报 → 安徽省池州市); None for national or unknown ones."""
    region = outlet_regions(gazetteer).get(source or "")
    return region if region and region != NATIONAL else None


def source_line_region(text: str, gazetteer: Gazetteer) -> str | None:
    """The division a page's source line names (来源:池州团市委, 信息来源:安徽日报): an
    outlet of the table, else the divisions its name opens with."""
    for m in _SOURCE_LINE.finditer(text[:3000]):
        name = m.group(1)
        found = outlet_region(name, gazetteer)
        if found:
            return resolve_region(found, gazetteer)
        if _opens_with_division(name, gazetteer):
            return resolve_region(name, gazetteer)
    return None


def _opens_with_division(name: str, gazetteer: Gazetteer) -> bool:
    """Whether ``name`` starts with a division's full name or a province's or prefecture's
    short form (池州团市委); a county's short form is too often a word (新华社, 新华)."""
    for size in range(min(len(name) - 1, 12), 1, -1):
        for div in lookup(gazetteer, name[:size]):
            if div.level != "township" and (
                    name[:size] in div.written or div.level in ("province", "prefecture")):
                return True
    return False


def resolve_region(name: str | None, gazetteer: Gazetteer) -> str | None:
    """The code of a region written as a chain of names (``重庆市渝中区``, ``四川省``, ``渝中``)."""
    rest = (name or "").strip()
    code: str | None = None
    while rest:
        for size in range(min(len(rest), 12), 1, -1):
            found = [d for d in lookup(gazetteer, rest[:size]) if d.level != "township"]
            below = [d for d in found if code is None or _is_under(d, code, gazetteer)]
            if below:
                code, rest = below[0].code, rest[size:]
                break
        else:
            break
    return code


def _is_under(div: Division, code: str, gazetteer: Gazetteer) -> bool:
    return any(d.code == code for d in gazetteer.chain(div.code))


def infer_jurisdiction(
    text: str,
    meta: Mapping[str, Any] | None,
    gazetteer: Gazetteer | None = None,
    hits: list[PlaceHit] | None = None,
) -> Jurisdiction:
    """Weighted divisions for ``text``: metadata first, then the places named, then the default.

    ``hits`` lets a caller that already scanned the text for place names share that scan.
    """
    gazetteer = gazetteer or default_gazetteer()
    meta = meta or {}
    region = meta.get("region") or outlet_region(meta.get("source"), gazetteer)
    meta_code = resolve_region(region, gazetteer) or source_line_region(text, gazetteer)
    default_code = resolve_region(meta.get("default_region"), gazetteer)
    if hits is None:
        hits = place_index(gazetteer).hits(text)
    anchors = {d.code for c in (meta_code, default_code) if c for d in gazetteer.chain(c)}
    mentions = _mentions(hits, anchors, gazetteer)
    weights: defaultdict[str, float] = defaultdict(float)
    _spread(weights, meta_code, META_WEIGHT, gazetteer)
    counts: defaultdict[str, float] = defaultdict(float)  # short forms count less than one
    for _offset, code, count in mentions:
        counts[code] += count
    total = sum(counts.values())
    for code, count in counts.items():
        _spread(weights, code, TEXT_WEIGHT * count / total, gazetteer)
    _spread(weights, default_code, DEFAULT_WEIGHT, gazetteer)
    ranked = tuple(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])))
    return Jurisdiction(ranked, tuple((offset, code) for offset, code, _ in mentions))


def _spread(weights: dict[str, float], code: str | None, amount: float,
            gazetteer: Gazetteer) -> None:
    """A division's weight also counts for the divisions above it: 区 bodies sit in a 市."""
    if code:
        for depth, div in enumerate(reversed(gazetteer.chain(code))):
            weights[div.code] += amount * ANCESTOR_DECAY**depth


def _mentions(
    hits: list[PlaceHit], anchors: set[str], gazetteer: Gazetteer
) -> list[tuple[int, str, float]]:
    """(offset, code, count) of each unambiguous county-or-higher division the text names."""
    candidates = [(h, _divisions(h.name, gazetteer)) for h in hits]
    sure = {divs[0].code for h, divs in candidates if len(divs) == 1 and _self_evident(h, divs[0])}
    context = anchors | {d.code for c in sure for d in gazetteer.chain(c)}
    out: list[tuple[int, str, float]] = []
    for hit, divs in candidates:
        if not (len(divs) == 1 and divs[0].code in sure):
            # short forms (新兴, 友好 …) and repeated names count only inside known context
            divs = [d for d in divs if any(c.code in context for c in gazetteer.chain(d.code))]
            divs = _narrowest(divs, gazetteer)
        if len(divs) == 1:
            full = hit.name == divs[0].name
            out.append((hit.start, divs[0].code, 1.0 if full else SHORT_FORM_COUNT))
    return out


def _self_evident(hit: PlaceHit, div: Division) -> bool:
    """A full name, or a province's short form (重庆, 四川), needs no context to be a place."""
    written = hit.name in div.written or hit.name in _extra_forms(default_gazetteer())
    return hit.name == div.name or written or div.level == "province"


def _divisions(name: str, gazetteer: Gazetteer) -> list[Division]:
    seen: dict[str, Division] = {}
    for div in lookup(gazetteer, name):
        if div.level != "township":
            seen.setdefault(div.code, div)
    return list(seen.values())


def _narrowest(divs: list[Division], gazetteer: Gazetteer) -> list[Division]:
    """Among candidates inside the context, drop the ones that merely contain another."""
    codes = {d.code for d in divs}
    return [d for d in divs if not any(
        o.code != d.code and d.code in {c.code for c in gazetteer.chain(o.code)}
        for o in divs if o.code in codes
    )]  # fmt: skip
