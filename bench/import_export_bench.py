"""Import and export throughput on 10,000 articles, and the project file's size per article.

Import reads .txt files and includes decoding, clean-up (furniture, OCR whitespace repair,
offset maps), metadata, deduplication and the SQLite writes; no pre-highlighting. Export
writes the gold JSONL of the same project. Each is run several times; medians are quoted.

    python bench/import_export_bench.py [--articles 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.exchange.export import export_jsonl  # noqa: E402
from annotator.core.ingest.cleanup import clean_text  # noqa: E402
from annotator.core.ingest.importer import import_paths  # noqa: E402
from annotator.core.store import Project, fulltext  # noqa: E402
from bench.corpus import write_corpus  # noqa: E402


def machine_speed() -> float:
    """Microseconds for a fixed pure-Python loop: this machine's speed varies run to run
    (shared cores), so figures from different runs are compared through this number."""
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        sum(i * i for i in range(10_000))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        files = write_corpus(tmp_path / "corpus", args.articles)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
        clean_text("预热 词典")  # load the word list once, as a running app has
        import_times, export_times, size = [], [], 0
        for run in range(args.runs):
            path = tmp_path / f"p{run}.annot"
            with Project.create(path) as project:
                t0 = time.perf_counter()
                report = import_paths(project, [tmp_path / "corpus"])
                import_times.append(time.perf_counter() - t0)
                assert report.created == args.articles, report.problems[:3]
                t0 = time.perf_counter()
                count = export_jsonl(project, tmp_path / f"out{run}.jsonl")
                export_times.append(time.perf_counter() - t0)
                assert count == args.articles
                project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                size = path.stat().st_size
                if run == 0:
                    t0 = time.perf_counter()
                    fulltext.index_pending(project)
                    index_time = time.perf_counter() - t0
                    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    indexed_size = path.stat().st_size
        imp, exp = statistics.median(import_times), statistics.median(export_times)
        print(f"machine: reference loop {machine_speed():.0f} us (lower is faster)")
        print(f"articles: {args.articles} ({chars / args.articles:.0f} chars each on average)")
        print(
            f"import: median {imp:.2f} s over {args.runs} runs = {args.articles / imp:,.0f} "
            f"articles/s (target >= 2,000)"
        )
        print(
            f"export: median {exp:.3f} s over {args.runs} runs = {args.articles / exp:,.0f} "
            f"articles/s (target >= 20,000)"
        )
        print(
            f"project file: {size / 1e6:.1f} MB = {size / args.articles / 1024:.1f} KiB per "
            "article (clean text, offset map holding the deleted raw text, metadata)"
        )
        print(
            f"search index, built after import: {index_time / args.articles * 1e3:.2f} ms per "
            f"article; the file is then {indexed_size / args.articles / 1024:.1f} KiB per article"
        )


if __name__ == "__main__":
    main()
