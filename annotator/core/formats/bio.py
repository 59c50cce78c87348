"""Character BIO and BMES tags, CoNLL-style, for training sequence labellers.

One character per line, ``CHAR<TAB>TAG``, a blank line after each document (CoNLL). A character
is a code point, so 𠮷 or 😀 (outside the BMP) is one line of its own. Whitespace
characters (spaces, U+3000, line breaks) are left out before tagging: a line holding one
would read as an empty token or as a document break. Tags: BIO ``B-L``/``I-L``/``O``; BMES ``B-L``,
``M-L``, ``E-L``, ``S-L`` (single character) and ``O``. Only text and labels travel.

Each character is written once, so overlapping spans cannot all be tagged (a project can
hold them: nested names, a package's layers). On overlap the longest span wins, then the
earliest, then the first label in name order; the spans left out are counted and said
like every other loss of a format.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import Notes, write_lines

CARRIES: frozenset[str] = frozenset()


def without_overlaps(spans: Iterable[dict]) -> tuple[list[dict], int]:
    """(spans that can all be tagged, in text order; how many overlapping ones were left out).

    The longest span wins, then the earliest (see the module text). Spans come sorted by
    (start, end, label) from every exporter; the usual case, no overlap, costs one pass.
    """
    spans = list(spans)
    if all(a["end"] <= b["start"] for a, b in zip(spans, spans[1:])):
        return spans, 0
    kept: list[tuple[int, int, int]] = []  # (start, end, index), by start
    order = sorted(range(len(spans)), key=lambda i: (
        spans[i]["start"] - spans[i]["end"], spans[i]["start"], spans[i]["label"]))
    for i in order:
        a, b = spans[i]["start"], spans[i]["end"]
        at = bisect_left(kept, (a, -1, -1))
        if (at < len(kept) and kept[at][0] < b) or (at > 0 and kept[at - 1][1] > a):
            continue
        insort(kept, (a, b, i))
    return [spans[i] for _, _, i in kept], len(spans) - len(kept)


def tags(text: str, spans: Iterable[dict], scheme: str = "bio") -> list[str]:
    """The tag of every code point of ``text`` (overlaps resolved by ``without_overlaps``)."""
    out = ["O"] * len(text)
    for s in without_overlaps(spans)[0]:
        start, end, label = s["start"], s["end"], s["label"]
        if scheme == "bmes":
            if end - start == 1:
                out[start] = f"S-{label}"
                continue
            out[start] = f"B-{label}"
            out[start + 1 : end - 1] = [f"M-{label}"] * (end - start - 2)
            out[end - 1] = f"E-{label}"
        else:
            out[start] = f"B-{label}"
            out[start + 1 : end] = [f"I-{label}"] * (end - start - 1)
    return out


def block(text: str, spans: Iterable[dict], scheme: str = "bio") -> tuple[str, int]:
    """One document's lines (each ending in a line break) and how many whitespace
    characters were left out.

    Whitespace goes first, then tags, so a span that starts or ends with a space still
    starts with ``B`` (and ends with ``E``). Every ``O`` line is four code points, so the
    document is tagged ``O`` in one join and runs between spans are slices of it: a loop
    per character costs seconds on a large export.
    """
    spaces = [m.start() for m in _SPACE.finditer(text)]  # \s is exactly str.isspace()
    chars = "".join(text.split()) if spaces else text
    outside = _O.join(chars) + _O if chars else ""
    parts: list[str] = []
    at = 0  # in ``chars``
    for s in spans:
        a, b = s["start"], s["end"]
        if spaces:
            a, b = a - bisect_left(spaces, a), b - bisect_left(spaces, b)
        if a > at:
            parts.append(outside[4 * at : 4 * a])
            at = a
        if b > a:
            parts.append(_inside(chars[a:b], s["label"], scheme))
            at = b
    parts.append(outside[4 * at :])
    return "".join(parts), len(spaces)


_O = "\tO\n"
_SPACE = re.compile(r"\s")


def _inside(segment: str, label: str, scheme: str) -> str:
    n = len(segment)
    if scheme == "bmes":
        if n == 1:
            return f"{segment}\tS-{label}\n"
        middle = f"\tM-{label}\n"
        inner = middle.join(segment[1:-1]) + middle if n > 2 else ""
        return f"{segment[0]}\tB-{label}\n{inner}{segment[-1]}\tE-{label}\n"
    rest = f"\tI-{label}\n"
    return f"{segment[0]}\tB-{label}\n" + (rest.join(segment[1:]) + rest if n > 1 else "")


def write(docs: Iterable[dict], out: Path, notes: Notes, fmt: str = "bio") -> list[Path]:
    skipped = overlapping = 0

    def blocks() -> Iterator[str]:
        nonlocal skipped, overlapping
        for doc in docs:
            notes.check(doc, CARRIES)
            spans, dropped = without_overlaps(doc["spans"])
            overlapping += dropped
            lines, left_out = block(doc["text"], spans, fmt)
            skipped += left_out
            yield lines  # write_lines adds the blank line's break

    write_lines(out, blocks())
    if skipped:
        notes.remark(f"{skipped} whitespace characters left out (tags of the others unchanged)")
    if overlapping:
        notes.lost["overlapping spans"] += overlapping
        notes.remark("a character has one tag: where spans overlap the longest is kept, "
                     "then the earliest")
    return [out]
