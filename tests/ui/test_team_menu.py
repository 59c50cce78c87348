"""The Team menu on a real master project: assign, pack, collect and decide on proposals,
driven through the dialogs as a lead and a reviewer would."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.core.ingest.importer import import_paths
from annotator.core.kb import project_kb
from annotator.core.store import Project
from annotator.core.store import spans as spans_store
from annotator.core.team import PROPOSED
from annotator.core.team.assign import assign, assignments
from annotator.core.team.collect import collect
from annotator.core.team.package import pack, package_info
from annotator.ui.main_window import MainWindow
from annotator.ui.proposals_dialog import ProposalsDialog
from annotator.ui.team_actions import CollectSummary
from annotator.ui.team_dialogs import AssignDialog, PackDialog, batch_ranges
from tests.conftest import SEEDS
from tests.core.test_team_pack_collect import NEW_AGENCY, annotate, build_master

TARGET = "cn-500000-gov-mzj"  # 重庆市民政局, in the shipped knowledge base


def _plain(path: Path) -> Path:
    """The demo articles, nobody assigned yet."""
    with Project.create(path) as project:
        import_paths(project, [SEEDS])
    return path


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("team-ui")
    plain = _plain(folder / "plain.annot")
    master = build_master(folder / "master.annot")
    collected = folder / "collected" / "master.annot"
    collected.parent.mkdir()
    shutil.copy(master, collected)
    package = folder / "collected" / "wang.annot"
    with Project.open(collected) as project:
        pack(project, "wang", package)
    done = annotate(package)
    with Project.open(collected) as project:
        collect(project, package)
    return {"plain": plain, "master": master, "collected": collected, "done": done}


def _window(qtbot, path: Path, who: str = "liu") -> MainWindow:
    project = Project.open(path)
    window = MainWindow(project, who)
    qtbot.addWidget(window)
    window.show()
    return window


def _copy(template: Path, tmp_path: Path, name: str = "master.annot") -> Path:
    return Path(shutil.copy(template, tmp_path / name))


def _finished(qtbot, window: MainWindow):
    qtbot.waitUntil(lambda: window.team.idle(), timeout=30_000)
    return window.team.message


def test_the_team_menu_lists_the_four_actions(qtbot, templates, tmp_path):
    window = _window(qtbot, _copy(templates["plain"], tmp_path))
    (menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Team"]
    assert [a.text() for a in menu.actions() if a.text()] == [
        "&Assign documents…", "&Pack for an annotator…", "&Collect packages…",
        "Agency p&roposals…"]
    assert all(a.isEnabled() for a in menu.actions())
    window.project.close()


def test_assign_previews_then_stores_the_same_batches_as_the_command_line(
        qtbot, templates, tmp_path):
    expected_path = _copy(templates["plain"], tmp_path, "cli.annot")
    with Project.open(expected_path) as cli:
        expected = assign(cli, ["wang", "li"], overlap=0.2, k=2, batch_size=2)
    window = _window(qtbot, _copy(templates["plain"], tmp_path))
    window.team.assign_action.trigger()
    dialog = window.team.message
    assert isinstance(dialog, AssignDialog) and dialog.isVisible()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.new_name.setText("wang, li")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    dialog.overlap.setValue(20)
    dialog.batch.setValue(2)
    dialog.update_preview()
    assert "5 documents match" in dialog.summary.text()
    assert "1 of them to more than one annotator" in dialog.summary.text()
    shown = {dialog.preview.item(r, 0).text(): dialog.preview.item(r, 1).text()
             for r in range(dialog.preview.rowCount())}
    assert shown == {n: str(len(v)) for n, v in expected.by_annotator().items()}
    dialog.accept()
    box = _finished(qtbot, window)
    assert isinstance(box, QMessageBox) and box.icon() == QMessageBox.Icon.Information
    assert "5 documents assigned (1 to more than one annotator)" in box.text()
    for name, rows in expected.by_annotator().items():
        line = f"{name}: {len(rows)} documents, batches {batch_ranges([a.batch for a in rows])}"
        assert line in box.text()
    assert sorted(assignments(window.project)) == sorted(expected.assignments)
    window.project.close()


def test_a_seed_gives_another_draw_the_same_every_time(qtbot, templates, tmp_path):
    window = _window(qtbot, _copy(templates["plain"], tmp_path))
    dialog = window.team.assign_dialog()
    for name in ("wang", "li", "zhao"):
        dialog.add_annotator(name)
    dialog.overlap.setValue(60)
    dialog.seed.setValue(7)
    dialog.update_preview()
    first = dialog.report.assignments
    request = dialog.chosen()
    again = assign(window.project, dry_run=True, **request)
    assert again.assignments == first and again.double == 3
    dialog.k.setValue(4)  # more than the three annotators
    dialog.update_preview()
    assert "no more than the 3 chosen" in dialog.summary.text()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    window.project.close()


def test_pack_writes_a_package_for_the_chosen_batch(qtbot, templates, tmp_path):
    window = _window(qtbot, _copy(templates["master"], tmp_path))
    window.team.pack_action.trigger()
    dialog = window.team.message
    assert isinstance(dialog, PackDialog)
    dialog.annotator.setCurrentIndex(dialog.annotator.findData("wang"))
    dialog.batch.setCurrentIndex(dialog.batch.findData(1))
    assert dialog.target.text() == str(tmp_path / "wang-batch1.annot")
    dialog.accept()
    box = _finished(qtbot, window)
    assert box.icon() == QMessageBox.Icon.Information, box.text()
    assert str(tmp_path / "wang-batch1.annot") in box.text()
    with Project.open(tmp_path / "wang-batch1.annot") as package:
        info = package_info(package)
    assert (info.annotator, info.batch) == ("wang", 1)
    again = window.team.pack_dialog()
    again.annotator.setCurrentIndex(again.annotator.findData("wang"))
    again.batch.setCurrentIndex(again.batch.findData(1))
    ok = again.buttons.button(again.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and "A file of that name exists" in again.hint.text()
    again.overwrite.setChecked(True)
    assert ok.isEnabled()
    again.reject()
    # the same target again, without replacing: refused with the core's reason
    window.team.start_pack("wang", tmp_path / "wang-batch1.annot", 1)
    box = _finished(qtbot, window)
    assert box.icon() == QMessageBox.Icon.Warning and "already exists" in box.text()
    window.project.close()


def test_collect_merges_a_package_and_refuses_a_foreign_one(qtbot, templates, tmp_path):
    master = _copy(templates["master"], tmp_path)
    with Project.open(master) as project:
        pack(project, "wang", tmp_path / "wang.annot")
    done = annotate(tmp_path / "wang.annot")
    other = _plain(tmp_path / "other.annot")
    with Project.open(other) as project:
        assign(project, ["wang"])
        pack(project, "wang", tmp_path / "foreign.annot")
    window = _window(qtbot, master)
    window.team.collect_packages([tmp_path / "wang.annot", tmp_path / "foreign.annot"])
    summary = _finished(qtbot, window)
    assert isinstance(summary, CollectSummary) and summary.isVisible()
    assert "1 of 2 packages collected; 1 refused." in summary.heading.text()
    assert "1 agency proposals wait for a decision" in summary.heading.text()
    merged, refused = summary.results()
    assert merged.startswith("Merged from wang: 1 document layers") and "1 new agency" in merged
    assert refused.startswith("Refused: this package was packed from another project")
    assert "collect it into the project it came from" in refused
    row = window.documents.model.row_of(done["doc_id"])
    assert window.documents.model.row_data(row)["status"] == "annotated"  # the list reloaded
    window.team.collect_packages([tmp_path / "wang.annot"])
    (again,) = _finished(qtbot, window).results()
    assert again == "Nothing new: this package was collected before."
    window.project.close()


@pytest.fixture
def proposals(qtbot, templates, tmp_path):
    window = _window(qtbot, _copy(templates["collected"], tmp_path))
    window.team.proposals_action.trigger()
    dialog = window.team.message
    assert isinstance(dialog, ProposalsDialog)
    assert dialog.pending_names() == [NEW_AGENCY]
    yield window, dialog, templates["done"]
    window.project.close()


def _span(window: MainWindow, done: dict):
    layer = spans_store.layer(window.project, done["doc_id"], window.project.annotator_id("wang"))
    return next(s for s in layer if (s.start, s.end) == done["agency_span"])


def test_accepting_a_proposal_puts_the_agency_in_the_knowledge_base(qtbot, proposals):
    window, dialog, done = proposals
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.pending_names() == []
    assert "was added to the knowledge base; 1 spans link to it" in dialog.outcome.text()
    assert done["new"] in {a.id for a in project_kb.export(window.project)}
    assert _span(window, done).agency_id == done["new"]
    assert not dialog.accept_button.isEnabled()


def test_merging_a_proposal_into_an_entry_found_by_search(qtbot, proposals):
    window, dialog, done = proposals
    assert not dialog.merge_button.isEnabled()
    dialog.search.setText("重庆市民政局")  # as typed: QTest types ASCII only
    assert dialog.targets.currentItem().data(Qt.ItemDataRole.UserRole) == TARGET
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.pending_names() == []
    assert "was merged into 重庆市民政局" in dialog.outcome.text()
    target = next(a for a in project_kb.export(window.project) if a.id == TARGET)
    assert NEW_AGENCY in {a.text for a in target.aliases}
    assert _span(window, done).agency_id == TARGET


def test_rejecting_a_proposal_keeps_the_span_without_a_link(qtbot, proposals):
    window, dialog, done = proposals
    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)
    assert dialog.pending_names() == []
    span = _span(window, done)
    assert span.agency_id is None and span.attrs.get("not_in_kb") is True
    assert PROPOSED not in span.attrs
    assert done["new"] not in {a.id for a in project_kb.export(window.project)}


def test_a_package_has_no_team_work_of_its_own(qtbot, templates, tmp_path):
    master = _copy(templates["master"], tmp_path)
    with Project.open(master) as project:
        pack(project, "wang", tmp_path / "wang.annot")
    window = _window(qtbot, tmp_path / "wang.annot", "wang")
    assert not window.team.assign_action.isEnabled()
    assert not window.team.collect_action.isEnabled()
    window.project.close()
