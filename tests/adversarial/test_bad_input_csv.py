"""CSV/TSV rows go through the same checks as JSONL lines: a bad row is named by its line and
skipped, the rest imported."""

from __future__ import annotations

import csv

from tests.adversarial.bad_input_support import assert_reported, import_files, stored


def _table(path, rows, delimiter=","):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(["id", "title", "text"])
        writer.writerows(rows)
    return path


def test_blank_and_invisible_cells_are_named(tmp_path):
    source = _table(tmp_path / "t.csv", [
        ["a", "一", "市民政局发布数据。"],
        ["b", "二", " \u3000 "],
        ["c", "三", "\u200b\ufeff"],
        ["d", "四", "朝天门街道党工委召开会议。"],
    ])
    project = tmp_path / "p.annot"

    result = import_files(project, source)

    assert_reported(result, "t.csv:3:", "empty 'text' cell")
    assert_reported(result, "t.csv:4:", "empty 'text' cell")
    assert set(stored(project)) == {"a", "d"}


def test_same_id_with_another_text_in_a_table(tmp_path):
    source = _table(tmp_path / "t.tsv", [
        ["a", "一", "市民政局发布数据。"],
        ["a", "二", "另一篇文章。"],
        ["b", "三", "朝天门街道党工委召开会议。"],
    ], delimiter="\t")
    project = tmp_path / "p.annot"

    result = import_files(project, source)

    assert_reported(result, "t.tsv:3:", "id 'a' is already used")
    assert stored(project) == {"a": "市民政局发布数据。", "b": "朝天门街道党工委召开会议。"}


def test_article_longer_than_the_csv_field_limit(tmp_path):
    """Python's csv refuses fields over 128 KiB by default: a long article is still one row."""
    long_text = "市民政局发布数据。" * 20_000  # 180,000 characters
    source = _table(tmp_path / "t.csv", [["long", "长", long_text], ["b", "二", "短文。"]])
    project = tmp_path / "p.annot"

    result = import_files(project, source)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert stored(project) == {"long": long_text, "b": "短文。"}


def test_cell_over_the_article_limit_names_its_line(tmp_path):
    source = tmp_path / "t.csv"
    with open(source, "w", encoding="utf-8", newline="") as fh:
        fh.write("id,text\na,市民政局发布数据。\nb,")
        fh.write("x" * (21 * 1024 * 1024))
        fh.write("\n")
    project = tmp_path / "p.annot"

    result = import_files(project, source)

    assert_reported(result, "t.csv:3:", "malformed CSV: field larger than field limit")
    assert stored(project) == {"a": "市民政局发布数据。"}
