"""Export in every format, and a release, of 10,000 gold documents; medians are quoted.

The project is built in a temporary folder from the synthetic corpus: every article is a
gold document with a gold layer of about one span per 40 characters (labels in turn,
agency links and FIGURE attributes included, a PII span in every 20th document).
Targets: each format's export <= 3 s, a release (``--pii mask``) <= 10 s.

    python bench/formats_bench.py [--articles 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core import formats  # noqa: E402
from annotator.core.model import Span  # noqa: E402
from annotator.core.release import ReleaseOptions, make_release  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from annotator.core.store import documents as docs_store  # noqa: E402
from annotator.core.store import spans as spans_store  # noqa: E402
from bench.corpus import make_articles  # noqa: E402

LABELS = ("AGENCY", "ORG", "PERSON", "PLACE", "FIGURE", "DATE", "POLICY")


def gold_spans(text: str, n: int) -> list[Span]:
    spans = []
    for k, start in enumerate(range(5, len(text) - 8, 40)):
        label = LABELS[k % len(LABELS)]
        span = Span(start, start + 2 + k % 5, label, origin="manual")
        if label == "AGENCY":
            span.agency_id, span.agency_name = "cn-500000-gov-mzj", "重庆市民政局"
        elif label == "FIGURE":
            span.attrs = {"value": 67900, "unit": "人", "approx": False, "comparator": "="}
        spans.append(span)
    if n % 20 == 0 and spans:
        spans[-1].label = "PII"
    return spans


def build(path: Path, articles: int) -> int:
    project = Project.create(path)
    gold = project.annotator_id("gold", "gold")
    texts = make_articles(articles)
    total = 0
    with project.bulk_writes(), project.transaction():
        stored = docs_store.insert(
            project,
            [docs_store.NewDocument(t, {"title": t[:12]}, status="gold") for t in texts],
            None,
        )
        for n, (text, row) in enumerate(zip(texts, stored)):
            total += spans_store.replace_layer(project, row.id, gold, gold_spans(text, n))
    project.close()
    return total


def machine_speed() -> float:
    """Microseconds for a fixed pure-Python loop (as import_export_bench prints): this
    machine's speed varies from run to run, so figures are compared through it."""
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        sum(i * i for i in range(10_000))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def disk_speed(folder: Path, files: int = 1000) -> float:
    """Milliseconds to create one small file here: a brat export creates two per document,
    and on a slow disk that, not the code, is most of its time."""
    folder.mkdir()
    t0 = time.perf_counter()
    for i in range(files):
        (folder / f"{i}.txt").write_bytes(b"x")
    return (time.perf_counter() - t0) / files * 1000


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        print(f"machine: reference loop {machine_speed():.0f} us (lower is faster); "
              f"creating a file takes {disk_speed(tmp_path / 'disk'):.2f} ms")
        t0 = time.perf_counter()
        spans = build(tmp_path / "bench.annot", args.articles)
        print(f"project: {args.articles} gold documents, {spans} spans "
              f"(built in {time.perf_counter() - t0:.1f} s)")  # fmt: skip
        with Project.open(tmp_path / "bench.annot") as project:
            for fmt in formats.EXPORT_FORMATS:
                times = []
                for run in range(args.runs):
                    out = tmp_path / f"{fmt}-{run}"
                    times.append(timed(formats.export, project, fmt, out))
                median = statistics.median(times)
                verdict = "ok" if median <= 3 else "SLOW"
                print(f"export {fmt:<13} median {median:6.2f} s  (target <= 3 s) {verdict}")
            times = []
            for run in range(args.runs):
                out = tmp_path / f"release-{run}"
                times.append(timed(make_release, project, out, ReleaseOptions(pii="mask")))
            median = statistics.median(times)
            verdict = "ok" if median <= 10 else "SLOW"
            print(f"release (mask PII)    median {median:6.2f} s  (target <= 10 s) {verdict}")
        print(f"machine: reference loop {machine_speed():.0f} us after the runs")


if __name__ == "__main__":
    main()
