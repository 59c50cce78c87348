"""ORG rule family: named organisations that are not public authorities.

* Media: a list of national outlets and portals plus the mastheads of ``newspapers.json``;
  a place followed by 日报/晚报/电视台 … (重庆日报, 四川日报, 重庆电视台); and byline grammar,
  the name written before 讯 or 记者 (新渝报讯, 华龙网记者).
* Democratic parties and their committees: 民建大足区委, 民建重庆市委, 九三学社中央.
* Suffix grammar: a name part before 有限公司, 公司, 集团, 银行, 医院, 学校, 小学, 协会, 商会,
  基金会, 联合会, 总会, 研究院, 社科院, 中心 …; a university's own school or hospital is one name
  (武汉大学社会学院). A name may start with a place or with a bare 区/市/县/省
  (区静水社会工作发展中心, 省社科院). Suffixes that mostly make generic nouns (中心, 队) need
  such a prefix; 全区特困供养服务中心, 社会工作指导中心41个 and 各类学校 are not names.

Public authorities (区委, 市民政局, 残联 …) are AGENCY, another family's label; none of the
suffixes here ends one, and where an agency name is longer the engine keeps it.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Mapping
from functools import cache
from typing import Any

import ahocorasick

from ..gazetteer import default_gazetteer
from ..lexicon import plain_pairs, words
from ..resources import resource_path
from .candidate import Candidate
from .mentions import disjoint, occurrences
from .places import (
    GENERIC_STEMS,
    STOP_CHARS,
    default_finder,
    is_han,
    read_list,
    split_words,
    stem_starts,
)

SOURCE = "rule:org"

MEDIA_AFTER_PLACE = re.compile(
    r"(?:日报社|晚报社|日报|晚报|晨报|都市报|商报|时报|电视台|广播电视台|人民广播电台|广播电台"
    r"|融媒体中心|新闻网)"
)
_BYLINE = re.compile(r"(?:讯|全媒体记者|融媒体记者|记者|通讯员|客户端)")
_MEDIA_END = re.compile(r"(?:日报|晚报|晨报|都市报|商报|时报|报|网|新闻|电视台|广播电台|客户端)$")
_PARTY = re.compile(
    r"(?:民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)"
    r"(?:[\u4e00-\u9fff]{0,8}?(?:中央|省委|市委|区委|县委|州委|委员会|总支部|总支|支部))?"
)
# (suffix, shortest stem, longest unanchored stem, needs a place or 区/市/县/省 prefix)
SUFFIXES: tuple[tuple[str, int, int, bool], ...] = (
    ("股份有限公司", 2, 16, False), ("有限责任公司", 2, 16, False), ("有限公司", 2, 16, False),
    ("公司", 2, 8, False), ("集团", 2, 6, False), ("银行", 2, 6, False),
    ("医院", 2, 8, False), ("卫生院", 2, 6, False), ("学校", 2, 6, False), ("小学", 2, 6, False),
    ("中学", 2, 6, False), ("中学校", 2, 6, False), ("大学", 2, 6, False), ("学院", 2, 8, False),
    ("幼儿园", 2, 6, False),
    ("特教校", 0, 0, True), ("研究院", 2, 8, False), ("研究所", 2, 8, False),
    ("社科院", 0, 0, True), ("社会科学院", 0, 6, True), ("协会", 2, 10, False),
    ("商会", 2, 8, False), ("学会", 2, 8, False), ("基金会", 2, 10, False),
    ("促进会", 2, 10, False), ("研究会", 2, 10, False), ("联合会", 2, 10, False),
    ("总会", 2, 8, False), ("红十字会", 0, 4, True), ("律师事务所", 2, 8, False),
    ("合作社", 2, 10, False), ("分行", 4, 12, False), ("支行", 4, 12, False),
    ("分公司", 4, 14, False),
    ("会计师事务所", 2, 8, False), ("茶楼", 2, 4, False), ("影院", 2, 4, False),
    ("酒店", 2, 6, False), ("中心", 2, 0, True), ("队", 2, 0, True),
)
_SUFFIX_INFO = {s: (lo, hi, anchored) for s, lo, hi, anchored in SUFFIXES}
# 中学校 is a school's full name, 中学校长 its head.
_SUFFIX_RE = re.compile("|".join(
    re.escape(s) + ("(?!长)" if s == "中学校" else "")
    for s in sorted(_SUFFIX_INFO, key=len, reverse=True)
))
GENERIC_ORG_STEMS = GENERIC_STEMS | frozenset(split_words(
    "高等 中小 各级各类 民办 公办 普通 职业 重点 寄宿制 全日制 薄弱 行业 社会 社工 服务 一所 多所 "
    "这所 名牌 一流 国有 民营 私营 外资 上市 龙头 骨干 企业 相关 有关 大型 中型 小型 科技型 "
    "本 该 其 母 高 名 全 各 大 小 这家 那家 一家 多家 有限 控股 子 分"
))
_LEVEL_PREFIX = frozenset("省市区县")
_LEVEL_PREFIX_RE = re.compile("[省市区县]")
# A body holding one of these is two names or a name and a description (培智学校建成小学).
_INNER_SUFFIX = re.compile(r"学校|小学|中学|大学|医院|中心|协会|商会|基金会|银行|研究院")
# ... except a university's own schools, institutes and hospitals (武汉大学社会学院).
_UNIVERSITY_PARTS = frozenset({"学院", "研究院", "研究所", "医院"})
_BRANCHES = frozenset({"分行", "支行", "分公司"})
_COUNTED = re.compile(r"[0-9一二两三四五六七八九十百千万]+[个家所座]")


@cache
def media_automaton() -> ahocorasick.Automaton:
    names = set(read_list("media.txt"))
    papers = json.loads(resource_path("newspapers.json").read_text(encoding="utf-8"))
    names.update(k for k in papers if not k.startswith("_"))
    auto = ahocorasick.Automaton()
    for name in names:
        auto.add_word(name, len(name))
    auto.make_automaton()
    return auto


class OrgFinder:
    """Finds ORG candidates; anchors names on the places of the same text."""

    def __call__(self, text: str, meta: Mapping[str, Any] | None = None) -> list[Candidate]:
        places = default_finder().pieces(text, meta)
        found: list[tuple[int, int, float]] = []
        found += self.media(text, places)
        found += [(m.start(), m.end(), 0.85) for m in _PARTY.finditer(text)
                  if m.end() - m.start() > 2 or not is_han(text[m.end() : m.end() + 1] or "。")]
        found += self.suffixed(text, places)
        found += self.repeated(text, found)
        return _non_overlapping(found)

    def media(self, text: str, places) -> list[tuple[int, int, float]]:
        out = [(last + 1 - n, last + 1, 0.9) for last, n in media_automaton().iter(text)]
        for p in places:
            m = MEDIA_AFTER_PLACE.match(text, p.end)
            if m:
                out.append((p.start, m.end(), 0.85))
        for m in _BYLINE.finditer(text):
            start = m.start()
            while start > 0 and m.start() - start < 6 and is_han(text[start - 1]) and (
                text[start - 1] not in STOP_CHARS
            ):
                start -= 1
            name = text[start : m.start()]
            if len(name) >= 3 and _MEDIA_END.search(name) and (start == 0 or not is_han(
                text[start - 1]
            )):
                out.append((start, m.start(), 0.8))
        return out

    def suffixed(self, text: str, places) -> list[tuple[int, int, float]]:
        anchors = {p.start for p in places}
        anchors.update(
            i for m in _LEVEL_PREFIX_RE.finditer(text)
            if (i := m.start()) == 0 or not is_han(text[i - 1])
        )
        ordered = sorted(anchors)
        vocab = words()
        out: list[tuple[int, int, float]] = []
        for m in _SUFFIX_RE.finditer(text):
            lo, hi, need_anchor = _SUFFIX_INFO[m.group()]
            if need_anchor and _COUNTED.match(text, m.end()):
                continue  # 社会工作指导中心41个: a kind of body counted, not one named
            near = ordered[bisect_left(ordered, m.start() - 16) : bisect_left(ordered, m.start())]
            if text[m.end() - 1 : m.end() + 1] in plain_pairs():
                continue  # 中学习: the suffix's last character starts another word
            options = stem_starts(text, m.start(), 16, near, 1, anchors_first=True,
                                  leading_only=True)
            for start, clean in options:
                stem = text[start : m.start()]
                if start in anchors and start in near:
                    if _anchored_ok(text, start, m.start(), m.group()):
                        out.append((start, m.end(), 0.8))
                        break
                    continue
                if need_anchor or not lo <= len(stem) <= hi or not clean and len(stem) > 6:
                    continue
                if _holds_another(stem, m.group()) or stem[:1] in _LEVEL_PREFIX:
                    continue
                if stem in GENERIC_ORG_STEMS or stem[:1] in GENERIC_ORG_STEMS or (
                    stem[:2] in GENERIC_ORG_STEMS
                    or stem in vocab and len(stem) == 2 and not default_gazetteer().lookup(stem)
                ):
                    continue
                out.append((start, m.end(), 0.7))
                break
        return out

    @staticmethod
    def repeated(text: str, found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
        """Later and earlier mentions of a name the text introduced (新渝报, 区静水…中心)."""
        names = {text[s:e] for s, e, _ in found if e - s >= 3}
        return [(at, at + len(name), 0.65)
                for name, starts in occurrences(text, names).items() for at in starts]


def _holds_another(stem: str, suffix: str) -> bool:
    """Whether the stem already ends a name of its own, so that the whole is two names."""
    inner = _INNER_SUFFIX.findall(stem.removesuffix("中心"))  # 中心医院, 中心小学: one kind
    if suffix in _BRANCHES:
        inner = [s for s in inner if s not in ("银行", "公司")]  # 农业银行河南省分行
    return bool(inner) and not (inner == ["大学"] and suffix in _UNIVERSITY_PARTS)


def _anchored_ok(text: str, start: int, suffix_start: int, suffix: str) -> bool:
    """A place-prefixed name: nothing but name characters between the place and the suffix."""
    body = text[start:suffix_start]
    if _holds_another(body, suffix):
        return False
    return all(is_han(ch) or ch.isascii() and ch.isalnum() for ch in body) and not any(
        ch in "的了和与及或等是在" for ch in body[1:]
    )


def _non_overlapping(found: list[tuple[int, int, float]]) -> list[Candidate]:
    ordered = sorted(found, key=lambda f: (-(f[1] - f[0]), f[0]))
    kept = (ordered[k] for k in disjoint([(s, e) for s, e, _score in ordered]))
    return [Candidate(s, e, "ORG", SOURCE, score, {}) for s, e, score in kept]


@cache
def default_org_finder() -> OrgFinder:
    return OrgFinder()


def find_orgs(text: str, meta: Mapping[str, Any]) -> list[Candidate]:
    """Engine family: ORG candidates of ``text``, sorted and non-overlapping."""
    return default_org_finder()(text, meta)
