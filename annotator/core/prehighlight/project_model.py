"""The project's own model at work: a character CRF a project learnt from its decisions.

It reads the rule candidates and the general model's as features (``features.py``), so it
knows when each source is right for this project's texts. Training lives in
``annotator.core.learn``; this side only tags, so the engine of any import can use the model
the project stores. The model is crfsuite's own bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

import pycrfsuite

from .candidate import Candidate
from .features import Features, extract

SOURCE = "model:project"
OUTSIDE = "O"


def load(model: bytes) -> Tagger:
    """A tagger over model bytes made by ``annotator.core.learn.tagger.train``."""
    return Tagger(model)


class Tagger:
    def __init__(self, model: bytes):
        # crfsuite reads the model in place, without a copy: the bytes must live as long.
        self._model = bytes(model)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._model)

    @property
    def labels(self) -> list[str]:
        """The span labels the model has learnt."""
        return sorted({t[2:] for t in self._tagger.labels() if t != OUTSIDE})

    def predict(self, text: str, rules: Sequence[Candidate] = (),
                model: Sequence[Candidate] = ()) -> list[Candidate]:
        """Non-overlapping candidates for ``text``, scored by the mean marginal probability
        of their tags; a span the rules found too keeps the rules' attributes and links."""
        if not text:
            return []
        return self.predict_features(text, extract(text, rules, model), rules)

    def predict_features(self, text: str, feats: list[Features],
                         rules: Sequence[Candidate] = ()) -> list[Candidate]:
        """As ``predict``, over features already extracted for ``text``."""
        self._tagger.set(feats)
        tags = self._tagger.tag()
        same = {(c.start, c.end, c.label): c for c in rules}
        out = []
        for start, end, label in spans_of(tags):
            score = sum(self._tagger.marginal(tags[i], i) for i in range(start, end))
            rule = same.get((start, end, label))
            out.append(Candidate(
                start, end, label, SOURCE, round(score / (end - start), 4),
                attrs=dict(rule.attrs) if rule else {}, links=rule.links if rule else (),
            ))
        return out


def spans_of(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of each run of B/I tags; a stray I- opens a span of its own."""
    out: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, OUTSIDE]):
        continues = tag.startswith("I-") and tag[2:] == label
        if start is not None and label is not None and not continues:
            out.append((start, i, label))
            start, label = None, None
        if tag != OUTSIDE and not continues:
            start, label = i, tag[2:]
    return out
