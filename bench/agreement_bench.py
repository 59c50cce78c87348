"""Inter-annotator agreement over 10,000 documents × 3 annotators (target ≤ 10 s).

Builds a project in a temporary folder: articles from ``bench.corpus`` (~800 characters
each), a base set of spans per document, and three layers derived from it with random
perturbations (missing spans, shifted boundaries, changed labels, different links). Then
times the command's core — reading the layers, computing every figure, serialising the
JSON — and prints the median of the runs and the figures.

    python bench/agreement_bench.py [--documents 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.cli.agreement_cmd import format_report  # noqa: E402
from annotator.core.agreement import agreement  # noqa: E402
from annotator.core.model import Span  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from annotator.core.store import documents as docs_store  # noqa: E402
from annotator.core.store import spans as spans_store  # noqa: E402
from bench.corpus import make_articles  # noqa: E402

LABELS = ["AGENCY", "ORG", "PERSON", "PLACE", "FIGURE", "DATE", "POLICY", "PII"]
ANNOTATORS = ("li", "wang", "zhao")


def base_spans(rng: random.Random, length: int, agencies: list[str]) -> list[Span]:
    """Non-overlapping spans 2–8 characters long, at least 3 characters apart."""
    spans, pos = [], rng.randint(0, 20)
    while True:
        end = pos + rng.randint(2, 8)
        if end > length - 2:
            return spans
        label = rng.choice(LABELS)
        link = rng.choice(agencies) if label == "AGENCY" and rng.random() < 0.8 else None
        spans.append(Span(pos, end, label, agency_id=link))
        pos = end + rng.randint(3, 60)


def perturb(rng: random.Random, spans: list[Span], agencies: list[str]) -> list[Span]:
    """One annotator's version: boundaries move by at most one character, so gaps of three
    keep the layer free of overlaps."""
    out = []
    for s in spans:
        if rng.random() < 0.08:
            continue  # missed
        start, end, label, link = s.start, s.end, s.label, s.agency_id
        if rng.random() < 0.08:
            start = max(0, start + rng.choice((-1, 1)))
        if rng.random() < 0.08:
            end = end + rng.choice((-1, 1))
        if rng.random() < 0.03:
            label = rng.choice(LABELS)
        if label != "AGENCY":
            link = None
        elif rng.random() < 0.10:
            link = rng.choice([None, *agencies[:5]])
        if start < end:
            out.append(Span(start, end, label, agency_id=link, origin="manual"))
    return out


def build(path: Path, n: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    texts = make_articles(n)
    with Project.create(path) as project, project.bulk_writes():
        agencies = [r[0] for r in project.db.execute("SELECT id FROM agencies LIMIT 50")]
        ids = [project.annotator_id(name) for name in ANNOTATORS]
        with project.transaction():
            new = [docs_store.NewDocument(t, {"title": t[:10]}) for t in texts]
            stored = docs_store.insert(project, new, None)
            for doc, text in zip(stored, texts):
                base = base_spans(rng, len(text), agencies)
                for layer in ids:
                    spans = perturb(rng, base, agencies)
                    spans_store.replace_layer(project, doc.id, layer, spans, action="bench")


def run(path: Path) -> tuple[float, dict]:
    t0 = time.perf_counter()
    with Project.open(path) as project:
        report = agreement(project)
    json.dumps(report, ensure_ascii=False)
    return time.perf_counter() - t0, report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agreement.annot"
        t0 = time.perf_counter()
        build(path, args.documents)
        print(f"built {args.documents} documents × {len(ANNOTATORS)} layers in "
              f"{time.perf_counter() - t0:.1f} s")
        times, report = [], {}
        for _ in range(args.runs):
            elapsed, report = run(path)
            times.append(elapsed)
        chars = report["overall"]["chars"]
        print(
            f"agreement: median {statistics.median(times):.2f} s over {args.runs} runs "
            f"({', '.join(f'{t:.2f}' for t in times)}); {chars:,} characters, "
            f"{sum(p['spans_a'] + p['spans_b'] for p in report['pairs']):,} spans compared "
            "(target ≤ 10 s)"
        )
        print()
        print(format_report(report))


if __name__ == "__main__":
    main()
