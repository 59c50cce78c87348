"""File ▸ Import reads other tools' files as the command line does: the format is recognised,
the spans go to the named annotator's layer of a real project file, problems name file and
line, and the dialog speaks Chinese."""

import json
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow

from annotator.core.formats import CATALOGUE, IMPORT_FORMATS
from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.ui.import_dialog import ImportDialog, ImportSummary
from annotator.ui.project_actions import ProjectActions
from tests.conftest import FIXTURES, chinese_interface
from tests.ui.test_chinese_everywhere import english, visible_texts

TOOLS = FIXTURES / "tools"


def _actions(qtbot, project: Project, annotator: str = "wang"):
    window = QMainWindow()
    qtbot.addWidget(window)
    prefs = Preferences.load()
    prefs.annotator = annotator
    actions = ProjectActions(prefs, project)
    actions.attach(window)
    return window, actions


def _import(qtbot, actions: ProjectActions, paths, fmt: str, **choices) -> ImportSummary:
    """Through the dialog as a user would: check what it guessed, accept, wait for the job."""
    dialog = actions.ask_import(paths)
    assert dialog.format.currentData() == fmt, "the format is recognised from the file"
    dialog.prehighlight.setChecked(choices.get("prehighlight", False))
    if "annotator" in choices:
        dialog.annotator.setText(choices["annotator"])
    finished = []
    actions.importFinished.connect(finished.append)
    dialog.accept()
    qtbot.waitUntil(lambda: bool(finished) and actions.idle(), timeout=120_000)
    (summary,) = [s for s in actions.window.findChildren(ImportSummary) if s.isVisible()]
    return finished[0], summary


def _layer(project: Project, name: str) -> dict[str, list[tuple]]:
    """Every document's spans in ``name``'s layer, read back from the project file."""
    who = project.annotator_id(name)
    rows = project.db.execute(
        'SELECT d.text, s.start, s."end", s.label FROM spans s JOIN documents d ON d.id = s.doc_id '
        'WHERE s.annotator_id = ? ORDER BY s.start', [who]).fetchall()
    out: dict[str, list[tuple]] = {}
    for text, start, end, label in rows:
        out.setdefault(text, []).append((start, end, label))
    return out


def test_doccano_jsonl_through_the_dialog(qtbot, project):
    source = TOOLS / "doccano" / "export.jsonl"
    lines = [json.loads(x) for x in source.read_text("utf-8").splitlines()]
    window, actions = _actions(qtbot, project)
    report, summary = _import(qtbot, actions, [source], "doccano")
    assert report.created == len(lines) and not report.problems
    assert sorted(report.added) == sorted(d.id for d in docs_store.iter_documents(project))
    stored = _layer(project, "wang")
    for line in lines:
        assert stored.get(line["text"], []) == sorted(
            (s, e, lab) for s, e, lab in line["label"]), line["doc_id"]
    assert docs_store.get(project, "astral").text.startswith("𠮷𠮷市民政局")
    assert f"{report.created}" in summary.summary.text()


