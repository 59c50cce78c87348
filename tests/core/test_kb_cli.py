"""annotator kb import|export on a real project: merge by id, bad lines reported."""

import json

from tests.conftest import run_cli


def test_export_then_import_with_a_new_entry_and_a_bad_line(tmp_path):
    project = tmp_path / "p.annot"
    assert run_cli("stats", "--project", project).returncode == 1  # no project yet
    (tmp_path / "a.txt").write_text("区文物局发布公告。", encoding="utf-8")
    assert run_cli("import", tmp_path / "a.txt", "--project", project).returncode == 0
    out = tmp_path / "kb.jsonl"
    result = run_cli("kb", "export", out, "--project", project)
    assert result.returncode == 0, result.stderr
    entries = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert entries == []  # the project's own entries: the shipped base is not copied in
    mine = tmp_path / "mine.jsonl"
    new = {"id": "user-yz-wwj", "name": "重庆市渝中区文物局", "level": "county",
           "region_code": "500103", "region": "重庆市渝中区", "type": "government",
           "parent": "cn-500103-gov", "aliases": [{"text": "区文物局", "scope": "local"}]}
    mine.write_text(json.dumps(new, ensure_ascii=False) + "\n{oops\n", encoding="utf-8")
    result = run_cli("kb", "import", mine, "--project", project, "--annotator", "wang")
    assert result.returncode == 1
    assert "mine.jsonl:2" in result.stderr and "1 added" in result.stderr
    again = run_cli("kb", "export", out, "--project", project)
    assert again.returncode == 0
    assert "user-yz-wwj" in out.read_text(encoding="utf-8")
    # the added entry is what the engine now links to in a Yuzhong text
    text = tmp_path / "b.jsonl"
    text.write_text(json.dumps({"id": "b", "text": "区文物局相关负责人表示。",
                                "meta": {"region": "重庆市渝中区"}}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert run_cli("import", text, "--project", project).returncode == 0
    exported = tmp_path / "docs.jsonl"
    assert run_cli("export", "--project", project, "-o", exported).returncode == 0
    line = [json.loads(x) for x in exported.read_text(encoding="utf-8").splitlines()][-1]
    agency = next(s for s in line["spans"] if s["label"] == "AGENCY")
    assert agency["agency"] == {"id": "user-yz-wwj", "name": "重庆市渝中区文物局"}
