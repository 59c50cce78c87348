"""The app learns from the documents marked done in the background; the window never waits."""

import time

from annotator.core.prehighlight.runner import prehighlight_documents
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import models as models_store
from annotator.ui.main_window import MainWindow
from tests.conftest import chinese_interface

VENUES = ["星光馆", "明月馆", "青云馆", "碧水馆", "金石馆", "松风馆"]


def _text(i: int) -> str:
    return f"记者王小明报道：本次活动在{VENUES[i]}举行，共有{i + 3}个单位参加。"


def _project(tmp_path, count=6):
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(_text(i), id=f"d{i}")
                                    for i in range(count)], None)
    prehighlight_documents(project, [f"d{i}" for i in range(count)])
    return project


def _annotate(win, i):
    """As an annotator does: label the venue, decide every candidate, mark done."""
    doc_id = f"d{i}"
    win.documents.select(doc_id)
    start = _text(i).index(VENUES[i])
    win.workbench.perform(lambda: win.editor.label(doc_id, start, start + 3, "ORG"))
    win.workbench.perform(lambda: win.editor.mark_done(doc_id, "accept"))


def test_marking_documents_done_learns_a_model_in_the_background(qtbot, tmp_path):
    project = _project(tmp_path)
    win = MainWindow(project, "wang", "en")
    win.learning.every = 4
    qtbot.addWidget(win)
    win.show()
    for i in range(3):
        _annotate(win, i)
    assert win.learning.task is None  # too few documents done yet
    started = time.perf_counter()
    _annotate(win, 3)
    assert time.perf_counter() - started < 1.5  # learning started, not waited for
    assert win.learning.task is not None and win.learning.task.is_running()
    with qtbot.waitSignal(win.learning.finished, timeout=180_000):
        pass
    message = win.statusBar().currentMessage()
    assert message.startswith("Learnt from 4 documents at "), message
    assert "F1" in message and "rules alone" in message
    assert models_store.latest(project).summary["documents"] == 4
    project.close()


def test_the_learning_message_speaks_chinese(qtbot, tmp_path):
    project = _project(tmp_path)
    with chinese_interface():
        win = MainWindow(project, "wang")
        win.learning.every = 4
        qtbot.addWidget(win)
        for i in range(4):
            _annotate(win, i)
        with qtbot.waitSignal(win.learning.finished, timeout=180_000):
            pass
        message = win.statusBar().currentMessage()
    assert "Learnt" not in message and "F1" in message
    project.close()
