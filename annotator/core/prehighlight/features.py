"""Per-character features for the sequence tagger.

Each character gets: the characters around it, its place in jieba's word, whether a
knowledge-base name, a gazetteer place or a surname starts, covers or ends there, and the
B/I/E position of every candidate covering it, per source and label (each rule family, the
engine's chosen set, the general model). The tagger learns from the annotations which
source to trust for which label and where their boundaries are off.

Offsets are code points: one feature list per ``str`` index, whatever the plane.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import ahocorasick
import jieba

from ..kb.knowledge import default_kb
from .candidate import Candidate, resolve_overlaps
from .persons import surname_len
from .places import default_finder as default_place_finder

Features = list[str]
_MAX_NAME = 8  # name lengths above this share one feature value


@dataclass(frozen=True)
class Dictionaries:
    """The name lists the rules already load, as automata over the raw text."""

    kb: ahocorasick.Automaton
    places: ahocorasick.Automaton


@cache
def default_dictionaries() -> Dictionaries:
    """Knowledge-base names and the place finder's automaton (gazetteer + lists), built once."""
    kb = ahocorasick.Automaton()
    for name in default_kb().names:
        kb.add_word(name, len(name))
    kb.make_automaton()
    return Dictionaries(kb, default_place_finder().automaton)


def extract(
    text: str, rules: Sequence[Candidate] = (), model: Sequence[Candidate] = (),
    dictionaries: Dictionaries | None = None,
) -> list[Features]:
    """One feature list per character of ``text``."""
    feats = [_char_features(text, i) for i in range(len(text))]
    _add_words(feats, text)
    dicts = dictionaries or default_dictionaries()
    _add_matches(feats, text, dicts.kb, "kb", lambda v: v)
    _add_matches(feats, text, dicts.places, "gz", lambda v: v[0])
    _add_surnames(feats, text)
    _add_spans(feats, rules, lambda c: c.source)
    chosen = resolve_overlaps(list(enumerate(rules)))
    _add_spans(feats, chosen, lambda c: "top")
    _add_spans(feats, model, lambda c: c.source)
    return feats


def char_class(ch: str) -> str:
    if "\u3400" <= ch <= "\u9fff" or ch >= "\U00020000":
        return "han"
    if ch.isdigit():
        return "dig"
    if ch.isalpha():
        return "lat"
    return "sp" if ch.isspace() else "pun"


def _char_features(text: str, i: int) -> Features:
    def at(k: int) -> str:
        j = i + k
        if 0 <= j < len(text):
            ch = text[j]
            return "\\n" if ch == "\n" else ch
        return "<s>" if j < 0 else "</s>"

    c = {k: at(k) for k in range(-2, 3)}
    return [
        "bias", *(f"c[{k}]={c[k]}" for k in c),
        f"c[-1:0]={c[-1]}{c[0]}", f"c[0:1]={c[0]}{c[1]}", f"c[-2:-1]={c[-2]}{c[-1]}",
        f"c[1:2]={c[1]}{c[2]}", f"c[-1:1]={c[-1]}{c[0]}{c[1]}",
        *(f"t[{k}]={char_class(text[i + k])}" for k in (-1, 0, 1) if 0 <= i + k < len(text)),
    ]


def _add_words(feats: list[Features], text: str) -> None:
    """jieba's word boundaries: the character's B/M/E/S place in its word, and the word."""
    for word, start, end in jieba.tokenize(text):
        size = end - start
        for i in range(start, end):
            pos = "S" if size == 1 else "B" if i == start else "E" if i == end - 1 else "M"
            feats[i] += [f"w.pos={pos}", f"w.len={min(size, 4)}"]
            if size > 1:
                feats[i].append(f"w={word}")


def _add_matches(feats: list[Features], text: str, automaton: ahocorasick.Automaton,
                 name: str, size_of) -> None:
    """Where names of the list start and end, and the longest name starting here."""
    longest: dict[int, int] = {}
    inside: set[int] = set()
    for last, value in automaton.iter(text):
        size = size_of(value)
        start = last + 1 - size
        longest[start] = max(size, longest.get(start, 0))
        feats[last].append(f"{name}.end")
        inside.update(range(start + 1, last + 1))
    for start, size in longest.items():
        feats[start].append(f"{name}.start={min(size, _MAX_NAME)}")
    for i in inside:
        feats[i].append(f"{name}.in")


def _add_surnames(feats: list[Features], text: str) -> None:
    for i in range(len(text)):
        size = surname_len(text, i)
        if size:
            feats[i].append(f"surname={size}")


def _add_spans(feats: list[Features], spans: Iterable[Candidate], name_of) -> None:
    for c in spans:
        tag = f"{name_of(c)}/{c.label}"
        for i in range(max(c.start, 0), min(c.end, len(feats))):
            where = "B" if i == c.start else "E" if i == c.end - 1 else "I"
            feats[i].append(f"{tag}={where}")
        if 0 < c.start <= len(feats):
            feats[c.start - 1].append(f"{tag}=next")
