"""A machine candidate becomes a person's span only by that person's decision, in every file.

Exports carry each span's origin; a person's layer gives only what the person decided;
export → import → export through the command line changes nothing and turns no candidate
into a manual span; Prodigy never sees unfinished work as accepted.
"""

import json

from annotator.core.editing import Editor
from annotator.core.store import Project
from tests.conftest import SEEDS, run_cli


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _origins(project, name):
    """How many spans of each origin the named layer holds."""
    rows = project.db.execute(
        "SELECT s.origin, COUNT(*) FROM spans s JOIN annotators a ON a.id = s.annotator_id "
        "WHERE a.name = ? GROUP BY s.origin", [name])
    return dict(rows.fetchall())


def _decide_a_few(path):
    """wang opens every document but the last, accepts two candidates and rejects one in
    each, and finishes the first; the last, found to hold nothing, is finished empty."""
    with Project.open(path) as project:
        editor = Editor(project, "wang")
        doc_ids = [r[0] for r in project.db.execute("SELECT id FROM documents ORDER BY seq")]
        for doc_id in doc_ids[:-1]:
            layer = editor.open(doc_id)
            editor.accept(layer[0].id)
            editor.accept(layer[1].id)
            editor.reject(layer[2].id)
        editor.mark_done(doc_ids[0], undecided="reject")
        editor.open(doc_ids[-1])
        editor.mark_done(doc_ids[-1], undecided="reject")
        return doc_ids, _origins(project, "wang")


def test_round_trip_through_the_command_line_turns_no_candidate_into_a_manual_span(tmp_path):
    first, second = tmp_path / "a.annot", tmp_path / "b.annot"
    assert run_cli("import", SEEDS, "--project", first).returncode == 0
    doc_ids, before = _decide_a_few(first)
    assert before["suggested"] > 100 and "manual" not in before  # many still undecided
    out = [tmp_path / "one.jsonl", tmp_path / "two.jsonl"]
    result = run_cli("export", "--project", first, "--annotator", "wang", "-o", out[0])
    assert result.returncode == 0, result.stderr
    assert (f"note: jsonl: not carried: undecided machine candidates of people's layers "
            f"(only decisions are exported) ({before['suggested']})") in result.stderr
    result = run_cli("import", out[0], "--project", second, "--annotator", "wang")
    assert result.returncode == 0, result.stderr
    result = run_cli("export", "--project", second, "--annotator", "wang", "-o", out[1])
    assert result.returncode == 0, result.stderr

    assert out[1].read_bytes() == out[0].read_bytes()
    lines = _lines(out[0])
    assert [x["id"] for x in lines] == doc_ids
    spans = [s for x in lines for s in x["spans"]]
    assert {s["origin"] for s in spans} == {"accepted"}
    assert len(spans) == before["accepted"] == 2 * (len(doc_ids) - 1)
    assert lines[-1]["spans"] == [] and lines[-1]["annotators"] == ["ann:wang"]
    assert [x["status"] for x in lines] == (
        ["annotated"] + ["suggested"] * (len(doc_ids) - 2) + ["annotated"])
    with Project.open(second) as project:
        after = _origins(project, "wang")
    assert after.get("manual", 0) == 0  # none of the undecided candidates became manual
    assert after == {"accepted": before["accepted"]}


def test_every_span_carries_its_origin_and_candidates_stay_candidates(tmp_path):
    path = tmp_path / "a.annot"
    assert run_cli("import", SEEDS, "--project", path).returncode == 0
    with Project.open(path) as project:
        editor = Editor(project, "wang")
        doc_id = project.db.execute("SELECT id FROM documents ORDER BY seq").fetchone()[0]
        layer = editor.open(doc_id)
        editor.relabel(layer[0].id, "ORG" if layer[0].label != "ORG" else "PLACE")
    result = run_cli("export", "--project", path, "-o", tmp_path / "all.jsonl")
    assert result.returncode == 0, result.stderr
    lines = _lines(tmp_path / "all.jsonl")
    mine = next(x for x in lines if x["id"] == doc_id)
    assert [s["origin"] for s in mine["spans"]] == ["edited"]  # wang's layer: decisions only
    assert mine["spans"][0]["annotator"] == "ann:wang"
    others = [s for x in lines if x["id"] != doc_id for s in x["spans"]]
    assert others and {s["origin"] for s in others} == {"suggested"}
    assert not any("annotator" in s for s in others)
    # imported elsewhere, the machine's lines stay candidates
    result = run_cli("import", tmp_path / "all.jsonl", "--project", tmp_path / "b.annot")
    assert result.returncode == 0, result.stderr
    with Project.open(tmp_path / "b.annot") as project:
        assert _origins(project, "machine") == {"suggested": len(others)}
        assert _origins(project, "wang") == {"edited": 1}


