"""Random mixes of valid and broken JSONL lines and CSV rows: the import never raises, every
valid row is stored as written, every broken one is reported with its line, and every export
format still works on the result."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.formats import EXPORT_FORMATS, export
from annotator.core.ingest.importer import import_paths
from annotator.core.ingest.options import Options
from annotator.core.jsonl_line import check_document
from annotator.core.model import ORIGINS
from annotator.core.store import Project

LABELS = ("AGENCY", "ORG", "PERSON", "PLACE", "FIGURE", "DATE", "POLICY", "PII")
CHARS = "市民政局区委员会重庆日报记者张莎发布数据万人次服务群众，。、“”（）0123456789abcXYZ 𠮷"
SETTINGS = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

texts = st.text(alphabet=CHARS, min_size=1, max_size=60).map(str.strip).filter(bool)


@st.composite
def spans_for(draw, text: str) -> list[dict]:
    """Non-overlapping spans inside ``text``, with the contract's optional fields."""
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        span = {"start": start, "end": end, "label": draw(st.sampled_from(LABELS))}
        if draw(st.booleans()):
            span["text"] = text[start:end]
        if draw(st.booleans()):
            span["score"] = draw(st.floats(0, 1))
        if draw(st.booleans()):
            span["origin"] = draw(st.sampled_from(ORIGINS))
        if draw(st.booleans()):
            span["attrs"] = {"value": draw(st.integers(-10**6, 10**6)), "unit": "人"}
        if draw(st.booleans()):
            span["agency"] = {"id": "cn-50-gov-mzj", "name": "重庆市民政局"}
        spans.append(span)
    return spans


@st.composite
def valid_rows(draw, index: int) -> dict:
    text = f"{draw(texts)}第{index}篇"  # distinct texts: none is a duplicate of another
    row = {"id": f"doc-{index}", "text": text, "meta": {"title": draw(texts)}}
    row["spans"] = draw(spans_for(text))
    row["status"] = draw(st.sampled_from(["suggested", "annotated", None]))
    return row


def _span_breaker(key: str, value):
    def breaker(row: dict) -> dict:
        row["spans"] = [{"start": 0, "end": 1, "label": "ORG", key: value}]
        return row
    return breaker


BREAKERS = {
    "end-bool": _span_breaker("end", True),
    "score-text": _span_breaker("score", "high"),
    "score-nan": _span_breaker("score", float("nan")),
    "attrs-list": _span_breaker("attrs", [1, 2]),
    "agency-text": _span_breaker("agency", "cn-50"),
    "origin-number": _span_breaker("origin", 3),
    "unknown-label": _span_breaker("label", "MINISTRY"),
    "spaced-label": _span_breaker("label", "PLACE NAME"),
    "outside": _span_breaker("end", 10_000),
    "blank-text": lambda row: {**row, "text": " \u3000\u200b", "spans": []},
    "surrogate": lambda row: {**row, "text": row["text"] + "\ud83d"},
    "meta-list": lambda row: {**row, "meta": ["x"]},
    "spans-object": lambda row: {**row, "spans": {"start": 0}},
    "status-unknown": lambda row: {**row, "status": "finished"},
    "not-an-object": lambda row: [row["text"]],
    "id-object": lambda row: {**row, "id": {"x": 1}},
}


@st.composite
def jsonl_files(draw) -> tuple[list[str], dict[str, str], set[int]]:
    """Lines of a JSONL file, the valid ones' id -> text, and the broken lines' numbers."""
    lines, valid, broken = [], {}, set()
    for index in range(draw(st.integers(1, 14))):
        row = draw(valid_rows(index))
        how = draw(st.sampled_from([None, None, *BREAKERS, "truncated"]))
        if how is None:
            lines.append(json.dumps(row, ensure_ascii=draw(st.booleans())))
            valid[row["id"]] = row["text"]
            continue
        broken.add(len(lines) + 1)
        if how == "truncated":
            lines.append(json.dumps(row, ensure_ascii=False)[:-3])
        else:
            lines.append(json.dumps(BREAKERS[how](row)))  # ASCII: a surrogate stays escaped
    return lines, valid, broken


@st.composite
def csv_files(draw) -> tuple[list[list[str]], dict[str, str], set[int]]:
    rows, valid, broken = [], {}, set()
    for index in range(draw(st.integers(1, 14))):
        text = f"{draw(texts)}第{index}篇"
        if draw(st.booleans()):
            rows.append([f"row-{index}", draw(texts), text])
            valid[f"row-{index}"] = text
        else:
            rows.append([f"row-{index}", "t", draw(st.sampled_from(["", "  ", "\u3000\u200b"]))])
            broken.add(len(rows) + 1)  # the header is line 1
    return rows, valid, broken


def _import(folder: Path) -> tuple[Project, object]:
    project = Project.create(folder / "p.annot")
    report = import_paths(project, [folder / "in"], Options())
    return project, report


def _check_exports(project: Project, folder: Path) -> None:
    for fmt in EXPORT_FORMATS:
        export(project, fmt, folder / f"out-{fmt}")
    with open(folder / "out-jsonl", encoding="utf-8") as fh:
        for line in fh:  # what we write, we accept
            check_document(json.loads(line), LABELS)


def _problem_lines(report, name: str) -> set[int]:
    return {p.line for p in report.problems if Path(p.path).name == name}


@SETTINGS
@given(jsonl_files())
def test_jsonl_rows(case):
    lines, valid, broken = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        (folder / "in" / "rows.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        project, report = _import(folder)
        with project:
            assert _problem_lines(report, "rows.jsonl") == broken
            assert len(report.problems) == len(broken)
            got = dict(project.db.execute("SELECT id, text FROM documents").fetchall())
            assert got == valid
            _check_exports(project, folder)


@SETTINGS
@given(csv_files())
def test_csv_rows(case):
    rows, valid, broken = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        with open(folder / "in" / "rows.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "title", "text"])
            writer.writerows(rows)
        project, report = _import(folder)
        with project:
            assert _problem_lines(report, "rows.csv") == broken
            assert len(report.problems) == len(broken)
            got = dict(project.db.execute("SELECT id, text FROM documents").fetchall())
            assert got == valid
            _check_exports(project, folder)
