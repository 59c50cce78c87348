"""PLACE rule family: administrative divisions, named regions and places built by suffix grammar.

Three sources, merged into address chains:

* the gazetteer (provinces to townships, full names and short forms of two or more characters),
  a world list and a list of named regions, matched with one Aho-Corasick automaton;
* suffix grammar for places no list can hold: communities and villages (…社区, …村), roads,
  bridges, parks, squares, development zones, plants and towers, house numbers (…41号, A区10栋);
* adjacency: pieces written back to back from wider to narrower (南岸区南坪街道后堡社区后堡41号,
  合川清平) are one PLACE, as the guidelines want address chains.

A short form that is also a common word (南岸, 和平, 合作) counts only beside other places in a
list (渝中、江北、南岸). Names inside slogans stay (重庆 in 新重庆); one-character short forms
(渝, 川) are never matched. Where a place prefixes an agency or organisation, the engine keeps
the longer span of the other label.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

import ahocorasick
import ahocorasick_rs

from ..gazetteer import Gazetteer, conjunction_misread, default_gazetteer
from ..lexicon import words
from ..resources import resource_path
from .candidate import Candidate
from .mentions import disjoint, occurrences

SOURCE_LIST = "gazetteer"
SOURCE_RULE = "rule:place"

# Rank of a piece in an address chain: a piece joins the one before it when it is narrower.
RANK = {"province": 0, "prefecture": 1, "county": 2, "region": 2, "township": 3, "zone": 3,
        "community": 4, "road": 4, "facility": 5, "number": 6}
_TOWNSHIP_END = re.compile("(?:街道办事处|民族乡|街道|镇|乡|苏木)$")
_TOWNSHIP_SUFFIX = re.compile("街道办事处|街道|镇|乡|苏木")

# Characters that never belong to a name written before a suffix: function words, pronouns.
STOP_CHARS = frozenset(
    "的了在和与及或等是为到从向对将把被由于以各本该每这那其此我你他她它们有也都就还又并而但"
    "让使给据至去来住往进走说称所约近共仅已曾正"
)
# Modifiers that make "X社区", "X村", "X园区" … a generic noun rather than a name.
def split_words(spaced: str) -> list[str]:
    """A word list written as one space-separated string."""
    return spaced.split()


GENERIC_STEMS = frozenset(split_words(
    "城乡 城市 农村 乡村 城镇 周边 所在 示范 试点 和谐 智慧 平安 绿色 文明 美丽 完整 老旧 居住 "
    "学习型 国际化 友好 数字 网络 线上 线下 各个 多个 一个 两个 这个 那个 所有 基层 城区 新型 "
    "传统 大型 小型 安置 涉农 撤并 城中 行政 自然 贫困 脱贫 重点 宜居 空心 留守 度假 地球 新农 "
    "和美 低碳 生态 零碳 特色 现代 工业 产业 物流 科技 创新 国家级 省级 市级 区级 县级 市内 区内 "
    "县内 省内 国内 境内 不少 一批 这些 那些 多家 各类 各地 当地 本地 外地 全国 全市 全区 全县 "
    "全省 高新 开发 经济 综合 主题 城市中心 中心 核心 商业 文化 体育 森林 湿地 口袋 社区 街道 "
    "群众 居民 百姓 入口 出口 公共 污水 中小 大中 周围 附近 沿线 两岸 新建 在建"
))
# Suffixes of places named by grammar: (suffix, kind, shortest stem, longest stem).
SUFFIXES: tuple[tuple[str, str, int, int], ...] = (
    ("社区", "community", 2, 5), ("村", "community", 2, 4),
    ("经开区", "zone", 2, 6), ("高新区", "zone", 2, 6), ("开发区", "zone", 2, 8),
    ("工业园区", "zone", 2, 6), ("产业园区", "zone", 2, 6), ("工业园", "zone", 2, 6),
    ("产业园", "zone", 2, 6), ("保税区", "zone", 2, 6), ("自贸区", "zone", 2, 6),
    ("新区", "zone", 2, 4),
    ("大道", "road", 2, 4), ("大街", "road", 2, 4), ("路", "road", 2, 4), ("街", "road", 2, 3),
    ("巷", "road", 2, 3),
    ("大桥", "facility", 2, 5), ("长江大桥", "facility", 2, 4), ("桥", "facility", 2, 4),
    ("公园", "facility", 2, 6), ("广场", "facility", 2, 6), ("湿地", "facility", 2, 5),
    ("机场", "facility", 2, 5), ("火车站", "facility", 2, 5), ("高铁站", "facility", 2, 5),
    ("码头", "facility", 2, 5), ("隧道", "facility", 2, 5), ("水库", "facility", 2, 5),
    ("污水处理厂", "facility", 2, 6), ("发射塔", "facility", 2, 8), ("电视塔", "facility", 2, 6),
    ("塔", "facility", 2, 3), ("纪念碑", "facility", 2, 5), ("碑", "facility", 2, 2),
    ("大厦", "facility", 2, 6), ("体育馆", "facility", 2, 6), ("体育场", "facility", 2, 6),
    ("古镇", "facility", 2, 4), ("景区", "facility", 2, 6), ("天街", "facility", 2, 6),
)
# What may follow a road, bridge or tower name: the end of a word, not the middle of one.
_ROAD_FOLLOW = re.compile(r"(?:[^\u3400-\u9fff]|[口上下旁边外内两沿段桥以一与和、的附周地街片]|$)")
_SUFFIX_RE = re.compile("|".join(sorted((re.escape(s) for s, *_ in SUFFIXES), key=len,
                                        reverse=True)))
_SUFFIX_INFO = {s: (k, lo, hi) for s, k, lo, hi in SUFFIXES}
_NUMBER = re.compile(
    r"(?:[A-Za-z0-9]{1,3}(?:区|期|座))?[0-9]{1,5}(?:号院|号楼|号|栋|幢|单元|室|弄)"
    r"(?:[0-9]{1,5}(?:栋|幢|单元|室|号|楼))*"
)
# Two or three one-character short forms before 地区: 江浙地区, 京津冀地区, 川渝地区.
_ONE_CHAR_SHORTS = (
    "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀黔贵滇云陕秦甘陇青宁新藏桂蒙港澳台江成"
)
_PAIR_REGION = re.compile(f"[{_ONE_CHAR_SHORTS}]{{2,3}}地区")
_LIST_SEP = frozenset("、和与及")
_REPEATABLE = frozenset({"community", "zone", "road", "facility"})
# A stem holding a place suffix names a spot inside that place (后堡公园|小广场): not one name.
_SUFFIX_IN_STEM = re.compile("公园|广场|大桥|社区|街道|园区")


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    kind: str
    source: str
    score: float
    code: str = ""


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    code: str  # empty where the name is shared by several divisions
    ambiguous: bool  # also a common word: counts only beside other places
    full: bool  # a full name (重庆市), not a short form (重庆)
    # Derived once per entry rather than per mention: a county's short form (合川) is
    # doubtful outside the document's provinces.
    short_county: bool = field(init=False, compare=False)
    province: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "short_county", self.kind == "county" and not self.full)
        object.__setattr__(self, "province", self.code[:2])


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f"


def read_list(name: str) -> list[str]:
    """Entries of a ``resources/lexicon`` list: white-space separated, ``#`` starts a comment."""
    out: list[str] = []
    for line in resource_path("lexicon", name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            out.extend(line.split())
    return out


@cache
def lead_words() -> frozenset[str]:
    """Verbs, prepositions and adverbs a name never starts with (generated from jieba's words)."""
    return frozenset(read_list("lead_words.txt"))


def stem_starts(text: str, end: int, max_len: int, anchors: Iterable[int] = (),
                min_len: int = 2, anchors_first: bool = False,
                leading_only: bool = False) -> list[tuple[int, bool]]:
    """Where the name written before ``end`` may start, best first, each with its boundary kind.

    Walks back over name characters (up to ``max_len``), then drops everything up to the last
    lead word (a verb or preposition). If that leaves less than ``min_len`` characters, the
    untrimmed run is used when it is one word that doubles as a verb (跳伞塔, 解放碑). Known
    places (anchors) after that point where a word ends come next: a generic description
    before a place is not part of the name (国家级绿色园区|长寿经开区). The flag tells whether the
    start is a clean boundary (punctuation, a function word or a place) rather than a guess.
    ``anchors_first`` puts the first place of the run first and ``leading_only`` trims lead
    words only at the start of the run: organisation names hold verbs (未成年人保护中心).
    """
    start = end
    while start > 0 and end - start < max_len:
        ch = text[start - 1]
        if not (is_han(ch) or ch.isascii() and ch.isalnum()) or ch in STOP_CHARS:
            break
        start -= 1
    bounded = end - start < max_len
    lead = lead_words()
    i, cut = start, start
    while i < end - 1:
        for k in (3, 2):
            if i + k <= end and text[i : i + k] in lead:
                i += k
                cut = i
                break
        else:
            if leading_only:
                break
            i += 1
    anchors = set(anchors)
    if end - cut < min_len and bounded and text[start:end] in lead:
        options = [(start, True)]
    else:
        options = [(cut, cut in anchors or (bounded and cut == start))]
    vocab = words()
    options += [
        (a, True) for a in sorted(anchors)
        if cut < a < end and any(text[a - k : a] in vocab for k in (2, 3))
    ]
    if anchors_first:  # descriptive names hold verbs: 大足区未成年人保护中心
        first = [(a, True) for a in sorted(anchors) if start <= a < cut]
        return first[:1] + options
    return options


class PlaceFinder:
    """Finds PLACE candidates; built once (automaton over the gazetteer and lists)."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        gaz = gazetteer or default_gazetteer()
        stop = set(read_list("place_stop.txt"))
        skip = stop | _SUFFIX_INFO.keys() | GENERIC_STEMS
        entries: dict[str, _Entry] = {}
        # Townships are many: looked up from their suffix rather than put in the automaton.
        self.townships: dict[str, str] = {}  # name -> county code ("" when shared)
        self.township_shorts: dict[str, set[str]] = {}  # county code -> short forms
        self.province_names: dict[str, str] = {}
        for div in gaz.divisions:
            if div.level == "township":
                self._add_township(div.name, div.parent, skip)
                continue
            if div.level == "province":
                self.province_names.update({div.name: div.code[:2], div.short: div.code[:2]})
            for key, full in [*((w, True) for w in div.written), (div.short, False)]:
                if len(key) < 2 or key in _SUFFIX_INFO or key in GENERIC_STEMS:
                    continue
                old = entries.get(key)
                if old is None or RANK[div.level] < RANK[old.kind]:
                    code = div.code if old is None or old.code == div.code else ""
                    ambiguous = key in stop and div.level == "county"
                    entries[key] = _Entry(div.level, code, ambiguous, full)
                elif old.code and old.code != div.code:
                    entries[key] = _Entry(old.kind, "", old.ambiguous, old.full)
        self.province_names.pop("", None)
        region = _Entry("region", "", False, True)
        for name in read_list("world_places.txt") + read_list("regions.txt"):
            entries.setdefault(name, region)
        self._last: tuple[tuple, list[Piece]] | None = None
        self.entries = entries
        # A compiled automaton: the gazetteer's thousands of first characters make the root
        # of a trie too wide to walk one character at a time in Python's own automaton.
        self._names = list(entries)
        self._by_index = [entries[name] for name in self._names]
        self._matcher = ahocorasick_rs.AhoCorasick(self._names)

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        """The names as a ``pyahocorasick`` automaton of ``(length, entry)``, for callers
        that walk every match themselves (features for learning); built on first use."""
        automaton = ahocorasick.Automaton()
        for key, entry in self.entries.items():
            automaton.add_word(key, (len(key), entry))
        automaton.make_automaton()
        return automaton

    def _add_township(self, name: str, county: str, skip: set[str]) -> None:
        if name.endswith("街街道") and len(name) >= 6:  # 唐家墩街街道, written 唐家墩街道
            self._add_township(name[:-3] + "街道", county, skip)
        m = _TOWNSHIP_END.search(name)
        if m is None or name in skip or len(name) < 3:
            return
        old = self.townships.get(name)
        self.townships[name] = county if old is None or old == county else ""
        if m.start() >= 2:
            self.township_shorts.setdefault(county, set()).add(name[: m.start()])

    def _townships(self, text: str) -> list[tuple[int, int, _Entry]]:
        """Townships and subdistricts, found back from their suffix (朝天门街道, 铁山镇)."""
        out = []
        for m in _TOWNSHIP_SUFFIX.finditer(text):
            for k in range(7, 0, -1):
                name = text[max(0, m.start() - k) : m.end()]
                if len(name) == k + len(m.group()) and name in self.townships:
                    code = self.townships[name]
                    out.append((m.start() - k, m.end(), _Entry("township", code, False, True)))
                    break
        return out

    def __call__(self, text: str, meta: Mapping[str, Any] | None = None) -> list[Candidate]:
        return [to_candidate(p) for p in self.find(text, meta)]

    def pieces(self, text: str, meta: Mapping[str, Any] | None = None) -> list[Piece]:
        """:meth:`find`, remembered for the last text: other families anchor names on places."""
        key = (text, tuple(sorted((k, str(v)) for k, v in (meta or {}).items())))
        if self._last is None or self._last[0] != key:
            self._last = (key, self.find(text, meta))
        return self._last[1]

    def find(self, text: str, meta: Mapping[str, Any] | None = None) -> list[Piece]:
        """Non-overlapping PLACE pieces, address chains merged; sorted by start."""
        listed = self._listed(text, meta or {})
        anchors = sorted({p.start for p in listed})
        pieces = listed + self._suffixed(text, listed) + self._numbered(text, anchors)
        pieces += [Piece(m.start(), m.end(), "region", SOURCE_RULE, 0.75)
                   for m in _PAIR_REGION.finditer(text)]
        pieces = longest_first(pieces)
        return merge_chains(longest_first(pieces + repeats(text, pieces)))

    def provinces(self, meta: Mapping[str, Any], found: list[tuple[int, int, _Entry]]) -> set[str]:
        """Two-digit province codes the document is about: its metadata and its full names."""
        out = {e.code[:2] for _, _, e in found if e.code and (e.full or e.kind != "county")}
        for key in ("region", "default_region"):
            value = meta.get(key)
            if isinstance(value, str) and value:
                if value.isdigit():
                    out.add(value[:2])
                else:
                    out.update(c for name, c in self.province_names.items()
                               if value.startswith(name))
        return out

    def _listed(self, text: str, meta: Mapping[str, Any]) -> list[Piece]:
        found = self._townships(text)
        entries = self._by_index
        found += [(start, end, entries[k]) for k, start, end
                  in self._matcher.find_matches_as_indexes(text, overlapping=True)]
        found.sort(key=_leftmost_longest)
        chosen: list[tuple[int, int, _Entry]] = []
        reach = 0
        for start, end, entry in found:
            if start >= reach and not conjunction_misread(text, start, end):
                chosen.append((start, end, entry))
                reach = end
        home = self.provinces(meta, chosen)
        pieces: list[Piece] = []
        for i, (start, end, entry) in enumerate(chosen):
            full = entry.full
            if not full and _inside_word(text, start, end):
                continue
            doubtful = entry.ambiguous or (entry.short_county and entry.province not in home)
            if doubtful and not _beside_place(text, chosen, i):
                continue
            if full:
                start, end = self._trim_city(text, start, end, entry)
            if entry.kind == "county":
                end = self._township_short(text, end, entry)
            score = 0.9 if full else 0.6 if doubtful else 0.8
            pieces.append(Piece(start, end, entry.kind, SOURCE_LIST, score, entry.code))
        return pieces

    def _trim_city(self, text: str, start: int, end: int, entry: _Entry) -> tuple[int, int]:
        """重庆市民, 重庆市场: the city's short form followed by 市民 / 市场."""
        if entry.full and text[end - 1] == "市" and end < len(text) and text[end] in "民场":
            return start, end - 1
        return start, end

    def _township_short(self, text: str, end: int, entry: _Entry) -> int:
        """A county followed by one of its townships in short form (合川清平) reads as one place."""
        shorts = self.township_shorts.get(entry.code) if entry.kind == "county" else None
        if not shorts:
            return end
        for k in (4, 3, 2):
            word = text[end : end + k]
            after = text[end + k : end + k + 1]
            if word in shorts and (not after or not is_han(after) or after in STOP_CHARS):
                return end + k
        return end

    def _suffixed(self, text: str, listed: list[Piece]) -> list[Piece]:
        vocab = words()
        anchors = sorted({p.start for p in listed})
        ends = sorted({p.end for p in listed})
        out: list[Piece] = []
        for m in _SUFFIX_RE.finditer(text):
            suffix = m.group()
            kind, lo, hi = _SUFFIX_INFO[suffix]
            if len(suffix) == 1:
                if (text[m.start() - 1 : m.end()] in vocab and not _directional(text, m.start())
                        or _in_idiom(text, m.start(), vocab)):
                    continue  # 道路, 乡村, 走街串巷: a plain word, not a name
                if text[m.start() : m.end() + 1] in vocab and text[m.end()] not in "民委":
                    continue  # 村居, 路线: the suffix starts another word
                if kind != "community" and not (
                    _ROAD_FOLLOW.match(text, m.end()) or text[m.end()] in STOP_CHARS
                ):
                    continue
            if any(p.start < m.end() and p.end > m.end() for p in _covering(listed, m)):
                continue  # 春熙路街道: the suffix is inside a listed name
            options = stem_starts(text, m.start(), hi + 6,
                                  _near(anchors, m.start() - hi - 6, m.start()), lo)
            start = next((st for st, clean in options
                          if self._stem_ok(text, st, m, clean, anchors, ends, vocab)), None)
            if start is None:
                continue
            out.append(Piece(start, m.end(), kind, SOURCE_RULE, 0.7))
        return out

    @staticmethod
    def _stem_ok(text: str, start: int, m: re.Match, clean: bool, anchors: list[int],
                 ends: list[int], vocab: frozenset[str]) -> bool:
        kind, lo, hi = _SUFFIX_INFO[m.group()]
        stem = text[start : m.start()]
        own_start = max(_near(ends, start + 1, m.start()) or [start])
        own = text[own_start : m.start()]
        if len(stem) < lo or own in GENERIC_STEMS or _SUFFIX_IN_STEM.search(own):
            return False
        if _contains(anchors, start):
            return True
        if stem[0] in "市区县省":
            return False  # 我市部分社区: the jurisdiction word, not a name
        if len(stem) > hi or {stem[:2], stem[-2:]} & GENERIC_STEMS or _COUNTED_STEM.search(stem):
            return False
        return not (kind == "community" and (not clean or stem in vocab))

    def _numbered(self, text: str, anchors: list[int]) -> list[Piece]:
        """House numbers after a name: 后堡41号, 浮图关60号, 盛世融城A区10栋."""
        out: list[Piece] = []
        for m in _NUMBER.finditer(text):
            if m.start() and text[m.start() - 1] in "第月年日":
                continue
            start = stem_starts(text, m.start(), 10, _near(anchors, m.start() - 12, m.start()),
                                anchors_first=True, leading_only=True)[0][0]
            if m.start() - start < 2:
                continue
            out.append(Piece(start, m.end(), "number", SOURCE_RULE, 0.6))
        return out


# 230余名社区工作者, 3个村: a count of places, not a name.
_COUNTED_STEM = re.compile(r"[0-9０-９一二两三四五六七八九十百千万]+[余多]?[名个位家户所座条处批]$")


def _leftmost_longest(found: tuple[int, int, _Entry]) -> tuple[int, int]:
    return found[0], -found[1]


def _directional(text: str, at: int) -> bool:
    """乌东村, 河西村: a direction ending a name, though 东村 and 西村 are words too."""
    return at >= 2 and text[at - 1] in "东西南北" and is_han(text[at - 2])


def _covering(listed: list[Piece], m: re.Match) -> list[Piece]:
    k = bisect_left(listed, m.start(), key=lambda p: p.start)
    return listed[max(0, k - 2) : k + 1]


def repeats(text: str, pieces: list[Piece]) -> list[Piece]:
    """Other mentions of names found by grammar: the document's own evidence for them."""
    out: list[Piece] = []
    names = {text[p.start : p.end]: p for p in pieces
             if p.source == SOURCE_RULE and p.kind in _REPEATABLE and p.end - p.start >= 3}
    for name, starts in occurrences(text, names).items():
        p = names[name]
        out += [Piece(at, at + len(name), p.kind, SOURCE_RULE, p.score - 0.1)
                for at in starts if at != p.start]
    return out


def _in_idiom(text: str, pos: int, vocab: frozenset[str]) -> bool:
    """The character at ``pos`` ends or sits inside a four-character word (走街串巷)."""
    return any(text[a : a + 4] in vocab for a in range(max(0, pos - 3), pos + 1))


def _inside_word(text: str, start: int, end: int) -> bool:
    """A short form inside a longer plain word: 长治 in 长治久安, 江山 in 守江山."""
    lo = max(0, start - 2)
    return _inside_window(text[lo : start + 4], start - lo, end - lo)


@lru_cache(maxsize=1 << 16)
def _inside_window(window: str, start: int, end: int) -> bool:
    """:func:`_inside_word` on the few characters it reads: the same windows recur."""
    vocab = words()
    for a in range(start - 2 if start >= 2 else 0, start + 1):
        for b in range(end, min(len(window), a + 4) + 1):
            if (a, b) != (start, end) and b - a >= 3 and window[a:b] in vocab:
                if a == start and b - a == end - start + 1 and window[b - 1] in "人市区县省":
                    continue
                return True
    return False


def _near(anchors: list[int], lo: int, hi: int) -> list[int]:
    """The sorted ``anchors`` in ``[lo, hi]``: a window, so that a long line costs no more per
    character than a short one."""
    return anchors[bisect_left(anchors, lo) : bisect_right(anchors, hi)]


def _contains(ordered: list[int], value: int) -> bool:
    k = bisect_left(ordered, value)
    return k < len(ordered) and ordered[k] == value


def _beside_place(text: str, chosen: list[tuple[int, int, _Entry]], i: int) -> bool:
    """An ambiguous short form counts in a list of places or at the head of an address chain."""
    start, end, _ = chosen[i]
    if i and not chosen[i - 1][2].ambiguous:
        prev_end = chosen[i - 1][1]
        if prev_end == start or (start - prev_end == 1 and text[prev_end] in _LIST_SEP):
            return True
    if i + 1 < len(chosen) and not chosen[i + 1][2].ambiguous:
        nxt = chosen[i + 1][0]
        if nxt == end and RANK[chosen[i + 1][2].kind] > RANK[chosen[i][2].kind]:
            return True
        if nxt - end == 1 and text[end] in _LIST_SEP:
            return True
    return False


def longest_first(pieces: list[Piece]) -> list[Piece]:
    """A non-overlapping subset, longer pieces first; sorted by start."""
    ordered = sorted(pieces, key=lambda p: (-(p.end - p.start), p.start))
    return [ordered[k] for k in disjoint([(p.start, p.end) for p in ordered])]


def merge_chains(pieces: list[Piece]) -> list[Piece]:
    """Join pieces written back to back when each is narrower than the one before it."""
    out: list[Piece] = []
    for p in pieces:
        if out and out[-1].end == p.start and RANK[p.kind] > RANK[out[-1].kind]:
            head = out[-1]
            out[-1] = Piece(head.start, p.end, p.kind, SOURCE_RULE, min(head.score, p.score),
                            p.code or head.code)
        else:
            out.append(p)
    return out


def to_candidate(p: Piece) -> Candidate:
    attrs = {"kind": p.kind}
    if p.code:
        attrs["code"] = p.code
    return Candidate(p.start, p.end, "PLACE", p.source, p.score, attrs)


@cache
def default_finder() -> PlaceFinder:
    return PlaceFinder()


def find_places(text: str, meta: Mapping[str, Any]) -> list[Candidate]:
    """Engine family: PLACE candidates of ``text``, sorted and non-overlapping."""
    return [to_candidate(p) for p in default_finder().pieces(text, meta)]
