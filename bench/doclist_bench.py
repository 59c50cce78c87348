"""The document list on large projects (10k, 100k, 1M documents), with a real window.

Projects are built by direct inserts (not the importer) in a temporary folder: short
texts from the demo paragraphs, three machine candidates each, statuses spread as in a
running project, and one annotator ("bench") who opened a tenth of the documents and
finished half of those. Each size is measured in fresh processes, for this tree and, where
feasible, for another checkout (``--compare /path/to/main``; its own project files, built by
its own code, since it does not know this tree's schema):

- first window: process start to the main window shown and painted;
- sort: a click on each column header (the sorted list shown);
- status filter, label filter, an indexed search (a word that picks a few hundred rows);
- next document: the Ctrl+PgDown step of the list (its own time) and the whole key press
  (the next document opened in the workbench too);
- scroll: the whole list a page at a time (the slowest step; beyond 4,000 pages, 40
  stretches of 100 pages spread over it), and jumps of the thumb;
- while the full-text index builds in the background: the longest the window stops
  answering (a 10 ms timer's largest gap);
- at the largest size: file size, PRAGMA integrity_check, VACUUM and a backup.

    QT_QPA_PLATFORM=offscreen python bench/doclist_bench.py [--sizes 10000 100000 1000000]
        [--compare /work/main] [--compare-sizes 10000 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SOURCES = ("人民日报", "新华社", "光明日报", "经济日报", "解放日报", "南方日报", "北京日报",
           "文汇报", "湖北日报", "四川日报", None)
LABELS = ("ORG", "PLACE", "PERSON", "FIGURE", "DATE")
WORDS = ("会议", "召开", "全市", "工作", "推进", "发展", "建设", "改革", "民生", "部署",
         "专项", "检查", "座谈", "调研", "表彰", "通报", "培训", "服务", "保障", "治理")
BATCH = 20_000


# -- building a project --------------------------------------------------------------------
def build(path: Path, n: int, indexed: bool, seed: int = 1) -> None:
    """``n`` documents, their candidates and one annotator's work, inserted directly."""
    from annotator.core.store import Project
    from annotator.core.store.project import now
    from bench.corpus import seed_paragraphs

    paragraphs = [p.replace("\n", "") for p in seed_paragraphs()]
    rng = random.Random(seed)
    with Project.create(path) as project:
        db = project.db
        machine, me = project.machine_id(), project.annotator_id("bench")
        db.execute("PRAGMA synchronous = OFF")
        ts = now()
        for start in range(0, n, BATCH):
            docs, spans, statuses = [], [], []
            for i in range(start, min(n, start + BATCH)):
                para = rng.choice(paragraphs)
                cut = rng.randint(0, max(0, len(para) - 160))
                text = f"第{i}号稿件。{para[cut:cut + rng.randint(80, 160)]}"
                title = "".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5)))
                status = rng.choices(("suggested", "annotated", "reviewed", "gold"),
                                     (70, 20, 7, 3))[0]
                date = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                doc_id = f"b{i:07d}"
                docs.append((doc_id, i + 1, title, text,
                             hashlib.sha256(text.encode()).hexdigest(), rng.choice(SOURCES),
                             date, status, ts))
                marks = sorted(rng.sample(range(len(text) - 2), 3))
                machine_spans = [(doc_id, s, s + 2, rng.choice(LABELS)) for s in marks]
                spans += [(d, machine, s, e, lab, "suggested") for d, s, e, lab in machine_spans]
                if rng.random() < 0.1:  # opened by the annotator
                    done = rng.random() < 0.5
                    statuses.append((doc_id, me, "done" if done else "in_progress", ts, 3))
                    for d, s, e, lab in machine_spans:
                        fate = "accepted" if done else rng.choice(("accepted", "suggested"))
                        if rng.random() < 0.2:
                            continue  # rejected
                        spans.append((d, me, s, e, lab, fate))
            with project.transaction():
                db.conn.executemany(
                    "INSERT INTO documents(id, seq, title, text, text_sha256, source, date, "
                    "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", docs)
                db.conn.executemany(
                    'INSERT INTO spans(doc_id, annotator_id, start, "end", label, origin, '
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '', '')", spans)
                db.conn.executemany(
                    "INSERT INTO doc_status(doc_id, annotator_id, status, updated_at, "
                    "candidates) VALUES (?, ?, ?, ?, ?)", statuses)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if indexed:
        index_all(path)


