"""PERSON rule family: names introduced by bylines, titles, speech verbs, then repeated.

A Chinese name is a surname (single or compound, from the 百家姓 list plus common modern ones)
and one or two given-name characters. Where it ends is told by what follows it: punctuation,
or a verb of reporting or attending (说, 强调, 主持, 出席, 一行 …). Evidence, strongest first:

* bylines: ``记者张莎``, ``(记者 熊敏秀 见习记者 赵元元)``, ``记者 徐 潇`` (an OCR space inside a
  two-character name is crossed: the span is ``徐 潇``);
* a title or role right before the name: ``副县长李心国``, ``局长 薛千勇``, with lists joined by
  、 (``副主任肖朝华、贺泽贵、印国建``);
* a name opening a clause before a reporting verb (``谢东强调``, ``王万树遗失``), or before
  总书记/同志;
* every later or earlier mention of a name found so (``李心国调研…``, ``习近平新时代…``).

Kinship terms (陈叔叔) and nicknames are not names; a candidate that is a plain dictionary word
(融入, 文件) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import ahocorasick_rs

from ..lexicon import plain_pairs, words
from .candidate import Candidate
from .mentions import occurrences
from .places import STOP_CHARS, is_han, read_list, split_words

SOURCE = "rule:person"

BYLINE = ("全媒体记者", "融媒体记者", "首席记者", "摄影记者", "见习记者", "特约记者", "实习记者",
          "记者", "通讯员", "实习生", "摄影", "摄")
_BYLINE_RE = re.compile("|".join(BYLINE))
# Words after a byline name that are not part of it: 成庆摄影 报道, 黄舒 摄.
_BYLINE_TAIL = re.compile(r"(?:摄影|报道|摄|文|图|整理|编辑)$")
# What follows a name: reporting and attending verbs, particles. Longest first.
FOLLOW = sorted(split_words(
    "说 表示 介绍 指出 强调 认为 主持 出席 参加 列席 带领 率队 率 一行 等 同志 在 对 向 "
    "为 作 和 与 及 也 还 就 是 告诉 坦言 称 透露 说道 笑着 笑 遗失 的 讲话 致辞 "
    "宣读 通报 汇报 解读 主讲 回答 "
    "提出 要求 希望 调研 考察 走访 看望 慰问 会见 接受 带队 陪同 参与 反映 来到 深入 前往 先后 "
    "随后 听取 当选 代表 主任 书记 总书记 曾 已 从 将 把 被 让 给 于 获 荣获 现任 任 兼 同 跟 "
    "家 所 说明 建议 发言 作出 提到 谈到 坚持 一直 今年 们"),
    key=len, reverse=True,
)
# 获 follows a name (王芳获奖) but 获悉 follows 记者从会上 — not a name.
_FOLLOW_RE = re.compile("|".join(w + "(?!悉)" if w == "获" else w for w in FOLLOW))
# Verbs a name stands before at the start of a clause (谢东强调, 王万树遗失).
_CLAUSE_VERB = re.compile(
    r"强调|指出|表示|主持|出席|介绍|说|遗失|认为|要求|在.{1,12}(?:强调|指出|讲话|表示)"
)
_POST_TITLE = re.compile(r"总书记|同志")
_CLAUSE_START = frozenset("\n \t\u3000，。；！？：、“”‘’\"'()（）,.;!?:□■●-—·")


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], ahocorasick_rs.AhoCorasick]:
    """Surnames (one and two characters) and the role words, as an automaton that finds the
    leftmost, longest role at each step (what an alternation longest-first finds, faster)."""
    names = read_list("surnames.txt")
    single = frozenset(n for n in names if len(n) == 1)
    compound = frozenset(n for n in names if len(n) == 2)
    roles = sorted(set(read_list("roles.txt")))
    return single, compound, ahocorasick_rs.AhoCorasick(
        roles, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )


def surname_len(text: str, pos: int) -> int:
    """1 or 2 when a surname starts at ``pos``, else 0."""
    single, compound, _ = _lexicon()
    if text[pos : pos + 2] in compound:
        return 2
    return 1 if text[pos : pos + 1] in single else 0


def _ends_name(text: str, pos: int) -> bool:
    return pos >= len(text) or not is_han(text[pos]) or bool(_FOLLOW_RE.match(text, pos))


def name_end(text: str, pos: int) -> int | None:
    """End of the name starting at ``pos``, judged by what follows it; None if unsure."""
    sur = surname_len(text, pos)
    if not sur:
        return None
    short, long = pos + sur + 1, pos + sur + 2
    if not all(is_han(ch) for ch in text[pos:short]) or short > len(text):
        return None
    if short >= len(text) or not is_han(text[short]):
        return short
    if not _ends_name(text, long) and not _ends_name(text, short):
        return None
    if text[short] in _ADVERBS:
        return short  # 王强也说: an adverb, not a given name, follows 王强
    if _ends_name(text, long) and not (
        _FOLLOW_RE.match(text, short) and not _FOLLOW_RE.match(text, long)
    ):
        return long
    return short


def plausible(name: str) -> bool:
    """Not a plain word (融入, 文件) and not a kinship address (陈叔叔)."""
    if len(name) == 2 and name in words():
        return False
    return not re.search(r"(?:叔叔|阿姨|大爷|大妈|奶奶|爷爷|师傅|老师|先生|女士)$", name)


class PersonFinder:
    """Finds PERSON candidates in one text."""

    def __call__(self, text: str, meta: Mapping[str, Any] | None = None) -> list[Candidate]:
        spans: dict[tuple[int, int], float] = {}
        for start, end in self.bylines(text):
            spans[(start, end)] = 0.9
        for start, end in self.after_roles(text):
            spans.setdefault((start, end), 0.85)
        for start, end in self.before_verbs(text):
            spans.setdefault((start, end), 0.75)
        for start, end, score in self.repeated(text, spans):
            spans.setdefault((start, end), score)
        return _non_overlapping(spans)

    def bylines(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for m in _BYLINE_RE.finditer(text):
            pos = m.end()
            while True:
                while pos < len(text) and text[pos] in " \u3000:：/／":
                    pos += 1
                got = _byline_name(text, pos)
                if got is None:
                    break
                out.append(got[:2])
                pos = got[2]
                if pos < len(text) and text[pos] in "、,，":
                    pos += 1
                elif not (pos < len(text) and text[pos] in " \u3000"):
                    break
        return out

    def after_roles(self, text: str) -> list[tuple[int, int]]:
        _, _, roles = _lexicon()
        out: list[tuple[int, int]] = []
        for _role, _start, role_end in roles.find_matches_as_indexes(text):
            pos = role_end
            while pos < len(text) and pos - role_end < 2 and text[pos] in " \u3000:：":
                pos += 1
            while True:
                end = name_end(text, pos) or _after_title_end(text, pos)
                if end is None or not plausible(text[pos:end]):
                    break
                out.append((pos, end))
                if not (end + 1 < len(text) and text[end] == "、"):
                    break
                pos = end + 1
        return out

    def before_verbs(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for m in _CLAUSE_VERB.finditer(text):
            for length in (3, 2, 4):
                start = m.start() - length
                if start < 0 or not all(is_han(ch) for ch in text[start : m.start()]):
                    continue
                if start and text[start - 1] not in _CLAUSE_START and text[start - 1:start] not in (
                    "遗失",
                ) and text[start - 2 : start] != "遗失":
                    continue
                if surname_len(text, start) and name_end(text, start) == m.start():
                    if plausible(text[start : m.start()]):
                        out.append((start, m.start()))
                    break
        for m in _POST_TITLE.finditer(text):
            for length in (3, 2):
                start = m.start() - length
                if start >= 0 and surname_len(text, start) and all(
                    is_han(ch) for ch in text[start : m.start()]
                ):
                    if text[m.start() - 2 : m.start()] in words():
                        break  # 负责同志: a description, not a name
                    if plausible(text[start : m.start()]) and text[start - 1 : start] != "的":
                        out.append((start, m.start()))
                    break
        for m in re.finditer("遗失", text):
            end = name_end(text, m.end())
            if end is not None and text[end : end + 1] == "的":
                out.append((m.end(), end))
        return out

    @staticmethod
    def repeated(text: str, spans: dict[tuple[int, int], float]) -> list[tuple[int, int, float]]:
        names = {text[s:e].replace(" ", "").replace("\u3000", "") for s, e in spans}
        found = occurrences(text, (name for name in names if len(name) >= 2))
        return [(at, at + len(name), 0.7) for name, starts in found.items() for at in starts]


_ADVERBS = frozenset("也还就都曾已将又才")
# Surnames that are far more often function words: only a sure ending makes them names.
_FUNCTION_SURNAMES = frozenset("从有和在对与于向把被给让将就也还都又才所以为及")
# Characters that end a clause's subject rather than a given name (居民王强拿着).
_VERB_CHARS = frozenset("拿说讲看听走去到在是把被给让用将要想带做写读买卖吃喝住跑站坐打提送找等"
                        "笑哭问叫喊领拉推抱扛挑也都还就又已曾从对向和与")


def _after_title_end(text: str, pos: int) -> int | None:
    """After a title, a name whose next word is no known verb: three characters (most
    names are) unless its last one starts a word with what follows (王强拿着 → 王强)."""
    sur = surname_len(text, pos)
    long = pos + sur + 2
    if not sur or long > len(text) or not all(is_han(ch) for ch in text[pos:long]):
        return None
    if text[pos] in _FUNCTION_SURNAMES or text[pos + sur : long] in plain_pairs():
        return None  # 记者从启动…, 居民有意见: a clause goes on, no name starts
    last = text[long - 1]
    return long - 1 if last in _VERB_CHARS or text[long - 1 : long + 1] in words() else long


def _byline_name(text: str, pos: int) -> tuple[int, int, int] | None:
    """(start, end, where to go on) of a byline name at ``pos``; crosses one OCR space."""
    run_end = pos
    while run_end < len(text) and is_han(text[run_end]):
        run_end += 1
    run = text[pos:run_end]
    tail = _BYLINE_TAIL.search(run) if len(run) > 2 else None
    if tail:
        run_end -= len(tail.group())
        run = run[: -len(tail.group())]
    sur = surname_len(text, pos)
    if not sur or run in STOP_CHARS or _BYLINE_RE.match(run):
        return None
    if len(run) == sur and run_end + 1 < len(text) and text[run_end] == " ":
        nxt = run_end + 1
        nxt_end = nxt
        while nxt_end < len(text) and is_han(text[nxt_end]):
            nxt_end += 1
        if 1 <= nxt_end - nxt <= 2 and not _BYLINE_RE.fullmatch(text[nxt:nxt_end]):
            return pos, nxt_end, nxt_end
        return None
    if sur + 1 <= len(run) <= sur + 2:
        return pos, run_end, run_end
    return None


def _non_overlapping(spans: dict[tuple[int, int], float]) -> list[Candidate]:
    out: list[Candidate] = []
    for (start, end), score in sorted(spans.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if out and out[-1].end > start:
            continue
        out.append(Candidate(start, end, "PERSON", SOURCE, score, {}))
    return out


@cache
def default_finder() -> PersonFinder:
    return PersonFinder()


def find_persons(text: str, meta: Mapping[str, Any]) -> list[Candidate]:
    """Engine family: PERSON candidates of ``text``, sorted and non-overlapping."""
    return default_finder()(text, meta)
