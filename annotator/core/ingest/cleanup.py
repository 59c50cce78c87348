"""Clean-up of imported newspaper text by deletion only.

Every decision here names raw ranges to delete; the clean text and its offset map follow
mechanically, so each clean character is a raw character and spans map back exactly.
Characters are never replaced: full- and half-width punctuation stay as written.

Three kinds of deletion:

* page furniture: navigation, tables of contents, mastheads, copyright and address footers,
  app prompts, ICP lines; only whole lines that match a clear pattern;
* layout whitespace: indentation, trailing spaces, ``\\r``, extra blank lines (a paragraph
  break stays ``\\n\\n``; two or more blank lines become exactly two, which the story
  splitter reads as a strong separator);
* OCR repairs: spaces and line breaks that cut a word or sentence in two. A space goes when
  the line's spaces fall at a regular column width (PDF line wraps) or when a dictionary
  word crosses it; a line break goes when the paragraph clearly runs on. Anything unsure
  is left as it was.

A credit's spaces are deliberate, with one exception: a two-character name padded to the
width of a three-character one (``记者 徐 潇``). No name is one character long, so two lone
characters right after a credit word are one name; three lone characters are left alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from ..gazetteer import default_gazetteer
from ..lexicon import crossing_word
from ..offsets import OffsetMap
from ..resources import resource_path
from .stories import (
    HAN,
    ends_sentence,
    is_body,
    is_bullet,
    is_headline,
    is_lead,
)

# A line's content: from its first to its last character that is not white space. Python's
# \s covers ASCII, ideographic (U+3000) and no-break (U+00A0) spaces and \r; BOM and zero-width
# space are added because editors and web pages leave them at line edges.
_LINE_CONTENT = re.compile(r"[^\s\ufeff\u200b](?:[^\n]*[^\s\ufeff\u200b])?")
_FINAL = frozenset("。！？!?…")
_LAST_BRACKET = re.compile("[“”（）()《》【】][^“”（）()《》【】]*$")
_INNER_WS = re.compile("[ \t\u3000\xa0]+")
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_JOIN_AFTER = frozenset("，,、“‘《(（【—")
_CLAUSE_CHARS = re.compile("[，,、；;：:]")

# --- page furniture -------------------------------------------------------------------------
# Every furniture pattern below contains one of these; lines without a hit are not checked.
_FURNITURE_HINT = re.compile(
    r"上一[版篇页]|下一[版篇页]|放大|版|授权|地址|技术支持|APP|App|app|客户端|ICP|公网安备"
    r"|扫码|二维码|扫一扫|主办|Copyright|©|Rights|返回|首页|顶部|星期"
    r"|[>»＞|｜]|浏览|点击|阅读|热度|发布机构|成文日期|发布日期|索引号|发文字号|标题|更新"
    r"|\d:\d\d|^\d{4}-\d{1,2}-\d{1,2}$"
    r"|\S\s+\S+\s+\S+\s+\S+\s+\S"  # a row of links: five words or more
)
_NAV_TOKEN = re.compile(
    r"上一[版篇页]|下一[版篇页]|放大|缩小|默认|返回(?:目录|首页|顶部|上页)|打印(?:本页)?|关闭(?:窗口)?"
    r"|首页|尾页|末页"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]?"
)
_NAV_REST = re.compile(r"^[\s\d<>«»‹›←→◄►◀▶|/·\-]*$")
_NAV_STRONG = re.compile(r"上一[版篇页]|下一[版篇页]|放大|缩小")
# A link left alone on its line when a web page's navigation bar is split into blocks.
_NAV_ALONE = re.compile(r"^(?:首页|返回(?:首页|目录|顶部)|回到(?:首页|顶部))$")
_PAGE_LABEL = re.compile(r"^第\s*[0-9A-Z]{1,4}\s*版\s*(?:[:：]\s*[^\s。，,]{1,12})?$")
# The dated page header: a date with its weekday or page label. A date alone stays: it may
# be the date under a notice's signature.
_PAGE_HEADER = re.compile(
    r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*"
    r"(?:(?:星期|周)[一二三四五六日天]\s*(?:第\s*[0-9A-Z]{1,4}\s*版[^\s。，,]{0,12})?"
    r"|第\s*[0-9A-Z]{1,4}\s*版(?:\s*[:：]\s*[^\s。，,]{1,12})?)$"
)
_FOOTER = re.compile(
    r"版权所有(?:\s|$|[,，;；:：©]|未经)|未经(?:书面)?(?:许可|授权).{0,12}(?:不得|禁止|严禁)"
    r"|Copyright|©|All Rights Reserved"
    r"|^(?:地址|社址)\s*[:：].{0,80}(?:邮编|邮政编码|电话)|^技术支持\s*[:：]"
    r"|ICP[备证]|公网安备",
    re.I,
)
_PROMPT = re.compile(
    r"打开\s*(?:APP|App|app|客户端)|下载.{0,10}(?:APP|App|客户端)|扫码关注|扫描二维码|扫一扫"
    r"|长按(?:识别)?二维码"
)
_MASTHEAD = re.compile(r"^\S{1,16}(?:集团|报社|传媒|出版社|委员会|市委|省委|区委|县委)主办$")
# A breadcrumb (人民网>>四川频道, 首页 > 新闻中心 > 正文): short links joined by arrows.
_CRUMB_SEP = re.compile(r"\s*(?:>>|>|»|＞|›)\s*")
_CRUMB_START = re.compile(r"位置|首页|网|频道|新闻")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！？!?“”\"]")
# A page-info line with a view, click or heat counter (浏览次数:107870, 点击: 27 次, 阅读 (35828)).
_COUNTER = re.compile(
    r"(?:浏览次数|浏览量|点击数|点击量|阅读数|阅读量|热度|访问量)\s*[:：]"
    r"|(?:点击|浏览)\s*[:：]?\s*\d+\s*次|阅读\s*[(（]\s*\d+\s*[)）]"
)
# A government portal's metadata table ([ 发布机构 ] 市应急局, 成文日期: 2021-03-11).
_META_FIELD = re.compile(
    r"^[\[【]?\s*(?:发布机构|成文日期|发布日期|索引号|发文字号|主题分类|公开方式|标题|更新时间)"
    r"\s*(?:[\]】]|[:：])"
)
# A time stamp alone on its line (2025年05月28日 15:53, 2025-01-07 19:32:20, 24.04.2015 23:13).
_STAMP = re.compile(
    r"^(?:\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?|\d{1,2}\.\d{1,2}\.\d{4})"
    r"\s+\d{1,2}:\d{2}(?::\d{2})?$"
)
_BARE_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_LINK_SEP = re.compile(r"[\s|｜/]+")
_MENU_SEP = re.compile(r"\s*[|｜]\s*")


@dataclass(frozen=True)
class Cleaned:
    """A clean text with the way back to its raw text and a record of what was removed."""

    text: str  # the clean text
    offsets: OffsetMap  # clean -> raw
    repairs: int  # whitespace repairs inside words and sentences (spaces and line breaks)
    furniture: tuple[tuple[int, int], ...]  # raw ranges removed as page furniture


@cache
def _paper_names() -> frozenset[str]:
    try:
        data = json.loads(resource_path("newspapers.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(k for k in data if not k.startswith("_"))


def _is_nav(line: str) -> bool:
    """A line made only of reader navigation, dates and arrows (``3上一篇 下一篇4``)."""
    if _NAV_ALONE.match(line):
        return True
    if _NAV_STRONG.search(line) is None:
        return False
    return _NAV_REST.match(_NAV_TOKEN.sub("", line)) is not None


def _is_furniture(line: str) -> bool:
    if len(line) > 120 or "。" in line:
        return False
    header = _PAGE_LABEL.match(line) or _PAGE_HEADER.match(line)
    if _is_nav(line) or header or _FOOTER.search(line):
        return True
    if _COUNTER.search(line) or _STAMP.match(line) or (
            _META_FIELD.match(line) and "来源" not in line):  # a source line is text
        return True
    if _is_breadcrumb(line) or _is_menu(line) or _is_place_links(line):
        return True
    if len(line) > 40:
        return False
    return _PROMPT.search(line) is not None or _MASTHEAD.match(line) is not None


def _is_breadcrumb(line: str) -> bool:
    """Short links (two characters or more) joined by arrows, starting from the site or its
    home page."""
    parts = [p for p in _CRUMB_SEP.split(line) if p]
    arrows = len(parts) - 1
    if arrows < 1 or _SENTENCE_PUNCT.search(line) or any(not 2 <= len(p) <= 20 for p in parts):
        return False
    return arrows >= 2 or _CRUMB_START.search(parts[0]) is not None


def _is_menu(line: str) -> bool:
    """A site menu: three or more short links between bars (关于我们 | 联系我们 | 网站地图)."""
    parts = [p for p in _MENU_SEP.split(line) if p]
    return (len(parts) >= 3 and all(len(p) <= 16 for p in parts)
            and not _SENTENCE_PUNCT.search(line) and not any(c.isdigit() for c in line))


def _is_place_links(line: str) -> bool:
    """A row of links, mostly place names (池州市 宣城市 六安市 …): a site's regional menu."""
    words = [w for w in _LINK_SEP.split(line) if w]
    if len(words) < 5 or _SENTENCE_PUNCT.search(line) or any(len(w) > 8 for w in words):
        return False
    places = sum(1 for w in words if default_gazetteer().lookup(w))
    return places * 10 >= len(words) * 7


