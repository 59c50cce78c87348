"""The use cases both faces call, on real files and real project files: what each returns is
what the command line prints and the app shows."""

import json
from pathlib import Path

import pytest

from annotator.core.exchange.export import Selection
from annotator.core.formats import CATALOGUE, FormatError
from annotator.core.release import ReleaseError, ReleaseOptions
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.team.assign import assign
from annotator.core.usecases.exporting import export_documents, release_dataset
from annotator.core.usecases.importing import (
    ImportRequest,
    ImportRequestError,
    convert,
    guess_format,
    import_files,
)
from annotator.core.usecases.projects import create_project, open_or_create
from annotator.core.usecases.team import collect_packages, pack_for
from tests.conftest import FIXTURES, SEEDS

TOOLS = FIXTURES / "tools"
DOCCANO = TOOLS / "doccano" / "export.jsonl"


def _request(*paths, **options) -> ImportRequest:
    return ImportRequest(tuple(Path(p) for p in paths), **options)


def _ids(project: Project) -> list[str]:
    return [d.id for d in docs_store.iter_documents(project)]


def test_create_and_open_or_create(tmp_path):
    path = tmp_path / "new.annot"
    project, created = open_or_create(path)
    assert created and path.exists()
    project.close()
    project, created = open_or_create(path)
    assert not created
    project.close()
    with pytest.raises(Exception, match="already exists"):
        create_project(path)


def test_import_of_articles_reports_what_it_added_then_what_it_met_again(project):
    files = sorted(SEEDS.glob("*.txt"))
    first = import_files(project, _request(SEEDS, split_stories=True, region="重庆市"))
    assert first.files == len(files) and first.ok and first.candidates > 0
    assert first.created == len(first.added) == docs_store.count(project)
    assert first.added == _ids(project) and first.changed == []

    again = import_files(project, _request(*files, split_stories=True))
    assert again.created == 0 and again.added == []
    assert sorted(again.changed) == sorted(first.added)


def test_no_prehighlight_and_whole_pages(project):
    outcome = import_files(project, _request(SEEDS, prehighlight=False))
    assert outcome.created == len(list(SEEDS.glob("*.txt")))  # pages not split into stories
    assert outcome.candidates == 0
    assert project.db.execute("SELECT COUNT(*) FROM spans").fetchone()[0] == 0


def test_progress_follows_the_files_and_cancel_keeps_what_was_stored(project):
    seen = []
    outcome = import_files(project, _request(SEEDS, prehighlight=False),
                           progress=lambda done, total: seen.append((done, total)),
                           cancelled=lambda: len(seen) >= 2)  # fmt: skip
    assert seen == [(1, 5), (2, 5)]
    assert outcome.created == 2 == docs_store.count(project)


def test_a_doccano_file_goes_to_the_annotators_layer(project):
    lines = [json.loads(x) for x in DOCCANO.read_text("utf-8").splitlines()]
    outcome = import_files(project, _request(DOCCANO, format="doccano", annotator="wang",
                                             prehighlight=False))  # fmt: skip
    assert outcome.ok and outcome.created == len(lines) == len(outcome.added)
    assert outcome.spans == sum(len(x["label"]) for x in lines)
    wang = project.annotator_id("wang")
    stored = project.db.execute("SELECT COUNT(*) FROM spans WHERE annotator_id = ?",
                                [wang]).fetchone()[0]  # fmt: skip
    assert stored == outcome.spans


def test_another_tools_file_needs_an_annotator_and_nothing_is_stored(project):
    with pytest.raises(ImportRequestError, match="--annotator"):
        import_files(project, _request(DOCCANO, format="doccano"))
    with pytest.raises(ImportRequestError, match="cannot import 'bio'"):
        import_files(project, _request(DOCCANO, format="bio", annotator="wang"))
    assert docs_store.count(project) == 0


def test_problems_name_the_users_file_and_line(project, tmp_path):
    source = tmp_path / "tasks.json"
    source.write_text(json.dumps([
        {"data": {"text": "市民政局发布通知。"}, "annotations": [{"result": [
            {"type": "labels", "value": {"start": 0, "end": 4, "labels": ["AGENCY"]}}]}]},
        {"data": {"text": "短"}, "annotations": [{"result": [
            {"type": "labels", "value": {"start": 0, "end": 9, "labels": ["ORG"]}}]}]},
    ], ensure_ascii=False), encoding="utf-8")
    missing = tmp_path / "absent.json"
    outcome = import_files(project, _request(source, missing, format="label-studio",
                                             annotator="li", prehighlight=False))  # fmt: skip
    problems = [str(p) for p in outcome.problems]
    assert f"{missing}: no such file or folder" in problems
    assert any(p.startswith(f"{source}:2: task 2:") for p in problems), problems
    assert outcome.created == 1 and not outcome.ok


