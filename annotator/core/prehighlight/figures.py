"""FIGURE rule: cardinal quantities with their unit or classifier, percentages, money.

Span: from the first numeral to the end of the unit, 余/多/几 inside the number phrase
included (``82.4万余人次``, ``9619余万元``), words before the number (超, 约, 近 …) and after
the unit (以上, 左右) excluded but read into ``comparator``/``approx``. A span may cross an
OCR gap (spaces, one line break) between number and unit, as in ``2.8 万个``.

Attributes:
- ``value``: the number with its multiplier applied, ``int`` when integral
  (``6.79万人`` → 67900, ``9619余万元`` → 96190000, ``60.1%`` → 60.1, ``十五条`` → 15).
  A range (``三至五倍``, ``5至10万元``, ``3000元至6000元``) takes its lower bound (50000 for
  ``5至10万元``: the lower bound borrows the upper bound's 万/亿) and adds ``range_max``.
- ``unit``: the unit *without* the multiplier (``9619余万元`` → ``元``, ``6.79万人`` →
  ``人``), so values of one unit compare directly; ``%`` for 百分之 and ％, ``""`` for a bare
  fraction (``1/4`` → 0.25) or a number with a multiplier and no unit (``1.2万亿``);
  ``‰`` for 千分之; ``百分点`` for 个百分点; a rate keeps its denominator (``元/人``).
- ``approx``: 余/多/几 in the number, 约/近/左右 around it, or a range.
- ``comparator``: ``>`` (超, 超过, 过, 突破, 逾, 多于, 高于, 不少于, 不低于, 至少, 年满;
  以上/及以上 after), ``<`` (不到, 不足, 少于, 低于, 不超过, 至多; 以下/以内/内 after),
  ``≈`` (约, 近, 将近, 大约, 左右 after), else ``=``.

Not figures: ordinals and ranks (第六届, 届 before, ``五次全会``, 前10位, 二级巡视员, and a
lone 二 before a classifier: counts say 两, so 二次开发 and 二期 are terms), calendar years
and dates (left to the DATE rule via the same year test), plan names (``十四五`` is not a
well-formed numeral), counts in short quoted slogans (“141”, “4个100”, “五个法治化”; a
measure keeps its figure: “最后100米”, “15分钟生活圈”), numbers inside 《》 titles (the
POLICY span is the outermost one), size classes (万亿级, 500亿级), vague amounts (几十年,
数十家, bare 百万/千万 without 余/多), 一 as an article (一个缩影, 一批; it counts only after
仅/只/共 … or beside another count of the same unit in its clause, 一套…和一套…, or joined
to another count, 一桶食用油和两袋洗衣粉), house
numbers (号 is no unit; ``A区10栋``), codes (a number glued to Latin letters).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .candidate import Candidate
from .numerals import (
    CN_CHARS,
    DIGITS,
    looks_like_year,
    parse_arabic,
    parse_chinese,
    parse_number,
    tidy,
)
from .policies import title_spans

SOURCE = "rule:figure"


def _words(block: str) -> tuple[str, ...]:
    """A word list written as a block of space-separated words."""
    return tuple(block.split())


# Classifiers and units, as written after the number. Order does not matter: the pattern
# is built longest-first so that 人次 wins over 人 and 部门 over 部.
UNITS = _words(
    """
