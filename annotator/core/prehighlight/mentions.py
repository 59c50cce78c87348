"""Every mention of a few names in one pass over the text, whatever its length."""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


def occurrences(text: str, names: Iterable[str]) -> dict[str, list[int]]:
    """Where each name occurs, left to right, each mention after the end of the one before.

    The same as stepping ``str.find`` past each match, name by name, but one automaton pass
    instead of a pass per name: on a long text the number of names grows with its length.
    """
    names = [name for name in names if name]
    if len(names) * len(text) <= _SCAN_LIMIT:  # a short text: scanning beats building
        return {name: starts for name in names if (starts := _find_all(text, name))}
    auto = ahocorasick.Automaton()
    for name in names:
        auto.add_word(name, name)
    out: dict[str, list[int]] = {}
    auto.make_automaton()
    reach: dict[str, int] = {}
    for last, name in auto.iter(text):  # by end: for one name, also by start
        at = last + 1 - len(name)
        if at >= reach.get(name, 0):
            out.setdefault(name, []).append(at)
            reach[name] = at + len(name)
    return out


_SCAN_LIMIT = 1_000_000


def _find_all(text: str, name: str) -> list[int]:
    out = []
    at = text.find(name)
    while at >= 0:
        out.append(at)
        at = text.find(name, at + len(name))
    return out


def disjoint(bounds: list[tuple[int, int]]) -> list[int]:
    """Indices of the ``(start, end)`` pairs that overlap none kept before them, by start.

    Covered positions are marked in a byte array, so each test costs the pair's length, not
    the number kept so far (an ordered list's insert does, on a line of millions).
    """
    covered = bytearray(max((end for _start, end in bounds), default=0))
    kept: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(bounds):
        if covered.find(1, start, end) < 0:
            covered[start:end] = b"\x01" * (end - start)
            kept.append((start, index))
    kept.sort()
    return [index for _start, index in kept]
