"""POLICY rule: document titles written between 《 and 》.

The span is everything between the outer brackets, brackets excluded, so quotation marks
and a year in parentheses inside the title stay in it (``“十四五”就业促进规划``,
``中国经济普查年鉴(2023)``). One level of nested 《》 is kept inside the outer title.
A title may cross a single line break (OCR wraps long titles) but never a blank line, which
is where an unclosed bracket would otherwise swallow the next paragraph.

Titles of films, songs and other works (told by the words around them: 上映, 影片, 电视剧 …)
and of newspapers (…日报, …杂志) are not documents and are not proposed; other rules still
stay out of them (:func:`title_spans` lists every bracketed title).
"""

from __future__ import annotations

import re

from .candidate import Candidate

SOURCE = "rule:policy"
_MAX_TITLE = 200

_BODY = r"(?:[^《》\n]|\n(?![ \t\u3000]*\n))"
_TITLE = re.compile(rf"《(?P<body>(?:{_BODY}|《{_BODY}*》){{1,{_MAX_TITLE}}})》")

_MEDIA_END = re.compile(r"(?:日报|晚报|早报|时报|商报|周报|报|杂志|周刊|月刊|画报|学报)$")
_WORK_BEFORE = re.compile(
    r"(?:上映|播出|播放|热映|演唱|演出|观看|观影|主演|出版|阅读|拍摄)\S{0,4}$"
)
_WORK_AFTER = re.compile(
    r"^(?:《[^》]{0,40}》)*\S{0,3}?(?:影片|电影|电视剧|纪录片|动画|歌曲|专辑|小说|游戏|节目|栏目|晚会|话剧)"
)


def title_spans(text: str) -> list[tuple[int, int]]:
    """Inner ``[start, end)`` of every 《》 title, used by other rules to stay out of titles."""
    return [(m.start("body"), m.end("body")) for m in _TITLE.finditer(text)]


def _kind(text: str, start: int, end: int) -> str:
    body = text[start:end]
    if _MEDIA_END.search(body):
        return "media"
    before = text[max(0, start - 1 - 40) : start - 1]
    after = text[end + 1 : end + 1 + 60]
    if _WORK_BEFORE.search(before) or _WORK_AFTER.search(after):
        return "work"
    return "document"


def find_policies(text: str) -> list[Candidate]:
    """Every 《》 title as a POLICY candidate, sorted and non-overlapping."""
    out: list[Candidate] = []
    for start, end in title_spans(text):
        if not text[start:end].strip():
            continue
        if _kind(text, start, end) != "document":
            continue
        out.append(Candidate(start, end, "POLICY", SOURCE, 0.95, {}))
    return out
