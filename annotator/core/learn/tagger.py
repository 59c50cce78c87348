"""Training the project's character CRF (BIO tags per label) from annotated documents.

It reads the rule candidates and the general model's as features, so what it learns is
when each source is right for this project's texts and conventions; with a few dozen
annotated documents it corrects the rules' systematic misses. The model is bytes
(crfsuite's own format), kept in the project file; ``prehighlight.project_model`` tags with it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from ..prehighlight.candidate import Candidate
from ..prehighlight.features import Features, extract
from ..prehighlight.project_model import OUTSIDE, SOURCE, Tagger, load, spans_of

__all__ = ["OUTSIDE", "SOURCE", "Tagger", "TrainingDoc", "load", "spans_of", "tags_for", "train"]
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
