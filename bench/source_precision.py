"""Measure each source's precision per label on the real pages: the engine's default scores.

The engine scores a candidate by how often its source is right for its label. Until a project
has measured that from its own decisions, it uses these figures: the candidates the default
engine proposes (rules, and the general model where installed and the merge takes it) on the
80 real pages of tests/realset, scored as ``realset_eval`` scores them (exact offsets and label).

    python bench/source_precision.py [--corpus DIR] [--write]

``--write`` stores them in resources/learn/source_precision.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.prehighlight.engine import Engine  # noqa: E402
from annotator.core.prehighlight.general_model import GeneralModel, available  # noqa: E402
from bench.realset_eval import CORPUS_DIR, documents  # noqa: E402

OUT = ROOT / "resources" / "learn" / "source_precision.json"


def measure(corpus: Path) -> tuple[dict[str, dict[str, float]], dict[str, Counter], int]:
    engine = Engine(general=GeneralModel() if available() else None)
    right: dict[str, Counter] = {}
    total: dict[str, Counter] = {}
    pages = 0
    for _stem, text, meta, gold, _lost in documents(corpus, []):
        pages += 1
        keys = {(g["start"], g["end"], g["label"]) for g in gold}
        for c in engine.run(text, meta):
            total.setdefault(c.source, Counter())[c.label] += 1
            right.setdefault(c.source, Counter())[c.label] += (c.start, c.end, c.label) in keys
    precision = {s: {label: round(right[s][label] / n, 3) for label, n in sorted(by.items())}
                 for s, by in sorted(total.items())}
    return precision, total, pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}: the texts are kept outside the repository")
    precision, total, pages = measure(args.corpus)
    for source, by in precision.items():
        for label, p in by.items():
            print(f"{source:14} {label:8} {p:.3f}  (n={total[source][label]})")
    if args.write:
        data = {
            "_provenance": (
                f"precision per source and label of the default engine's candidates on the "
                f"{pages} real pages of tests/realset (exact offsets and label), written by "
                f"bench/source_precision.py; general model {'on' if available() else 'absent'}"),
            "precision": precision,
            "support": {s: dict(sorted(by.items())) for s, by in sorted(total.items())},
        }
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"written {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
