"""AGENCY candidates: knowledge-base names, a grammar for bodies the KB lacks, and links.

One Aho-Corasick automaton holds every knowledge-base name, the department names that are used
without a level word (组织部 in ``省委副书记、组织部部长``) and every division name; a single
pass over the text yields the KB matches and the places that both prefix unknown bodies
(朝天门街道党工委) and settle the document's jurisdiction. The grammar reads backwards from
an agency suffix (局, 委, 党工委 …) over the body to a region prefix: a division name, a level
word (市, 区, 县 …) or a central prefix (中央, 国家, 国务院).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from typing import Any, NamedTuple

import ahocorasick

from ..gazetteer import Gazetteer, default_gazetteer
from ..kb.jurisdiction import infer_jurisdiction, longest_first, place_index
from ..kb.knowledge import KnowledgeBase
from ..kb.linker import Linker
from ..kb.model import Link
from .candidate import Candidate

LABEL = "AGENCY"
_KB, _BARE = 1, 2

# 办 ends a body (市文明办) unless it ends a verb (举办, 主办) or starts a word (办理, 办公).
_NOT_A_WORD_AFTER = "(?![理法公好事案结学税成到了起完])"
_BAN = "(?<![举创主承协合联开兴筹申督交代包])办" + _NOT_A_WORD_AFTER
_SUFFIX = re.compile(
    "人民代表大会常务委员会|人大常委会|人民代表大会|人民政府|人民法院|人民检察院|检察院|法院"
    "|党工委|党委(?!员)|党组(?!织)|管理委员会|工作委员会|委员会|管委会|办事处|办公室|办公厅|防总|防指"
    "|政府(?!工作报告)|人大(?!代表|常委)|政协|残联|妇联|总工会|科协|纪委|监委"
    "|委(?![员托屈婉实身])|(?<![干全内外东西南北中总底顶局细腹头面背本])部(?![门分署队位件落长下属首])|局(?![长面势限部])|厅(?![长堂])"
    "|" + _BAN
)
_SINGLE = set("委部局厅办")
# Characters a body never contains: function words, numerals, and the ends of other bodies.
_STOP = set(
    "的了在被与及将对把从向是等有各该这那其以于由并或而也都就又还所之我你他她它们说要能可已让给使"
    "获悉表示介绍指出为到同跟往凡每某此如若但却则即既且着过得月日号时"
    "一二三四五六七八九十百千万零两届次第"
    "委局厅部办府院"
)
_FUNCTION = set(_STOP) - set("委局厅部办府院")
_LEVEL_CHARS = set("省市区县州镇乡")
_UNNAMED_LEVELS = set("镇乡")  # 镇政府: a body of some town; never with a body of its own
# A level character inside a word is no level word: 城市, 社区, 市场, 乡村 …
_WORD_BEFORE = {
    "城市", "都市", "超市", "股市", "楼市", "车市", "夜市", "集市", "门市", "城区", "社区", "小区",
    "园区", "景区", "山区", "地区", "片区", "辖区", "新区", "街区", "校区", "郊区", "营区", "厂区",
    "矿区", "灾区", "老区", "特区", "市区", "发区", "湾区", "库区", "牧区", "林区", "城镇", "乡镇",
    "村镇", "集镇", "小镇", "古镇", "重镇", "名镇", "城乡", "家乡", "故乡", "下乡", "老乡", "返乡",
    "同乡", "他乡", "异乡", "县市", "省市", "区县", "全省", "全市", "全区", "全县", "全州", "外省",
    "外市", "神州", "绿州", "跨省", "跨市", "跨区", "跨县", "出省", "出市", "各省", "各市", "各区",
    "各县", "本省", "本市", "本区", "本县", "区市", "设区",
}  # fmt: skip
_WORD_AFTER = {
    "市场", "市值", "市面", "区域", "区间", "区块", "区分", "区别", "县域", "省份", "乡村", "镇街",
    "区县", "县区", "市县", "市州", "省市", "州长", "镇长", "乡长", "县长", "市长", "区长", "省长",
    "省级", "市级", "区级", "县级", "镇级", "乡级",
}  # fmt: skip
_CENTRAL = ("国务院", "中央", "国家")
# 民建重庆市委: a democratic party's committee is an ORG, not a Party or state body.
_DEMOCRATIC_PARTY = re.compile(r"(?:民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)$")
# Bodies named by the region alone: a word between region and suffix (大足贡献政协) is no name.
_CORE = {
    "人民代表大会常务委员会", "人大常委会", "人民代表大会", "人民政府", "政府", "人大", "政协",
    "残联", "妇联", "总工会", "科协", "纪委", "监委",
}  # fmt: skip
_UNITS = re.compile(
    r"^[\u4e00-\u9fff]{2,5}?(社区|村|新区|开发区|高新区|经开区|园区|工业园区|示范区)"
)
_ZHONGYANG = re.compile(
    r"(?<![党中共])中央(?=部署|决策|统一|首次|召开|印发|出台|提出|决定|作出|要求|批准|关于|和国务院|"
    r"、国务院|[^\s，,。、；;！？“”]{0,10}?(?:工作会议|全会))"
)
_PARTY_TAIL = re.compile(r"党委|党组|党工委")
_TITLE_AFTER = re.compile(r"(?:副?书记|委员|成员|会议|扩大会议|理论学习|班子|中心组)")
_SURVEY = re.compile(r"[\u4e00-\u9fff]{2,6}?调查(?:总队|队)")  # 国家统计局四川调查总队
_EXTENSION = re.compile(
    r"(?:第[一二三四五六七八九十\d]+次)?[\u4e00-\u9fff]{0,14}?"
    rf"(?:领导小组办公室|领导小组|新闻办公室|新闻办|办公室|研究室|{_BAN}){_NOT_A_WORD_AFTER}"
)
_SENTENCE_END_RE = re.compile(r"[。！？!?\n]")
_SHORT_COURT = re.compile(r"高院|中院|法院")
_COURT_LEVEL = {"高院": "province", "中院": "prefecture", "法院": "county"}
# 重庆法院, 湖南检察院: the courts or procuratorates of a place, not one body
_PLACE_COURT = re.compile(r"^(.{2,3})(?:法院|检察院|检察机关)$")
# A term number between the region and its congress or CPPCC (省十三届人大).
_TERM = re.compile(
    r"第?[一二三四五六七八九十\d]{1,3}[届屆](?:人民代表大会常务委员会|人大常委会|人大常委會"
    r"|人民代表大会|人大|政协)"
)


def _youth(name: str) -> bool:
    return name.endswith(("委", "委员会")) and not name.startswith(("团", "共青团"))


def _party(name: str) -> bool:
    return "委" in name and not name.startswith("中共")


# (lead, whether the body after it takes it): 团 and 共青团 only before a committee
_LEAD_WORDS = (("共青团", _youth), ("团", _youth), ("中共", _party))
_MAX_BODY = 12


class _Span(NamedTuple):
    start: int
    end: int
    source: str  # "gazetteer" (a KB name), "bare" (a department name alone) or "rule:agency"


class AgencyFinder:
    """An engine family: AGENCY candidates with ranked links to the knowledge base."""

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer | None = None):
        self.kb = kb
        self.gazetteer = gazetteer or default_gazetteer()
        self.linker = Linker(kb, self.gazetteer)
        self.local_only = {
            t for t in kb.local_texts() if all(r.kind == "local" for r in kb.names.get(t, ()))
        }
        self.places = place_index(self.gazetteer)
        self.automaton = self._build()

    def _build(self) -> ahocorasick.Automaton:
        flags: dict[str, int] = {}
        for name in [*self.kb.names, *self.local_only]:  # the base's lower levels: by grammar
            flags[name] = flags.get(name, 0) | _KB
        for name in self.linker.bare:
            flags[name] = flags.get(name, 0) | _BARE
        automaton = ahocorasick.Automaton()
        for name, flag in flags.items():
            automaton.add_word(name, (len(name), flag))
        automaton.make_automaton()
        return automaton

    # -- the family ------------------------------------------------------------------------
    def __call__(self, text: str, meta: Mapping[str, Any]) -> list[Candidate]:
        names = [
            _Span(end + 1 - size, end + 1, "gazetteer" if flag & _KB else "bare")
            for end, (size, flag) in self.automaton.iter(text)
        ]
        places = self.places.all_hits(text)
        jurisdiction = infer_jurisdiction(text, meta, self.gazetteer, hits=longest_first(places))
        place_starts: dict[int, int] = {}
        for hit in places:
            place_starts[hit.end] = min(hit.start, place_starts.get(hit.end, hit.start))
        found = [s for s in names if self._plausible(text, s)]
        found += self._grammar(text, place_starts)
        found += self._named_locals(text, found, place_starts)
        found += [_Span(m.start(), m.end(), "rule:agency") for m in _ZHONGYANG.finditer(text)]
        found += self._terms(text, place_starts)
        found += self._short_courts(text)
        found += self._extensions(text, found)
        found += _leads(text, found)
        found = [s for s in found if not self._generic(text, s)]
        chosen = [s for s in _non_overlapping(found)
                  if not _DEMOCRATIC_PARTY.search(text, max(s.start - 4, 0), s.start)]  # fmt: skip
        return self._linked(text, chosen, jurisdiction)

    def _plausible(self, text: str, span: _Span) -> bool:
        name = text[span.start : span.end]
        if name.endswith("政府") and text.startswith("工作报告", span.end):
            return False  # 重庆市政府工作报告: a report, not the government acting
        if span.source == "bare":
            before = text[span.start - 1] if span.start else ""
            return (not _is_cjk(before) or before in _FUNCTION) and not text.startswith(
                "门", span.end
            )
        if name in self.local_only and name[0] in _LEVEL_CHARS:
            return _level_word_at(text, span.start)
        return True

    def _generic(self, text: str, span: _Span) -> bool:
        """Not a body's name: 民政部门 (the civil-affairs departments of any level), 各镇人民政府,
        重庆法院 (a place's courts), 公安局长 (a title), 重庆市人民政府网 (a website)."""
        name, after = text[span.start : span.end], text[span.end : span.end + 5]
        if name.endswith("部") and after.startswith("门"):
            return True
        if after.startswith(("网", "公众信息网", "门户网")):
            return True
        if span.start and text[span.start - 1] == "各" and (
                name[0] in _LEVEL_CHARS or name.startswith("街道")):
            return True
        if span.source == "bare" and after.startswith("长"):
            return True
        court = _PLACE_COURT.match(name)
        if court is None:
            return False
        short = court.group(1)
        return any(d.level == "province" and d.short == short for d in self.gazetteer.lookup(short))

    # -- grammar ---------------------------------------------------------------------------
    def _grammar(self, text: str, place_starts: dict[int, int]) -> list[_Span]:
        out = []
        for m in _SUFFIX.finditer(text):
            start = self._prefix_start(text, m.start(), place_starts)
            if start is not None and self._well_formed(text, start, m):
                out.append(_Span(start, m.end(), "rule:agency"))
        return out

    @staticmethod
    def _well_formed(text: str, start: int, m: re.Match) -> bool:
        suffix, prefix_end = m.group(), m.start()
        lead = text[start : start + 2]
        if lead == "街道" or lead[0] in _UNNAMED_LEVELS:
            bare_level = 2 if lead == "街道" else 1
            if prefix_end - start != bare_level:
                return False  # 街道快办: an unnamed subdistrict takes no body of its own
        body_empty = start + 1 == prefix_end and text[start] in _LEVEL_CHARS
        if body_empty and suffix in _SINGLE and suffix != "委":
            return False  # 市局, 区办: too elliptical
        if suffix in _CORE and not body_empty and not _region_only(text, start, prefix_end):
            return False
        # 后堡社区党委书记: a title, and the 党委 is no body of its own here
        return not (suffix in ("党委", "党组", "党工委") and _TITLE_AFTER.match(text, m.end()))

    def _prefix_start(self, text: str, s: int, place_starts: dict[int, int]) -> int | None:
        """Where the region prefix of a body ending at ``s`` begins; None when there is none."""
        i = s
        while i > 0 and s - i <= _MAX_BODY:
            if i in place_starts:
                return _chain_start(i, place_starts)
            for word in _CENTRAL:
                if text.startswith(word, i - len(word)):
                    return i - len(word)
            if text.startswith("街道", i - 2) and i - 2 not in place_starts:
                return i - 2
            if text[i - 1] in _LEVEL_CHARS and _level_word_at(text, i - 1):
                return i - 1
            if text[i - 1] in _STOP or not _is_cjk(text[i - 1]):
                break
            i -= 1
        unit = _UNITS.match(text, i, s)
        return i if unit and s - i <= 9 else None

    def _terms(self, text: str, place_starts: dict[int, int]) -> list[_Span]:
        """省十三届人大, 厦门市第十六届人大常委会: a congress or CPPCC named with its term."""
        out = []
        for m in _TERM.finditer(text):
            at = m.start()
            if at in place_starts:
                out.append(_Span(_chain_start(at, place_starts), m.end(), "rule:agency"))
            elif at and text[at - 1] in _LEVEL_CHARS and _level_word_at(text, at - 1):
                out.append(_Span(at - 1, m.end(), "rule:agency"))
        return out

    def _short_courts(self, text: str) -> list[_Span]:
        """成都中院, 重庆高院, 宜兴法院: a court named by its division's short form. The level
        must fit the court (高院 a province's, 中院 a prefecture's, 法院 a county's):
        重庆法院 is the courts of a place, not one court."""
        out = []
        for m in _SHORT_COURT.finditer(text):
            for size in (3, 2):
                start = m.start() - size
                short = text[max(start, 0) : m.start()]
                if start < 0 or (start and _is_cjk(text[start - 1])
                                 and text[start - 1] not in _FUNCTION and text[start - 1] != "和"):
                    continue
                levels = {d.level for d in self.gazetteer.lookup(short) if d.short == short}
                if _COURT_LEVEL[m.group()] in levels:
                    out.append(_Span(start, m.end(), "rule:agency"))
                    break
        return out

    def _named_locals(
        self, text: str, spans: list[_Span], place_starts: dict[int, int]
    ) -> list[_Span]:
        """天河区委组织部: a division name whose level word opens a local name (区委组织部)."""
        out = []
        for span in spans:
            name = text[span.start : span.end]
            if name not in self.local_only:
                continue
            for end in (span.start + 1, span.start):  # 天河区+区委组织部, 青海省+省委
                if end in place_starts and place_starts[end] < end:
                    out.append(_Span(_chain_start(end, place_starts), span.end, "rule:agency"))
                    break
        return out

    def _extensions(self, text: str, spans: list[_Span]) -> list[_Span]:
        """A body's own office or Party committee: 省政府新闻办, 国务院…领导小组办公室, X党委."""
        out = []
        for span in spans:
            m = _EXTENSION.match(text, span.end)
            if m and not _crosses(text[span.end : m.end()]):
                out.append(_Span(span.start, m.end(), "rule:agency"))
            if text.endswith("国家统计局", span.start, span.end):
                survey = _SURVEY.match(text, span.end)
                if survey:
                    out.append(_Span(span.start, survey.end(), "rule:agency"))
            tail = _PARTY_TAIL.match(text, span.end)
            if tail and not _TITLE_AFTER.match(text, tail.end()):
                out.append(_Span(span.start, tail.end(), "rule:agency"))
        return out

    # -- links -----------------------------------------------------------------------------
    def _linked(self, text: str, spans: list[_Span], jurisdiction) -> list[Candidate]:
        out: list[Candidate] = []
        near: str | None = None
        last_end = 0
        offsets = [offset for offset, _code in jurisdiction.mentions]
        memo: dict[tuple, tuple[Link, ...]] = {}
        for span in spans:
            if _SENTENCE_END_RE.search(text, last_end, span.start):
                near = None
            mention = text[span.start : span.end]
            # same name, same neighbour, same places named before it: same links
            key = (mention, near, bisect_left(offsets, span.start))
            links = memo.get(key)
            if links is None:
                links = tuple(self.linker.link(mention, jurisdiction, at=span.start, near=near))
                memo[key] = links
            if links and links[0].score >= 0.5:
                near = links[0].agency_id
            source = "rule:agency" if span.source == "rule:agency" else "gazetteer"
            out.append(
                Candidate(span.start, span.end, LABEL, source, _score(span, links), links=links)
            )
            last_end = span.end
        return out


def _leads(text: str, spans: list[_Span]) -> list[_Span]:
    """共青团长春市委, 团长春市委, 中共奉节县委: what opens the full name before its region."""
    out = []
    for span in spans:
        if span.start < 1 or text[span.start - 1] not in "团共":  # 团, 共青团, 中共
            continue
        name = text[span.start : span.end]
        for lead, needs in _LEAD_WORDS:
            start = span.start - len(lead)
            if start >= 0 and text.startswith(lead, start) and needs(name):
                out.append(_Span(start, span.end, span.source))
                break
    return out


def _score(span: _Span, links: tuple[Link, ...]) -> float:
    best = links[0].score if links else 0.0
    base = {"gazetteer": 0.9, "bare": 0.7, "rule:agency": 0.7}[span.source]
    return round(min(1.0, base * (0.8 + 0.2 * best)), 3)


def _non_overlapping(spans: list[_Span]) -> list[_Span]:
    """Longest first; of equal length a KB name before a grammar match; in text order."""
    rank = {"gazetteer": 0, "bare": 1, "rule:agency": 2}
    taken: list[_Span] = []
    used: set[int] = set()
    for span in sorted(spans, key=lambda s: (s.start - s.end, rank[s.source], s.start)):
        cells = range(span.start, span.end)
        if used.isdisjoint(cells):
            used.update(cells)
            taken.append(span)
    return sorted(taken)


def _region_only(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is only a region: names, or a single level character."""
    return end - start == 1 or text[end - 1] in _LEVEL_CHARS or text.startswith("街道", end - 2)


def _chain_start(end: int, place_starts: dict[int, int]) -> int:
    """重庆市渝中区大坪街道: walk back over division names written one after another."""
    start = place_starts[end]
    while start in place_starts and place_starts[start] < start:
        start = place_starts[start]
    return start


def _level_word_at(text: str, i: int) -> bool:
    """Whether the level character at ``i`` starts a name (市民政局) rather than ends a word."""
    return text[max(i - 1, 0) : i + 1] not in _WORD_BEFORE and text[i : i + 2] not in _WORD_AFTER


def _crosses(body: str) -> bool:
    """An extension never swallows a second body: 市委市政府办公室 is two names."""
    inner = re.sub(r"^第[一二三四五六七八九十\d]+次", "", body)
    head = inner[:-3]
    return (any(c in "委局厅部府院" or c in _FUNCTION or c in _LEVEL_CHARS for c in head)
            or inner[:1] in _LEVEL_CHARS)


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
