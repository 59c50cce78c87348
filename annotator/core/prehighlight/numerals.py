"""Numeral parsing shared by the FIGURE and DATE rules.

Chinese numerals are parsed here rather than with ``cn2an``: importing cn2an costs about
0.3 s and its ``smart`` mode accepts strings such as plan names that must be rejected, while
the forms met in news text (``十五``, ``两万``, ``一百零五``, ``二〇二三``) need only a
few lines. The tests cross-check this parser against cn2an.

Values are computed with :class:`~decimal.Decimal` so that ``6.79万`` is exactly 67900 and
is returned as an ``int``; only non-integral results become ``float``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

Number = int | float

DIGITS = "0123456789０１２３４５６７８９"
_TO_ASCII = str.maketrans({**{c: str(i % 10) for i, c in enumerate(DIGITS)}, "．": ".", ",": ""})

CN_DIGIT = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
    "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
MULTIPLIER = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
APPROX_MARKS = "余多几"
CN_CHARS = "".join([*CN_DIGIT, *CN_SMALL, *CN_BIG])
BARE_MULTIPLIERS = frozenset("百千万亿")

_ARABIC_HEAD = re.compile(r"[0-9０-９][0-9０-９,.．]*")
_YEAR_COUNT_PREFIX = re.compile(r"(?:近|约|超过?|逾|长达|历时|历经|有|达|共|计|不到|不足)\s*$")


def tidy(value: Decimal) -> Number:
    """An ``int`` when the value is integral, else a ``float``."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def parse_arabic(text: str) -> Decimal | None:
    """``"1,300.5"`` or full-width digits → Decimal; ``None`` if malformed."""
    try:
        return Decimal(text.translate(_TO_ASCII))
    except InvalidOperation:
        return None


def parse_chinese(text: str) -> int | None:
    """Positional Chinese numerals (``三十五万``, ``十五``, ``一百零五``); ``None`` if malformed.

    Two digits in a row without a unit between them are rejected, which is what rules out
    plan names such as ``十四五``; digit strings (``二〇二三``) go to :func:`parse_digit_string`.
    """
    if not text:
        return None
    total = section = 0
    digit: int | None = None
    for ch in text:
        if ch in CN_DIGIT:
            if digit is not None:
                return None
            digit = CN_DIGIT[ch] or None  # 零 is only a placeholder
        elif ch in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[ch]
            digit = None
        elif ch in CN_BIG:
            base = section + (digit or 0)
            if ch in "亿億":
                total = (total + base or 1) * CN_BIG[ch]
            else:
                total += (base or 1) * CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_digit_string(text: str) -> int | None:
    """Digit-by-digit Chinese numbers, as years are written (``二〇二三`` → 2023)."""
    if not text or any(ch not in CN_DIGIT for ch in text):
        return None
    return int("".join(str(CN_DIGIT[ch]) for ch in text))


def split_multiplier(text: str) -> tuple[str, int]:
    """Split trailing multiplier characters: ``"6.79万"`` → ``("6.79", 10000)``."""
    factor = 1
    end = len(text)
    while end > 0 and text[end - 1] in MULTIPLIER:
        end -= 1
    for ch in text[end:]:
        factor *= MULTIPLIER[ch]
    return text[:end], factor


def parse_number(phrase: str) -> tuple[Number, bool, int] | None:
    """Parse one number phrase: Arabic or Chinese, with 余/多/几 and 万/亿 multipliers.

    Returns ``(value, approx, multiplier)`` where ``multiplier`` is the trailing 万/亿 factor
    (needed to complete the lower bound of ``5至10万``), or ``None`` when the phrase is not a
    usable quantity: malformed, bare multipliers (``百万``, ``千万``) with no 余/多, or a lone
    ``一`` (an indefinite article far more often than a count).
    """
    if phrase.isascii() and phrase.isdigit():
        return int(phrase), False, 1
    approx = any(ch in phrase for ch in APPROX_MARKS)
    core = "".join(ch for ch in phrase if ch not in APPROX_MARKS and not ch.isspace())
    if not core:
        return None
    head = _ARABIC_HEAD.match(core)
    if head:
        number = parse_arabic(head.group())
        rest = core[head.end() :]
        if number is None or any(ch not in MULTIPLIER for ch in rest):
            return None
        _, factor = split_multiplier(rest)
        return tidy(number * factor), approx, factor
    if core == "一" or (set(core) <= BARE_MULTIPLIERS and not approx):
        return None
    value = parse_chinese(core)
    if value is None:
        return None
    _, factor = split_multiplier(core)
    factor = factor if factor >= 10**4 else 1
    return value, approx, factor


def looks_like_year(number: str, before: str) -> bool:
    """A 4-digit Arabic number (or a 4-character Chinese digit string) read as a calendar year.

    ``before`` is the text just before the number: ``近1500年`` counts years, ``1970年`` is one.
    """
    core = number.translate(_TO_ASCII)
    if core.isdigit():
        is_year = len(core) == 4 and core[0] in "12"
    else:
        is_year = len(number) == 4 and parse_digit_string(number) is not None
    return is_year and not _YEAR_COUNT_PREFIX.search(before)