def index_all(path: Path) -> None:
    """The full-text index of every document, as a project imported today has it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    conn.execute("UPDATE documents SET fts_indexed = 1")
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# -- measuring in a window -----------------------------------------------------------------
FIRST_WINDOW = """
import time; t0 = time.perf_counter()
import sys
from PySide6.QtWidgets import QApplication
from annotator.core.store import Project
from annotator.ui.app import install_fonts, install_language
from annotator.ui.main_window import MainWindow
app = QApplication(sys.argv[:1])
install_language(app, "zh_CN"); install_fonts(app)
window = MainWindow(Project.open(sys.argv[1]), "bench")
window.show(); app.processEvents(); window.repaint()
print(time.perf_counter() - t0)
"""


def _settle(app) -> None:
    app.processEvents()


def _timed(app, table, action) -> float:
    """From the action to the table painted (the paint it asked for runs in the events)."""
    t0 = time.perf_counter()
    action()
    app.processEvents()
    return time.perf_counter() - t0


def measure_window(path: Path, runs: int, search: str, label: str) -> dict:
    """Everything but the first window, in one window of this process."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from annotator.core.store import Project
    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    project = Project.open(path)
    window = MainWindow(project, "bench")
    window.resize(1400, 900)
    window.show()
    _settle(app)
    panel, table = window.documents, window.documents.table
    out: dict[str, list[float]] = {}
    for column in range(5):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            out.setdefault(f"sort column {column}", []).append(
                _timed(app, table, lambda c=column, o=order: table.sortByColumn(c, o)))
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    _settle(app)
    for _ in range(runs):
        for status in ("annotated", "gold", None):
            index = panel.status.findData(status) if status else 0
            out.setdefault("status filter", []).append(
                _timed(app, table, lambda i=index: panel.status.setCurrentIndex(i)))
        for value in (label, None):
            index = panel.label.findData(value) if value else 0
            out.setdefault("label filter", []).append(
                _timed(app, table, lambda i=index: panel.label.setCurrentIndex(i)))
        for text in (search, ""):
            def run(text=text):
                panel.search.setText(text)
                panel.search.returnPressed.emit()
            out.setdefault("indexed search", []).append(_timed(app, table, run))
    table.selectRow(0)
    _settle(app)
    current = window.workbench.doc_id
    panel.blockSignals(True)  # the list's own step: nothing opened
    for _ in range(runs * 5):
        t0 = time.perf_counter()
        current = panel.step_unfinished(current, 1) or current
        out.setdefault("next document (list)", []).append(time.perf_counter() - t0)
    panel.blockSignals(False)
    for _ in range(runs * 3):
        out.setdefault("next document (key press)", []).append(_timed(
            app, table, lambda: panel.step_unfinished(window.workbench.doc_id, 1)))
    out["scroll page step"] = _scroll(app, table)
    out["scroll thumb jump"] = _jumps(app, table)
    window.close()
    project.close()
    return out


