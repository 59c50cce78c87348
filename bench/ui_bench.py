"""Workbench speed, offscreen: opening a large document, a hotkey's round trip, start-up.

- open: a 50,000-character document with 2,000 candidate spans, from the click to a view
  ready for input (text laid out, every span painted);
- hotkey: a label hotkey on a selection, through the core (one SQLite transaction with
  synchronous=FULL) to the repainted range, in a project of 10,000 documents;
- scroll: the large document scrolled through, a page and then three lines at a time, each
  step timed until the newly exposed text is painted (smooth: a frame within 16 ms);
- start-up: a fresh process from import to a shown, usable main window.

    QT_QPA_PLATFORM=offscreen python bench/ui_bench.py
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.model import Span  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from annotator.core.store import documents as docs_store  # noqa: E402
from annotator.core.store import spans as spans_store  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402
from bench.corpus import make_articles  # noqa: E402

STARTUP = """
import time; t0 = time.perf_counter()
import sys
from PySide6.QtWidgets import QApplication
from annotator.core.store import Project
from annotator.ui.app import install_fonts, install_language
from annotator.ui.main_window import MainWindow
app = QApplication(sys.argv[:1])
install_language(app, "zh_CN"); install_fonts(app)
window = MainWindow(Project.open(sys.argv[1]), "bench")
window.show(); app.processEvents()
print(time.perf_counter() - t0)
"""


def big_document(chars: int = 50_000, spans: int = 2_000) -> tuple[str, list[Span]]:
    text = "".join(make_articles(80, seed=3))[:chars]
    step = chars // spans
    return text, [Span(i * step, i * step + 4, "FIGURE", origin="suggested",
                       source="rule:figure", score=0.9) for i in range(spans)]


def make_project(path: Path, documents: int) -> str:
    text, spans = big_document()
    with Project.create(path) as project, project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(text, {"title": "大文档"}, id="big")],
                          None)
        spans_store.replace_layer(project, "big", project.machine_id(), spans)
        docs_store.insert(project, [docs_store.NewDocument(a, {"title": f"稿件{i}"})
                                    for i, a in enumerate(make_articles(documents - 1))], None)
    return "big"


def bench_open(app: QApplication, window: MainWindow, runs: int = 9) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        window.workbench.open_document("big")
        window.workbench.view.viewport().repaint()
        app.processEvents()
        times.append(time.perf_counter() - t0)
    return times


def bench_hotkey(app: QApplication, window: MainWindow, actions: int = 300) -> list[float]:
    view = window.workbench.view
    text = view.toPlainText()
    rng = random.Random(5)
    free = [s.end + 1 for s in view.spans()][: actions]  # a character after each candidate
    times = []
    for start in rng.sample(free, len(free)):
        if start + 1 >= len(text) or text[start].isspace():
            continue
        cursor = view.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + 1, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_L)
        view.viewport().repaint()
        times.append(time.perf_counter() - t0)
    return times


def bench_scroll(app: QApplication, window: MainWindow) -> list[float]:
    view = window.workbench.view
    bar = view.verticalScrollBar()
    times = []
    for step in (bar.pageStep(), bar.singleStep() * 3):
        bar.setValue(0)
        app.processEvents()
        while bar.value() < bar.maximum():
            t0 = time.perf_counter()
            bar.setValue(bar.value() + step)
            view.viewport().repaint()
            times.append(time.perf_counter() - t0)
    return times


def bench_startup(path: Path, runs: int = 3) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = [float(subprocess.run([sys.executable, "-c", STARTUP, str(path)], env=env,
                                capture_output=True, text=True, check=True).stdout)
           for _ in range(runs + 1)]
    return out[1:]  # the first run warms the file cache


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.annot"
        make_project(path, 10_000)
        project = Project.open(path)
        window = MainWindow(project, "bench")
        window.show()
        window.resize(1400, 860)  # after show: the offscreen screen is smaller than this
        opens = bench_open(app, window)
        keys = bench_hotkey(app, window)
        scrolls = bench_scroll(app, window)
        project.close()
        window.close()
        starts = bench_startup(path)
    ms = 1000
    print("project: 10,000 documents; the large one 50,000 characters with 2,000 spans")
    print(f"open large document: median {statistics.median(opens) * ms:.0f} ms "
          f"(target <= 300 ms), max {max(opens) * ms:.0f} ms over {len(opens)}")
    print(f"hotkey -> committed and drawn: median {statistics.median(keys) * ms:.1f} ms "
          f"(target <= 16), p99 {pct(keys, 0.99) * ms:.1f} ms (target <= 50) over {len(keys)}")
    print(f"scroll the large document: median {statistics.median(scrolls) * ms:.1f} ms per step, "
          f"p99 {pct(scrolls, 0.99) * ms:.1f} ms (a frame is 16 ms) over {len(scrolls)} steps")
    print(f"start-up to a usable window: median {statistics.median(starts):.2f} s warm "
          f"(target <= 2 s) over {len(starts)}")


if __name__ == "__main__":
    main()