def test_label_studio_json_through_the_dialog(qtbot, project):
    source = TOOLS / "label-studio" / "export-ids.json"
    tasks = json.loads(source.read_text("utf-8"))
    window, actions = _actions(qtbot, project, annotator="li")
    report, summary = _import(qtbot, actions, [source], "label-studio")
    assert report.created == len(tasks) and not report.problems
    stored = _layer(project, "li")
    annotated = [t for t in tasks if t["annotations"]]
    assert len(stored) == len(annotated) == 3
    for task in annotated:
        (annotation,) = task["annotations"]
        regions = sorted((r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
                         for r in annotation["result"])  # fmt: skip
        assert stored[task["data"]["text"]] == regions
    # what Label Studio's plain export cannot carry is said in the summary
    assert report.notes and report.notes[0] in summary.problems.toPlainText()


def test_brat_folder_through_the_dialog(qtbot, project):
    folder = TOOLS / "brat-exported"
    window, actions = _actions(qtbot, project)
    report, _summary = _import(qtbot, actions, [folder], "brat")
    anns = sorted(folder.glob("*.ann"))
    assert report.created == len(anns) and not report.problems
    stored = _layer(project, "wang")
    for ann in anns:
        text = ann.with_suffix(".txt").read_text("utf-8")
        spans = sorted((int(m[2]), int(m[3]), m[1]) for m in re.finditer(
            r"^T\d+\t(\w+) (\d+) (\d+)\t", ann.read_text("utf-8"), re.M))
        doc = next(d for d in docs_store.iter_documents(project) if text.startswith(d.text[:40]))
        assert stored[doc.text] == spans, ann.name


def test_bad_records_are_listed_with_file_and_line_and_the_rest_stored(qtbot, project, tmp_path):
    source = tmp_path / "mixed.jsonl"
    source.write_text('{"text": "𠮷市民政局发布通知。", "label": [[1, 5, "AGENCY"]]}\n'
                      '{"text": "短", "label": [[0, 9, "ORG"]]}\n'
                      "not json\n", encoding="utf-8")  # fmt: skip
    window, actions = _actions(qtbot, project)
    report, summary = _import(qtbot, actions, [source], "doccano")
    listed = summary.problems.toPlainText()
    assert f"{source}:2: span 0: [0, 9) is outside the text" in listed
    assert f"{source}:3: malformed JSON" in listed
    assert docs_store.count(project) == 1
    assert _layer(project, "wang") == {"𠮷市民政局发布通知。": [(1, 5, "AGENCY")]}


def test_another_tools_file_needs_the_annotator_it_is_filed_under(qtbot, project):
    window, actions = _actions(qtbot, project, annotator="")
    dialog = actions.ask_import([TOOLS / "doccano" / "export.jsonl"])
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.annotator.setText("zhao")
    assert ok.isEnabled() and dialog.chosen().annotator == "zhao"
    dialog.format.setCurrentIndex(dialog.format.findData(None))  # read as our own JSONL
    assert dialog.chosen().format is None
    dialog.reject()


def test_the_options_reach_the_import(qtbot, project, tmp_path):
    """Stories kept whole, a region, no candidates: as `annotator import` without
    --split-stories, with --region and --no-prehighlight."""
    page = Path(__file__).resolve().parents[2] / "resources" / "demo"
    window, actions = _actions(qtbot, project)
    dialog = actions.ask_import([page])
    assert dialog.format.currentData() is None and dialog.split_stories.isChecked()
    dialog.split_stories.setChecked(False)
    dialog.region.setText("重庆市")
    dialog.prehighlight.setChecked(False)
    request = dialog.chosen()
    assert (request.split_stories, request.region, request.prehighlight) == (False, "重庆市",
                                                                               False)
    finished = []
    actions.importFinished.connect(finished.append)
    dialog.accept()
    qtbot.waitUntil(lambda: bool(finished) and actions.idle(), timeout=120_000)
    files = len(list(page.glob("*.txt")))
    assert finished[0].created == files  # one document per file: pages not split
    assert finished[0].candidates == 0
    assert project.db.execute("SELECT COUNT(*) FROM spans").fetchone()[0] == 0


def test_a_dropped_file_of_another_tool_asks_how_to_import_it(qtbot, project):
    window, actions = _actions(qtbot, project)
    actions.handle_drop([TOOLS / "label-studio" / "export-ids.json"])
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible() and actions.idle()
    assert dialog.format.currentData() == "label-studio"
    dialog.reject()


@pytest.mark.parametrize("fmt", [None, "doccano"])
def test_the_import_dialog_speaks_chinese(qtbot, project, fmt):
    with chinese_interface():
        window, actions = _actions(qtbot, project)
        dialog = actions.ask_import([TOOLS / "doccano" / "export.jsonl"])
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        names = [dialog.format.itemText(i) for i in range(dialog.format.count())]
        assert len(names) == 1 + len(IMPORT_FORMATS)
        # the catalogue's Chinese descriptions name other tools and file types as they are
        # written (doccano, Label Studio, JSONL, Markdown …)
        kept = {w for f in CATALOGUE for w in re.findall(r"[A-Za-z]+", f.zh)}
        texts = [re.sub(r"[A-Za-z]+", lambda m: "" if m[0] in kept else m[0], t)
                 for t in visible_texts(dialog)]
        assert english(texts) == []
        dialog.reject()
