"""Splitting a newspaper page into its stories, and naming a document by its headline.

Pages are split only where the page itself shows a story start:

* a short headline line followed by a news lead (``本报讯``, ``XX日报讯(``, ``(记者…)``,
  ``□ 作者``, ``(上接1版)``, a byline), by a paragraph that opens with the day it reports
  (``12月26日,``, ``近日,``; the lead may follow one teaser paragraph), or set off from the
  text by two or more blank lines;
* a headline after a paragraph that closes a story: a credit (``记者 马晓玉``), a wire tag
  (``(新华社北京12月26日电)``) or a jump to another page (``(下转3版)``);
* a continuation mark (``(上接03版)``) or a wire lead (``新渝报讯(…)``) opening a paragraph
  after a finished sentence: the story's headline is on another page or was lost.

Sub-headings inside a story have none of these, so they never split it; where the evidence
is missing the text stays together.

The line tests here are shared with the clean-up, which must not glue a headline or a lead
onto the paragraph before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import default_gazetteer
from ..kb.jurisdiction import outlet_region, source_line_region

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
SENTENCE_END = frozenset("。！？!?…")
CLOSERS = frozenset("”’」』）)】》〕〉\"'")
CLAUSE = "，,、；;：:"

_LEAD = re.compile(
    rf"""^(?:
        (?:本报|本网|[{HAN}]{{1,10}}(?:报|网|社|台|新闻|客户端))讯        # 本报讯 / 重庆日报讯
      | [{HAN}]{{2,12}}[(（][^()（）\n]{{0,30}}?记者                     # 华西都市报(…记者 …)
      | [(（]\s*(?:本报|本台)?(?:特约|见习|实习)?(?:记者|通讯员)         # (记者 张莎)
      | [(（]\s*[上下]接\s*(?:第\s*)?[0-9A-Z０-９]{{1,4}}\s*版\s*[)）]    # (上接1版)
      | [□■◎]\s*\S                                                     # □ 作者署名
      | 新华社[{HAN}]{{1,10}}\d{{1,2}}月\d{{1,2}}日电
    )""",
    re.X,
)
_BYLINE = re.compile(
    rf"(?:^|[\s{HAN}])(?:记者|通讯员|实习生|摄影|撰稿)\s*[{HAN}·]{{1,4}}(?:\s|$|[)）])"
    rf"|(?:书记|局长|主任|部长|县长|市长|区长|主席|校长|院长|理事长|所长|馆长)\s+[{HAN}]{{2,4}}$"
    rf"|^(?:文|图|文/图|文图)\s*[/／|:：]"
)
_BYLINE_WORD = re.compile(
    "记者|通讯员|实习生|摄影|撰稿|书记|局长|主任|部长|县长|市长|区长|主席|校长|院长|理事长|所长|馆长|^文|^图"
)
_BULLET = re.compile(
    r"^(?:[-—–•●○◆◇▪■□※*·>]|[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|\d{1,2}[、．]|[①-⑳])"
)
_SECTION_LABEL = re.compile(
    r"(?:>>|》》|＞＞|→)\s*$|^(?:相关链接|延伸阅读|相关阅读|相关新闻|背景链接)"
)
_TWO_HAN = re.compile(f"[{HAN}][^{HAN}]*[{HAN}]")
_CLAUSE_CHARS = re.compile("[，,、；;：:]")
_BODY_PUNCT = re.compile("[。！？]")
_CONTINUED = re.compile(
    r"^[(（]\s*(?:上接|接上|转自)\s*(?:第\s*)?[0-9A-Z０-９]{1,4}\s*版\s*[)）]$"
)
_WIRE_LEAD = re.compile(
    rf"^(?:(?:本报|本网|[{HAN}]{{1,10}}(?:报|网|社|台|新闻|客户端))讯"
    rf"|新华社[{HAN}]{{1,10}}\d{{1,2}}月\d{{1,2}}日电)"
)
_DATED_LEAD = re.compile(
    r"^(?:\d{4}\s*年\s*)?[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日|^(?:日前|近日|昨日|昨天)[,，]"
)
_CLOSER = re.compile(
    rf"[(（]\s*(?:新华社|中新社|[{HAN}]{{2,8}}(?:社|网|报|台))[^()（）\n]{{0,16}}?电\s*[)）]$"
    r"|[(（]\s*(?:下转|转下|下接|转第?)\s*(?:第\s*)?[0-9A-Z０-９]{1,4}\s*版\s*[)）]$"
    r"|[(（]\s*(?:完|责任编辑[^()（）\n]{0,20})\s*[)）]$"
    rf"|(?:^|\s)[^\s。，,]{{0,16}}(?:记者|通讯员)\s*[{HAN}·]{{2,4}}"
    rf"(?:\s+[{HAN}·]{{2,4}}){{0,3}}$"
)
_DATE_LINE = re.compile(r"^\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?[\s\S]{0,12}$")

MAX_HEADLINE = 64
MAX_TITLE = 80


@dataclass(frozen=True)
class Story:
    """``text[start:end]`` is the story (clean-text offsets, end exclusive, no blank edges)."""

    start: int
    end: int
    title: str


def is_lead(line: str) -> bool:
    """The opening of a news item: a dateline, a reporter credit or a continuation mark."""
    head = line[:48]
    if not (
        "讯" in head
        or "记者" in head
        or "通讯员" in head
        or "接" in head[:8]
        or line[0] in "□■◎"
        or head.startswith("新华社")
    ):
        return False  # cheap test first: this runs on every candidate line
    return _LEAD.match(line) is not None


def is_continuation(line: str) -> bool:
    """A line that only says the story comes from another page: ``(上接03版)``."""
    return _CONTINUED.match(line) is not None


def closes_story(line: str) -> bool:
    """A paragraph that ends a story: a credit, a wire tag, ``(完)`` or a jump to another page."""
    return _CLOSER.search(line, max(0, len(line) - 48)) is not None or is_byline(line)


def is_byline(line: str) -> bool:
    """A short credit line: ``记者 徐 潇``, ``新渝报记者 黄舒 摄``, ``…局长 徐良程``."""
    if len(line) > 40 or "。" in line:
        return False
    if line[0] in "□■":
        return True
    if not _BYLINE_WORD.search(line):
        return False
    return _BYLINE.search(line) is not None


def is_bullet(line: str) -> bool:
    return _BULLET.match(line) is not None


def ends_sentence(line: str) -> bool:
    """True when the line closes a sentence (``。``, ``！``, ``。”``): a break after it is real."""
    last = line[-1]
    if last in SENTENCE_END:
        return True
    return last in CLOSERS and len(line) > 1 and line[-2] in SENTENCE_END


def is_body(line: str) -> bool:
    """Running text rather than a headline: sentence punctuation, several clauses, or length."""
    n = len(line)
    if n > MAX_HEADLINE or _BODY_PUNCT.search(line, 0, n - 1):
        return True
    clauses = len(_CLAUSE_CHARS.findall(line))
    return clauses >= 2 or (clauses == 1 and n >= 36)


def is_headline(line: str) -> bool:
    """A short title-like line: no sentence inside it, not a lead, bullet, credit or label."""
    if not 2 <= len(line) <= MAX_HEADLINE or "。" in line or ";" in line or "；" in line:
        return False
    if line[-1] in CLAUSE or line[-1] in "“‘《(（【" or line[0] in "(（":
        return False
    if is_body(line) or _TWO_HAN.search(line) is None:
        return False
    if is_lead(line) or is_bullet(line) or is_byline(line):
        return False
    return _SECTION_LABEL.search(line) is None and _DATE_LINE.match(line) is None


def _lines(text: str) -> list[tuple[int, int, int]]:
    """Non-blank lines as ``(start, end, blank lines before)``, edges trimmed of spaces."""
    out = []
    pos = 0
    blanks = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            out.append((start, start + len(stripped), blanks))
            blanks = 0
        else:
            blanks += 1
        pos += len(line) + 1
    return out


def split_stories(text: str) -> list[Story]:
    """Stories of a page in reading order; a page without clear story starts is one story.

    A story's title is its first line (for a stack of headline lines, the first of them:
    the kicker or main title; after a continuation mark, the line below it); subtitles stay
    in the text.
    """
    lines = _lines(text)
    if not lines:
        return []
    page = _Page([text[s:e] for s, e, _ in lines], [b for _, _, b in lines])
    starts = page.story_starts()
    stories = []
    for k, first in enumerate(starts):
        last = (starts[k + 1] if k + 1 < len(starts) else len(lines)) - 1
        start, end = lines[first][0], lines[last][1]
        stories.append(Story(start, end, _cap(page.title_line(first, last))))
    return stories


@dataclass
class _Page:
    """The non-blank lines of a page and the blank lines before each, for story starts."""

    strs: list[str]
    blanks: list[int]

    def __post_init__(self) -> None:
        self.heads = [is_headline(t) for t in self.strs]
        # Where every paragraph is set off by two blank lines, blank lines say nothing.
        seps = self.blanks[1:]
        self.wide_gaps_mean_something = sum(b >= 2 for b in seps) * 2 <= len(seps)

    def story_starts(self) -> list[int]:
        starts = [0]
        i = 1
        while i < len(self.strs):
            if self.heads[i] and not (self.heads[i - 1] and self.blanks[i] <= 1):
                j = self._run_end(i)
                if j + 1 < len(self.strs) and self._headline_starts(i, j):
                    starts.append(i)
                i = j + 1
                continue
            if not self.heads[i - 1] and self._opens_story(i):
                starts.append(i)
            i += 1
        return starts

    def _run_end(self, i: int) -> int:
        """The last line of the headline run at ``i``: kicker, headline and subtitles."""
        j = i
        heads, blanks = self.heads, self.blanks
        while j + 1 < len(heads) and heads[j + 1] and blanks[j + 1] <= 1 and j - i < 3:
            j += 1
        return j

    def _headline_starts(self, i: int, j: int) -> bool:
        after = self.strs[j + 1]
        if is_lead(after) or is_byline(after) or self._closes(i - 1):
            return True
        if self.wide_gaps_mean_something and (self.blanks[i] >= 2 or self.blanks[j + 1] >= 2):
            return True
        return ends_sentence(self.strs[i - 1]) and self._dated_lead(j + 1)

    def _dated_lead(self, k: int) -> bool:
        """Paragraph ``k``, or the one after it if ``k`` is a teaser, opens with a day."""
        for n in range(k, min(k + 2, len(self.strs))):
            if self.heads[n]:
                return False
            if _DATED_LEAD.match(self.strs[n]):
                return True
        return False

    def _opens_story(self, i: int) -> bool:
        """A continuation mark or wire lead after a finished story or sentence."""
        line = self.strs[i]
        if not (is_continuation(line) or _WIRE_LEAD.match(line)):
            return False
        return ends_sentence(self.strs[i - 1]) or self._closes(i - 1)

    def _closes(self, k: int) -> bool:
        """Line ``k`` ends a story; a credit line right under a headline opens one instead."""
        line = self.strs[k]
        if not closes_story(line):
            return False
        credit_only = is_byline(line) or _CLOSER.match(line) is not None
        return not (credit_only and k > 0 and self.heads[k - 1])

    def title_line(self, first: int, last: int) -> str:
        """The headline, not the continuation mark above it."""
        if is_continuation(self.strs[first]) and first < last:
            return self.strs[first + 1]
        return self.strs[first]


def _cap(line: str) -> str:
    return line[:MAX_TITLE].rstrip()


def title_of(text: str) -> str:
    """The first line with real words in it (two or more Han or Latin letters), shortened."""
    for line in text.split("\n"):
        line = line.strip()
        if len(re.findall(rf"[{HAN}A-Za-z]", line[:MAX_TITLE])) >= 2:
            return _cap(line)
    return _cap(text.strip())


def page_region(text: str, meta: dict) -> str | None:
    """The region a whole page is about, for each of its stories: its metadata's, its
    outlet's, else the division its source line names (来源:池州团市委). A story split off the
    page keeps it, though the masthead or source line sits in another story."""
    gazetteer = default_gazetteer()
    region = meta.get("region") or outlet_region(meta.get("source"), gazetteer)
    if region:
        return region
    code = source_line_region(text, gazetteer)
    return "".join(d.name for d in gazetteer.chain(code)) if code else None