def test_prodigy_export_does_not_accept_unfinished_documents(tmp_path):
    path = tmp_path / "a.annot"
    assert run_cli("import", SEEDS, "--project", path).returncode == 0
    doc_ids, _ = _decide_a_few(path)
    out = tmp_path / "p.jsonl"
    result = run_cli("export", "--project", path, "--annotator", "wang", "--format", "prodigy",
                     "-o", out)
    assert result.returncode == 0, result.stderr
    answers = {t["meta"]["doc_id"]: t["answer"] for t in _lines(out)}
    finished = (doc_ids[0], doc_ids[-1])
    assert answers == {d: "accept" if d in finished else "ignore" for d in doc_ids}


def _documented(section: str) -> list[str]:
    """The field names in the first column of a table under ``section`` of docs/FORMAT.md."""
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    body = text.split(section + "\n", 1)[1].split("\n#", 1)[0]
    rows = [line.split("|")[1].strip() for line in body.splitlines() if line.startswith("| `")]
    return [row.strip("`") for row in rows]


def test_every_field_an_export_writes_is_documented(tmp_path):
    from annotator.core.model import DOC_STATUSES, META_FIELDS, ORIGINS

    path = tmp_path / "a.annot"
    assert run_cli("import", SEEDS, "--project", path).returncode == 0
    with Project.open(path) as project:
        editor = Editor(project, "wang")
        doc_id = project.db.execute("SELECT id FROM documents ORDER BY seq").fetchone()[0]
        layer = editor.open(doc_id)
        editor.accept(layer[0].id)
        editor.comment(layer[0].id, "待核实")
        editor.label(doc_id, layer[-1].end, layer[-1].end + 1, "PLACE")
    out = tmp_path / "all.jsonl"
    result = run_cli("export", "--project", path, "--raw-offsets", "-o", out)
    assert result.returncode == 0, result.stderr
    lines = _lines(out)
    written = {k for x in lines for k in x}
    span_keys = {k for x in lines for s in x["spans"] for k in s}
    assert sorted(written) == sorted(_documented("### Document line fields"))
    assert sorted(span_keys) == sorted(_documented("### Span fields"))
    assert _documented("## Origins") == list(ORIGINS)
    assert {s["origin"] for x in lines for s in x["spans"]} == {"suggested", "accepted", "manual"}
    assert _documented("## Statuses") == list(DOC_STATUSES)
    meta_keys = {k for x in lines for k in x["meta"]}
    assert set(META_FIELDS) <= meta_keys
    assert [k for k in sorted(meta_keys) if f"`{k}`" not in _documented_meta()] == []


def _documented_meta() -> str:
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    return text.split("### Metadata fields\n", 1)[1].split("\n#", 1)[0]


def test_an_unknown_origin_is_reported_with_its_line(tmp_path):
    good = {"id": "a", "text": "重庆市民政局", "spans": [
        {"start": 0, "end": 3, "label": "PLACE", "origin": "accepted"}]}
    bad = {"id": "b", "text": "市民政局发布", "spans": [
        {"start": 0, "end": 4, "label": "AGENCY", "origin": "imported"}]}
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (good, bad)) + "\n",
                    encoding="utf-8")
    result = run_cli("import", path, "--project", tmp_path / "a.annot", "--annotator", "wang",
                     "--no-prehighlight")
    assert result.returncode == 1
    assert f"{path}:2: spans[0].origin: 'imported' is not one of" in result.stderr
    assert "Traceback" not in result.stderr
    with Project.open(tmp_path / "a.annot") as project:
        assert _origins(project, "wang") == {"accepted": 1}


def test_a_line_is_finished_work_only_when_its_annotator_finished(tmp_path):
    """wang finished the document, zhao is still at it: zhao's layer is not annotated work,
    in JSONL or for Prodigy."""
    from annotator.core import formats
    from annotator.core.exchange.export import Selection

    path = tmp_path / "a.annot"
    assert run_cli("import", SEEDS / "000_19474ce4e30e8f21.txt", "--project", path).returncode == 0
    with Project.open(path) as project:
        doc_id = project.db.execute("SELECT id FROM documents").fetchone()[0]
        wang, zhao = Editor(project, "wang"), Editor(project, "zhao")
        wang.open(doc_id)
        wang.mark_done(doc_id, undecided="accept")
        zhao.accept(zhao.open(doc_id)[0].id)
        lines, answers = {}, {}
        for who in ("wang", "zhao"):
            formats.export(project, "jsonl", tmp_path / f"{who}.jsonl", Selection(annotator=who))
            formats.export(project, "prodigy", tmp_path / f"{who}.p", Selection(annotator=who))
            (lines[who],) = _lines(tmp_path / f"{who}.jsonl")
            (answers[who],) = [t["answer"] for t in _lines(tmp_path / f"{who}.p")]
    assert (lines["wang"]["status"], answers["wang"]) == ("annotated", "accept")
    assert (lines["zhao"]["status"], answers["zhao"]) == ("suggested", "ignore")
    assert [s["origin"] for s in lines["zhao"]["spans"]] == ["accepted"]
