"""Packing an annotator's documents, working in the package as in the app, collecting it back."""

import argparse
import json
import shutil
from pathlib import Path

import pytest

from annotator.cli.team_cmd import add_parsers
from annotator.core.editing import Editor
from annotator.core.ingest.importer import import_paths
from annotator.core.kb import project_kb
from annotator.core.kb.suggestions import AgencyLinks
from annotator.core.prehighlight.runner import project_engine
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.core.team import PROPOSED, TeamError
from annotator.core.team.assign import assign, assignments
from annotator.core.team.collect import collect
from annotator.core.team.package import pack, package_info
from annotator.core.team.proposals import list_proposals
from tests.conftest import SEEDS

NEW_AGENCY = "重庆市社区协作促进中心"


# -- helpers shared with the proposal tests ----------------------------------------------------
def build_master(path: Path, prehighlight: bool = True) -> Path:
    """A project with the demo articles imported and assigned to wang and li (one each, +1)."""
    with Project.create(path) as project:
        engine = project_engine(project) if prehighlight else None
        report = import_paths(project, [SEEDS], engine=engine)
        assert report.created == 5
        assign(project, ["wang", "li"], overlap=0.2, k=2, batch_size=2)
    return path


def annotate(package: Path, annotator: str = "wang") -> dict:
    """What an annotator does in the app: accept, relabel, add a span, create an agency and
    link to it, mark done. Returns what was done, for the checks."""
    with Project.open(package) as pkg:
        editor = Editor(pkg, annotator)
        doc_id = pkg.db.execute("SELECT id FROM documents ORDER BY seq LIMIT 1").fetchone()[0]
        layer = editor.open(doc_id)
        agency = next(s for s in layer if s.label == "AGENCY")
        others = [s for s in layer if s.label != "AGENCY"]
        editor.accept(others[0].id)
        editor.relabel(others[1].id, "ORG")
        text = docs_store.get(pkg, doc_id).text
        start = _free_run(text, editor.layer(doc_id))
        editor.label(doc_id, start, start + 2, "PLACE")
        created = AgencyLinks(pkg).create(
            NEW_AGENCY, "municipal", "重庆市", None, annotator,
            mention=text[agency.start:agency.end],
        )
        editor.link(agency.id, created.id, created.name)
        editor.mark_done(doc_id, undecided="reject")
        return {"doc_id": doc_id, "agency_span": (agency.start, agency.end), "new": created.id,
                "layer": _content(editor.layer(doc_id))}


def spans_dump(project: Project) -> list[tuple]:
    return project.db.execute("SELECT * FROM spans ORDER BY id").fetchall()


def _free_run(text: str, layer) -> int:
    """The start of two non-space characters no span covers."""
    taken = {i for s in layer for i in range(s.start, s.end)}
    return next(i for i in range(len(text) - 1)
                if not {i, i + 1} & taken and not any(c.isspace() for c in text[i:i + 2]))


def _content(layer) -> list[tuple]:
    return sorted((s.start, s.end, s.label, s.origin) for s in layer)


def run_team_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="annotator")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args([str(a) for a in argv])
    return args.func(args)


# -- fixtures ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_master(tmp_path_factory.mktemp("template") / "master.annot")


@pytest.fixture
def master_path(template, tmp_path):
    return Path(shutil.copy(template, tmp_path / "master.annot"))


@pytest.fixture
def package(master_path, tmp_path):
    with Project.open(master_path) as master:
        pack(master, "wang", tmp_path / "wang-batch1.annot", batch=1)
    return tmp_path / "wang-batch1.annot"


# -- pack --------------------------------------------------------------------------------------
def test_the_package_is_a_project_with_only_the_assigned_documents(master_path, package):
    with Project.open(master_path) as master, Project.open(package) as pkg:
        wanted = [a.doc_id for a in assignments(master, "wang", 1)]
        have = [r[0] for r in pkg.db.execute("SELECT id FROM documents ORDER BY seq")]
        assert sorted(have) == sorted(wanted) and have
        for doc_id in have:
            assert docs_store.get(pkg, doc_id) == docs_store.get(master, doc_id)
            assert docs_store.offsets_of(pkg, doc_id) == docs_store.offsets_of(master, doc_id)
            machine = spans_store.layer(master, doc_id, master.machine_id())
            copied = spans_store.layer(pkg, doc_id, pkg.machine_id())
            assert [(s.start, s.end, s.label, s.attrs, s.agency_id) for s in copied] == [
                (s.start, s.end, s.label, s.attrs, s.agency_id) for s in machine] and copied
        assert project_kb.export(pkg) == project_kb.export(master)
        assert pkg.schema == master.schema
        info = package_info(pkg)
        assert info.master_id == master.setting("project_id") != pkg.setting("project_id")
        assert (info.annotator, info.batch) == ("wang", 1)
        assert [a.doc_id for a in assignments(pkg)] == [a.doc_id for a in assignments(master,
                                                                                       "wang", 1)]
    assert sorted(p.name for p in package.parent.glob(".*tmp*")) == []  # renamed into place


def test_pack_refuses_what_it_cannot_do(master_path, package):
    with Project.open(master_path) as master:
        with pytest.raises(TeamError, match="already exists"):
            pack(master, "wang", package)
        with pytest.raises(TeamError, match="no documents are assigned to zhao"):
            pack(master, "zhao", package.with_name("zhao.annot"))
    with Project.open(package) as pkg, pytest.raises(TeamError, match="itself a package"):
        pack(pkg, "wang", package.with_name("again.annot"))


