"""Pre-highlighting engine throughput (characters per second), against another revision's
engine measured in the same run, on the same texts.

The texts are the evaluation corpus (``/work/shared/corpus`` or ``--corpus``; skipped when
absent) and the seed articles, cleaned as import cleans them. Each engine runs in its own
process (``--base`` is a checkout of the baseline, made with ``git worktree add --detach``
from ``--base-ref`` when the folder does not exist); the two take turns, ``--rounds`` times,
each process timing ``--runs`` passes over all texts after a warm-up pass. CPU time is
quoted (other processes on a shared machine count less than in wall time), medians of all
passes. The candidates of both engines are compared too: a speed-up must not change them.

    python bench/engine_throughput_bench.py [--base /tmp/main-base] [--rounds 3] [--runs 5]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("/work/shared/corpus")


def texts(corpus: Path) -> list[str]:
    """Corpus pages and seed articles, cleaned as import cleans them."""
    from annotator.core.ingest.cleanup import clean_text
    from annotator.core.resources import resource_path

    paths = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    paths += sorted(resource_path("demo").glob("*.txt"))
    return [clean_text(p.read_text(encoding="utf-8")).text for p in paths]


def candidates_digest(found: list[list]) -> str:
    rows = [[[c.start, c.end, c.label, c.source, c.score, c.attrs,
              [[k.agency_id, k.name, k.score] for k in c.links]] for c in doc] for doc in found]
    data = json.dumps(rows, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def worker(corpus: Path, runs: int) -> None:
    """In the process of one revision: build its engine, time passes, print JSON."""
    from annotator.core.prehighlight.engine import build_engine

    docs = texts(corpus)
    engine = build_engine()
    found = [engine.run(doc) for doc in docs]  # warm-up, and the candidates to compare
    cpu, wall = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        for doc in docs:
            engine.run(doc)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(json.dumps({"chars": sum(map(len, docs)), "docs": len(docs), "cpu": cpu,
                      "wall": wall, "digest": candidates_digest(found)}))


def ensure_base(base: Path, ref: str) -> None:
    if not base.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base), ref],
                       check=True, capture_output=True)


def run_tree(tree: Path, corpus: Path, runs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run(
        [sys.executable, __file__, "--worker", "--tree", str(tree), "--corpus", str(corpus),
         "--runs", str(runs)],
        env=env, cwd=tree, capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, default=Path("/tmp/main-base"))
    parser.add_argument("--base-ref", default="main")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(args.tree))
        worker(args.corpus, args.runs)
        return
    ensure_base(args.base, args.base_ref)
    results: dict[str, list[dict]] = {"base": [], "this": []}
    for _ in range(args.rounds):
        results["base"].append(run_tree(args.base, args.corpus, args.runs))
        results["this"].append(run_tree(ROOT, args.corpus, args.runs))
    report(results, args.base)


def report(results: dict[str, list[dict]], base: Path) -> None:
    first = results["this"][0]
    print(f"texts: {first['docs']} documents, {first['chars']:,} characters "
          f"(corpus pages and seeds); baseline: {base}")
    medians = {}
    for name, label in (("base", "baseline"), ("this", "this tree")):
        cpu = statistics.median(t for r in results[name] for t in r["cpu"])
        wall = statistics.median(t for r in results[name] for t in r["wall"])
        medians[name] = cpu
        print(f"{label:10s} median CPU {cpu * 1000:7.1f} ms = {first['chars'] / cpu:>11,.0f} "
              f"chars/s (wall {first['chars'] / wall:>11,.0f} chars/s)")
    print(f"ratio: {medians['base'] / medians['this']:.2f}x the baseline's throughput")
    digests = {r["digest"] for rs in results.values() for r in rs}
    print("candidates: " + ("identical" if len(digests) == 1 else "DIFFERENT"))


if __name__ == "__main__":
    main()
