"""How much the project tagger learns from annotated pages, against the rules and the general model.

Five-fold cross-validation over the real pages (whole documents per fold, never sentences of
one page on both sides). Each fold's test pages are scored as ``realset_eval`` scores them
(exact offsets and label on the clean text; a gold mention clean-up deleted is missed).
Printed, F1 per label and micro-averaged over all 80 pages:

- rules alone (the engine);
- rules + general model, merged simply: the model's PERSON/PLACE/ORG where no rule span overlaps;
- the CRF trained on the first N pages of each training fold (N = 0 is the rules alone),
  with the rule families and the general model as features, and once without the model;
- speed: the general model and the CRF's predict on whole texts, and training times.

    python bench/learning_curve.py [--corpus DIR] [--sizes 5,10,20,30,40] [--iterations N]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.learn import tagger  # noqa: E402
from annotator.core.prehighlight.candidate import Candidate  # noqa: E402
from annotator.core.prehighlight.engine import (  # noqa: E402
    Engine,
    family_candidates,
    resolve_overlaps,
)
from annotator.core.prehighlight.features import extract  # noqa: E402
from annotator.core.prehighlight.general_model import GeneralModel, available  # noqa: E402
from bench.realset_eval import CORPUS_DIR, documents, prf, tally  # noqa: E402

LABELS = ("AGENCY", "DATE", "FIGURE", "ORG", "PERSON", "PLACE", "POLICY")
GENERAL_LABELS = frozenset({"PERSON", "PLACE", "ORG"})
# Labels whose rules already reach 0.8-0.93 with exact, pattern-shaped spans: the hybrid rows keep
# the rules' spans for these and take the CRF's for the names.
RULE_LABELS = frozenset({"DATE", "FIGURE", "POLICY"})
FOLDS = 5
SEED = 20261206


@dataclass
class Page:
    stem: str
    text: str
    gold: list[dict]
    lost: list[dict]
    rules: list[Candidate]  # every family's candidates, in priority order
    chosen: list[Candidate]  # what the engine proposes
    general: list[Candidate]
    feats: list  # with the general model's candidates
    feats_rules: list  # without them

    def training(self, with_general: bool = True) -> tagger.TrainingDoc:
        spans = [(g["start"], g["end"], g["label"]) for g in self.gold]
        feats = self.feats if with_general else self.feats_rules
        return tagger.TrainingDoc(self.text, spans, features=feats)


class Score:
    def __init__(self) -> None:
        self.tp, self.fp, self.fn = Counter(), Counter(), Counter()

    def add(self, page: Page, predicted: list[Candidate]) -> None:
        tally(page.gold, page.lost, predicted, self.tp, self.fp, self.fn)

    def f1(self, label: str | None) -> float:
        if label is None:
            return prf(*(sum(c.values()) for c in (self.tp, self.fp, self.fn)))[2]
        return prf(self.tp[label], self.fp[label], self.fn[label])[2]


def merge_general(chosen: list[Candidate], general: list[Candidate],
                  labels: frozenset[str] = GENERAL_LABELS) -> list[Candidate]:
    """The rules' spans, plus the model's spans of ``labels`` that no rule span overlaps."""
    taken = sorted((c.start, c.end) for c in chosen)
    extra = [g for g in general if g.label in labels
             and not any(s < g.end and g.start < e for s, e in taken)]
    return chosen + extra


def load_pages(corpus: Path, timing: dict) -> list[Page]:
    engine, model, skipped = Engine(), GeneralModel(), []
    model.run("预热")  # load the weights outside the timing
    pages = []
    for stem, text, meta, gold, lost in documents(corpus, skipped):
        rules = family_candidates(engine, text, meta)
        chosen = resolve_overlaps(list(enumerate(rules)))
        t, cpu = time.perf_counter(), time.process_time()
        general = model.run(text)
        timing["general_s"] += time.perf_counter() - t
        timing["general_cpu"] += time.process_time() - cpu
        timing["chars"] += len(text)
        pages.append(Page(stem, text, gold, lost, rules, chosen, general,
                          extract(text, rules, general), extract(text, rules)))
    if skipped:
        print(f"skipped (missing or changed): {', '.join(skipped)}")
    return pages


def fold_of(pages: list[Page]) -> list[int]:
    order = list(range(len(pages)))
    random.Random(SEED).shuffle(order)
    fold = [0] * len(pages)
    for rank, i in enumerate(order):
        fold[i] = rank % FOLDS
    return fold


def hybrid(chosen: list[Candidate], learnt: list[Candidate]) -> list[Candidate]:
    """The CRF's names and agencies; the rules' dates, figures and titles, the CRF's spans
    giving way where they overlap one of those."""
    kept = [c for c in chosen if c.label in RULE_LABELS]
    return kept + [c for c in learnt if c.label not in RULE_LABELS
                   and not any(k.start < c.end and c.start < k.end for k in kept)]


def run_crf(pages: list[Page], fold: list[int], size: int | None, params: dict,
            with_general: bool, timing: dict) -> tuple[Score, Score]:
    score, mixed = Score(), Score()
    for k in range(FOLDS):
        train = [p for p, f in zip(pages, fold) if f != k]
        train = train if size is None else train[:size]
        t = time.perf_counter()
        model = tagger.load(tagger.train((p.training(with_general) for p in train), params))
        timing.setdefault(("train", len(train)), []).append(time.perf_counter() - t)
        for page, f in zip(pages, fold):
            if f == k:
                feats = page.feats if with_general else page.feats_rules
                learnt = model.predict_features(page.text, feats, page.rules)
                score.add(page, learnt)
                mixed.add(page, hybrid(page.chosen, learnt))
    return score, mixed


def print_row(name: str, score: Score) -> None:
    cells = " ".join(f"{score.f1(label):6.3f}" for label in (*LABELS, None))
    print(f"{name:34} {cells}", flush=True)


def speed(pages: list[Page], params: dict, timing: dict) -> None:
    model = tagger.load(tagger.train((p.training() for p in pages), params))
    t, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        model.predict(page.text, page.rules, page.general)
    crf_s, crf_cpu = time.perf_counter() - t, time.process_time() - cpu
    hundred = (pages * 2)[:100]
    t = time.perf_counter()
    tagger.train((tagger.TrainingDoc(p.text, [(g["start"], g["end"], g["label"])
                                              for g in p.gold], p.rules, p.general)
                  for p in hundred), params)
    train_100 = time.perf_counter() - t
    forty = timing.get(("train", 40), [])
    chars = timing["chars"]
    print(f"general model: {chars / timing['general_s']:,.0f} chars/s on whole texts "
          f"({chars / timing['general_cpu']:,.0f} per CPU second, all threads)")
    print(f"CRF predict (features + tagging): {chars / crf_s:,.0f} chars/s "
          f"({chars / crf_cpu:,.0f} per CPU second)")
    print(f"machine load while measuring (1-min average): {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    if forty:
        print(f"CRF training on 40 pages (precomputed features): "
              f"{sum(forty) / len(forty):.1f} s (mean of {len(forty)})")
    print(f"CRF training on 100 pages (80 + 20 again, features included): {train_100:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--sizes", default="5,10,20,30,40")
    parser.add_argument("--iterations", type=int, default=tagger.PARAMS["max_iterations"])
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}: the texts are kept outside the repository")
    if not available():
        print("general model not installed (pip install .[model]): its rows use no model")
    params = {"max_iterations": args.iterations}
    timing: dict = {"general_s": 0.0, "general_cpu": 0.0, "chars": 0}
    pages = load_pages(args.corpus, timing)
    fold = fold_of(pages)
    print(f"{len(pages)} pages, {timing['chars']:,} chars, {FOLDS} folds "
          f"(training folds of {len(pages) - len(pages) // FOLDS} pages)")
    print(f"{'F1':34} " + " ".join(f"{label[:6]:>6}" for label in LABELS) + "  micro")
    rules, merged, persons = Score(), Score(), Score()
    for page in pages:
        rules.add(page, page.chosen)
        merged.add(page, merge_general(page.chosen, page.general))
        persons.add(page, merge_general(page.chosen, page.general, frozenset({"PERSON"})))
    print_row("rules alone (CRF on 0 pages)", rules)
    print_row("rules + general model (merge)", merged)
    print_row("rules + general model's PERSON only", persons)
    mixed = {}
    for size in [int(s) for s in args.sizes.split(",")] + [None]:
        name = f"{'all' if size is None else size} pages"
        score, mixed[name] = run_crf(pages, fold, size, params, True, timing)
        print_row(f"CRF on {name}", score)
    score, plain = run_crf(pages, fold, None, params, False, timing)
    print_row("CRF on all pages, no general model", score)
    for name, score in mixed.items():
        print_row(f"hybrid, CRF on {name}", score)
    print_row("hybrid, all pages, no general model", plain)
    speed(pages, params, timing)


if __name__ == "__main__":
    main()
