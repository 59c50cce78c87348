"""Import pre-highlights in worker processes and stores exactly what one process stores;
cancelled or killed, it leaves no process behind and no document without its candidates."""

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from annotator.core.ingest.importer import import_paths
from annotator.core.prehighlight.parallel import (
    EngineRecipe,
    OrderedSpans,
    machine_spans,
    remember_recipe,
)
from annotator.core.prehighlight.runner import project_engine
from annotator.core.store import Project, fulltext
from tests.conftest import SEEDS


def paragraphs() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p) > 40]
    return out


def write_documents(folder: Path, n: int) -> None:
    """``n`` distinct documents of about 1,000 characters made of seed paragraphs."""
    rng = random.Random(5)
    paras = paragraphs()
    folder.mkdir()
    for i in range(n):
        body = [rng.choice(paras)[:300] for _ in range(4)]
        (folder / f"d{i:05d}.txt").write_text(f"第{i}号\n\n" + "\n\n".join(body), encoding="utf-8")


def machine_layers(project: Project) -> list[tuple]:
    return project.db.execute(
        'SELECT d.seq, d.id, s.start, s."end", s.label, s.attrs, s.agency_id, s.source, '
        "s.score FROM documents d LEFT JOIN spans s ON s.doc_id = d.id "
        'AND s.annotator_id = ? ORDER BY d.seq, s.start', [project.machine_id()],
    ).fetchall()


def test_worker_processes_find_what_this_process_finds_in_the_same_order():
    recipe = EngineRecipe(default_region="重庆市")
    engine = remember_recipe(recipe.build(), recipe)
    rng = random.Random(2)
    paras = paragraphs()
    batches = [[("\n".join(rng.sample(paras, 3)), {}) for _ in range(5)] for _ in range(12)]
    batches[3][1] = None  # a document that brings its own spans takes none
    done = []
    with OrderedSpans(engine, workers=2, start_after=0) as spans:
        done += spans.put(0, batches[0])  # here: the workers are starting
        deadline = time.monotonic() + 120
        while not spans.pool.ready():
            assert time.monotonic() < deadline, "no worker became ready"
            time.sleep(0.05)
        for key, batch in enumerate(batches[1:], start=1):
            done += spans.put(key, batch)
        assert spans.pending, "the workers were given no work"
        done += spans.drain()
    assert multiprocessing.active_children() == []
    assert [key for key, _ in done] == list(range(len(batches)))
    for (_key, found), batch in zip(done, batches):
        assert found == [None if d is None else machine_spans(engine, [d])[0] for d in batch]


def test_import_with_workers_stores_what_one_process_stores(tmp_path):
    write_documents(tmp_path / "docs", 160)
    layers = []
    for workers in (1, 2):
        with Project.create(tmp_path / f"p{workers}.annot") as project:
            report = import_paths(project, [tmp_path / "docs"], workers=workers,
                                  engine=project_engine(project, "重庆市"))
            assert report.created == 160 and report.candidates > 0
            layers.append(machine_layers(project))
            assert fulltext.pending(project) == 0  # indexed as it was imported
    assert multiprocessing.active_children() == []
    assert layers[0] == layers[1]


def test_cancelled_import_ends_its_workers_and_keeps_whole_documents(tmp_path):
    write_documents(tmp_path / "docs", 1500)
    seen: list[int] = []

    def cancelled() -> bool:
        if multiprocessing.active_children():
            seen.append(1)
        return len(seen) > 150  # well after the workers started

    with Project.create(tmp_path / "p.annot") as project:
        report = import_paths(project, [tmp_path / "docs"], cancelled=cancelled, workers=2,
                              engine=project_engine(project, "重庆市"))
        assert seen, "the workers never started"
        assert multiprocessing.active_children() == []
        assert 0 < report.created < 1500
        assert_whole(project, report.created)


def assert_whole(project: Project, created: int, killed: bool = False) -> None:
    """Every stored document has its machine layer (its event says so) and its index entry
    (killed, the last few may wait for the first search to index them)."""
    db = project.db
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == created
    marked = db.execute(
        "SELECT COUNT(DISTINCT doc_id) FROM events WHERE action = 'prehighlight'"
    ).fetchone()[0]
    assert marked == created
    assert fulltext.pending(project) <= (fulltext.BATCH if killed else 0)


IMPORTER = textwrap.dedent(
    """
    import multiprocessing, sys
    from annotator.core.ingest.importer import import_paths
    from annotator.core.prehighlight.runner import project_engine
    from annotator.core.store import Project

    def progress(done, total):
        pids = [p.pid for p in multiprocessing.active_children()]
        print(done, *pids, flush=True)

    if __name__ == "__main__":
        with Project.create(sys.argv[1]) as project:
            import_paths(project, [sys.argv[2]], progress=progress, workers=2,
                         engine=project_engine(project, "重庆市"))
    """
)


def gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its new parent counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process table in /proc")
def test_killed_import_leaves_no_worker_and_no_half_written_document(tmp_path):
    write_documents(tmp_path / "docs", 3000)
    script = tmp_path / "importer.py"
    script.write_text(IMPORTER, encoding="utf-8")
    project_path = tmp_path / "p.annot"
    proc = subprocess.Popen([sys.executable, str(script), str(project_path), tmp_path / "docs"],
                            stdout=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        for line in proc.stdout:
            _done, *workers = map(int, line.split())
            if len(workers) == 2:
                time.sleep(1.0)  # let the workers take work
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert len(workers) == 2, "the import ended before its workers started"
    deadline = time.monotonic() + 30
    while not all(gone(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived the killed import"
        time.sleep(0.1)
    with Project.open(project_path) as project:
        created = project.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        assert 0 < created < 3000
        assert_whole(project, created, killed=True)


BUSY_PARENT = textwrap.dedent(
    """
    import multiprocessing, sys, time
    from annotator.core.prehighlight.parallel import EngineRecipe, OrderedSpans, remember_recipe

    if __name__ == "__main__":
        recipe = EngineRecipe()
        engine = remember_recipe(recipe.build(), recipe)
        long_text = open(sys.argv[1], encoding="utf-8").read()
        with OrderedSpans(engine, workers=2, start_after=0) as spans:
            spans.put(0, [("预热", {})])
            while not spans.pool.ready():
                time.sleep(0.05)
            spans.put(1, [(long_text, {})])
            spans.put(2, [(long_text, {})])
            time.sleep(1.0)  # both workers are inside their long document now
            print(*[p.pid for p in multiprocessing.active_children()], flush=True)
            time.sleep(600)
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process table in /proc")
def test_workers_end_with_their_parent_even_in_the_middle_of_a_document(tmp_path):
    script, long_text = tmp_path / "busy.py", tmp_path / "long.txt"
    script.write_text(BUSY_PARENT, encoding="utf-8")
    long_text.write_text("\n".join(paragraphs()) * 400, encoding="utf-8")  # minutes of work
    proc = subprocess.Popen([sys.executable, str(script), str(long_text)],
                            stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in proc.stdout.readline().split()]
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert len(workers) == 2
    deadline = time.monotonic() + 5
    while not all(gone(pid) for pid in workers):
        if time.monotonic() > deadline:
            for pid in workers:
                if not gone(pid):
                    os.kill(pid, signal.SIGKILL)
            pytest.fail("a worker went on with its document after its parent was killed")
        time.sleep(0.05)