# -- collect -----------------------------------------------------------------------------------
def test_work_done_in_the_package_comes_back_with_its_proposal(master_path, package):
    done = annotate(package)
    with Project.open(master_path) as master:
        report = collect(master, package)
        assert report.layers == 1 and report.statuses == 2 and report.events > 0
        assert len(report.proposals) == 1 and report.annotators == ["wang"]
        wang = master.annotator_id("wang")
        layer = spans_store.layer(master, done["doc_id"], wang)
        assert _content(layer) == done["layer"]
        linked = next(s for s in layer if (s.start, s.end) == done["agency_span"])
        assert linked.agency_id is None and linked.attrs[PROPOSED] == done["new"]
        assert done["new"] not in {a.id for a in project_kb.export(master)}  # not in the KB
        (proposal,) = list_proposals(master)
        assert (proposal.agency.id, proposal.agency.name) == (done["new"], NEW_AGENCY)
        assert proposal.annotator == "wang" and proposal.package_id == report.package_id
        assert docs_store.annotator_statuses(master, done["doc_id"])["wang"] == "done"
        assert docs_store.get(master, done["doc_id"]).status == "annotated"
        actions = {r[0] for r in master.db.execute("SELECT action FROM events")}
        assert {"update_span", "add_span", "team.collect", "proposal.add"} <= actions


def test_collecting_twice_changes_nothing(master_path, package):
    annotate(package)
    with Project.open(master_path) as master:
        assert collect(master, package).changes > 0
        spans, n_events = spans_dump(master), _count(master, "events")
        again = collect(master, package)
        assert again.changes == 0 and again.proposals == []
        assert spans_dump(master) == spans
        assert _count(master, "events") == n_events
        assert _count(master, "agency_proposals") == 1


def test_work_continued_after_a_collect_comes_in_on_the_next(master_path, package):
    done = annotate(package)
    with Project.open(master_path) as master:
        collect(master, package)
    with Project.open(package) as pkg:
        editor = Editor(pkg, "wang")
        span = next(s for s in editor.layer(done["doc_id"]) if s.origin == "accepted")
        editor.reject(span.id)
    with Project.open(master_path) as master:
        report = collect(master, package)
        assert report.layers == 1 and report.events == 1 and report.proposals == []
        assert len(spans_store.layer(master, done["doc_id"], master.annotator_id("wang"))) == (
            len(done["layer"]) - 1)


def test_a_note_written_in_the_package_comes_back_even_alone(master_path, package):
    done = annotate(package)
    with Project.open(master_path) as master:
        collect(master, package)
    with Project.open(package) as pkg:
        editor = Editor(pkg, "wang")
        span = editor.layer(done["doc_id"])[0]
        editor.comment(span.id, "待核实")
    with Project.open(master_path) as master:
        assert collect(master, package).layers == 1
        layer = spans_store.layer(master, done["doc_id"], master.annotator_id("wang"))
        assert [(s.start, s.comment) for s in layer if s.comment] == [(span.start, "待核实")]


def test_a_package_of_another_project_is_refused(master_path, tmp_path):
    other = build_master(tmp_path / "other.annot", prehighlight=False)
    with Project.open(other) as project:
        pack(project, "wang", tmp_path / "theirs.annot")
        their_id = project.setting("project_id")
    with Project.open(master_path) as master:
        before = spans_dump(master), _count(master, "events")
        with pytest.raises(TeamError) as err:
            collect(master, tmp_path / "theirs.annot")
        assert their_id in str(err.value) and master.setting("project_id") in str(err.value)
        assert err.value.reason == "foreign_project"
        assert (spans_dump(master), _count(master, "events")) == before


def test_a_package_with_another_schema_is_refused(master_path, package):
    annotate(package)
    with Project.open(package) as pkg, pkg.transaction() as db:
        body = json.loads(db.execute("SELECT body FROM schemas").fetchone()[0])
        body["version"] = 2
        db.execute("UPDATE schemas SET version = 2, body = ?", [json.dumps(body)])
    with Project.open(master_path) as master:
        with pytest.raises(TeamError, match=r"gov-news-zh@2.*gov-news-zh@1"):
            collect(master, package)
        assert _count(master, "agency_proposals") == 0


def test_a_package_that_does_not_fit_changes_nothing(master_path, package):
    done = annotate(package)
    with Project.open(master_path) as master:
        master.db.execute("DELETE FROM documents WHERE id = ?", [done["doc_id"]])
        before = spans_dump(master), _count(master, "events")
        with pytest.raises(TeamError, match="is not in") as err:
            collect(master, package)
        assert err.value.reason == "unknown_document"
        assert (spans_dump(master), _count(master, "events")) == before


def test_the_commands(master_path, tmp_path, capsys):
    out = tmp_path / "li.annot"
    assert run_team_cli("pack", "--project", master_path, "--annotator", "li", "-o", out) == 0
    annotate(out, "li")
    assert run_team_cli("collect", "--project", master_path, out) == 0
    assert run_team_cli("collect", "--project", master_path, out) == 0
    err = capsys.readouterr().err
    assert "1 new agency proposals" in err and f"{out}: 0 changes" in err
    Project.create(tmp_path / "plain.annot").close()
    assert run_team_cli("collect", "--project", master_path, tmp_path / "plain.annot") == 1
    assert "is not a package" in capsys.readouterr().err


def _count(project: Project, table: str) -> int:
    return project.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
