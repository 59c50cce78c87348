"""The engine's cost per character on one long line: it should not grow with the line.

A pasted article with no line breaks, or a whole site dumped as one line, is still one
document. The demo articles, cleaned as import cleans them, are joined without newlines
and repeated to each size; the engine (all labels, linking included) runs once per size and
the time per character is compared with the smallest size's (the ratio should stay ~1).

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
    print(f"{'chars':>10} {'seconds':>9} {'µs/char':>9} {'ratio':>6} {'candidates':>11}")
    for size in (int(s) for s in args.sizes.split(",")):
        text = long_line(size)
        t0 = time.perf_counter()
        found = engine.run(text)
        per_char = (time.perf_counter() - t0) / size
        base = base or per_char
        print(f"{size:>10,} {per_char * size:>9.2f} {per_char * 1e6:>9.2f} "
              f"{per_char / base:>6.2f} {len(found):>11,}", flush=True)


if __name__ == "__main__":
    main()
