"""Deciding on agencies proposed in packages: accept, merge into an entry, reject."""

import shutil
from pathlib import Path

import pytest

from annotator.core.kb import project_kb
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.core.team import PROPOSED, TeamError
from annotator.core.team import proposals as props
from annotator.core.team.collect import collect
from annotator.core.team.package import pack
from tests.core.test_team_pack_collect import (
    NEW_AGENCY,
    annotate,
    build_master,
    run_team_cli,
    spans_dump,
)

TARGET = "cn-500000-gov-mzj"  # 重庆市民政局, in the shipped knowledge base


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """A master that collected a package with one proposed agency, and the package."""
    folder = tmp_path_factory.mktemp("collected")
    master = build_master(folder / "master.annot")
    package = folder / "wang.annot"
    with Project.open(master) as project:
        pack(project, "wang", package)
    done = annotate(package)
    with Project.open(master) as project:
        collect(project, package)
    return master, package, done


@pytest.fixture
def setup(collected, tmp_path):
    master, package, done = collected
    copies = (Path(shutil.copy(master, tmp_path / "master.annot")),
              Path(shutil.copy(package, tmp_path / "wang.annot")))  # fmt: skip
    with Project.open(copies[0]) as project:
        (proposal,) = props.list_proposals(project)
        yield project, copies[1], done, proposal


def _linked_span(project: Project, done: dict):
    layer = spans_store.layer(project, done["doc_id"], project.annotator_id("wang"))
    return next(s for s in layer if (s.start, s.end) == done["agency_span"])


def _kb_ids(project: Project) -> set[str]:
    return {a.id for a in project_kb.export(project)}


def test_accept_adds_the_entry_and_links_its_spans(setup):
    project, _package, done, proposal = setup
    assert props.accept(project, proposal.id, "liu") == 1
    assert done["new"] in _kb_ids(project)
    span = _linked_span(project, done)
    assert span.agency_id == done["new"] and span.agency_name == NEW_AGENCY
    assert PROPOSED not in span.attrs
    decided = props.get(project, proposal.id)
    assert (decided.status, decided.decided_by) == ("accepted", "liu") and decided.decided_at
    assert props.list_proposals(project) == []
    with pytest.raises(TeamError, match="already accepted by liu"):
        props.reject(project, proposal.id, "liu")


def test_merge_relinks_the_spans_and_keeps_the_names_as_aliases(setup):
    project, package, done, proposal = setup
    assert props.merge(project, proposal.id, TARGET, "liu") == 1
    assert done["new"] not in _kb_ids(project)
    span = _linked_span(project, done)
    assert span.agency_id == TARGET and PROPOSED not in span.attrs
    target = next(a for a in project_kb.export(project) if a.id == TARGET)
    assert NEW_AGENCY in {a.text for a in target.aliases}
    decided = props.get(project, proposal.id)
    assert (decided.status, decided.merged_into) == ("merged", TARGET)
    spans = spans_dump(project)
    again = collect(project, package)  # the decision sticks when the package comes again
    assert again.changes == 0 and spans_dump(project) == spans


def test_reject_keeps_the_span_without_its_link(setup):
    project, package, done, proposal = setup
    before = _linked_span(project, done)
    assert props.reject(project, proposal.id, "liu") == 1
    span = _linked_span(project, done)
    assert (span.start, span.end, span.label) == (before.start, before.end, before.label)
    assert span.agency_id is None and span.attrs.get("not_in_kb") is True
    assert PROPOSED not in span.attrs and done["new"] not in _kb_ids(project)
    assert props.get(project, proposal.id).status == "rejected"
    assert collect(project, package).changes == 0


def test_each_decision_is_logged(setup):
    project, _package, _done, proposal = setup
    props.accept(project, proposal.id, "liu")
    row = project.db.execute(
        "SELECT a.name FROM events e JOIN annotators a ON a.id = e.annotator_id "
        "WHERE e.action = 'proposal.accepted'"
    ).fetchone()
    assert row == ("liu",)


def test_merge_into_an_unknown_entry_changes_nothing(setup):
    project, _package, done, proposal = setup
    with pytest.raises(TeamError, match="no agency 'nope'"):
        props.merge(project, proposal.id, "nope", "liu")
    assert props.get(project, proposal.id).status == "pending"
    assert _linked_span(project, done).attrs[PROPOSED] == done["new"]


def test_the_proposals_command(setup, capsys):
    project, _package, done, proposal = setup
    path = project.path
    project.close()
    assert run_team_cli("proposals", "--project", path) == 0
    assert f"{proposal.id}\tpending\t{done['new']}\t{NEW_AGENCY}" in capsys.readouterr().out
    assert run_team_cli("proposals", "--project", path, "merge", str(proposal.id)) == 2
    assert run_team_cli("proposals", "--project", path, "reject", str(proposal.id),
                        "--by", "liu") == 0
    assert run_team_cli("proposals", "--project", path, "list", "--all") == 0
    assert f"{proposal.id}\trejected" in capsys.readouterr().out
    with Project.open(path) as again:
        assert docs_store.get(again, done["doc_id"]) is not None
