"""DATE rule: absolute dates and periods written with numbers.

Covered: ``2024年12月05日``, ``2021年12月``, ``3月17日``, ``12月26日``, ``2022年``,
``1-10月``, ``2021-2025年``, ``2024-12-05``, Chinese-digit years (``二〇二三年``, optionally
with a Chinese month and day), and OCR text with spaces or one line break between the parts
(``2024 年 12 月 05 日``). Relative words (今年, 上个月, 近年来) carry no number and never
match; ``今年5月`` yields ``5月``.

Decisions:
- ``2022年度`` is one span ``2022年度``: the period as written, 度 included; so are a part of
  a year or month (``2024年底``, ``10月初``, ``9月中下旬``).
- A 4-digit year after a counting word (``近1500年``, ``历时2000年``) is a duration and is
  left to the FIGURE rule; the same test (:func:`numerals.looks_like_year`) is used there, so
  the two families never claim the same text.
- A day without 日/号 (``3月20`` cut off by OCR) is accepted only before white space or the end
  of a line, with a low score.
- A bare day (``26日``) is accepted only before punctuation, a time of day (上午, 晚), a dateline
  (电, 讯) or a verb of reporting (获悉, 召开, 举行 …): ``30日内``, ``7日游`` are durations.
- Quarters are numbered periods: ``一季度``, ``第三季度``, ``前三季度`` (前 included, as for
  ``1-9月`` the period is the first three quarters), ``2024年一季度``.
- Dates inside a 《》 title belong to the POLICY span and are not proposed.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .candidate import Candidate
from .numerals import looks_like_year
from .policies import title_spans

SOURCE = "rule:date"

_D = "[0-9０-９]"
_W = r"[ \t\u3000]{0,2}(?:\n[ \t\u3000]{0,4})?"  # OCR gap: spaces, at most one line break
_SEP = r"[-－~～—–至到]"
_YEAR = rf"(?<![0-9０-９.．])[12１２]{_D}{{3}}(?!{_D})"
_MONTH = rf"(?<![0-9０-９.．])(?:1[0-2]|１[０-２]|0?[1-9]|０?[１-９])(?!{_D})"
_DAY = rf"(?:3[01]|[12]{_D}|0?[1-9]|３[０１]|[１２]{_D}|０?[１-９])(?!{_D})"
_CN_YEAR = "[一二][〇零○一二三四五六七八九]{3}"
_CN_MONTH = "(?:十[一二]?|[一二三四五六七八九])"
_CN_DAY = "(?:三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_QUARTER = "(?:[前第]?[一二三四1-4１-４]季度)"
_DAY_END = rf"(?:{_W}[日号]|(?P<open>(?=[ \t\u3000]+\S|[ \t\u3000]*(?:\n|$))))"

_PATTERN = re.compile(
    rf"""
    (?=[0-9０-９一二三四五六七八九十前第])  # cheap first-character test before the alternatives
    (?:
    (?P<ymd>(?P<y>{_YEAR}){_W}年
        (?:{_W}{_MONTH}{_W}{_SEP}{_W}{_MONTH}{_W}月
          |{_W}{_MONTH}{_W}月(?:{_W}{_DAY}{_W}[日号])?|{_W}{_QUARTER}|[上下]半年|度)?)
    (?:{_W}{_SEP}{_W}(?:{_YEAR}{_W}年(?:{_W}{_MONTH}{_W}月(?:{_W}{_DAY}{_W}[日号])?)?
                       |{_MONTH}{_W}月(?:{_W}{_DAY}{_W}[日号])?|{_DAY}{_W}[日号]))?
  | (?P<yr>(?P<yr1>{_YEAR}){_W}{_SEP}{_W}{_YEAR}{_W}年度?)
  | (?P<iso>{_YEAR}(?P<isep>[-/.])(?:1[0-2]|0?[1-9])(?P=isep)(?:3[01]|[12]\d|0?[1-9])(?![0-9]))
  | (?P<cn>(?<![一二三四五六七八九十〇零○]){_CN_YEAR}年(?:{_CN_MONTH}月(?:{_CN_DAY}[日号])?)?
          |(?<![一二三四五六七八九十〇零○]){_CN_MONTH}月{_CN_DAY}[日号])
  | (?P<md>{_MONTH}{_W}月{_W}{_DAY}{_DAY_END}
           (?:{_W}{_SEP}{_W}(?:{_MONTH}{_W}月{_W})?{_DAY}{_W}[日号])?)
  | (?P<mr>{_MONTH}{_W}月?{_W}{_SEP}{_W}{_MONTH}{_W}月)
  | (?P<m>{_MONTH}{_W}月)
  | (?P<d>(?<![0-9０-９.．月]){_DAY}{_W}日)(?=[,，、。上下中早晚凌电讯起至到在从获召举发赴])
  | (?P<q>(?<![一二三四五六七八九十〇零○]){_QUARTER})
    )
    """,
    re.VERBOSE,
)

_SCORE = {"ymd": 0.95, "yr": 0.95, "iso": 0.9, "cn": 0.9, "md": 0.95, "mr": 0.9, "m": 0.85,
          "d": 0.6, "q": 0.8}  # fmt: skip
_RANGE = re.compile(_SEP)
_PART = re.compile(r"(?:初(?![步次级心衷中稿])|底|末|上半月|下半月|上中旬|中下旬|上旬|中旬|下旬)")


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    k = bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _attrs(alt: str, span: str) -> dict[str, object]:
    """``granularity`` (day, month, year) and ``range`` for a consumer that wants to sort."""
    if alt == "iso" or span.rstrip()[-1] in "日号" or alt == "md":
        granularity = "day"
    elif "季度" in span:
        granularity = "quarter"
    elif "月" in span:
        granularity = "month"
    else:
        granularity = "year"
    return {"granularity": granularity, "range": alt != "iso" and bool(_RANGE.search(span))}


def find_dates(text: str) -> list[Candidate]:
    """DATE candidates, sorted and non-overlapping; one regex pass plus the title pass."""
    titles = title_spans(text)
    starts = [s for s, _ in titles]
    out: list[Candidate] = []
    for m in _PATTERN.finditer(text):
        start, end = m.span()
        if titles and _inside(titles, starts, start):
            continue
        year = m.group("y") or m.group("yr1")
        if year and not looks_like_year(year, text[max(0, start - 4) : start]):
            continue
        alt = next(name for name in _SCORE if m.group(name) is not None)
        score = 0.6 if alt == "md" and m.group("open") is not None else _SCORE[alt]
        part = _PART.match(text, end) if text[end - 1] in "年月" else None
        end = part.end() if part else end  # 10月底, 9月中下旬, 2024年底: still that period
        out.append(Candidate(start, end, "DATE", SOURCE, score, _attrs(alt, m.group())))
    return out
