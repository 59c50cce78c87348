"""Headless pre-highlighting: documents in, one ``suggested`` document line out for each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_text
from ..ingest.importer import discover, read_file
from ..ingest.options import Options
from ..ingest.problems import InputError, Problem
from ..jsonl_line import document_object, dumps, span_object
from ..model import Document
from ..prehighlight.engine import Engine, to_span
from ..schema import load_schema
from ..store.documents import sha256


@dataclass
class BatchReport:
    documents: int = 0
    spans: int = 0
    problems: list[Problem] = field(default_factory=list)


def prehighlight_files(
    inputs: Iterable[str | Path], out: str | Path, engine: Engine
) -> BatchReport:
    """Write one line per input document, in input order; bad input reported, never fatal.

    Text files are cleaned exactly as import cleans them, so offsets agree with a project
    that imports the same files; JSONL lines are read for ``id``, ``text`` and ``meta``.
    """
    files, problems = discover(inputs)
    report = BatchReport(problems=problems)
    schema_ref = load_schema()[0].ref
    options = Options(with_spans=False)
    with atomic_text(out) as fh:
        for path in files:
            for item in read_file(path, options):
                if isinstance(item, InputError):
                    report.problems.append(Problem(str(path), str(item), item.line))
                    continue
                fh.write(_line(item.doc, engine, schema_ref, report) + "\n")
    return report


def _line(new, engine: Engine, schema_ref: str, report: BatchReport) -> str:
    doc_id = new.id or "d" + sha256(new.text)[:15]
    doc = Document(doc_id, new.text, dict(new.meta), "suggested")
    spans = [to_span(c) for c in engine.run(doc.text, doc.meta)]
    report.documents += 1
    report.spans += len(spans)
    objects = [span_object(doc.text, s) for s in spans]
    return dumps(document_object(doc, objects, "suggested", [], schema_ref))