def test_guess_format_from_real_tool_files(tmp_path):
    assert guess_format([DOCCANO]) == "doccano"
    assert guess_format([TOOLS / "label-studio" / "export-ids.json"]) == "label-studio"
    assert guess_format([TOOLS / "brat-saved"]) == "brat"
    assert guess_format([TOOLS / "brat-exported" / "d078c80ae7c32a19.ann"]) == "brat"
    assert guess_format([SEEDS]) is None
    ours = tmp_path / "gold.jsonl"
    ours.write_text('{"id": "a", "text": "市民政局", "spans": []}\n', encoding="utf-8")
    assert guess_format([ours]) is None
    prodigy = tmp_path / "p.jsonl"
    prodigy.write_text('{"text": "市民政局", "spans": [], "answer": "accept"}\n', "utf-8")
    assert guess_format([prodigy]) == "prodigy"


def test_convert_without_a_project(tmp_path):
    out = tmp_path / "lines.jsonl"
    result = convert("doccano", DOCCANO, out)
    assert result.documents == len(DOCCANO.read_text("utf-8").splitlines()) and not result.problems
    assert json.loads(out.read_text("utf-8").splitlines()[0])["id"] == "dcefd9c8f3d1256e"
    with pytest.raises(FormatError):
        convert("bmes", DOCCANO, out)


@pytest.fixture
def gold_project(tmp_path):
    """The doccano file's documents as adjudicated document lines, imported natively."""
    lines = tmp_path / "lines.jsonl"
    convert("doccano", DOCCANO, lines)
    gold = [{**json.loads(x), "status": "gold"} for x in lines.read_text("utf-8").splitlines()]
    lines.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in gold), "utf-8")
    with Project.create(tmp_path / "gold.annot") as project:
        assert import_files(project, _request(lines, prehighlight=False)).created == 6
        yield project


def test_export_in_every_format_of_the_catalogue(gold_project, tmp_path):
    for info in CATALOGUE:
        if not info.writes:
            continue
        out = tmp_path / (f"x-{info.name}" if info.folder else f"x{info.suffix}")
        report = export_documents(gold_project, info.name, out, Selection(gold=True))
        assert report.documents == 6 and all(p.exists() for p in report.paths), info.name
        assert report.pii_spans == 3  # the fixture's telephone numbers, said every time
        assert (info.name == "jsonl") == (not report.notes), info.name
    with pytest.raises(FormatError, match="raw offsets"):
        export_documents(gold_project, "doccano", tmp_path / "r.jsonl", Selection(raw_offsets=True))
    with pytest.raises(FormatError, match="unknown format"):
        export_documents(gold_project, "xml", tmp_path / "r.xml")


def test_release_reports_its_splits(gold_project, tmp_path):
    with pytest.raises(ReleaseError):
        release_dataset(gold_project, tmp_path / "refused", ReleaseOptions())  # PII unmasked
    report = release_dataset(gold_project, tmp_path / "rel",
                             ReleaseOptions(pii="mask", formats=("bio",)))  # fmt: skip
    assert sum(report.counts.values()) == 6 and set(report.counts) == {"train", "dev", "test"}
    assert all(p.exists() for p in report.files)
    assert (tmp_path / "rel" / "bio").is_dir()


def test_pack_and_collect_one_refused_package_does_not_stop_the_others(tmp_path):
    with Project.create(tmp_path / "master.annot") as master:
        import_files(master, _request(SEEDS, prehighlight=False))
        assign(master, ["wang"])
        packed = pack_for(master, "wang", tmp_path / "wang.annot")
        assert packed.documents == 5 and packed.path.exists()
        not_a_package = tmp_path / "notes.annot"
        not_a_package.write_text("just notes", encoding="utf-8")
        seen = []
        outcome = collect_packages(master, [not_a_package, packed.path],
                                   progress=lambda d, t: seen.append((d, t)))  # fmt: skip
    assert seen == [(0, 2), (1, 2)]
    refused, collected = outcome.packages
    assert refused.report is None and refused.refusal and outcome.refused == 1
    assert collected.report is not None and collected.error is None