人次 户次 架次 车次 批次 场次 班次 人 名 位 户 家 个 项 条 所 支 批 类 大类 套 张 次 件 座 栋 幢
层 棵 株 道 部 部门 级 阶段 场 台 辆 架 艘 只 头 匹 本 册 份 篇 首 幅 期 轮 趟 组 处 间 根
把 种 起 宗 笔 例 方面 地 倍 成 岁 周岁 年 周年 个月 天 个工作日 工作日 小时 分钟 秒 周
袋 桶 瓶 箱 盒 罐
米 公里 千米 厘米 毫米 平方米 平方公里 平方千米 立方米 亩 公顷 吨 公斤 千克 克 斤 升 方
千瓦 千瓦时 兆瓦 瓦 元 美元 欧元 日元 港元 英镑 块 百分点 个百分点 ℃ 摄氏度 折
省 省份 省市 省区市 区县
EFLOPS PFLOPS TFLOPS GW MW kW kWh km km² m² m³ kg GB TB PB
"""
)
_PERCENT = "%％‰"
# After a Chinese numeral these are ordinals or names far more often than counts.
_CN_ONLY_NOT = {"期", "方", "折"}
# Measures keep a number inside a quoted slogan (“最后100米”, “15分钟生活圈”); bare counts
# there are names (“4个100”, “五个法治化”).
MEASURE_UNITS = frozenset(
    _words(
        "% ‰ 元 美元 欧元 日元 港元 英镑 年 个月 天 周 小时 分钟 秒 岁 周岁 米 公里 千米 厘米 毫米 "
        "平方米 平方公里 平方千米 立方米 亩 公顷 吨 公斤 千克 克 斤 升 千瓦 千瓦时 兆瓦 瓦 ℃ 倍 "
        "EFLOPS PFLOPS TFLOPS GW MW kW kWh km km² m² m³ kg GB TB PB"
    )
)
# 一 before a classifier is an article (一个缩影, 一批) unless something marks it as a count:
# a word just before (仅一家) or another count of the same unit in its clause (一套…和一套…),
# with a noun after it.
_ONE_COUNT_BEFORE = re.compile(r"(?:仅|只|仅有|只有|共|总共|各|唯一|新增|增加|减少)\s*$")
_CLAUSE_BREAK = re.compile(r"[，。；！？,;!?\n]")
# Units that after a place word (区, 路, a Latin letter …) are part of an address.
_ADDRESS_UNITS = {"栋", "幢", "层", "单元"}
_ADDRESS_BEFORE = re.compile(r"[区路街巷道村组苑园城号期座楼栋A-Za-z]\s*$")
# 级 followed by these is a rank or grade, not a count of levels.
_RANK_AFTER = re.compile(
    r"^(?:巡视员|调研员|主任|科员|职员|教授|研究员|警|法官|检察官|响应|预警|风险|文物|医院|"
    r"建造师|运动员|教师|职称|地震|台风|甲等|乙等|甲|乙)"
)
_ORDINAL_AFTER = re.compile(r"^(?:全会|全体会议|代表大会|会议|党组会议|常委会)")
# 地 followed by these starts a word (地区, 地方 …) rather than counting places.
_PLACE_WORD = frozenset("区方市图铁块产标址带段震下上理点域位")

_D = "[0-9０-９]"
_W = r"[ \t\u3000]{0,2}(?:\n[ \t\u3000]{0,4})?"
_ARABIC = rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?!{_D})|{_D}+)(?:[.．]{_D}+)?"
_MULT = r"(?:万亿|[十百千]?[万亿]|千万|百万)"
_AR_PHRASE = rf"{_ARABIC}(?:{_W}[余多])?(?:{_W}{_MULT})?[余多]?"
_CN = f"[{CN_CHARS}]+"
_CN_PHRASE = rf"{_CN}(?:[几余多]{{1,2}}[万亿]{{1,2}}[余多]?|[几余多])?"
_NUM = rf"(?:(?<![0-9０-９.．A-Za-z]){_AR_PHRASE}|(?<![{CN_CHARS}几数上]){_CN_PHRASE})"
_SEP = r"(?:至|到|~|～|-|－|—|–)"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_UNIT = rf"(?:{_alternation(UNITS)})(?![A-Za-z])"
_PATTERN = re.compile(
    rf"""
    (?=[0-9０-９{CN_CHARS}])  # cheap first-character test before the alternatives
    (?:
    (?P<frac>(?<![0-9/.])(?P<fn>{_D}{{1,3}})/(?P<fd>{_D}{{1,3}})(?![0-9/]))
  | (?P<cnpct>(?P<per>百分之|千分之)(?P<pn>{_D}+(?:\.{_D}+)?|{_CN}))
  | (?P<cnfrac>(?<![{CN_CHARS}])(?P<cd>{_CN})分之(?P<cn>{_CN}))
  | (?P<num>{_NUM}(?:{_W}(?P<p1>[{_PERCENT}]))?(?:{_W}{_SEP}{_W}(?P<hi>{_NUM}))?)
    (?:{_W}(?P<pct>[{_PERCENT}])|{_W}(?P<unit>{_UNIT})|(?<=[万亿{_PERCENT}]))
    )
    """,
    re.VERBOSE,
)

_GAP = re.compile(r"\s+")
_PER = re.compile(r"[/／](人次|人|户|亩|吨|月|年|天|日|次|件|台|平方米|公斤|千克|小时|公里)")
_SEP_ONLY = re.compile(rf"{_W}{_SEP}{_W}")
_SPLIT = re.compile(rf"^(?P<lo>.+?){_SEP}(?P<hi>.+)$", re.DOTALL)
_QUOTES = re.compile(
    r"“(?P<a>[^“”]{1,300})”|‘(?P<b>[^‘’]{1,300})’|「(?P<c>[^「」]{1,300})」"
    r"|『(?P<d>[^『』]{1,300})』|\"(?P<e>(?:[^\"\n]|\n(?!\n)){1,300})\""
)
_SENTENCE_PUNCT = re.compile(r"[，。；：！？,;:!?]")
_SLOGAN_MAX = 20

_BEFORE = re.compile(
    r"(?P<w>不少于|不低于|不超过|不高于|至少|至多|最多|"
    r"超过|超出|突破|逾|多于|高于|超|年满|(?<![经通度跨走去越穿错闯渡])过|"
    r"不到|不足|少于|低于|未满|大约|将近|接近|约|近|达到|达)"
    r"(?:占|为|有|计|达)?\s*$"
)
_NOT_NEAR = re.compile(r"[附最邻靠]近\s*$")
_AFTER = re.compile(r"\s*(?P<w>及以上|及以下|以上|以下|以内|内(?![容部外地涵])|左右)")
_COMPARATOR = {
    "超过": ">", "超出": ">", "突破": ">", "逾": ">", "多于": ">", "高于": ">", "超": ">",
    "以上": ">", "及以上": ">", "年满": ">", "过": ">",
    "不到": "<", "不足": "<", "少于": "<", "低于": "<", "未满": "<",
    "以下": "<", "及以下": "<", "以内": "<", "内": "<",
    "大约": "≈", "将近": "≈", "接近": "≈", "约": "≈", "近": "≈",
    "左右": "≈", "达到": "=", "达": "=",
    # bounds: the schema has no ≥ / ≤, and "not less than" is a lower bound like 超过
    "不少于": ">", "不低于": ">", "至少": ">", "不超过": "<", "不高于": "<", "至多": "<",
    "最多": "<",
}  # fmt: skip


class _Regions:
    """Sorted, non-overlapping ``[start, end)`` regions with a fast membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def covers(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and self.spans[k][0] <= pos < self.spans[k][1]


def _slogans(text: str) -> _Regions:
    """Short quoted phrases without sentence punctuation: names and slogans, not reports."""
    spans = []
    for m in _QUOTES.finditer(text):
        body = m.group(m.lastgroup or 0)
        if len(_GAP.sub("", body)) <= _SLOGAN_MAX and not _SENTENCE_PUNCT.search(body):
            spans.append((m.start(), m.end()))
    return _Regions(spans)


def _comparator(text: str, start: int, end: int) -> tuple[str, bool]:
    """Comparator from the word just before the span or just after it, and its approx flag."""
    before = _GAP.sub("", text[max(0, start - 10) : start])[-6:]  # OCR splits 突 破
    m = _BEFORE.search(before)
    if m and not (m.group("w") == "近" and _NOT_NEAR.search(before)):
        sign = _COMPARATOR[m.group("w")]
        if sign != "=":
            return sign, sign == "≈"
    after = _AFTER.match(text, end, min(len(text), end + 4))
    if after:
        sign = _COMPARATOR[after.group("w")]
        return sign, sign == "≈"
    return "=", False


def _is_excluded(text: str, m: re.Match[str], unit: str) -> bool:
    """Ordinals, years, ranks, size classes, addresses: numbers that are not quantities."""
    start = m.start()
    before = text[max(0, start - 4) : start].rstrip()
    if before.endswith(("第", "届", "No.", "NO.", "#")):
        return True
    num = _GAP.sub("", m.group("num"))
    lo = _SPLIT.match(num)
    bounds = [lo.group("lo"), lo.group("hi")] if lo else [num]
    if unit in ("年", "年度") and any(looks_like_year(b, before) for b in bounds):
        return True
    after = text[m.end() : m.end() + 6]
    cn = num[0] not in DIGITS
    if unit == "级" and (_RANK_AFTER.match(after) or any(c in num for c in "万亿百千")):
        return True
    if (unit == "年" and after.startswith("级")) or (unit == "地" and after[:1] in _PLACE_WORD):
        return True
    if cn and (unit in _CN_ONLY_NOT or (unit == "次" and _ORDINAL_AFTER.match(after))):
        return True
    if unit in ("位", "名") and before.endswith("前"):  # 前10位: a rank
        return True
    if num == "二" and unit not in MEASURE_UNITS:  # counts say 两; 二次开发, 二期 are terms
        return True
    if unit == "轮" and after.startswith("车"):
        return True
    return unit in _ADDRESS_UNITS and bool(_ADDRESS_BEFORE.search(text[max(0, start - 2) : start]))


@lru_cache(maxsize=4096)
def _number_value(phrase: str) -> tuple[float | int, bool, float | int | None] | None:
    """Value, approx and (for a range) upper bound of a number phrase, maybe a range.

    Cached: the same phrases (两个, 4个, 2025年) recur across a document and a corpus.
    """
    phrase = _GAP.sub("", phrase).rstrip(_PERCENT)
    split = _SPLIT.match(phrase)
    if not split:
        parsed = parse_number(phrase)
        return None if parsed is None else (parsed[0], parsed[1], None)
    lo, hi = parse_number(split.group("lo").rstrip(_PERCENT)), parse_number(split.group("hi"))
    if lo is None or hi is None:
        return None
    lo_value = lo[0]
    if lo[2] == 1 and hi[2] > 1 and lo_value * hi[2] <= hi[0]:
        lo_value = lo_value * hi[2]
    if lo_value >= hi[0]:
        return None
    return lo_value, True, hi[0]


def _figure(text: str, m: re.Match[str]) -> Candidate | None:
    """Build one candidate from a ``num`` match, or ``None`` if it is not a quantity."""
    unit = m.group("unit") or ""
    pct = m.group("pct") or m.group("p1")
    num = m.group("num")
    has_mult = num[0] in DIGITS and ("万" in num or "亿" in num)
    if not (unit or pct or has_mult) or (m.group("p1") and not m.group("pct") and unit):
        return None
    parsed = (1, False, None) if num == "一" else _number_value(num)
    if parsed is None or _is_excluded(text, m, unit):
        return None
    value, approx, high = parsed
    end = m.end() if (unit or pct) else m.end("num")
    per = _PER.match(text, end) if unit else None
    if per:  # 5000元/人, 30公斤/亩: a rate keeps its denominator
        unit, end = f"{unit}/{per.group(1)}", per.end()
    comparator, near = _comparator(text, m.start(), end)
    attrs = {
        "value": value,
        "unit": _unit_name(unit, pct),
        "approx": approx or near,
        "comparator": comparator,
    }
    if high is not None:
        attrs["range_max"] = high
    return Candidate(m.start(), end, "FIGURE", SOURCE, _score(num, unit, pct), attrs)


def _unit_name(unit: str, pct: str | None) -> str:
    if pct:
        return "‰" if pct == "‰" else "%"
    return {"个百分点": "百分点", "摄氏度": "℃"}.get(unit, unit)


def _score(num: str, unit: str, pct: str | None) -> float:
    if pct or unit.endswith("元"):
        return 0.95
    if not unit:
        return 0.7
    if num[0] in DIGITS:
        return 0.9
    return 0.75 if unit in ("年", "次", "级", "成", "地", "起") else 0.85


def _plain(numeral: str) -> int | float | None:
    """A bare numeral, Arabic or Chinese; a lone 一 is fine here (三分之一, 百分之一)."""
    if numeral[0] in DIGITS:
        value = parse_arabic(numeral)
        return None if value is None else tidy(value)
    return parse_chinese(numeral)


def _fraction(m: re.Match[str]) -> Candidate | None:
    """``1/4``, ``三分之一`` (value 0.25, 1/3), ``百分之三十`` (30, %), ``千分之五`` (5, ‰)."""
    if m.group("cnpct"):
        value = _plain(m.group("pn"))
        if value is None:
            return None
        unit = "‰" if m.group("per") == "千分之" else "%"
        return Candidate(m.start(), m.end(), "FIGURE", SOURCE, 0.9,
                         {"value": value, "unit": unit})  # fmt: skip
    if m.group("frac"):
        num, den = _plain(m.group("fn")), _plain(m.group("fd"))
    else:
        num, den = _plain(m.group("cn")), _plain(m.group("cd"))
    if num is None or den is None or not 0 < num < den:
        return None
    return Candidate(m.start(), m.end(), "FIGURE", SOURCE, 0.7,
                     {"value": round(num / den, 6), "unit": ""})  # fmt: skip


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause around ``[start, end)``: up to the nearest comma, stop or newline."""
    left = text[max(0, start - 60) : start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(left)]
    right = _CLAUSE_BREAK.search(text, end, min(len(text), end + 60))
    return start - len(left) + (breaks[-1] if breaks else 0), right.start() if right else end + 60


def _counted_ones(text: str, ones: list[Candidate], others: list[Candidate]) -> list[Candidate]:
    """The 一+classifier candidates that are counts (see ``_ONE_COUNT_BEFORE``)."""
    pool = sorted(others + ones, key=lambda c: c.start)
    starts = [c.start for c in pool]
    kept = []
    for one in ones:
        if _ONE_COUNT_BEFORE.search(text, max(0, one.start - 4), one.start):
            kept.append(one)
            continue
        if _CLAUSE_BREAK.match(text, one.end) or text[one.end : one.end + 1] in "、 ":
            continue  # 说一件、干一件: a pronoun-like 一件 quantifies nothing
        lo, hi = _clause(text, one.start, one.end)
        unit = one.attrs["unit"]
        near = pool[bisect_left(starts, lo) : bisect_left(starts, hi)]
        if any(c is not one and (c.attrs["unit"] == unit or _coordinated(text, one, c))
               for c in near):
            kept.append(one)
    return kept


_AND = re.compile(r"[^，。；,;]{0,10}[和与及、][^，。；,;]{0,2}")


def _coordinated(text: str, a: Candidate, b: Candidate) -> bool:
    """一桶食用油和两袋洗衣粉: two counts joined by 和, 与, 及 or 、 are both counts."""
    if a.attrs["unit"] in ("批", "种", "类"):
        return False  # 一批项目和3个园区: 一批 stays an article
    first, second = (a, b) if a.start < b.start else (b, a)
    return _AND.fullmatch(text, first.end, second.start) is not None


def find_figures(text: str) -> list[Candidate]:
    """FIGURE candidates, sorted and non-overlapping (one pass, plus titles and quotes)."""
    titles = _Regions(title_spans(text))
    slogans = _slogans(text)
    out: list[Candidate] = []
    ones: list[Candidate] = []
    for m in _PATTERN.finditer(text):
        start = m.start()
        if titles.covers(start):
            continue
        cand = _figure(text, m) if m.group("num") else _fraction(m)
        if cand is None:
            continue
        if slogans.covers(start) and cand.attrs["unit"] not in MEASURE_UNITS:
            continue
        if cand.attrs.keys() == {"value", "unit"}:
            comparator, near = _comparator(text, cand.start, cand.end)
            cand.attrs.update(approx=near, comparator=comparator)
        (ones if m.group("num") == "一" else out).append(cand)
    if ones:
        out = sorted(out + _counted_ones(text, ones, out), key=lambda c: c.start)
    return _unit_ranges(text, out)


def _unit_ranges(text: str, found: list[Candidate]) -> list[Candidate]:
    """3000元至6000元 is one range, like 3000至6000元: the lower bound, approx, range_max."""
    out: list[Candidate] = []
    for cand in found:
        prev = out[-1] if out else None
        if (prev is not None and "range_max" not in prev.attrs and "range_max" not in cand.attrs
                and prev.attrs["unit"] == cand.attrs["unit"] and prev.attrs["comparator"] == "="
                and _SEP_ONLY.fullmatch(text, prev.end, cand.start)):
            comparator, _ = _comparator(text, prev.start, cand.end)
            attrs = {**prev.attrs, "approx": True, "comparator": comparator,
                     "range_max": cand.attrs["value"]}
            out[-1] = Candidate(prev.start, cand.end, "FIGURE", SOURCE, prev.score, attrs)
            continue
        out.append(cand)
    return out
