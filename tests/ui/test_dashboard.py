"""Dashboards from a real project's history: charts drawn and saved, inconsistencies found."""

from annotator.core import insights
from annotator.core.editing import Editor
from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.dashboard import Dashboard
from annotator.ui.main_window import MainWindow

TEXTS = {"a": "团区委开展志愿服务,全市社工6.79万人。", "b": "团区委召开会议,市民政局参加。"}


def _project(path):
    project = Project.create(path)
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(t, {"title": k}, id=k)
                                    for k, t in TEXTS.items()], None)
        for doc_id in TEXTS:
            spans_store.replace_layer(project, doc_id, project.machine_id(), [
                Span(0, 3, "AGENCY", origin="suggested", source="rule:agency", score=0.9)])
    editor = Editor(project, "wang")
    for doc_id in TEXTS:
        (span,) = editor.open(doc_id)
        editor.accept(span.id) if doc_id == "a" else editor.relabel(span.id, "ORG")
        editor.mark_done(doc_id)
    return project


def test_figures_from_the_history(tmp_path):
    with _project(tmp_path / "p.annot") as project:
        assert insights.source_outcomes(project)["rule:agency"] == {"accepted": 1, "edited": 1}
        (day,) = insights.progress_over_time(project).values()
        assert day == {"annotated": 2}
        forms = insights.inconsistencies(project)
        assert list(forms) == ["团区委"] and {o.label for o in forms["团区委"]} == {"AGENCY", "ORG"}
        assert sum(insights.throughput(project)["wang"].values()) == 2


def test_dashboard_draws_saves_and_jumps(qtbot, tmp_path):
    with _project(tmp_path / "p.annot") as project:
        window = MainWindow(project, "wang")
        qtbot.addWidget(window)
        window.show_dashboard()
        board: Dashboard = window.dashboard
        qtbot.waitUntil(lambda: len(board.charts) == 5, timeout=15_000)
        png = tmp_path / "labels.png"
        board.charts["labels"].save(png)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        top = board.consistency.topLevelItem(0)
        assert top.text(0) == "团区委"
        board._jump(top.child(1))
        assert window.workbench.doc_id == top.child(1).text(3)
