"""Document metadata read from the raw page: paper, date, page, reporters and region.

Metadata comes from the raw text because the page furniture that clean-up removes (the
masthead, the dated page header, the copyright line) is where most of it is printed.
Only clear patterns count; anything not stated is ``None``, never guessed.

Paper, date, page and region belong to the page; the reporter belongs to a story, so a
page split into stories reads it from each story's own raw text.
"""

from __future__ import annotations

import json
import re
from functools import cache

from ..resources import resource_path
from .stories import HAN

_PAPER = rf"[{HAN}]{{1,10}}(?:报|网|社|台|新闻|客户端)"
# "重庆日报讯(" / "新渝报讯" at a line start; "本报讯" names no paper.
_LEAD_SOURCE = re.compile(rf"^[ \t\u3000\xa0]*({_PAPER})讯", re.M)
# "华西都市报(四川日报全媒体记者 …)": a paper name directly before a reporter credit.
_CREDIT_SOURCE = re.compile(rf"^[ \t\u3000\xa0]*({_PAPER})[(（][^()（）\n]{{0,30}}?记者", re.M)
_COPYRIGHT_MARK = re.compile(r"版权所有|©|Copyright", re.I)
_PAPER_BEFORE_MARK = re.compile(rf"({_PAPER})\s*$")
_NOT_A_NAME = frozenset({"本报", "本网", "本台", "本社"})

_DATE = r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?"
# A date alone on a line, or with a weekday, page label or navigation: the page header.
_HEADER_DATE = re.compile(
    rf"^[ \t\u3000\xa0]*{_DATE}[ \t\u3000\xa0]*"
    r"(?:(?:星期|周)[一二三四五六日天]?|第\s*[0-9A-Z]{1,4}\s*版|\d{1,2}:\d{2}(?::\d{2})?"
    r"|放大|缩小|默认|上一[版篇]|下一[版篇]|[ \t\u3000\xa0|/·])*$",
    re.M,
)
_LABELLED_DATE = re.compile(rf"(?:发布时间|发布日期|出版日期|日期)\s*[:：]\s*{_DATE}")
_PAGE = re.compile(
    r"(?:^|[ \t\u3000\xa0|日])[ \t\u3000\xa0]*第\s*([0-9A-Z]{1,4})\s*版"
    r"(?:\s*[:：]\s*([^\s。，,:：]{1,12}))?",
    re.M,
)

_CREDIT = re.compile(r"[(（]([^()（）\n]{0,40}?记者[^()（）\n]{1,40})[)）]")
_ROLE = re.compile(r"(?:全媒体|特约|见习|实习|首席)?记者|通讯员|实习生|摄影|摄|报道")
_BYLINE = re.compile(
    rf"^[ \t\u3000\xa0□■]*(?:{_PAPER})?记者((?:[ \t\u3000\xa0]+[{HAN}]{{1,4}})+)[ \t\u3000\xa0]*$",
    re.M,
)
# "…顾红松说。 华西都市报-封面新闻记者 马晓玉": a credit closing a story's last paragraph.
_CLOSING_CREDIT = re.compile(
    rf"(?<=[。！？”])[ \t\u3000\xa0]*[^\s。，,！？]{{0,16}}?记者"
    rf"((?:[ \t\u3000\xa0]+[{HAN}·]{{1,4}})+)[ \t\u3000\xa0]*$",
    re.M,
)
_NAME = re.compile(rf"[{HAN}·]+")


@cache
def _regions() -> dict[str, str]:
    try:
        data = json.loads(resource_path("newspapers.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, str)}


def extract_metadata(raw: str) -> dict[str, str | None]:
    """Source, date, page, reporter and region of a raw page; ``None`` where unstated."""
    source = _source(raw)
    return {
        "source": source,
        "date": _date(raw),
        "page": _page(raw),
        "reporter": _reporter(raw),
        "region": _regions().get(source) if source else None,
    }


def story_metadata(raw_story: str) -> dict[str, str | None]:
    """The fields a story of a page has of its own (its reporter), from its raw text."""
    return {"reporter": _reporter(raw_story)}


def _source(raw: str) -> str | None:
    """The paper: its copyright line or masthead first (page-level), then the first lead."""
    known = _regions()
    for mark in _COPYRIGHT_MARK.finditer(raw):  # find the mark first: a scan for names is slow
        m = _PAPER_BEFORE_MARK.search(raw, max(0, mark.start() - 16), mark.start())
        if m and m.group(1) not in _NOT_A_NAME:
            return _known_suffix(m.group(1), known)
    for line in raw[:2000].splitlines()[:40]:
        name = line.strip(" \t\u3000\xa0")
        if name in known:
            return name
    for pattern, needle in ((_LEAD_SOURCE, "讯"), (_CREDIT_SOURCE, "记者")):
        if needle not in raw:  # a substring test is far cheaper than a failing scan
            continue
        for m in pattern.finditer(raw):
            if m.group(1) not in _NOT_A_NAME:
                return _known_suffix(m.group(1), known)
    return None


def _known_suffix(name: str, known: dict[str, str]) -> str:
    """A known paper at the end of a longer match (``欢迎访问重庆日报`` → ``重庆日报``)."""
    for start in range(len(name) - 1):
        if name[start:] in known:
            return name[start:]
    return name


def _date(raw: str) -> str | None:
    for pattern in (_HEADER_DATE, _LABELLED_DATE):
        for m in pattern.finditer(raw):
            year, month, day = (int(g) for g in m.groups()[:3])
            if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _page(raw: str) -> str | None:
    m = _PAGE.search(raw) if "版" in raw else None
    if m is None:
        return None
    number, section = m.groups()
    return f"第{number}版:{section}" if section else f"第{number}版"


def _reporter(raw: str) -> str | None:
    """Reporters of the first credit in reading order: ``(记者 …)``, a ``记者 …`` byline line
    or a credit closing the last paragraph.

    A photo credit (``新渝报记者 黄舒 摄``) names a photographer, not the writer, so it is skipped.
    """
    if "记者" not in raw:
        return None
    found = []
    m = _CREDIT.search(raw)
    if m:
        found.append((m.start(), m.group(1)))
    for pattern in (_BYLINE, _CLOSING_CREDIT):
        for m in pattern.finditer(raw):
            if not m.group(0).rstrip().endswith(("摄", "摄影")):
                found.append((m.start(), "记者" + m.group(1)))
                break
    for _, credit in sorted(found):
        names = _names(credit)
        if names:
            return "、".join(names)
    return None


def _names(credit: str) -> list[str]:
    """Names after each reporter role; correspondents and photographers are not reporters.

    Two-character names are often typeset with a space to align with three-character ones
    (``记者 徐 潇``), so consecutive one-character pieces are joined back together.
    """
    names: list[str] = []
    roles = list(_ROLE.finditer(credit))
    for k, role in enumerate(roles):
        if "记者" not in role.group():
            continue
        part = credit[role.end() : roles[k + 1].start() if k + 1 < len(roles) else len(credit)]
        merged: list[str] = []
        for piece in _NAME.findall(part):
            if len(piece) == 1 and merged and len(merged[-1]) == 1:
                merged[-1] += piece
            else:
                merged.append(piece)
        names.extend(p for p in merged if 2 <= len(p) <= 4 and p not in names)
    return names
