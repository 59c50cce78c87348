"""The knowledge base in a real project file: seeding, merging, exporting."""

from dataclasses import replace

from annotator.core.kb import Alias, default_kb, project_kb, read_agencies, write_agencies
from annotator.core.store import Project
from annotator.core.store.events import history


def test_a_new_project_holds_the_shipped_knowledge_base(tmp_path):
    with Project.create(tmp_path / "p.annot") as project:
        kb_events = [e for e in history(project.db) if e["action"] == "kb.seed"]
        assert kb_events[0]["after"] == {"added": len(default_kb())}
        assert project_kb.seed_default(project) == 0  # seeding again adds nothing
        names = project.db.execute("SELECT COUNT(*) FROM agency_names").fetchone()[0]
        assert names > len(default_kb())
    with Project.open(tmp_path / "p.annot") as project:
        kb = project_kb.load(project)
        shipped = default_kb().get("cn-500103-tw")
        assert kb.get("cn-500103-tw") == replace(shipped, established=None)
        assert len(kb) == len(default_kb())


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
