"""A linear-chain CRF over characters (BIO tags per label), learnt from annotated documents.

It reads the rule candidates and the general model's as features, so what it learns is
when each source is right for this project's texts and conventions; with a few dozen
annotated documents it corrects the rules' systematic misses. The model is bytes
(crfsuite's own format), so a project can keep it wherever it keeps data.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from ..prehighlight.candidate import Candidate
from .features import Features, extract

SOURCE = "model:project"
OUTSIDE = "O"
# L1 keeps the model small and drops features a few documents cannot support.
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 60, "feature.possible_transitions": True}


@dataclass
class TrainingDoc:
    """One annotated document and what the sources proposed on it."""

    text: str
    spans: Sequence[tuple[int, int, str]]  # (start, end, label), code points, end exclusive
    rules: Sequence[Candidate] = ()
    model: Sequence[Candidate] = ()
    features: list[Features] | None = field(default=None, repr=False)  # precomputed


def tags_for(text: str, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags; a span overlapping one already placed is left out (layers never overlap)."""
    tags = [OUTSIDE] * len(text)
    for start, end, label in sorted(spans):
        if start < 0 or end > len(text) or start >= end:
            continue
        if any(t != OUTSIDE for t in tags[start:end]):
            continue
        tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return tags


def train(docs: Iterable[TrainingDoc], params: dict | None = None) -> bytes:
    """The model learnt from ``docs``; raises ValueError when there is nothing to learn from."""
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({**PARAMS, **(params or {})})
    count = 0
    for doc in docs:
        if not doc.text:
            continue
        feats = doc.features if doc.features is not None else extract(doc.text, doc.rules,
                                                                        doc.model)
        trainer.append(feats, tags_for(doc.text, doc.spans))
        count += 1
    if not count:
        raise ValueError("no annotated text to learn from")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.crfsuite")
        trainer.train(path)
        return Path(path).read_bytes()


def load(model: bytes) -> Tagger:
    """A tagger over model bytes made by ``train``."""
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
