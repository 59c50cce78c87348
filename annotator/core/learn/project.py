"""A project learns from its people's decisions: its tagger, merge policy and source scores.

What it learns from: every document a person decided (``store.models.decided_layers``: gold
once reviewed, else a layer marked done, else a finished layer imported with its annotator).
Their spans are the truth; every other character is outside any span, so a candidate an
annotator rejected is negative evidence for the tagger, and it counts against its source's
precision (beside the machine layer's accepted candidates, which count for it).

The run cross-validates before it trains on everything: the held-out documents' candidates
from rules, general model and tagger decide, per label, which kind of source wins (the rules
keep a label unless another order clearly scored better on documents it never saw), and give each
source's precision per label, the candidates' scores from then on. All of it, with the
model's bytes, is stored in the project file (``store.models``).
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import product
from typing import Any

from ..kb.project_kb import load as load_kb
from ..model import MACHINE, UNDECIDED
from ..prehighlight.candidate import Candidate
from ..prehighlight.engine import (
    DEFAULT_ORDER,
    GENERAL,
    LABELS,
    PROJECT,
    RULES,
    Engine,
    MergePolicy,
    build_engine,
    default_precision,
    family_candidates,
    merge,
)
from ..prehighlight.features import Features, extract
from ..prehighlight.general_model import LABELS as GENERAL_TAGS
from ..prehighlight.project_model import load
from ..prehighlight.sources import general_source, wants_general
from ..store import Project
from ..store import annotators as annotators_store
from ..store import documents as docs_store
from ..store import models as models_store
from ..store import spans as spans_store
from . import tagger

MIN_DOCUMENTS = 3
MIN_SPANS = 10
FOLDS = 3
# Another order replaces a label's default only with this many spans of the label decided and
# a held-out F1 better by this margin: on a few documents a lucky order would lower the label.
MIN_SUPPORT = 30
SWITCH_MARGIN = 0.02
TOLERANCE = 0.005  # what another label may lose to a switch (one span in two hundred)
PRIOR = 5  # a measured precision counts as this many observations of the default
Progress = Callable[[int, int], None]
Key = tuple[int, int, str]
GENERAL_LABELS = frozenset(GENERAL_TAGS.values())


class TooFewDecisions(ValueError):
    """Not enough decided documents or spans to learn from."""


@dataclass
class Decided:
    """One decided document: its text, the spans people settled, what the sources say."""

    doc_id: str
    text: str
    spans: list[Key]
    shown: list[tuple[str, str, bool]]  # the machine layer: (source, label, accepted)
    rules: list[Candidate] = field(default_factory=list)
    general: list[Candidate] = field(default_factory=list)
    features: list[Features] = field(default_factory=list, repr=False)

    def found(self, learnt: Sequence[Candidate] = ()) -> list[tuple[int, Candidate]]:
        last = len(self.rules)
        return [*enumerate(self.rules), *((last, c) for c in self.general),
                *((last, c) for c in learnt)]


def decisions(project: Project) -> list[Decided]:
    """Every decided document with its settled spans and its candidates' fate."""
    machine = annotators_store.find(project, MACHINE)
    out = []
    for doc_id, layer in models_store.decided_layers(project):
        doc = docs_store.get(project, doc_id)
        if doc is None or not doc.text:
            continue
        spans = [s.key() for s in spans_store.layer(project, doc_id, layer)
                 if s.origin != UNDECIDED]
        keys = set(spans)
        shown = [(s.source, s.label, s.key() in keys)
                 for s in (spans_store.layer(project, doc_id, machine) if machine else [])
                 if s.source]
        out.append(Decided(doc_id, doc.text, spans, shown))
    return out


def base_engine(project: Project) -> Engine:
    """The project's engine without its own model: what the tagger reads as features."""
    general = general_source() if wants_general(project) else None
    return build_engine(kb=load_kb(project), default_region=project.setting("region"),
                        general=general)


def prepare(project: Project, docs: Sequence[Decided], progress: Progress | None = None) -> None:
    """Run the rules and the general model on each document and extract its features."""
    engine = base_engine(project)
    for n, doc in enumerate(docs, start=1):
        meta = (d.meta if (d := docs_store.get(project, doc.doc_id)) else {})
        doc.rules = family_candidates(engine, doc.text, meta)
        doc.general = engine.general.run(doc.text) if engine.general is not None else []
        doc.features = extract(doc.text, doc.rules, doc.general)
        if progress:
            progress(n, len(docs))


@dataclass
class Fitted:
    """What one training run produced: the model, the merge policy, held-out candidates."""

    body: bytes
    policy: MergePolicy
    held_out: list[list[Candidate]]


