"""A person's note on a span: written through the editor as an undoable action, logged, kept
in the project file, exported in the JSONL line and read back on import."""

import json
import sqlite3

import pytest

from annotator.core.editing import Editor
from annotator.core.exchange.export import Selection, export_jsonl
from annotator.core.model import Span
from annotator.core.store import Project, events
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.core.store.spans import SpanError
from tests.conftest import run_cli

TEXT = "市民政局发布:全市社工6.79万人。"


@pytest.fixture
def editor(project):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "t"}, id="d")], None)
    editor = Editor(project, "wang")
    editor.open("d")
    editor.label("d", 0, 4, "AGENCY")
    return editor


def _note(project_path, span_id):
    """The comment as the project file on disk holds it (committed, read by another
    connection)."""
    db = sqlite3.connect(project_path)
    try:
        return db.execute("SELECT comment FROM spans WHERE id = ?", [span_id]).fetchone()[0]
    finally:
        db.close()


def test_a_comment_is_stored_undone_and_redone(editor, project_path):
    span = editor.layer("d")[0]
    gesture = editor.comment(span.id, "  是否为派出机构?\n待核实  ")
    assert _note(project_path, span.id) == "是否为派出机构?\n待核实"
    assert editor.layer("d")[0].origin == "manual"  # a note is no decision on the span
    editor.undo(gesture)
    assert _note(project_path, span.id) is None
    editor.redo(gesture)
    assert _note(project_path, span.id) == "是否为派出机构?\n待核实"
    log = [e for e in events.history(editor.project.db, "d") if e["action"] == "update_span"]
    assert log[-1]["after"]["comment"] == "是否为派出机构?\n待核实"
    assert log[-1]["annotator"] == "wang"


def test_an_empty_comment_removes_it_and_the_same_comment_changes_nothing(editor, project_path):
    span = editor.layer("d")[0]
    editor.comment(span.id, "待核实")
    assert editor.comment(span.id, "待核实").changes == ()
    editor.comment(span.id, "   ")
    assert _note(project_path, span.id) is None


def test_a_comment_too_long_is_refused_and_nothing_is_written(editor, project_path):
    span = editor.layer("d")[0]
    with pytest.raises(SpanError, match="at most 500"):
        editor.comment(span.id, "长" * 501)
    assert _note(project_path, span.id) is None


def test_a_comment_goes_out_in_the_jsonl_line_and_comes_back_in(editor, tmp_path):
    first, *_ = editor.layer("d")
    editor.label("d", 11, 18, "FIGURE")
    editor.comment(first.id, "待核实")
    editor.mark_done("d")
    export_jsonl(editor.project, tmp_path / "out.jsonl", Selection(annotator="wang"))
    (line,) = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [s.get("comment") for s in line["spans"]] == ["待核实", None]
    assert "comment" not in line["spans"][1]  # no note: no key

    result = run_cli("import", tmp_path / "out.jsonl", "--project", tmp_path / "b.annot")
    assert result.returncode == 0, result.stderr
    with Project.open(tmp_path / "b.annot", readonly=True) as other:
        spans = [s for layer in spans_store.layers(other, line["id"]).values() for s in layer]
    assert {(s.start, s.comment) for s in spans} == {(0, "待核实"), (11, None)}


def test_an_older_project_file_gains_the_column_on_opening(tmp_path):
    """A file made before comments existed opens with its spans intact and takes notes."""
    path = tmp_path / "old.annot"
    with Project.create(path) as project:
        with project.transaction():
            docs_store.insert(project, [docs_store.NewDocument(TEXT, {}, id="d")], None)
        spans_store.add(project, "d", project.annotator_id("wang"), Span(0, 4, "AGENCY"))
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE spans DROP COLUMN comment")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '0009_span_comments'")
    db.commit()
    db.close()
    with Project.open(path) as project:
        (span,) = spans_store.layer(project, "d", project.annotator_id("wang"))
        Editor(project, "wang").comment(span.id, "待核实")
        assert spans_store.get(project, span.id).comment == "待核实"
