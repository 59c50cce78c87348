"""File ▸ Export and File ▸ Release on a real project: files written in the background,
the outcome (and what a format could not carry) shown, refusals explained."""

import json

from PySide6.QtWidgets import QMainWindow, QMessageBox

from annotator.core.model import Span
from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.project_actions import ProjectActions

TEXT = "😀𠮷重庆市民政局发放补贴6.79万元,联系电话13812345678。"


def _project(path, status="gold"):
    project = Project.create(path)
    gold = project.annotator_id("gold", "gold")
    docs_store.insert(project, [docs_store.NewDocument(TEXT, id="d1", status=status)], None)
    spans = [Span(2, 8, "AGENCY"), Span(12, 17, "FIGURE"),
             Span(TEXT.index("138"), TEXT.index("138") + 11, "PII")]  # fmt: skip
    spans_store.replace_layer(project, "d1", gold, spans)
    return project


def _setup(qtbot, project):
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = ProjectActions(Preferences.load(), project)
    actions.attach(window)
    return window, actions


def _outcome(qtbot, window, actions) -> QMessageBox:
    qtbot.waitUntil(lambda: actions.writer is None and actions.idle(), timeout=20_000)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes, "the outcome was shown"
    return boxes[-1]


def test_export_doccano_with_a_label_left_out(qtbot, tmp_path):
    with _project(tmp_path / "p.annot") as project:
        window, actions = _setup(qtbot, project)
        dialog = actions.export_dialog()
        dialog.format.setCurrentIndex(dialog.format.findData("doccano"))
        assert dialog.target.text().endswith("export-doccano.jsonl")
        out = tmp_path / "out.jsonl"
        dialog.target.setText(str(out))
        dialog.layer.setCurrentIndex(dialog.layer.findData("gold"))
        dialog.labels["PII"].setChecked(False)
        dialog.accept()
        box = _outcome(qtbot, window, actions)
    assert "1" in box.text() and str(out) in box.text()
    assert "not carried" in box.text()  # doccano has no place for agency ids and statuses
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["label"] == [[2, 8, "AGENCY"], [12, 17, "FIGURE"]]
    assert record["text"][2:8] == "重庆市民政局"  # code points, past 😀𠮷


def test_release_masks_identifiers(qtbot, tmp_path):
    with _project(tmp_path / "p.annot") as project:
        window, actions = _setup(qtbot, project)
        dialog = actions.release_dialog()
        out = tmp_path / "rel"
        dialog.target.setText(str(out))
        dialog.formats["bio"].setChecked(True)
        dialog.accept()
        box = _outcome(qtbot, window, actions)
    assert box.icon() == QMessageBox.Icon.Information
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pii"]["mode"] == "mask" and manifest["pii"]["spans_masked"] == 1
    assert "bio/train.bio" in manifest["files"]
    released = "".join((out / f"{s}.jsonl").read_text(encoding="utf-8") for s in
                       ("train", "dev", "test"))  # fmt: skip
    assert "13812345678" not in released and "重庆市民政局" in released


def test_release_without_gold_says_why(qtbot, tmp_path):
    with _project(tmp_path / "p.annot", status="annotated") as project:
        window, actions = _setup(qtbot, project)
        dialog = actions.release_dialog()
        dialog.target.setText(str(tmp_path / "rel"))
        dialog.accept()
        box = _outcome(qtbot, window, actions)
    assert box.icon() == QMessageBox.Icon.Warning
    assert "no documents are reviewed or gold" in box.text()
    assert not (tmp_path / "rel" / "manifest.json").exists()


def test_an_export_with_identifiers_warns_as_the_command_line_does(qtbot, tmp_path):
    with _project(tmp_path / "p.annot") as project:
        window, actions = _setup(qtbot, project)
        dialog = actions.export_dialog()
        dialog.target.setText(str(tmp_path / "out.jsonl"))
        dialog.layer.setCurrentIndex(dialog.layer.findData("gold"))
        dialog.accept()
        box = _outcome(qtbot, window, actions)
    assert "1 personal identifiers (PII spans) were written unmasked" in box.text()


def test_exports_of_a_project_in_the_apps_data_folder_go_to_the_users_documents(
        qtbot, tmp_path, monkeypatch):
    from annotator.core.demo import data_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "hidden"))
    data_dir().mkdir(parents=True)
    with _project(data_dir() / "demo.annot") as project:
        _window, actions = _setup(qtbot, project)
        for dialog in (actions.export_dialog(), actions.release_dialog()):
            target = dialog.target.text()
            assert not target.startswith(str(tmp_path / "hidden")), target
    with _project(tmp_path / "mine" / "p.annot") as project:  # elsewhere: beside the project
        _window, actions = _setup(qtbot, project)
        assert actions.export_dialog().target.text().startswith(str(tmp_path / "mine"))
