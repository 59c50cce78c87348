"""Pre-highlighting throughput against jieba.posseg on the same text, and engine start-up.

The sample articles, cleaned as import cleans them, are repeated to at least 300,000
characters. The engine (all labels, linking included) and ``jieba.posseg.cut`` each process
every document; each is timed several times and the medians compared. Start-up (building
the engine: dictionaries, automata, knowledge base) is timed in fresh processes; the first
run warms the OS file cache, the median of the rest is quoted as "warm".

    python bench/prehighlight_bench.py [--chars 300000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.ingest.cleanup import clean_text  # noqa: E402
from annotator.core.resources import resource_path  # noqa: E402

STARTUP = (
    "import time; t = time.perf_counter()\n"
    "from annotator.core.prehighlight.engine import build_engine\n"
    "engine = build_engine(); engine.run('重庆市民政局发布6.79万人')\n"
    "print(time.perf_counter() - t)\n"
)


def corpus(chars: int) -> list[str]:
    texts = [clean_text(p.read_text(encoding="utf-8")).text
             for p in sorted(resource_path("demo").glob("*.txt"))]
    docs: list[str] = []
    while sum(map(len, docs)) < chars:
        docs += texts
    return docs


def timed(fn, docs: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for doc in docs:
            fn(doc)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def startup(runs: int) -> tuple[float, float]:
    times = [float(subprocess.run([sys.executable, "-c", STARTUP], capture_output=True,
                                  text=True, cwd=ROOT, check=True).stdout)
             for _ in range(runs + 1)]
    return times[0], statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import jieba
    import jieba.posseg

    from annotator.core.prehighlight.engine import build_engine

    jieba.setLogLevel(60)
    jieba.initialize()
    docs = corpus(args.chars)
    chars = sum(map(len, docs))
    engine = build_engine()
    engine.run(docs[0])
    ours = timed(engine.run, docs, args.runs)
    theirs = timed(lambda d: list(jieba.posseg.cut(d)), docs, args.runs)
    cold, warm = startup(args.runs)
    print(f"text: {len(docs)} documents, {chars:,} characters")
    print(f"engine (all labels, linking): median {ours:.2f} s = {chars / ours:,.0f} chars/s")
    print(f"jieba.posseg.cut:             median {theirs:.2f} s = {chars / theirs:,.0f} chars/s")
    print(f"ratio: {theirs / ours:.1f}x posseg's throughput (target >= 5x)")
    print(f"start-up: first {cold:.2f} s, warm median {warm:.2f} s (target <= 1.5 s warm)")


if __name__ == "__main__":
    main()