def learn(project: Project, progress: Progress | None = None,
          params: dict | None = None) -> dict[str, Any]:
    """Learn from the project's decisions and store the model; returns its summary.

    Raises ``TooFewDecisions`` (with what to do) when there is too little to learn from.
    """
    t0 = time.perf_counter()
    docs = decisions(project)
    check_enough(docs)
    steps = len(docs) + FOLDS + 1
    prepare(project, docs, (lambda d, _t: progress(d, steps)) if progress else None)
    general = wants_general(project) and general_source() is not None
    fitted = fit(docs, general, params, (lambda d, _t: progress(len(docs) + d, steps))
                 if progress else None)
    summary = summarize(docs, fitted.held_out, fitted.policy, general)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    models_store.save(project, fitted.body, summary)
    return summary


def fit(docs: Sequence[Decided], general: bool, params: dict | None = None,
        progress: Progress | None = None) -> Fitted:
    """Cross-validate, choose the policy on the held-out documents, train on all of them."""
    held_out = cross_validate(docs, params, progress)
    policy = choose_policy(docs, held_out, general)
    body = tagger.train((_training(d) for d in docs), params)
    if progress:
        progress(FOLDS + 1, FOLDS + 1)
    return Fitted(body, policy, held_out)


def check_enough(docs: Sequence[Decided]) -> None:
    spans = sum(len(d.spans) for d in docs)
    if len(docs) < MIN_DOCUMENTS or spans < MIN_SPANS:
        raise TooFewDecisions(
            f"too few decisions to learn from: {len(docs)} decided documents with {spans} "
            f"spans; learning needs at least {MIN_DOCUMENTS} documents and {MIN_SPANS} spans "
            f"(mark documents done, or import annotated ones with --annotator)")


def _training(doc: Decided) -> tagger.TrainingDoc:
    return tagger.TrainingDoc(doc.text, doc.spans, features=doc.features)


def folds_of(count: int) -> list[int]:
    """Fold of each document: interleaved, so every fold spans the project's history."""
    k = min(FOLDS, count)
    return [i % k for i in range(count)]


def cross_validate(docs: Sequence[Decided], params: dict | None = None,
                   progress: Progress | None = None) -> list[list[Candidate]]:
    """The tagger's candidates for each document, from a model that never saw it."""
    fold = folds_of(len(docs))
    out: list[list[Candidate]] = [[] for _ in docs]
    for k in sorted(set(fold)):
        train = [_training(d) for d, f in zip(docs, fold) if f != k]
        model = load(tagger.train(train, params))
        for i, (doc, f) in enumerate(zip(docs, fold)):
            if f == k:
                out[i] = model.predict_features(doc.text, doc.features, doc.rules)
        if progress:
            progress(k + 1, FOLDS + 1)
    return out


def orders(label: str, general: bool) -> list[tuple[str, ...]]:
    """Every order of kinds a label may take: one, two or three kinds, rules among them or not
    (the general model only for the labels it proposes)."""
    kinds = [RULES, PROJECT, *([GENERAL] if general and label in GENERAL_LABELS else [])]
    out = []
    for size in range(1, len(kinds) + 1):
        out += [o for o in product(kinds, repeat=size) if len(set(o)) == size]
    return out


@dataclass
class Tally:
    """True positives, false positives and misses per label; the errors of each document."""

    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]
    errors: list[int]

    def f1(self, label: str | None = None) -> float:
        """F1 of one label, or micro-averaged over all of them."""
        if label is None:
            return f1(*(sum(c.values()) for c in (self.tp, self.fp, self.fn)))
        return f1(self.tp[label], self.fp[label], self.fn[label])


def _tally(docs: Sequence[Decided], held_out: Sequence[Sequence[Candidate]],
           policy: MergePolicy) -> Tally:
    """True positives, false positives and misses per label of the merged candidates."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    errors = []
    for doc, learnt in zip(docs, held_out):
        gold = set(doc.spans)
        found = {(c.start, c.end, c.label) for c in merge(doc.found(learnt), policy)}
        for key in found & gold:
            tp[key[2]] += 1
        for key in found - gold:
            fp[key[2]] += 1
        for key in gold - found:
            fn[key[2]] += 1
        errors.append(len(found ^ gold))
    return Tally(tp, fp, fn, errors)


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_policy(docs: Sequence[Decided], held_out: Sequence[Sequence[Candidate]],
                  general: bool) -> MergePolicy:
    """Per label, the order of kinds that scored best on held-out documents, and each
    source's calibrated precision.

    A label leaves its default order only with ``MIN_SUPPORT`` decided spans, an F1 better by
    ``SWITCH_MARGIN``, no other label's F1 lower (its spans may take their places), and
    fewer errors in clearly more documents than more.
    """
    order = dict(DEFAULT_ORDER)
    support = Counter(k[2] for d in docs for k in d.spans)
    base = _tally(docs, held_out, MergePolicy(order))
    for label in LABELS:
        if support[label] < MIN_SUPPORT:
            continue  # too few spans to tell a better order from luck: the default stays
        best, best_f1, best_counts = order[label], base.f1(label) + SWITCH_MARGIN, base
        for candidate in orders(label, general):
            if candidate == order[label]:
                continue
            counts = _tally(docs, held_out, MergePolicy({**order, label: candidate}))
            score = counts.f1(label)
            if (score > best_f1 and not _lowers_another(counts, base, label)
                    and _fewer_errors_in_most(counts.errors, base.errors)):
                best, best_f1, best_counts = candidate, score, counts
        if best != order[label]:
            order[label], base = best, best_counts
    policy = MergePolicy(order)
    return MergePolicy(order, calibrate(docs, held_out, policy))


def _fewer_errors_in_most(trial: Sequence[int], base: Sequence[int]) -> bool:
    """A sign test over documents: the trial makes fewer errors in clearly more documents
    than it makes more (two standard deviations), not a few documents' luck."""
    better = sum(t < b for t, b in zip(trial, base))
    worse = sum(t > b for t, b in zip(trial, base))
    return better - worse >= 2 * math.sqrt(better + worse) > 0


