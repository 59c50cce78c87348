"""Bad input: a clear error naming the file (and line), the rest imported, nothing half-written."""

import json

from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from tests.conftest import run_cli

GOOD = "重庆日报讯(记者张莎)3月17日,全市社工6.79万人,服务群众超82万人次。\n"


def _jsonl(path):
    lines = [
        json.dumps({"id": "ok-1", "text": "市民政局发布数据。"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "no-text", "meta": {}}),
        json.dumps(
            {
                "id": "bad-span",
                "text": "团区委开展活动",
                "spans": [{"start": 0, "end": 3, "label": "AGENCY", "text": "团区"}],
            },
            ensure_ascii=False,
        ),
        json.dumps(
            {
                "id": "overlap",
                "text": "区委社会工作部",
                "spans": [
                    {"start": 0, "end": 2, "label": "AGENCY", "annotator": "ann:wang"},
                    {"start": 1, "end": 7, "label": "AGENCY", "annotator": "ann:wang"},
                ],
            },
            ensure_ascii=False,
        ),
        "",
        json.dumps(
            {
                "id": "ok-2",
                "text": "朝天门街道党工委召开会议。",
                "spans": [{"start": 0, "end": 8, "label": "AGENCY", "text": "朝天门街道党工委"}],
            },
            ensure_ascii=False,
        ),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_bad_inputs_are_reported_and_the_rest_imported(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "undecodable.txt").write_bytes("市民政局".encode() + b"\xff\xfe\xfa\x80\x81" * 40)
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.md").write_text("  \n\n \n", encoding="utf-8")
    (src / "big.txt").write_bytes(GOOD.encode() * (50 * 1024 * 1024 // len(GOOD.encode()) + 1))
    (src / "no_column.csv").write_text("title,body\n标题,正文\n", encoding="utf-8")
    _jsonl(src / "docs.jsonl")
    picture = tmp_path / "scan.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    project = tmp_path / "p.annot"

    result = run_cli("import", src, picture, tmp_path / "missing.txt", "--project", project)

    assert result.returncode == 1
    err = result.stderr
    assert "undecodable.txt: undecodable bytes" in err
    assert "empty.txt: the file is empty" in err
    assert "blank.md: no text in the file" in err
    assert "big.txt: the file is 50.0 MB" in err
    assert "no_column.csv:1: no column 'text' (columns: title, body)" in err
    assert "docs.jsonl:2: malformed JSON" in err
    assert 'docs.jsonl:3: no "text"' in err
    assert "docs.jsonl:4: span 0: text[0:3] is '团区委', the line says '团区'" in err
    assert "docs.jsonl:5: spans overlap" in err
    assert "scan.png: binary data" in err
    assert "missing.txt: no such file or folder" in err
    assert "3 documents imported" in err

    with Project.open(project) as p:
        assert p.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = sorted(d.id for d in docs_store.iter_documents(p))
        assert "ok-1" in ids and "ok-2" in ids and len(ids) == 3
        orphans = p.db.execute(
            "SELECT COUNT(*) FROM spans WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0
        (span,) = spans_store.layers(p, "ok-2")["machine"]  # as given, not re-computed
        assert (span.start, span.end, span.label) == (0, 8, "AGENCY")


def test_importing_twice_adds_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    project = tmp_path / "p.annot"
    assert run_cli("import", tmp_path / "a.txt", "--project", project).returncode == 0
    again = run_cli("import", tmp_path / "a.txt", "--project", project)
    assert again.returncode == 0
    assert "0 documents imported, 1 already present" in again.stderr


def test_conflicting_id_is_reported_not_overwritten(tmp_path):
    first = tmp_path / "a.jsonl"
    first.write_text(
        json.dumps({"id": "x", "text": "第一篇"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    second = tmp_path / "b.jsonl"
    second.write_text(
        json.dumps({"id": "x", "text": "另一篇"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    project = tmp_path / "p.annot"
    assert run_cli("import", first, "--project", project).returncode == 0
    result = run_cli("import", second, "--project", project)
    assert result.returncode == 1
    assert "b.jsonl:1: id 'x' is already used by a document with a different text" in result.stderr
    with Project.open(project) as p:
        assert docs_store.get(p, "x").text == "第一篇"
