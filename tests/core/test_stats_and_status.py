import json

from annotator.core.ingest.importer import import_paths
from annotator.core.model import Span
from annotator.core.prehighlight.runner import prehighlight_documents
from annotator.core.store import Project, events
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from tests.conftest import SEEDS, run_cli


def test_stats_counts_documents_by_status_and_spans_by_label_and_annotator(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path) as project:
        report = import_paths(project, [SEEDS])
        prehighlight_documents(project, report.document_ids)
        first = report.document_ids[0]
        wang = project.annotator_id("wang")
        spans_store.add(project, first, wang, Span(0, 2, "PLACE"))
        docs_store.set_status(project, first, "annotated", wang)
        machine_figures = project.db.execute(
            "SELECT COUNT(*) FROM spans WHERE label = 'FIGURE' AND annotator_id = ?",
            [project.machine_id()],
        ).fetchone()[0]
    result = run_cli("stats", "--project", path, "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["documents"] == 5
    assert stats["by_status"] == {"suggested": 4, "annotated": 1, "reviewed": 0, "gold": 0}
    assert stats["spans"]["ann:wang"] == {"PLACE": 1}
    assert stats["spans"]["machine"]["FIGURE"] == machine_figures > 0
    table = run_cli("stats", "--project", path).stdout
    assert "annotated" in table and "ann:wang" in table and "FIGURE" in table


def test_annotator_status_is_recorded_with_its_event(project):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument("团区委开展活动", id="d")], None)
    wang = project.annotator_id("wang")
    docs_store.set_annotator_status(project, "d", wang, "in_progress")
    docs_store.set_annotator_status(project, "d", wang, "done")
    assert docs_store.annotator_statuses(project, "d") == {"wang": "done"}
    last = events.history(project.db, "d", limit=1)[0]
    assert last["action"] == "set_annotator_status"
    assert last["before"] == {"status": "in_progress"} and last["after"] == {"status": "done"}
    assert last["annotator"] == "wang"
