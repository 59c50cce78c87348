"""Peak memory of ``annotator export``, ``release`` and ``agreement`` as a project grows.

Builds projects of N documents (about 400 characters each, from ``bench.corpus``'s seed
paragraphs) with three annotators' layers, each marked done, and a gold layer on every
document, by direct inserts into the store's tables (minutes faster than importing). Then
runs each command as its own process, once per code tree given, and reads the process's
peak resident memory from ``os.wait4`` (the kernel's ``ru_maxrss`` of that child alone).
Prints the median of the runs per command and size, and the ratio of the trees.

    python bench/stream_memory_bench.py --sizes 10000,100000 --runs 3 \\
        --tree before=/path/to/a/checkout/of/main --tree after=.

A tree is a checkout of this repository; its code runs the command (``PYTHONPATH``), the
projects are built once with this file's tree. Both trees must read the same file format.
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
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.model import GOLD, MACHINE, AnnotatorStatus, DocStatus, Origin, Role  # noqa: E402,I001
from annotator.core.store import Project  # noqa: E402
from annotator.core.store.project import now  # noqa: E402
from bench.corpus import seed_paragraphs  # noqa: E402

LABELS = ["AGENCY", "ORG", "PERSON", "PLACE", "FIGURE", "DATE", "POLICY"]
PEOPLE = ("li", "wang", "zhao")
BATCH = 5000
COMMANDS = ("export", "release", "agreement")


def texts(n: int, seed: int = 11) -> Iterator[str]:
    """``n`` distinct texts of two seed paragraphs cut to about 400 characters."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    for i in range(n):
        body = "\n".join(rng.sample(paragraphs, 2))[:400]
        yield f"第{i}号稿件\n{body}"


def spans_of(rng: random.Random, length: int) -> list[tuple[int, int, str]]:
    """Non-overlapping spans of 2 to 8 characters, 3 to 60 apart."""
    out, pos = [], rng.randint(0, 20)
    while (end := pos + rng.randint(2, 8)) < length - 2:
        out.append((pos, end, rng.choice(LABELS)))
        pos = end + rng.randint(3, 60)
    return out


def build(path: Path, n: int) -> None:
    """A project of ``n`` documents, three people's layers (done) and gold on each."""
    rng = random.Random(n)
    with Project.create(path) as project:
        owners = {name: project.annotator_id(name, Role.ANNOTATOR) for name in PEOPLE}
        owners[MACHINE] = project.machine_id()
        owners[GOLD] = project.annotator_id(GOLD, Role.GOLD)
        stamp = now()
        batch: list[tuple[int, str]] = []
        for seq, text in enumerate(texts(n), start=1):
            batch.append((seq, text))
            if len(batch) == BATCH:
                _insert(project, batch, owners, rng, stamp)
                batch = []
        if batch:
            _insert(project, batch, owners, rng, stamp)
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _insert(project: Project, batch: list[tuple[int, str]], owners: dict[str, int],
            rng: random.Random, stamp: str) -> None:
    docs, spans, statuses = [], [], []
    for seq, text in batch:
        doc_id = f"d{seq:07d}"
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        docs.append((doc_id, seq, text[:10], text, sha, DocStatus.GOLD, stamp))
        base = spans_of(rng, len(text))
        for name in (*PEOPLE, GOLD):
            layer = [s for s in base if name == GOLD or rng.random() > 0.1]
            origin = Origin.MANUAL
            spans += [(doc_id, owners[name], a, b, label, origin, stamp, stamp)
                      for a, b, label in layer]
            if name != GOLD:
                statuses.append((doc_id, owners[name], AnnotatorStatus.DONE, stamp))
    with project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO documents(id, seq, title, text, text_sha256, status, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", docs)
        db.conn.executemany(
            'INSERT INTO spans(doc_id, annotator_id, start, "end", label, origin, created_at, '
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", spans)
        db.conn.executemany(
            "INSERT INTO doc_status(doc_id, annotator_id, status, updated_at) "
            "VALUES (?, ?, ?, ?)", statuses)


def command(name: str, project: Path, out: Path) -> list[str]:
    cli = [sys.executable, "-m", "annotator"]
    if name == "export":
        return [*cli, "export", "--project", str(project), "-o", str(out / "export.jsonl")]
    if name == "release":
        return [*cli, "release", "--project", str(project), "-o", str(out / "release"),
                "--pii", "mask"]
    return [*cli, "agreement", "--project", str(project), "--json"]


def peak_rss(argv: list[str], tree: Path, cwd: Path) -> tuple[float, float]:
    """(peak resident MiB, seconds) of one run of ``argv`` with ``tree``'s code."""
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    assert child.stderr is not None
    error = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(argv)} failed:\n{error.decode(errors='replace')}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started  # ru_maxrss is KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="documents, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", action="append", default=[],
                        help="NAME=PATH of a checkout whose code runs the commands")
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the projects are built (default: a temporary folder)")
    args = parser.parse_args()
    trees = dict(t.split("=", 1) for t in args.tree) or {"this": str(ROOT)}
    work = args.workdir or Path(tempfile.mkdtemp(prefix="stream-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{'documents':>9} {'command':<9} " + " ".join(
        f"{name + ' MiB':>12} {name + ' s':>9}" for name in trees) + "   ratio")
    for n in (int(s) for s in args.sizes.split(",")):
        project = work / f"bench-{n}.annot"
        if not project.exists():
            started = time.perf_counter()
            build(project, n)
            print(f"# built {n} documents in {time.perf_counter() - started:.0f} s "
                  f"({project.stat().st_size / 2**20:.0f} MiB)", flush=True)
        for cmd in args.commands.split(","):
            medians = {}
            for name, tree in trees.items():
                out = work / f"out-{name}"
                out.mkdir(exist_ok=True)
                runs = [peak_rss(command(cmd, project, out), Path(tree).resolve(), work)
                        for _ in range(args.runs)]
                medians[name] = (statistics.median(r[0] for r in runs),
                                 statistics.median(r[1] for r in runs))
            values = list(medians.values())
            ratio = f"{values[0][0] / values[-1][0]:.1f}x" if len(values) > 1 else ""
            print(f"{n:>9} {cmd:<9} " + " ".join(f"{m:>12.0f} {s:>9.1f}" for m, s in values)
                  + f"   {ratio}", flush=True)


if __name__ == "__main__":
    main()