def _scroll(app, table, most: int = 4000) -> list[float]:
    """A page at a time through the whole list; a list of more than ``most`` pages in 40
    stretches of ``most // 40`` pages spread evenly over it (each reached by a jump, not
    timed here)."""
    bar = table.verticalScrollBar()
    pages = bar.maximum() // max(1, bar.pageStep()) + 1
    stretches = [(0, pages)] if pages <= most else [
        (i * pages // 40, most // 40) for i in range(40)]
    steps = []
    for first, count in stretches:
        bar.setValue(first * bar.pageStep())
        _settle(app)
        for _ in range(count):
            if bar.value() >= bar.maximum():
                break
            target = min(bar.maximum(), bar.value() + bar.pageStep())
            steps.append(_timed(app, table, lambda t=target: bar.setValue(t)))
    return steps


def _jumps(app, table, count: int = 30) -> list[float]:
    bar = table.verticalScrollBar()
    rng = random.Random(5)
    return [_timed(app, table, lambda: bar.setValue(rng.randint(0, bar.maximum())))
            for _ in range(count)]


def measure_indexing(path: Path, seconds: float) -> dict:
    """A search on a project whose index is not built: the longest stall of the window
    while the index is built in the background, and what the search said."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.core.store import Project
    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    project = Project.open(path)
    window = MainWindow(project, "bench")
    window.show()
    app.processEvents()
    panel = window.documents
    clock = QElapsedTimer()
    clock.start()
    gaps = []
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    t0 = time.perf_counter()
    panel.search.setText("第1234")
    panel.search.returnPressed.emit()
    first_answer = time.perf_counter() - t0
    note = getattr(getattr(panel, "search_note", None), "text", lambda: "")()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)
    timer.stop()
    task = getattr(panel, "index_task", None)
    if task is not None:
        task.stop()
    window.close()
    project.close()
    return {"first search (s)": first_answer, "longest stall (ms)": max(gaps, default=0),
            "note": note}


def file_checks(path: Path) -> dict:
    """Size of the file and the time of the routine maintenance commands on it."""
    from annotator.core.store import migrations

    out: dict = {"size (MB)": path.stat().st_size / 1e6}
    conn = sqlite3.connect(path)
    t0 = time.perf_counter()
    ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
    out["integrity_check (s)"] = time.perf_counter() - t0
    out["integrity"] = ok
    conn.close()
    t0 = time.perf_counter()
    backup = migrations.backup(path)
    out["backup (s)"] = time.perf_counter() - t0
    backup.unlink()
    conn = sqlite3.connect(path)
    t0 = time.perf_counter()
    conn.execute("VACUUM")
    out["VACUUM (s)"] = time.perf_counter() - t0
    conn.close()
    return out


# -- driving the processes -----------------------------------------------------------------
def _child(root: Path, *args: str, timeout: float = 7200) -> str:
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{ROOT}", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=root)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return done.stdout.strip().splitlines()[-1]


def _first_windows(root: Path, path: Path, runs: int) -> list[float]:
    return [float(_child(root, "-c", FIRST_WINDOW, str(path))) for _ in range(runs)]


def run_size(root: Path, folder: Path, n: int, runs: int, full: bool) -> dict:
    name = "tree" if root == ROOT else root.name
    path = folder / f"{name}-{n}.annot"
    t0 = time.perf_counter()
    _child(root, str(Path(__file__)), "--child-build", str(path), str(n), "0")
    result: dict = {"build (s)": time.perf_counter() - t0}
    if full:  # a copy without the full-text index, for a search while it is built
        bare = folder / f"{name}-{n}-unindexed.annot"
        shutil.copyfile(path, bare)
        result["while indexing"] = json.loads(
            _child(root, str(Path(__file__)), "--child-indexing", str(bare), "20"))
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{bare}{suffix}").unlink(missing_ok=True)
    index_all(path)
    result["first window"] = _first_windows(root, path, runs)
    result.update(json.loads(_child(root, str(Path(__file__)), "--child-window", str(path),
                                    str(runs))))
    if full:
        print(json.dumps(summary(result), ensure_ascii=False), flush=True)  # kept if cut short
        result["file"] = file_checks(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return result


def summary(result: dict) -> dict:
    """Medians (and the largest scroll step) in milliseconds."""
    out = {}
    for key, values in result.items():
        if isinstance(values, list):
            ms = sorted(v * 1000 for v in values)
            if key.startswith("scroll"):
                out[key + " (max)"] = round(ms[-1], 1)
                out[key + " (99th percentile)"] = round(ms[int(len(ms) * 0.99)], 1)
                out[key + " (median)"] = round(statistics.median(ms), 1)
                out[key + " (share over 16 ms)"] = round(sum(v > 16 for v in ms) / len(ms), 3)
            else:
                out[key] = round(statistics.median(ms), 1)
        else:
            out[key] = values
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--compare", type=Path, help="another checkout to measure the same way")
    parser.add_argument("--compare-sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, help="keep the projects here (default: a "
                        "temporary folder)")
    parser.add_argument("--child-build", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--child-window", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-indexing", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        path, n, indexed = args.child_build
        build(Path(path), int(n), indexed == "1")
        print("built")
        return
    if args.child_window:
        path, runs = args.child_window
        print(json.dumps(measure_window(Path(path), int(runs), "第1234", "PERSON")))
        return
    if args.child_indexing:
        path, seconds = args.child_indexing
        print(json.dumps(measure_indexing(Path(path), float(seconds))))
        return
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        for n in args.sizes:
            mine = summary(run_size(ROOT, Path(tmp), n, args.runs, n == max(args.sizes)))
            print(f"\n== {n:,} documents ==")
            other = None
            if args.compare and n in args.compare_sizes:
                other = summary(run_size(args.compare, Path(tmp), n, args.runs, False))
            for key, value in mine.items():
                line = f"{key:28} {value}"
                if other and isinstance(value, float) and isinstance(other.get(key), float):
                    ratio = other[key] / value if value else float("inf")
                    line += f"   (other: {other[key]}, {ratio:.0f}x)"
                print(line, flush=True)


if __name__ == "__main__":
    main()
