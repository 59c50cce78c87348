"""Every mention of a few names in one pass over the text, whatever its length."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import ahocorasick

T = TypeVar("T")


def occurrences(text: str, names: Iterable[str]) -> dict[str, list[int]]:
    """Where each name occurs, left to right, each mention after the end of the one before.

    The same as stepping ``str.find`` past each match, name by name, but one automaton pass
    instead of a pass per name: on a long text the number of names grows with its length.
    """
    auto = ahocorasick.Automaton()
    for name in names:
        if name:
            auto.add_word(name, name)
    out: dict[str, list[int]] = {}
    if not len(auto):
        return out
    auto.make_automaton()
    reach: dict[str, int] = {}
    for last, name in auto.iter(text):  # by end: for one name, also by start
        at = last + 1 - len(name)
        if at >= reach.get(name, 0):
            out.setdefault(name, []).append(at)
            reach[name] = at + len(name)
    return out


def disjoint(items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> list[T]:
    """The items that overlap none kept before them, in the given order; sorted by start.

    Covered positions are marked in a byte array, so each test costs the item's length, not
    the number kept so far (an ordered list's insert does on a line of millions).
    """
    covered = bytearray()
    kept: list[tuple[int, T]] = []
    for item in items:
        start, end = bounds(item)
        if end > len(covered):
            covered.extend(bytes(end - len(covered) + 4096))
        if covered.find(1, start, end) >= 0:
            continue
        covered[start:end] = b"\x01" * (end - start)
        kept.append((start, item))
    kept.sort(key=lambda pair: pair[0])
    return [item for _start, item in kept]
