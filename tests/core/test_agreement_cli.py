"""``annotator agreement``: the JSON shape, the table, selections, imported layers."""

import argparse
import json

import pytest

from annotator.cli.agreement_cmd import add_parser
from annotator.core.ingest.importer import import_paths
from annotator.core.ingest.options import Options
from annotator.core.model import Span
from annotator.core.store import Project
from tests.conftest import run_cli
from tests.core.test_agreement import TEXT, A, B, build


def run(capsys, *argv):
    parser = argparse.ArgumentParser(prog="annotator")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["agreement", *map(str, argv)])
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two_layers(project_path):
    with Project.create(project_path) as project:
        build(
            project,
            {"d": TEXT, "e": "江北区民政局发布通知。"},
            {"wang": {"d": A, "e": [Span(0, 3, "PLACE")]}, "zhao": {"d": B}},
            opened=[("zhao", "e")],
        )
    return project_path


def test_json_shape(capsys, two_layers):
    code, out, _ = run(capsys, "--project", two_layers, "--json")
    assert code == 0
    report = json.loads(out)
    pair = report["pairs"][0]
    for key in ("a", "b", "span_f1_exact", "span_f1_overlap", "kappa_char", "link_agreement"):
        assert key in pair
    assert (pair["a"], pair["b"]) == ("wang", "zhao")
    assert {"alpha_char", "span_f1_exact"} <= set(report["overall"])
    assert isinstance(report["overall"]["alpha_char"], float)
    assert "span_f1_exact" in report["per_label"]["AGENCY"]
    docs = {d["doc_id"]: d for d in report["per_document"]}
    assert set(docs) == {"d", "e"}
    assert {"alpha_char", "span_f1_exact", "pairs"} <= set(docs["d"])
    assert docs["e"]["span_f1_exact"] == 0.0
    # a null always comes with its reason
    assert pair["link_agreement"] == 0.0
    assert report["per_label"]["PLACE"]["alpha_char"] is not None


def test_nulls_come_with_reasons_in_json(capsys, project_path):
    with Project.create(project_path) as project:
        build(project, {"d": TEXT}, {"wang": {"d": A}})
    code, out, _ = run(capsys, "--project", project_path, "--json")
    report = json.loads(out)
    assert code == 0 and report["pairs"] == []
    assert report["overall"]["alpha_char"] is None
    assert report["overall"]["null_reasons"]["alpha_char"]


def test_table(capsys, two_layers):
    code, out, _ = run(capsys, "--project", two_layers)
    assert code == 0
    assert "wang – zhao" in out and "kappa(char)" in out and "alpha(char)" in out
    assert "AGENCY" in out and "lowest agreement" in out


def test_table_explains_undefined_figures(capsys, project_path):
    with Project.create(project_path) as project:
        build(project, {"d": TEXT}, {}, opened=[("wang", "d"), ("zhao", "d")])
    code, out, _ = run(capsys, "--project", project_path)
    assert code == 0
    assert "—" in out and "is undefined" in out and "only one category" in out


def test_selections(capsys, two_layers):
    code, out, _ = run(capsys, "--project", two_layers, "--json", "--labels", "AGENCY,PERSON")
    assert code == 0 and list(json.loads(out)["per_label"]) == ["AGENCY", "PERSON"]
    code, out, _ = run(capsys, "--project", two_layers, "--json", "--annotators", "ann:zhao")
    assert code == 0 and json.loads(out)["annotators"] == ["zhao"]
    code, out, err = run(capsys, "--project", two_layers, "--annotators", "wang,nobody")
    assert code == 1 and "nobody" in err and out == ""


def test_an_imported_layer_takes_part(capsys, tmp_path, two_layers):
    line = {"id": "d", "text": TEXT,
            "spans": [{"start": 0, "end": 4, "label": "AGENCY", "text": TEXT[:4]}]}
    path = tmp_path / "li.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with Project.open(two_layers) as project:
        report = import_paths(project, [path], Options(annotator="li"))
        assert report.ok, report.problems
    code, out, _ = run(capsys, "--project", two_layers, "--json")
    report = json.loads(out)
    assert report["annotators"] == ["li", "wang", "zhao"]
    li_wang = next(p for p in report["pairs"] if (p["a"], p["b"]) == ("li", "wang"))
    # b (wang) read against a (li): all of li's one span found, one of wang's three
    assert li_wang["documents"] == 1 and li_wang["recall_exact"] == 1.0
    assert li_wang["precision_exact"] == pytest.approx(1 / 3)


def test_console_command(two_layers):
    result = run_cli("agreement", "--project", two_layers, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pairs"][0]["a"] == "wang"
