"""Team ▸ Collect in the app refuses forged and damaged packages as the command line does,
says why in the interface's language with the problems named, and still merges the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.ui.main_window import MainWindow
from annotator.ui.team_actions import CollectSummary
from tests.adversarial.test_packages import SPAN, files, forge, own_span, snapshot, templates
from tests.conftest import chinese_interface

__all__ = ["files", "templates"]  # the fixtures, shared


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def _collect(qtbot, master: Path, packages: list[Path]) -> CollectSummary:
    from annotator.core.store import Project

    window = MainWindow(Project.open(master), "liu")
    qtbot.addWidget(window)
    window.show()
    window.team.collect_packages(packages)
    qtbot.waitUntil(lambda: window.team.idle(), timeout=60_000)
    summary = window.team.message
    window.project.close()
    return summary


def _bad_packages(files: dict, tmp_path: Path) -> tuple[Path, Path]:
    span = own_span(files["wang"], files["doc_id"])
    forge(files["wang"], SPAN.format("score = 'high'", span))
    half = tmp_path / "half.annot"
    half.write_bytes(files["li"].read_bytes()[: files["li"].stat().st_size // 2])
    return files["wang"], half


def test_collect_in_the_app_shows_each_refusal_and_merges_the_rest(qtbot, files, tmp_path):
    forged, half = _bad_packages(files, tmp_path)
    good = Path(shutil.copy(files["li"], tmp_path / "li-good.annot"))
    summary = _collect(qtbot, files["master"], [forged, half, good])
    assert isinstance(summary, CollectSummary)
    assert "1 of 3 packages collected; 2 refused." in summary.heading.text()
    rows, cut, merged = summary.results()
    assert rows.startswith("Refused: rows in this package are wrong")
    assert f"span {own_span(forged, files['doc_id'])}" in rows and "score 'high'" in rows
    assert cut.startswith("Refused: this package is damaged or cut short")
    assert merged.startswith("Merged from li: 1 document layers")


def test_the_refusal_is_said_in_chinese(qtbot, files, tmp_path):
    forged, half = _bad_packages(files, tmp_path)
    forge(files["li"], "UPDATE annotators SET name = 'gold', role = 'gold' WHERE name = 'li'")
    before = snapshot(files["master"])
    with chinese_interface():
        summary = _collect(qtbot, files["master"], [forged, half, files["li"]])
    rows, cut, layer = summary.results()
    assert rows.startswith("拒收：任务包中有错误的数据") and "score 'high'" in rows
    assert cut.startswith("拒收：任务包已损坏或不完整")
    assert layer.startswith("拒收：任务包中带有不属于其标注员本人标注层的内容")
    after = snapshot(files["master"])  # the window itself works in liu's layer: not compared
    for table in ("agency_proposals", "team_packages"):
        assert after[table] == before[table]
    assert {r[1] for r in after["annotators"]} - {r[1] for r in before["annotators"]} == {"liu"}
    liu = next(r[0] for r in after["annotators"] if r[1] == "liu")
    assert [r for r in after["doc_status"] if r[1] != liu] == before["doc_status"]
