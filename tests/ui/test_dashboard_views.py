"""What the dashboards show: annotators whose work came in by import, agreement over time
per day or per week (chosen from the keyboard), and "no data" on a chart with nothing to
draw, in the interface's language."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from annotator.core.store import Project
from annotator.ui.dashboard import Chart, Dashboard, _ticks
from tests.conftest import chinese_interface, run_cli

TEXT = "团区委开展志愿服务，市民政局参加。"


@pytest.fixture
def imported(tmp_path):
    """Two annotators who worked elsewhere; their layers imported from JSONL."""
    path = tmp_path / "p.annot"
    for who, label in (("wang", "AGENCY"), ("li", "ORG")):
        line = {"id": "a", "text": TEXT, "meta": {"title": "a"}, "status": "annotated",
                "spans": [{"start": 0, "end": 3, "label": "AGENCY"},
                          {"start": 10, "end": 14, "label": label}]}
        (tmp_path / f"{who}.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
        result = run_cli("import", tmp_path / f"{who}.jsonl", "--project", path,
                         "--annotator", who)
        assert result.returncode == 0, result.stderr
    with Project.open(path) as project:
        yield project


def open_board(qtbot, project) -> Dashboard:
    board = Dashboard(project)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitUntil(lambda: len(board.charts) == 5, timeout=20_000)
    return board


def legend(chart: Chart) -> str:
    return "" if chart.legend.isHidden() else chart.legend.text()


def test_imported_annotators_appear_and_agreement_is_drawn(qtbot, imported):
    board = open_board(qtbot, imported)
    throughput = board.charts["throughput"]
    assert throughput.has_data and "wang" in legend(throughput) and "li" in legend(throughput)
    agreement = board.charts["agreement"]
    assert agreement.has_data
    assert "all annotators" in legend(agreement) and "li – wang" in legend(agreement)
    (line, *_pairs) = agreement.plot.listDataItems()
    assert list(line.getData()[1]) == [0.5]
    assert agreement.plot.getAxis("bottom").labelText == "day"
    board.tabs.setCurrentWidget(board.period.parentWidget())
    board.period.setFocus()
    qtbot.keyClick(board.period, Qt.Key.Key_Down)  # per week
    assert board.period.currentData() == "week"
    assert agreement.plot.getAxis("bottom").labelText == "week"
    assert list(agreement.plot.listDataItems()[0].getData()[1]) == [0.5]


def test_charts_without_data_say_so_in_chinese(qtbot, tmp_path):
    with chinese_interface(), Project.create(tmp_path / "p.annot") as project:
        board = open_board(qtbot, project)
        for key, chart in board.charts.items():
            assert not chart.has_data, key
            assert chart.stack.currentWidget() is chart.empty
            assert "暂无数据" in chart.empty.text()
        assert "两名或更多标注员" in board.charts["agreement"].empty.text()


def test_legend_and_axis_titles_never_share_space(qtbot, imported, tmp_path):
    """The legend is a row under the plot, and a long run of days labels only some ticks."""
    board = open_board(qtbot, imported)
    chart = board.charts["throughput"]
    board.tabs.setCurrentWidget(chart)
    qtbot.waitUntil(chart.legend.isVisible)
    plot = chart.stack.geometry()
    assert not plot.intersects(chart.legend.geometry())
    assert chart.legend.geometry().top() >= plot.bottom()
    days = [f"2026-03-{d:02d}" for d in range(1, 32)]
    major, minor = _ticks(days)
    assert len(major) <= 8 and len(major) + len(minor) == 31
    png = tmp_path / "throughput.png"
    chart.save(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert isinstance(chart.empty, QLabel)


def test_agreement_dialog_names_imported_annotators_and_labels(qtbot, imported):
    from annotator.ui.agreement_dialog import AgreementDialog

    with chinese_interface():
        dialog = AgreementDialog(imported)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.pairs.rowCount() == 1, timeout=20_000)
        names = {dialog.pairs.item(0, 0).text(), dialog.pairs.item(0, 1).text()}
        assert names == {"wang", "li"}
        shown = {dialog.labels.item(r, 0).text() for r in range(dialog.labels.rowCount())}
        assert shown == {"机构", "组织"}


def test_agreement_dialog_with_nothing_to_compare_says_so(qtbot, tmp_path):
    from annotator.ui.agreement_dialog import AgreementDialog

    with chinese_interface(), Project.create(tmp_path / "p.annot") as project:
        dialog = AgreementDialog(project)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
        assert dialog.overall.text().startswith("暂无数据")
