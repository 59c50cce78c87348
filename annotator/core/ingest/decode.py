"""Bytes to text: the encodings Chinese newsrooms, websites and scanners produce."""

from __future__ import annotations

import codecs
import re

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

    BOMs decide first; then strict UTF-8, then strict GB18030 (a superset of GBK and GB2312);
    only then charset-normalizer's guess. Binary data is refused rather than guessed at.
    """
    if not data:
        raise DecodeError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding), encoding
    if b"\x00" in data[:8192]:
        raise DecodeError("binary data (NUL bytes), not a text file")
    try:
        return _text_only(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        return _text_only(data.decode("gb18030")), "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding not in _OTHER_CJK:
        raise DecodeError(
            f"undecodable bytes: not UTF-8 (bad byte at offset {utf8_error}), GB18030 or UTF-16"
        )
    return _text_only(_strict(data, best.encoding)), best.encoding


# Guesses we trust beyond UTF-8/GB18030: other encodings Chinese text really comes in.
_OTHER_CJK = {"big5", "big5hkscs", "cp950", "hz", "utf_16", "utf_16_le", "utf_16_be"}


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def _text_only(text: str) -> str:
    """Refuse decoded binaries: text has almost no control characters."""
    sample = text[:20_000]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise DecodeError("binary data (control characters), not a text file")
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"undecodable bytes at byte {exc.start} (read as {encoding})") from None
