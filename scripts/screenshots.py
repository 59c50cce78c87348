"""Render the main views to PNG, as users see them, for the README and for review.

Needs a display: run under Xvfb with a CJK font installed, e.g.
    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshots.py
(Debian: ``apt-get install xvfb fonts-noto-cjk``). Uses a throwaway demo project, in which
two annotators disagree on one article so that the review window has something to show.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))


def _save(widget, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path}")


def _wait(ready, seconds: float = 20.0) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while not ready() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def _select_agency(window) -> None:
    """Step to the first agency candidate, so the side panel shows its ranked links."""
    for _ in range(60):
        window.workbench.go(1)
        span = window.workbench.current_span()
        if span is not None and span.label == "AGENCY":
            return


def _disagree(project, doc_id: str) -> None:
    """Two annotators' layers that differ: one rejects two candidates, one relabels one."""
    from annotator.core.editing import Editor

    wang, li = Editor(project, "王"), Editor(project, "李")
    first = wang.open(doc_id)
    for span in first[:2]:
        wang.reject(span.id)
    wang.mark_done(doc_id, undecided="accept")
    second = li.open(doc_id)
    li.relabel(second[2].id, "ORG")
    li.mark_done(doc_id, undecided="accept")


def _main_window(project, language: str, row: int):
    from annotator.core.preferences import Preferences
    from annotator.ui.main_window import MainWindow
    from annotator.ui.project_actions import ProjectActions

    window = MainWindow(project, "演示" if language == "zh_CN" else "demo", language)
    actions = ProjectActions(Preferences(path=Path(tempfile.mkdtemp()) / "prefs.json"), project)
    actions.attach(window)
    window.actions_for_screenshot = actions  # kept alive with the window
    window.resize(1400, 860)
    window.show()
    window.documents.table.selectRow(row)
    _select_agency(window)
    return window


def _review_and_team_views(project, window) -> None:
    """Review of a disagreement, the dashboards, and the assignment dialog (Chinese only)."""
    from annotator.ui.dashboard import Dashboard
    from annotator.ui.review_window import ReviewWindow

    doc_id = window.workbench.doc_id
    _disagree(project, doc_id)
    review = ReviewWindow(project, "演示", doc_id)
    review.resize(1300, 760)
    review.show()
    _save(review, "review-zh_CN")
    review.close()
    board = Dashboard(project)
    board.resize(1200, 800)
    board.show()
    _wait(lambda: board.charts)  # figures are gathered in the background
    board.tabs.setCurrentIndex(4)  # candidates by rule: what annotators kept
    _save(board, "dashboard-zh_CN")
    board.close()
    dialog = window.team.assign_dialog()
    if dialog is not None:
        dialog.show()
        _save(dialog, "assign-zh_CN")
        dialog.close()


def main() -> int:
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()  # never touch the real demo project
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from annotator.core.demo import open_demo
    from annotator.ui.app import install_fonts, install_language

    app = QApplication([sys.argv[0]])
    install_fonts(app)
    OUT.mkdir(parents=True, exist_ok=True)
    with open_demo() as project:
        for language, row in (("zh_CN", 0), ("en", 5)):
            translator = install_language(app, language)
            window = _main_window(project, language, row)
            _save(window, f"main-{language}")
            if language == "zh_CN":
                _review_and_team_views(project, window)
            window.close()
            if translator:
                for installed in (translator, *translator.findChildren(QTranslator)):
                    app.removeTranslator(installed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
