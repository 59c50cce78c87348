"""The team commands as a lead runs them: assign, pack, (annotate), collect twice."""

from annotator.core.editing import Editor
from annotator.core.store import Project
from tests.conftest import SEEDS, run_cli


def test_assign_pack_collect_through_the_command_line(tmp_path):
    master = tmp_path / "master.annot"
    assert run_cli("import", SEEDS, "--project", master, "--split-stories").returncode == 0
    result = run_cli("assign", "--project", master, "--annotators", "wang,li",
                     "--overlap", "0.5", "--k", "2")
    assert result.returncode == 0, result.stderr
    package = tmp_path / "wang-batch1.annot"
    result = run_cli("pack", "--project", master, "--annotator", "wang", "-o", package)
    assert result.returncode == 0, result.stderr
    with Project.open(package) as p:  # the annotator opens it like any project
        editor = Editor(p, "wang")
        doc_id = p.db.execute("SELECT id FROM documents ORDER BY seq LIMIT 1").fetchone()[0]
        layer = editor.open(doc_id)
        editor.accept(layer[0].id)
        editor.mark_done(doc_id, undecided="reject")
    first = run_cli("collect", "--project", master, package)
    assert first.returncode == 0, first.stderr
    second = run_cli("collect", "--project", master, package)
    assert second.returncode == 0 and " 0 changes" in second.stdout + second.stderr
    stats = run_cli("stats", "--project", master, "--json").stdout
    assert '"ann:wang"' in stats
    other = tmp_path / "other.annot"
    assert run_cli("import", SEEDS, "--project", other).returncode == 0
    refused = run_cli("collect", "--project", other, package)
    assert refused.returncode == 1 and "collect it into the project it came from" in refused.stderr
