"""The batch contract: one suggested line per input document, in order; bad input reported."""

import json

from tests.conftest import SEEDS, run_cli


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_every_document_yields_one_line_in_input_order(tmp_path):
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "𠮷今年全市社工6.79万人,服务82.4万余人次。",
         "meta": {"source": "重庆日报"}},
        "{broken",
        {"id": "b", "text": "印发《关于加强基层治理体系和治理能力现代化建设的实施意见》。",
         "spans": [{"start": 0, "end": 99, "label": "X"}]},  # spans are not read
        {"id": "c", "meta": {}},
        {"text": "2022年3月17日,证号为51222319631204001543。"},
    ]
    source.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                                for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("prehighlight", source, "-o", out, "--region", "重庆市")
    assert result.returncode == 1
    assert "in.jsonl:2: malformed JSON" in result.stderr
    assert 'in.jsonl:4: no "text"' in result.stderr
    lines = _lines(out)
    assert [x["id"] for x in lines[:2]] == ["a", "b"] and len(lines) == 3
    assert all(x["status"] == "suggested" and x["schema"] == "gov-news-zh@1" for x in lines)
    first = lines[0]
    assert first["meta"]["source"] == "重庆日报"
    figures = [s for s in first["spans"] if s["label"] == "FIGURE"]
    assert [(s["start"], s["end"], s["text"]) for s in figures] == [
        (7, 13, "6.79万人"), (16, 24, "82.4万余人次")]
    assert figures[0]["attrs"] == {"value": 67900, "unit": "人", "approx": False,
                                   "comparator": "="}
    assert figures[0]["source"] == "rule:figure" and 0 < figures[0]["score"] <= 1
    assert [s["label"] for s in lines[1]["spans"]] == ["POLICY"]
    assert {s["label"] for s in lines[2]["spans"]} >= {"DATE", "PII"}


def test_text_files_are_cleaned_like_import_and_succeed(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_cli("prehighlight", SEEDS, "-o", out)
    assert result.returncode == 0, result.stderr
    lines = _lines(out)
    assert [x["meta"]["file"] for x in lines] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert "主题宣传" in lines[0]["text"]
    for line in lines:
        for span in line["spans"]:
            assert line["text"][span["start"]:span["end"]] == span["text"]
