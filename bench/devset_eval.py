"""Score the pre-highlighting engine against the hand-annotated development and held-out sets.

The development set is the five seed articles the rules were written against; its scores
show what the rules cover, not how they generalise. The held-out set (``tests/heldout``) is
eight articles from other regions and outlets, annotated by hand without looking at the
engine; its first, blind scores are quoted in the README. Rules have since been corrected
for general errors it showed, so its current scores flatter a little.

Each article is cleaned as import cleans it, the gold mentions are placed on the clean
text, and the engine's candidates are compared span by span (exact offsets and label).
Prints per-label precision, recall and F1, AGENCY link accuracy (the best link's name
against the gold canonical name, over AGENCY spans found exactly) and FIGURE value accuracy
(value, unit, approx and comparator, over FIGURE spans found exactly).

    python bench/devset_eval.py [--set dev|heldout|both] [--labels FIGURE,DATE] [--errors]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.ingest.cleanup import clean_text  # noqa: E402
from annotator.core.ingest.metadata import extract_metadata  # noqa: E402
from annotator.core.prehighlight.engine import Engine  # noqa: E402
from tests.devset.resolve import SEEDS_DIR, load_mentions, resolve  # noqa: E402

HELDOUT_DIR = Path(__file__).resolve().parents[1] / "tests" / "heldout"
SETS = {
    "dev": ("development set (5 seed articles; the rules were written against them)",
            SEEDS_DIR, SEEDS_DIR.parent / "mentions"),
    "heldout": ("held-out set (8 articles from other regions; see the README for blind scores)",
                HELDOUT_DIR / "articles", HELDOUT_DIR / "mentions"),
}

FIGURE_KEYS = ("value", "unit", "approx", "comparator")


def documents(articles: Path, mentions: Path):
    for path in sorted(articles.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        text = clean_text(raw).text
        meta = extract_metadata(raw)
        yield path.stem, text, meta, resolve(text, load_mentions(path.stem, mentions))


def evaluate(engine: Engine, labels: set[str] | None, show_errors: bool,
             which: str = "dev") -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    links = Counter()
    values = Counter()
    _, articles, mentions = SETS[which]
    for stem, text, meta, gold in documents(articles, mentions):
        found = engine.run(text, meta)
        gold_by_key = {
            (g["start"], g["end"], g["label"]): g
            for g in gold
            if not labels or g["label"] in labels
        }
        pred_by_key = {
            (c.start, c.end, c.label): c for c in found if not labels or c.label in labels
        }
        for key in gold_by_key.keys() & pred_by_key.keys():
            tp[key[2]] += 1
            _score_attrs(gold_by_key[key], pred_by_key[key], links, values, show_errors, stem)
        for key in pred_by_key.keys() - gold_by_key.keys():
            fp[key[2]] += 1
            if show_errors:
                print(f"  FP {stem} {key[2]:7} {text[key[0] : key[1]]!r}")
        for key in gold_by_key.keys() - pred_by_key.keys():
            fn[key[2]] += 1
            if show_errors:
                print(f"  FN {stem} {key[2]:7} {text[key[0] : key[1]]!r}")
    return {"tp": tp, "fp": fp, "fn": fn, "links": links, "values": values}


def _score_attrs(gold: dict, cand, links: Counter, values: Counter, show: bool, stem: str):
    if gold["label"] == "AGENCY":
        links["total"] += 1
        best = cand.links[0].name if cand.links else None
        expected = gold.get("agency")  # None: not in the knowledge base
        ok = best == expected if expected else not cand.links or cand.links[0].score < 0.5
        links["right"] += ok
        if show and not ok:
            print(f"  LINK {stem} {gold['text']!r}: {best!r}, expected {expected!r}")
    elif gold["label"] == "FIGURE":
        values["total"] += 1
        ok = all(cand.attrs.get(k) == gold["attrs"].get(k) for k in FIGURE_KEYS)
        values["right"] += ok
        if show and not ok:
            print(f"  VALUE {stem} {gold['text']!r}: {cand.attrs}, expected {gold['attrs']}")


def report(result: dict) -> None:
    tp, fp, fn = result["tp"], result["fp"], result["fn"]
    print(f"{'label':8} {'P':>6} {'R':>6} {'F1':>6}   tp   fp   fn")
    for label in sorted(tp.keys() | fp.keys() | fn.keys()):
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label:8} {p:6.3f} {r:6.3f} {f:6.3f} {tp[label]:4} {fp[label]:4} {fn[label]:4}")
    for name, counts in (
        ("AGENCY link accuracy", result["links"]),
        ("FIGURE value accuracy", result["values"]),
    ):
        if counts["total"]:
            print(
                f"{name}: {counts['right'] / counts['total']:.3f} "
                f"({counts['right']}/{counts['total']})"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", help="comma-separated labels to score (default: all)")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--set", choices=["dev", "heldout", "both"], default="both")
    args = parser.parse_args()
    labels = set(args.labels.split(",")) if args.labels else None
    engine = Engine()
    for which in SETS if args.set == "both" else [args.set]:
        print(SETS[which][0])
        report(evaluate(engine, labels, args.errors, which))
        print()


if __name__ == "__main__":
    main()