def _lowers_another(counts: Tally, base: Tally, label: str) -> bool:
    return any(counts.f1(other) < base.f1(other) - TOLERANCE
               for other in LABELS if other != label)


def calibrate(docs: Sequence[Decided], held_out: Sequence[Sequence[Candidate]],
              policy: MergePolicy) -> dict[str, dict[str, float]]:
    """Each source's precision per label: its held-out candidates that people's spans
    confirm, plus the machine layer's accepted and rejected candidates, shrunk towards the
    default figure when there are few."""
    right: Counter = Counter()
    seen: Counter = Counter()
    for doc, learnt in zip(docs, held_out):
        gold = set(doc.spans)
        for c in merge(doc.found(learnt), policy):
            seen[c.source, c.label] += 1
            right[c.source, c.label] += (c.start, c.end, c.label) in gold
        for source, label, accepted in doc.shown:
            seen[source, label] += 1
            right[source, label] += accepted
    defaults = default_precision()
    out: dict[str, dict[str, float]] = {}
    for (source, label), n in sorted(seen.items()):
        prior = defaults.get(source, {}).get(label, policy.score(source, label))
        value = (right[source, label] + PRIOR * prior) / (n + PRIOR)
        out.setdefault(source, {})[label] = round(value, 3)
    return out


def summarize(docs: Sequence[Decided], held_out: Sequence[Sequence[Candidate]],
              policy: MergePolicy, general: bool) -> dict[str, Any]:
    """What was learnt from what, and how well it did on documents it had not seen."""
    rules = _tally(docs, held_out, MergePolicy())
    learnt = _tally(docs, held_out, policy)
    labels: dict[str, Any] = {}
    for label in sorted({k[2] for d in docs for k in d.spans}):
        labels[label] = {
            "spans": sum(1 for d in docs for k in d.spans if k[2] == label),
            "rules_f1": round(rules.f1(label), 3),
            "f1": round(learnt.f1(label), 3),
            "order": list(policy.order.get(label, (RULES,))),
        }
    return {
        "documents": len(docs),
        "spans": sum(len(d.spans) for d in docs),
        "rejected": sum(1 for d in docs for *_, ok in d.shown if not ok),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "folds": min(FOLDS, len(docs)),
        "general_model": general,
        "labels": labels,
        "micro": {"rules_f1": round(rules.f1(), 3), "f1": round(learnt.f1(), 3)},
        "policy": policy.to_json(),
    }


def suggest(project: Project, progress: Progress | None = None) -> tuple[int, int]:
    """Recompute the machine candidates of every document nobody has touched, with the
    project's engine (its model included once learnt); people's layers are never read or
    written. Returns (documents, candidates)."""
    from ..prehighlight.runner import prehighlight_documents

    ids = models_store.untouched_documents(project)
    return len(ids), prehighlight_documents(project, ids, progress)


def describe(summary: dict[str, Any]) -> list[str]:
    """The summary as lines for a terminal: what was learnt from, and the held-out scores."""
    lines = [f"learnt from {summary['documents']} documents, {summary['spans']} spans, "
             f"{summary['rejected']} rejected candidates ({summary['date']}, "
             f"{summary.get('seconds', 0)} s)",
             f"cross-validated F1 over {summary['folds']} folds (rules alone → learnt):"]
    for label, row in summary["labels"].items():
        lines.append(f"  {label:8} {row['rules_f1']:.3f} → {row['f1']:.3f}  "
                     f"({row['spans']} spans; sources: {' > '.join(row['order'])})")
    micro = summary["micro"]
    lines.append(f"  {'micro':8} {micro['rules_f1']:.3f} → {micro['f1']:.3f}")
    return lines
