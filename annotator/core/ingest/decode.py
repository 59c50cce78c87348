"""Bytes to text: the encodings Chinese newsrooms, websites and scanners produce."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we accept."""


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with.

    BOMs decide first; then UTF-16 without a BOM, told by its NUL bytes falling on every
    other position; then strict UTF-8, then strict GB18030 (a superset of GBK and GB2312)
    unless the file holds lines of both; only then charset-normalizer's guess. Binary data
    is refused rather than guessed at, and so is text holding a NUL anywhere: the same rule
    for the whole file, not only for its first block.
    """
    if not data:
        raise DecodeError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _text_only(_strict(data, encoding)), encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _text_only(_strict(data, utf16)), utf16
    if b"\x00" in data:
        raise DecodeError(
            f"binary data (a NUL byte at offset {data.index(0)}), not a text file"
        )
    try:
        return _text_only(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    _refuse_mixed(data)
    try:
        return _text_only(_plausible(data.decode("gb18030"))), "gb18030"
    except (UnicodeDecodeError, DecodeError):
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding not in _OTHER_CJK:
        raise DecodeError(
            f"undecodable bytes: not UTF-8 (bad byte at offset {utf8_error}), GB18030 or UTF-16"
        )
    return _text_only(_strict(data, best.encoding)), best.encoding


# Guesses we trust beyond UTF-8/GB18030: other encodings Chinese text really comes in.
_OTHER_CJK = {"big5", "big5hkscs", "cp950", "hz", "utf_16", "utf_16_le", "utf_16_be"}


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when the bytes read as text in one of them.

    Only asked of data with NUL bytes, which UTF-8 and GB18030 text never has and UTF-16
    nearly always has (the high byte of line breaks and digits, the low byte of 一). Binary
    data rarely decodes as UTF-16 at all, and when it does, it reads as characters that do
    not occur in text; the byte order that reads as text wins.
    """
    if len(data) % 2 or b"\x00" not in data:
        return None
    scores = {}
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            scores[encoding] = _text_share(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    best = max(scores, key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= 0.9 else None


# What Chinese news text is made of: ASCII, Latin-1, general and CJK punctuation, CJK
# ideographs (with extension A), full-width forms.
_TEXT_CHAR = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf"
    "\u4e00-\u9fff\uff00-\uffef]"
)


def _text_share(text: str) -> float:
    sample = text[:100_000]
    return len(_TEXT_CHAR.findall(sample)) / max(1, len(sample))


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def _text_only(text: str) -> str:
    """Refuse decoded binaries: text has almost no control characters, and no NUL at all
    (the editor could not show the text after it)."""
    sample = text[:20_000]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise DecodeError("binary data (control characters), not a text file")
    if "\x00" in text:
        raise DecodeError(
            f"binary data (a NUL character at character {text.index(chr(0))}), not a text file"
        )
    return text


def _unlikely(text: str) -> int:
    """Characters no news text holds: unassigned, private-use, surrogates, replacements."""
    bad = [ch for ch in set(text) if ch == "\ufffd" or ord(ch) >= 0x80 and (
        unicodedata.category(ch) in ("Cn", "Co", "Cs"))]
    return sum(text.count(ch) for ch in bad)


def _plausible(text: str) -> str:
    """GB18030 maps almost any byte pair to some character: refuse a reading full of
    characters that do not occur in text."""
    if _unlikely(text) > max(2, len(text) // 1000):
        raise DecodeError("not GB18030")
    return text


# A line is evidence of UTF-8 when it holds at least this many multi-byte characters:
# a short run of GBK bytes can be valid UTF-8 by chance, a sentence cannot.
_UTF8_EVIDENCE = 3
_UTF8_CHAR = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _refuse_mixed(data: bytes) -> None:
    """A file not valid as UTF-8 whose other lines are: two encodings pasted together.

    Read whole as GB18030 its UTF-8 lines would turn into mojibake without any error, so
    the file is refused with the lines of each kind named.
    """
    utf8_lines, other_lines = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_lines.append(number)
            continue
        if len(_UTF8_CHAR.findall(line)) >= _UTF8_EVIDENCE:
            utf8_lines.append(number)
    if utf8_lines and other_lines:
        raise DecodeError(
            f"mixed encodings: line{_lines(utf8_lines)} UTF-8, line{_lines(other_lines)} "
            "not (GBK/GB18030?); save the whole file in one encoding"
        )


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:5])) + (" …" if len(numbers) > 5 else "")
    return f"s {shown} are" if len(numbers) > 1 else f" {shown} is"


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"undecodable bytes at byte {exc.start} (read as {encoding})") from None
