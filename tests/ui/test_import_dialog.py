"""Import in the background: the GUI keeps running, progress arrives, Cancel keeps what was done."""

import gc

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog, QPushButton

from annotator.core.store import Project
from annotator.ui.import_dialog import (
    ImportRunner,
    ImportSummary,
    import_job,
    request_for,
    run_import,
)
from annotator.ui.tasks import Task, with_project
from tests.conftest import SEEDS

DEMO_FILES = sorted(SEEDS.glob("*.txt"))


def _count(project: Project) -> int:
    return project.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def _window(qtbot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def _many_articles(folder, n):
    """Distinct small articles (no duplicates), cut from the demo texts."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in DEMO_FILES]
    for i in range(n):
        body = texts[i % len(texts)][:1500]
        text = f"第{i}号通报\n\n{body}\n编号{i}。\n"
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_import_runs_while_the_gui_thread_keeps_working(qtbot, project):
    """The GUI thread holds the project (and its lock) and writes; the worker imports."""
    job = import_job(request_for([SEEDS], split_stories=True, region="重庆市"))
    task = Task(with_project(project.path, job))
    progress, ticks_while_running = [], []
    task.progressed.connect(lambda done, total: progress.append((done, total)))
    timer = QTimer()
    timer.setInterval(5)

    def tick():
        if task.is_running():
            ticks_while_running.append(_count(project))  # reads, and writes its own settings
            project.set_setting("last_tick", str(len(ticks_while_running)))

    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(task.succeeded, timeout=120_000) as result:
        task.start()
        assert task.is_running()  # start() returned at once: the work is elsewhere
    timer.stop()
    qtbot.waitUntil(lambda: task.ended)

    report = result.args[0]
    assert ticks_while_running, "the event loop ran while the import was running"
    assert progress[-1] == (len(DEMO_FILES), len(DEMO_FILES))
    assert report.files == len(DEMO_FILES) and not report.problems
    assert report.created >= len(DEMO_FILES) and report.candidates > 0
    assert _count(project) == report.created
    assert project.setting("last_tick") == str(len(ticks_while_running))


def test_no_cycle_collection_runs_while_a_job_runs(qtbot):
    """A collection in the worker thread could free closed widgets there and hang both
    threads; the collector is paused while jobs run and back on when the last one ends."""
    seen = []
    tasks = [Task(lambda _p, _c: seen.append(gc.isenabled())) for _ in range(2)]
    assert gc.isenabled()
    with qtbot.waitSignals([t.done for t in tasks], timeout=30_000):
        for task in tasks:
            task.start()
        assert not gc.isenabled()
    assert seen == [False, False] and gc.isenabled()


def test_a_failing_job_reports_its_error(qtbot, tmp_path):
    task = Task(with_project(tmp_path / "missing.annot", import_job(request_for([SEEDS]))))
    with qtbot.waitSignal(task.failed, timeout=30_000) as result:
        task.start()
    assert "no such project file" in str(result.args[0])


def test_run_import_shows_the_summary_and_returns_the_report(qtbot, project):
    window = _window(qtbot)
    report = run_import(window, project.path, request_for([SEEDS], split_stories=True))
    assert report is not None and report.created >= len(DEMO_FILES) and report.duplicates == 0
    summary = window.findChild(ImportSummary)
    assert summary is not None and summary.isVisible()
    assert f"Documents imported: {report.created}" in summary.summary.text()
    assert summary.problems is None
    summary.close()

    again = run_import(window, project.path, request_for(DEMO_FILES, split_stories=True))
    assert again.created == 0 and again.duplicates == report.created
    assert _count(project) == report.created


def test_problems_are_listed_with_file_and_line(qtbot, project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(DEMO_FILES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "lines.jsonl").write_text(
        '{"id": "ok-1", "text": "市民政局发布通知。"}\n{"id": "broken", "text": \n',
        encoding="utf-8",
    )
    window = _window(qtbot)
    report = run_import(window, project.path, request_for([folder, tmp_path / "absent.txt"]))
    assert report.created == 2
    summary = window.findChild(ImportSummary)
    listed = summary.problems.toPlainText()
    assert f"{folder / 'lines.jsonl'}:2:" in listed
    assert "absent.txt" in listed
    assert "Problems (not imported; everything else was): 2" in summary.summary.text()


def test_cancel_stops_early_and_keeps_what_was_committed(qtbot, project, tmp_path):
    n = 160
    folder = _many_articles(tmp_path / "many", n)
    window = _window(qtbot)
    runner = ImportRunner(window, project.path, request_for([folder]))
    dialog = runner.dialog
    assert isinstance(dialog, QProgressDialog)
    cancel_button = dialog.findChild(QPushButton)

    def cancel_once(done, total):
        if not runner.cancelled:
            cancel_button.click()  # the button goes away once cancelled

    runner.task.progressed.connect(cancel_once)
    with qtbot.waitSignal(runner.finished, timeout=120_000) as result:
        runner.start()
    report = result.args[0]
    assert runner.cancelled
    assert 0 < report.created < n
    assert _count(project) == report.created
    assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # the same import again completes it: nothing twice
    rest = run_import(window, project.path, request_for([folder]))
    assert rest.created == n - report.created and rest.duplicates == report.created
    assert _count(project) == n


def test_an_import_into_a_file_that_is_not_a_project_shows_why(qtbot, tmp_path):
    not_a_project = tmp_path / "notes.annot"
    not_a_project.write_text("just some notes", encoding="utf-8")
    window = _window(qtbot)
    assert run_import(window, not_a_project, request_for([SEEDS])) is None
    box = window.findChild(QMessageBox)
    assert box is not None and "not a project file" in box.text()
