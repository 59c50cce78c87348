"""The engine's cost per character on one long line: it should not grow with the line.

A pasted article with no line breaks, or a whole site dumped as one line, is still one
document. The demo articles, cleaned as import cleans them, are joined without newlines
and repeated to each size; the engine (all labels, linking included) runs once per size and
its CPU time per character is compared with the smallest size's (the ratio should stay ~1;
what growth remains on the largest sizes is Python's cycle collector walking more objects).

    python bench/engine_linear_bench.py [--sizes 50000,500000,1000000,2000000,5000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.ingest.cleanup import clean_text  # noqa: E402
from annotator.core.resources import resource_path  # noqa: E402

SIZES = "50000,500000,1000000,2000000,5000000"


def long_line(chars: int) -> str:
    """The demo articles as one line of ``chars`` characters (repeated, then cut)."""
    one = _demo_line()
    return (one * (chars // len(one) + 1))[:chars]


@cache
def _demo_line() -> str:
    texts = [clean_text(p.read_text(encoding="utf-8")).text
             for p in sorted(resource_path("demo").glob("*.txt"))]
    return "".join(t.replace("\n", "") for t in texts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=SIZES, help="comma-separated character counts")
    args = parser.parse_args()
    from annotator.core.prehighlight.engine import build_engine

    engine = build_engine()
    engine.run(long_line(10_000))  # dictionaries and automata loaded before timing
    base = None
    print(f"{'chars':>10} {'wall s':>8} {'CPU s':>8} {'µs/char':>9} {'ratio':>6} "
          f"{'candidates':>11}")
    for size in (int(s) for s in args.sizes.split(",")):
        text = long_line(size)
        t0, c0 = time.perf_counter(), time.process_time()
        found = engine.run(text)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        per_char = cpu / size  # CPU time: other processes on the machine do not count
        base = base or per_char
        print(f"{size:>10,} {wall:>8.2f} {cpu:>8.2f} {per_char * 1e6:>9.2f} "
              f"{per_char / base:>6.2f} {len(found):>11,}", flush=True)


if __name__ == "__main__":
    main()
