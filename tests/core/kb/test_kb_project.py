"""The knowledge base in a real project file: the base read in place, the project's own
entries over it, merging, exporting."""

import hashlib
import json
from dataclasses import replace

from annotator.core.kb import Alias, default_kb, project_kb, read_agencies, write_agencies
from annotator.core.kb.base import default_base
from annotator.core.kb.suggestions import AgencyLinks
from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import spans as spans_store
from annotator.core.store.events import history


def test_a_new_project_reads_the_base_in_place_and_records_which(tmp_path):
    with Project.create(tmp_path / "p.annot") as project:
        assert project.db.execute("SELECT COUNT(*) FROM agencies").fetchone()[0] == 0
        assert project_kb.export(project) == []
        kb = project_kb.load(project)
        assert kb.get("cn-500103-tw") == default_kb().get("cn-500103-tw")
        assert kb.get("cn-450102-gov-mzj").name == "南宁市兴宁区民政局"  # below the province
        assert len(kb) == len(default_kb()) > 200_000
        stamp = json.loads(project.setting("kb_base"))
        assert stamp == default_base().stamp()._asdict()
        assert stamp["sha256"] == hashlib.sha256(default_base().path.read_bytes()).hexdigest()
    assert (tmp_path / "p.annot").stat().st_size < 1_000_000  # the base is 40 MB


def test_a_link_to_a_base_entry_keeps_the_project_consistent(tmp_path):
    """A span may link to a base entry the project does not hold: the link is kept, the
    foreign key holds, and the entry is not counted as one of the project's own."""
    with Project.create(tmp_path / "p.annot") as project:
        project.db.execute(
            "INSERT INTO documents(id, seq, text, text_sha256, created_at) "
            "VALUES ('d1', 1, '兴宁区民政局', 'x', 'now')")
        who = project.annotator_id("ann:wang")
        with project.transaction():
            project.db.execute(
                "INSERT INTO spans(doc_id, annotator_id, start, \"end\", label, agency_id, "
                "origin, created_at, updated_at) VALUES ('d1', ?, 0, 6, 'AGENCY', "
                "'cn-450102-gov-mzj', 'manual', 'now', 'now')", [who])
        assert project_kb.export(project) == []
        assert project.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert project_kb.load(project).get("cn-450102-gov-mzj").name == "南宁市兴宁区民政局"
        own = replace(default_kb().get("cn-500103-gov-mzj"), id="x-2", parent="cn-450102-gov")
        report = project_kb.merge(project, [own])  # a parent from the base is a parent
        assert report.added == ["x-2"] and report.problems == []
        corrected = replace(project_kb.entry(project, "cn-450102-gov-mzj"), name="兴宁区民政局")
        assert project_kb.merge(project, [corrected]).updated == ["cn-450102-gov-mzj"]
        assert project_kb.load(project).get("cn-450102-gov-mzj").name == "兴宁区民政局"


def test_candidates_linked_to_base_entries_leave_the_base_entries_whole(tmp_path):
    """Storing a layer whose spans link to base entries (an import's candidates) keeps the
    links whole without making name-only copies that would hide the base's entry."""
    with Project.create(tmp_path / "p.annot") as project:
        project.db.execute(
            "INSERT INTO documents(id, seq, text, text_sha256, created_at) "
            "VALUES ('d1', 1, '兴宁区民政局', 'x', 'now')")
        span = Span(0, 6, "AGENCY", agency_id="cn-450102-gov-mzj", agency_name="兴宁区民政局",
                    origin="suggested")
        with project.transaction():
            spans_store.replace_layer(project, "d1", project.machine_id(), [span])
        assert project.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert project_kb.export(project) == []
        base = default_kb().get("cn-450102-gov-mzj")
        assert project_kb.load(project).get("cn-450102-gov-mzj") == base
        corrected = replace(base, name="兴宁区民政局(更正)")
        assert project_kb.merge(project, [corrected]).updated == ["cn-450102-gov-mzj"]
        assert project_kb.load(project).get("cn-450102-gov-mzj").name == "兴宁区民政局(更正)"


def test_a_project_with_a_copied_knowledge_base_keeps_working(tmp_path):
    """Projects made before the base was read in place hold a copy of the old shipped file:
    their entries override the base's, and everything else comes from the base."""
    old = replace(default_kb().get("cn-500000-gov-mzj"), name="重庆市民政局(旧)")
    with Project.create(tmp_path / "p.annot") as project:
        project_kb.merge(project, [old])
        kb = project_kb.load(project)
        assert kb.get("cn-500000-gov-mzj").name == "重庆市民政局(旧)"
        assert [a.id for a, _k in kb.lookup("重庆市民政局(旧)")] == ["cn-500000-gov-mzj"]
        assert kb.get("cn-510100-gov-mzj").name == "成都市民政局"


def test_merge_adds_updates_and_is_idempotent(tmp_path):
    mine = tmp_path / "mine.csv"
    base = default_kb().get("cn-500103-gov-mzj")
    new = replace(base, id="cn-500103-gov-wwj", name="重庆市渝中区文物局",
                  aliases=(Alias("重庆市渝中区文物局"), Alias("区文物局", "local")))  # fmt: skip
    changed = replace(base, aliases=(*base.aliases, Alias("渝中民政", "global")))
    write_agencies([new, changed], mine)
    with Project.create(tmp_path / "p.annot") as project:
        agencies = [a for a in read_agencies(mine)]
        first = project_kb.merge(project, agencies, annotator="ann:wang")
        assert first.added == [new.id] and first.updated == [changed.id]
        second = project_kb.merge(project, [a for a in read_agencies(mine)])
        assert (second.added, second.updated) == ([], [])
        assert sorted(second.unchanged) == sorted([new.id, changed.id])
        actions = [e["action"] for e in history(project.db)]
        assert actions.count("agency.add") == 1 and actions.count("agency.update") == 1
        exported = {a.id: a for a in project_kb.export(project)}
        assert exported[changed.id].aliases[-1] == Alias("渝中民政")


def test_merge_drops_unknown_parent_and_says_so(tmp_path):
    with Project.create(tmp_path / "p.annot") as project:
        orphan = replace(default_kb().get("cn-500103-gov-mzj"), id="x-1", parent="nowhere")
        report = project_kb.merge(project, [orphan])
        assert report.added == ["x-1"] and "nowhere" in report.problems[0]
        stored = {a.id: a for a in project_kb.export(project)}
        assert stored["x-1"].parent is None


def test_a_composed_entry_joins_the_project_when_accepted(tmp_path):
    """A body the base lacks, named by its structure, becomes the project's own entry when a
    span links to it or the annotator accepts it."""
    composed = "composed:530000:云南省地震局"
    with Project.create(tmp_path / "p.annot") as project:
        assert project_kb.export(project) == []
        project.db.execute(
            "INSERT INTO documents(id, seq, text, text_sha256, created_at) "
            "VALUES ('d1', 1, '省地震局', 'x', 'now')")
        who = project.annotator_id("ann:wang")
        with project.transaction():
            project.db.execute(
                "INSERT INTO spans(doc_id, annotator_id, start, \"end\", label, agency_id, "
                "origin, created_at, updated_at) VALUES ('d1', ?, 0, 4, 'AGENCY', ?, 'manual', "
                "'now', 'now')", [who, composed])
        [entry] = project_kb.export(project)
        assert (entry.id, entry.name, entry.source) == (composed, "云南省地震局", "composed")
        links = AgencyLinks(project)
        links.adopt("composed:530000:云南省气象局", "wang")
        assert "云南省气象局" in {a.name for a in project_kb.export(project)}