def _furniture_lines(texts: list[str], candidates: set[int]) -> list[bool]:
    """Furniture flags per line, including a page header such as an e-paper's contents list.

    The header is everything before the last furniture line at the top of the page, if the
    top holds navigation (上一版/下一篇) and at least two furniture lines; the top ends at the
    first line with a full stop. A known paper name alone on a line there is a masthead.
    """
    flags = [i in candidates and _is_furniture(t) for i, t in enumerate(texts)]
    dates = [t for t in texts if _BARE_DATE.match(t)]
    for i, t in enumerate(texts):  # a date repeated alone on its lines: a list's dates
        if _BARE_DATE.match(t) and dates.count(t) >= 2:
            flags[i] = True
    papers = _paper_names()
    top_end = 0
    while top_end < len(texts) and top_end < 40 and "。" not in texts[top_end]:
        top_end += 1
    top = range(top_end)
    marks = [i for i in top if flags[i] or texts[i] in papers]
    if len(marks) >= 2 and any(_NAV_STRONG.search(texts[i]) and flags[i] for i in marks):
        for i in range(marks[-1] + 1):
            flags[i] = True
    return flags


# --- spaces inside a line -------------------------------------------------------------------
# Widths are in half-width cells, doubled to stay in integers: UTF-8 length plus character count
# gives 2 per ASCII character and 4 per CJK character or full-width punctuation.
def _wrap_width(line: str) -> int:
    """The doubled column width if the line's spaces fall at a steady width (PDF wraps), else 0.

    Interior segments (between two spaces) are whole printed lines, so their widths agree;
    a heading's phrase gaps do not.
    """
    segments = line.split()  # str.split() also splits at U+3000 and U+00A0
    if len(segments) < 4:
        return 0
    inner = sorted([len(x.encode()) + len(x) for x in segments[1:-1]])
    median = inner[len(inner) // 2]
    if median < 32:
        return 0
    close = sum([abs(w - median) * 5 <= median for w in inner])
    first = segments[0]
    if close * 10 >= len(inner) * 7 and (len(first.encode()) + len(first)) * 4 <= median * 5:
        return median
    return 0


def _crosses(left: str, lend: int, right: str, rstart: int, min_len: int) -> bool:
    """Whether a dictionary word spans ``left[:lend]`` + ``right[rstart:]`` (Han characters)."""
    i = lend
    while i > 0 and lend - i < 3 and "\u3400" <= left[i - 1] <= "\u9fff":
        i -= 1
    j = rstart
    stop = min(len(right), rstart + 3)
    while j < stop and "\u3400" <= right[j] <= "\u9fff":
        j += 1
    if i == lend or j == rstart:
        return False
    return crossing_word(left[i:lend], right[rstart:j], min_len) is not None


def _space_deletions(
    line: str, base: int, regular: bool, columns: list[int]
) -> list[tuple[int, int]]:
    """Spaces in ``line`` that are line wraps or cut a word; ``columns``: the page's wrap widths."""
    alnum = _ALNUM
    if regular:  # every space is a wrap, except between Latin words or numbers
        spans = [m.span() for m in _INNER_WS.finditer(line)]
        return [
            (base + s, base + e)
            for s, e in spans
            if line[s - 1] not in alnum or line[e] not in alnum
        ]
    out = []
    if not is_body(line):
        return []  # a heading's or credit's spaces are deliberate unless they fall regularly
    segment_start = 0
    for m in _INNER_WS.finditer(line):
        s, e = m.span()
        segment = line[segment_start:s]
        segment_start = e
        if line[s - 1] in alnum and line[e] in alnum:
            continue  # Latin words and numbers keep their spaces (City Walk)
        if columns:
            width = len(segment.encode()) + len(segment)
            if any(abs(width - c) * 10 <= c for c in columns):
                out.append((base + s, base + e))  # a wrap at one of the page's column widths
                continue
        if line.startswith(_CREDIT_WORDS, e) or line.endswith(_CREDIT_WORDS, 0, s):
            continue  # 刘畅 通讯员: a credit word starts anew, though 畅通 is a word
        if _crosses(line, s, line, e, 2):
            out.append((base + s, base + e))
    return out


_CREDIT_WORDS = ("记者", "通讯员", "实习生", "摄影")
_NAME_PAD = re.compile(
    rf"(?:{'|'.join(_CREDIT_WORDS)})[ \t\u3000\xa0]+[{HAN}]([ \u3000\xa0]{{1,2}})[{HAN}]"
    rf"(?=[ \t\u3000\xa0]*(?:$|[)）])|[ \t\u3000\xa0]+(?:摄|摄影|报道|[{HAN}]{{2}}))"
)


def _name_pads(line: str, base: int) -> list[tuple[int, int]]:
    """The padding inside two-character names of a credit (``记者 徐 潇``)."""
    if not any(word in line for word in _CREDIT_WORDS):
        return []  # cheap test first: this runs on every line with a space
    return [(base + m.start(1), base + m.end(1)) for m in _NAME_PAD.finditer(line)]


# --- breaks between lines -------------------------------------------------------------------
def _unclosed(line: str) -> bool:
    """The line's last quote or bracket opens: the sentence goes on past the break."""
    m = _LAST_BRACKET.search(line, max(0, len(line) - 200))
    return m is not None and m.group()[0] in "“（(《【"


def _hard_wrap_width(texts: list[str], kept: list[int], breaks: list[int]) -> int:
    """The doubled width at which the text is hard-wrapped line by line, or 0 if it is not.

    Text copied from a PDF often breaks every printed line with a single newline; most of
    those lines then have one and the same width, which no run of real paragraphs has.
    """
    widths = sorted(_width2(texts[kept[n]]) for n, b in enumerate(breaks) if b == 1)
    if len(widths) < 4:
        return 0
    median = widths[len(widths) // 2]
    close = sum(abs(w - median) * 12 <= median for w in widths)
    return median if median >= 32 and close * 10 >= len(widths) * 6 else 0


def _width2(text: str) -> int:
    return len(text.encode()) + len(text)


def _should_join(a: str, b: str, after: str | None, wrapped: bool = False) -> bool:
    """Whether the break between lines ``a`` and ``b`` cuts a sentence (paragraph runs on).

    ``a`` does not end a sentence (the caller checked); ``wrapped`` says it fills the page's
    hard-wrap width. Evidence first, then vetoes.
    """
    last = a[-1]
    if last in "：:；;" or (last in _ALNUM and b[0] in _ALNUM):
        return False  # a list follows; or deleting would glue two Latin words or numbers
    if wrapped or last in _JOIN_AFTER or _unclosed(a):
        pass
    elif is_body(a):
        if not is_body(b) and not _crosses(a, len(a), b, 0, 2):
            return False
    elif _CLAUSE_CHARS.search(a) and is_body(b):
        if not _crosses(a, len(a), b, 0, 2):  # a fragment such as "2017年,…已经承" + "担了…"
            return False
    elif not _crosses(a, len(a), b, 0, 4):
        return False  # a headline runs into its body; only a long word says otherwise
    if is_lead(b) or is_bullet(b):
        return False
    return after is None or not (is_headline(b) and is_lead(after))  # b: next story's headline


def _gap_deletions(raw: str, start: int, end: int, keep: int) -> list[tuple[int, int]]:
    """Delete ``raw[start:end]`` (whitespace and furniture) except its first ``keep`` newlines."""
    out = []
    pos = start
    for _ in range(keep):
        nl = raw.find("\n", pos, end)
        if nl < 0:
            break
        if nl > pos:
            out.append((pos, nl))
        pos = nl + 1
    if end > pos:
        out.append((pos, end))
    return out


def clean_text(raw: str) -> Cleaned:
    """Clean a raw article or page; see the module notes for what is removed and why."""
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    for m in _LINE_CONTENT.finditer(raw):
        starts.append(m.start())
        ends.append(m.end())
        texts.append(m.group())
    if not texts:
        text, offsets = OffsetMap.from_deletions(raw, [(0, len(raw))])
        return Cleaned(text, offsets, 0, ())

    hits = {
        i
        for i, t in enumerate(texts)
        if len(t) <= 120 and "。" not in t and _FURNITURE_HINT.search(t)
    }
    if hits:
        flags = _furniture_lines(texts, hits)
        kept = [i for i, f in enumerate(flags) if not f]
        furniture = _merge_furniture(starts, ends, flags)
    else:
        kept = list(range(len(texts)))
        furniture = ()
    if not kept:
        text, offsets = OffsetMap.from_deletions(raw, [(0, len(raw))])
        return Cleaned(text, offsets, 0, furniture)

    deletions, repairs = _inner_space_deletions(starts, texts, kept)
    deletions.append((0, starts[kept[0]]))
    deletions.append((ends[kept[-1]], len(raw)))
    count = raw.count
    breaks = [count("\n", ends[kept[n]], starts[kept[n + 1]]) for n in range(len(kept) - 1)]
    column = _hard_wrap_width(texts, kept, breaks)
    for n in range(len(kept) - 1):
        i, j = kept[n], kept[n + 1]
        end, nxt = ends[i], starts[j]
        newlines = breaks[n]
        keep = min(newlines - (j - i - 1), 3)  # furniture lines between are not blank lines
        a = texts[i]
        if keep <= 2 and a[-1] not in _FINAL and not ends_sentence(a):
            after = texts[kept[n + 2]] if n + 2 < len(kept) else None
            wrapped = column > 0 and newlines == 1 and abs(_width2(a) - column) * 12 <= column
            if _should_join(a, texts[j], after, wrapped):
                keep = 0
                repairs += 1
        if keep != newlines or nxt - end != newlines:
            deletions.extend(_gap_deletions(raw, end, nxt, keep))
    text, offsets = OffsetMap.from_deletions(raw, deletions)
    return Cleaned(text, offsets, repairs, furniture)


def _inner_space_deletions(
    starts: list[int], texts: list[str], kept: list[int]
) -> tuple[list[tuple[int, int]], int]:
    """Deletions of spaces inside kept lines, and how many there are.

    Column widths learnt from the page's clearly wrapped lines also identify wraps in lines
    with only one or two spaces, where a width cannot be seen from the line alone.
    """
    spaced = [
        i
        for i in kept
        if " " in texts[i] or "\u3000" in texts[i] or "\xa0" in texts[i] or "\t" in texts[i]
    ]
    if not spaced:
        return [], 0
    widths = {i: _wrap_width(texts[i]) for i in spaced}
    columns = sorted({w for w in widths.values() if w})
    out: list[tuple[int, int]] = []
    for i in spaced:
        found = _space_deletions(texts[i], starts[i], widths[i] > 0, columns)
        found += _name_pads(texts[i], starts[i])
        out.extend(sorted(set(found)))
    return out, len(out)


def _merge_furniture(
    starts: list[int], ends: list[int], flags: list[bool]
) -> tuple[tuple[int, int], ...]:
    """Raw ranges of the furniture lines; furniture lines with only blank lines between merge."""
    out: list[list[int]] = []
    for i, flag in enumerate(flags):
        if not flag:
            continue
        if out and flags[i - 1]:
            out[-1][1] = ends[i]
        else:
            out.append([starts[i], ends[i]])
    return tuple((s, e) for s, e in out)
