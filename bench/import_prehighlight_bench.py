"""Import with pre-highlighting: documents per second with one process and with workers.

The documents (10,000 by default, about 1,000 characters each) are made from the seed
articles' paragraphs, shuffled, one .txt file each. Each run imports all of them into a
new project with the project's engine, as the app's import and ``annotator import`` do,
with ``workers=1`` (the engine in the importing process) and then with each ``--workers``
count; the runs take turns, ``--runs`` times, and medians are quoted. The machine layers of
every run are compared: workers must store exactly what one process stores.

On a shared machine wall time says more about the neighbours than about the import, so CPU
time is quoted too: this process's (reading, cleaning, storing, and the engine where it runs
here) and the workers' (the engine), per document. From them, the throughput the import
would reach with N cores of its own: documents / max(this process's CPU, all CPU / N).
With ``--base`` (a checkout of another revision, e.g. ``git worktree add --detach
/tmp/main-base main``) that revision's import runs too, in a subprocess, in each round.

    python bench/import_prehighlight_bench.py [--documents 10000] [--workers 2] [--runs 3]
                                              [--base /tmp/main-base]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.ingest.importer import import_paths  # noqa: E402
from annotator.core.prehighlight.runner import project_engine  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from bench.corpus import seed_paragraphs  # noqa: E402


def write_documents(folder: Path, n: int, chars: int = 1_000, seed: int = 11) -> int:
    """``n`` distinct documents of about ``chars`` characters from the seed paragraphs."""
    rng = random.Random(seed)
    paragraphs = [p.strip() for p in seed_paragraphs()]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        body: list[str] = []
        while sum(map(len, body)) < chars - 60:
            para = rng.choice(paragraphs)
            cut = rng.randint(0, max(0, len(para) - 300))
            body.append(para[cut : cut + rng.randint(150, 400)])
        text = f"第{i}号稿件 测试标题\n\n" + "\n\n".join(body) + "\n"
        (folder / f"d{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


def machine_digest(project: Project) -> str:
    """The machine layer of every document, in import order, as one digest."""
    rows = project.db.execute(
        'SELECT d.seq, s.start, s."end", s.label, s.attrs, s.agency_id, s.source, s.score '
        "FROM spans s JOIN documents d ON d.id = s.doc_id WHERE s.annotator_id = ? "
        'ORDER BY d.seq, s.start, s."end"', [project.machine_id()],
    ).fetchall()
    return hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()


def children_cpu() -> float:
    """CPU seconds of this process's ended children (the workers, once joined)."""
    try:
        import resource
    except ImportError:  # Windows: not measured
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(folder: Path, project_path: Path, workers: int, n: int) -> tuple[Run, str]:
    with Project.create(project_path) as project:
        engine = project_engine(project)
        t0, c0, w0 = time.perf_counter(), time.process_time(), children_cpu()
        if workers == 0:  # another revision's importer, which may not know the option
            report = import_paths(project, [folder], engine=engine)
        else:
            report = import_paths(project, [folder], engine=engine, workers=workers)
        run = Run(time.perf_counter() - t0, time.process_time() - c0, children_cpu() - w0)
        assert report.created == n, report.problems[:3]
        digest = machine_digest(project)
    project_path.unlink()
    return run, digest


def base_run(base: Path, folder: Path, project_path: Path, n: int) -> tuple[Run, str]:
    """:func:`one_run` of the revision checked out at ``base``, in its own process."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(base), str(folder), str(project_path), str(n)],
        env=dict(os.environ, PYTHONPATH=str(base)), cwd=base, check=True,
        capture_output=True, text=True,
    ).stdout.split()
    return Run(*map(float, out[:3])), out[3]


@dataclass
class Run:
    wall: float
    cpu: float  # this process
    workers_cpu: float

    def bound(self, n: int, cores: int) -> float:
        """Documents/s with ``cores`` cores of its own (the busier of the two limits)."""
        return n / max(self.cpu, (self.cpu + self.workers_cpu) / cores)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        _base, folder, project_path, n = sys.argv[2:]
        run, digest = one_run(Path(folder), Path(project_path), 0, int(n))
        print(run.wall, run.cpu, 0.0, digest)  # this revision starts no workers
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--workers", default="2", help="comma-separated worker counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base", type=Path, help="checkout of a revision to compare with")
    args = parser.parse_args()
    counts = [0] * bool(args.base) + [1] + [int(w) for w in args.workers.split(",") if int(w) > 1]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        chars = write_documents(folder, args.documents)
        runs: dict[int, list[Run]] = {w: [] for w in counts}
        digests = set()
        for i in range(args.runs):
            for w in counts:
                path = Path(tmp) / f"p{i}-{w}.annot"
                run, digest = (base_run(args.base, folder, path, args.documents) if w == 0
                               else one_run(folder, path, w, args.documents))
                runs[w].append(run)
                digests.add(digest)
                print(f"  run {i + 1}, {name(w)}: {args.documents / run.wall:,.0f} docs/s, "
                      f"CPU here {run.cpu:.1f} s, in workers {run.workers_cpu:.1f} s", flush=True)
    n = args.documents
    print(f"documents: {n:,} of {chars / n:,.0f} characters on average, pre-highlighted "
          "with the project's engine")
    base = statistics.median(r.wall for r in runs[counts[0]])
    for w in counts:
        wall = statistics.median(r.wall for r in runs[w])
        here = statistics.median(r.cpu for r in runs[w]) / n * 1e3
        there = statistics.median(r.workers_cpu for r in runs[w]) / n * 1e3
        cores = max(w, 1)
        bound = statistics.median(r.bound(n, cores) for r in runs[w])
        print(f"{name(w)}: median {wall:.2f} s = {n / wall:,.0f} docs/s ({base / wall:.2f}x "
              f"{name(counts[0])}); CPU per document {here:.2f} ms here + {there:.2f} ms in "
              f"workers; with {cores} free core(s): {bound:,.0f} docs/s")
    print("machine layers: " + ("identical" if len(digests) == 1 else "DIFFERENT"))


def name(workers: int) -> str:
    return "baseline" if workers == 0 else f"workers={workers}"


if __name__ == "__main__":
    main()
