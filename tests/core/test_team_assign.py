"""Project identity and assignments: deterministic, balanced, with the double-annotated share."""

import shutil
import sqlite3
from collections import Counter

import pytest
from sqlite_utils import Database

from annotator.core.ingest.importer import import_paths
from annotator.core.prehighlight.runner import project_engine
from annotator.core.store import Project, migrations
from annotator.core.store import documents as docs_store
from annotator.core.team import TeamError
from annotator.core.team.assign import DocFilter, assign, assignments, plan, select_documents
from tests.conftest import SEEDS
from tests.core.test_team_pack_collect import run_team_cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.annot"
    with Project.create(path) as project:
        import_paths(project, [SEEDS], engine=project_engine(project))
    return path


@pytest.fixture
def demo_copy(demo, tmp_path):
    return shutil.copy(demo, tmp_path / "demo.annot")


@pytest.fixture
def many(project):
    """Sixty short documents: enough for shares and balance to show."""
    docs = [docs_store.NewDocument(f"第{i}号通知:市民政局召开会议,部署第{i}项工作。",
                                   {"title": f"通知{i}"}) for i in range(60)]  # fmt: skip
    with project.transaction():
        docs_store.insert(project, docs, None)
    return project


def _table(project):
    return sorted(project.db.execute("SELECT doc_id, annotator, batch FROM assignments"))


# -- identity ----------------------------------------------------------------------------------
def test_every_project_gets_a_stable_random_id(tmp_path):
    with Project.create(tmp_path / "a.annot") as a, Project.create(tmp_path / "b.annot") as b:
        first = a.setting("project_id")
        assert len(first) == 32 and first != b.setting("project_id")
    with Project.open(tmp_path / "a.annot") as a:
        assert a.setting("project_id") == first


def test_a_project_from_before_gets_its_id_when_opened(tmp_path):
    path = tmp_path / "old.annot"
    db = Database(sqlite3.connect(path))
    migrations.MIGRATIONS.apply(db, stop_before="0005_team")
    db.conn.close()
    with Project.open(path) as project:
        assigned = project.setting("project_id")
        assert assigned and project.db.execute("SELECT COUNT(*) FROM assignments").fetchone()
    with Project.open(path) as project:
        assert project.setting("project_id") == assigned


# -- assignments -------------------------------------------------------------------------------
def test_the_same_inputs_give_the_same_assignment(demo_copy, tmp_path):
    twin = shutil.copy(demo_copy, tmp_path / "twin.annot")  # the same project, elsewhere
    with Project.open(demo_copy) as a, Project.open(twin) as b:
        ids = select_documents(a, DocFilter())
        first = plan(a, ids, ["wang", "li", "zhao"], overlap=0.4, k=2, batch_size=2)
        assert plan(a, ids, ["zhao", "wang", "li", "wang"], 0.4, 2, 2).assignments == (
            first.assignments)
        assign(a, ["wang", "li", "zhao"], overlap=0.4, k=2, batch_size=2)
        assign(b, ["li", "zhao", "wang"], overlap=0.4, k=2, batch_size=2)
        assert _table(a) == _table(b)
        again = assign(a, ["wang", "li", "zhao"], overlap=0.4, k=2, batch_size=2)
        assert again.assignments == [] and again.skipped == 5  # already placed: left alone


def test_every_document_gets_one_annotator_and_the_share_gets_k(many):
    report = assign(many, ["a", "b", "c", "d"], overlap=0.2, k=3, batch_size=7)
    per_doc = Counter(a.doc_id for a in report.assignments)
    assert len(per_doc) == 60 and set(per_doc.values()) == {1, 3}
    assert sum(1 for n in per_doc.values() if n == 3) == report.double == 12
    pairs = [(a.doc_id, a.annotator) for a in report.assignments]
    assert len(pairs) == len(set(pairs))  # k different people
    load = Counter(a.annotator for a in report.assignments)
    assert max(load.values()) - min(load.values()) <= 1  # balanced
    for name in "abcd":
        batches = Counter(a.batch for a in assignments(many, name))
        assert sorted(batches) == list(range(1, len(batches) + 1))
        assert max(batches.values()) == 7 and min(batches.values()) >= 1


def test_a_seed_gives_another_draw_as_repeatable(many):
    def draw(seed):
        return plan(many, select_documents(many, DocFilter()), ["a", "b", "c"], 0.3, 2, 5, seed)

    assert draw(0).assignments == plan(
        many, select_documents(many, DocFilter()), ["a", "b", "c"], 0.3, 2, 5).assignments
    assert draw(7).assignments == draw(7).assignments != draw(0).assignments
    assert draw(7).double == draw(0).double == 18


def test_new_documents_go_to_the_least_loaded_and_to_later_batches(many):
    ids = select_documents(many, DocFilter())
    assign(many, ["a", "b"], DocFilter(ids=tuple(ids[:11])), batch_size=5)
    earlier = max(a.batch for a in assignments(many, "a"))
    report = assign(many, ["a", "b", "c"], DocFilter(ids=tuple(ids[11:20])), batch_size=5)
    load = Counter(a.annotator for a in assignments(many))
    assert sorted(load.values()) == [6, 7, 7] and report.skipped == 0
    assert {a.batch for a in report.assignments if a.annotator == "a"} <= {earlier + 1}


def test_documents_are_chosen_by_filter(demo_copy):
    with Project.open(demo_copy) as project:
        everything = select_documents(project, DocFilter())
        assert len(everything) == 5
        assert select_documents(project, DocFilter(status="gold")) == []
        assert select_documents(project, DocFilter(ids=tuple(everything[:2]))) == everything[:2]
        text = docs_store.get(project, everything[3]).text
        assert everything[3] in select_documents(project, DocFilter(query=text[40:48]))
        labelled = select_documents(project, DocFilter(label="AGENCY"))
        assert labelled and set(labelled) <= set(everything)
        report = assign(project, ["wang"], DocFilter(status="suggested", ids=tuple(everything[:3])))
        assert sorted(a.doc_id for a in report.assignments) == sorted(everything[:3])


def test_impossible_requests_are_refused(many):
    with pytest.raises(TeamError, match="k"):
        assign(many, ["a", "b"], overlap=0.5, k=3)
    with pytest.raises(TeamError, match="between 0 and 1"):
        assign(many, ["a", "b"], overlap=1.5)
    with pytest.raises(TeamError, match="at least one annotator"):
        assign(many, [" "])
    assert _table(many) == []


def test_the_assign_command(demo_copy, capsys):
    assert run_team_cli("assign", "--project", demo_copy, "--annotators", "wang,li",
                        "--overlap", "0.2", "--k", "2", "--batch", "2", "--dry-run") == 0
    with Project.open(demo_copy) as project:
        assert _table(project) == []
    assert run_team_cli("assign", "--project", demo_copy, "--annotators", "wang,li",
                        "--overlap", "0.2", "--batch", "2", "--status", "suggested") == 0
    out = capsys.readouterr()
    assert "wang: 3 documents, batches 1, 2" in out.out and "5 documents assigned" in out.err
