"""``export --format``, ``import --format``, ``convert`` and ``release`` on the command line.

``export`` and ``import`` are defined in ``main``; this module adds their ``--format``
option and does the foreign-format work they hand over. A foreign file is imported by
turning it into docs/FORMAT.md document lines in a temporary JSONL file that the ordinary
importer reads, so de-duplication, layers and problem reports are the same as for JSONL.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..core.atomic import atomic_text
from ..core.formats import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    FormatError,
    Notes,
    dumps,
    export,
    read_numbered,
)
from ..core.ingest.problems import InputError, Problem
from ..core.store import Project

Command = Callable[[argparse.Namespace], int]


def add_format_option(export_parser: argparse.ArgumentParser) -> None:
    export_parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="jsonl",
        help="jsonl (default), doccano, label-studio, prodigy, spacy (JSONL of Doc.to_json "
        "entities), brat (-o is a folder), bio or bmes (one character per line)",
    )


def add_import_format_option(import_parser: argparse.ArgumentParser) -> None:
    import_parser.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help="read PATHs as this tool's export (a brat PATH is a folder or an .ann file); "
        "needs --annotator, whose layer receives the spans",
    )


def run_export(args: argparse.Namespace) -> int:
    """``export --format F`` for F other than jsonl; notes on what F cannot carry on stderr."""
    if args.raw_offsets:
        print("error: --raw-offsets is only for --format jsonl", file=sys.stderr)
        return 2
    from .main import export_selection

    selection = export_selection(args)
    with Project.open(args.project, readonly=True) as project:
        try:
            result = export(project, args.format, args.output, selection)
        except (FormatError, FileExistsError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    for line in result.notes.lines():
        print(f"note: {line}", file=sys.stderr)
    print(f"{result.documents} documents written to {args.output} ({args.format})", file=sys.stderr)
    warn_pii(result.pii_spans)
    return 0


def warn_pii(count: int) -> None:
    """An export is a working copy and keeps personal identifiers; say so every time."""
    if count:
        print(f"warning: {count} PII spans written unmasked; for a dataset to share use "
              "`annotator release --pii mask` (or `--pii drop`)", file=sys.stderr)


def convert_file(
    fmt: str,
    path: Path,
    out: Path,
    notes: Notes,
    empty: list[str] | None = None,
    align: bool = False,
) -> tuple[int, list[Problem]]:
    """Write ``path`` (in ``fmt``) as docs/FORMAT.md document lines to ``out``.

    With ``align``, record N is written on line N (blank lines between), so what the
    importer reports about a line names the record of the original file. ``empty``
    receives the texts of documents without spans (see ``_mark_worked_on``).
    """
    problems: list[Problem] = []
    count = written = 0
    with atomic_text(out) as fh:
        for item in read_numbered(fmt, path, notes):
            if isinstance(item, InputError):
                problems.append(Problem(str(path), str(item), item.line))
                continue
            number, doc = item
            if align and number > written + 1:
                fh.write("\n" * (number - written - 1))
                written = number - 1
            fh.write(dumps(doc) + "\n")
            written += 1
            count += 1
            if empty is not None and not doc["spans"] and doc["status"] != "suggested":
                empty.append(doc["text"])
    return count, problems


def run_import(args: argparse.Namespace, cmd_import: Command) -> int:
    """``import --format F PATH...``: convert each PATH, then import the lines as JSONL."""
    if not args.annotator:
        print(f"error: --format {args.format} needs --annotator NAME (the layer for its spans)",
              file=sys.stderr)  # fmt: skip
        return 2
    fmt, problems, empty = args.format, [], list[str]()
    shown_as: dict[str, str] = {}
    notes = Notes(fmt)
    with tempfile.TemporaryDirectory(prefix="annotator-import-") as tmp:
        converted = []
        for i, path in enumerate(map(Path, args.paths)):
            if not path.exists():
                problems.append(Problem(str(path), "no such file or folder"))
                continue
            # named as the input, so the importer's messages name it (and its record numbers)
            suffix = "" if path.suffix.lower() in (".jsonl", ".ndjson") else ".jsonl"
            out = Path(tmp, f"{i:03d}", f"{path.name or 'input'}{suffix}")
            shown_as[out.name], shown_as[str(out)] = path.name, str(path)
            _, found = convert_file(fmt, path, out, notes, empty, align=True)
            problems += found
            converted.append(out)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        for line in notes.lines():
            print(f"note: {line}", file=sys.stderr)
        if not converted:
            return 1
        args.paths, args.format = [str(p) for p in converted], None
        args.shown_as = shown_as
        status = cmd_import(args)
    if empty:
        with Project.open(args.project) as project:
            _mark_worked_on(project, args.annotator, empty)
    return 1 if problems else status


def _mark_worked_on(project: Project, annotator: str, texts: list[str]) -> None:
    """Documents the file gives no spans were still annotated (found empty) by the annotator.

    The importer stores no layer for them; recording the annotator's progress keeps them in
    that annotator's exports, so an empty document survives a round trip.
    """
    from ..core.model import parse_layer_ref
    from ..core.store import documents as docs_store

    name, role = parse_layer_ref(annotator)
    who = project.annotator_id(name, role)
    for text in texts:
        doc_id = docs_store.existing(project, docs_store.sha256(text), None)
        if doc_id and name not in docs_store.annotator_statuses(project, doc_id):
            docs_store.set_annotator_status(project, doc_id, who, "done")


def cmd_convert(args: argparse.Namespace) -> int:
    notes = Notes(args.format)
    try:
        count, problems = convert_file(args.format, Path(args.file), Path(args.output), notes)
    except FormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    for line in notes.lines():
        print(f"note: {line}", file=sys.stderr)
    print(f"{count} documents written to {args.output}", file=sys.stderr)
    return 1 if problems else 0


def cmd_release(args: argparse.Namespace) -> int:
    from ..core.release import ReleaseError, ReleaseOptions, make_release, parse_split

    try:
        options = ReleaseOptions(
            pii=args.pii,
            seed=args.seed,
            split=parse_split(args.split),
            formats=tuple(f for f in (args.formats or "").split(",") if f),
        )
        with Project.open(args.project) as project:
            release = make_release(project, args.output, options)
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in release.notes:
        print(f"note: {line}", file=sys.stderr)
    counts = release.manifest["counts"]
    summary = ", ".join(f"{name} {c['documents']}" for name, c in counts.items())
    print(f"release written to {args.output}: {summary} documents", file=sys.stderr)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="turn another tool's file into gold JSONL lines")
    p.add_argument("format", choices=IMPORT_FORMATS)
    p.add_argument("file", help="the file (for brat: a folder or an .ann file)")
    p.add_argument("-o", "--output", required=True, help="JSONL file to write")
    p.set_defaults(func=cmd_convert)

    p = sub.add_parser("release", help="train/dev/test files of gold documents with a manifest")
    p.add_argument("--project", required=True)
    p.add_argument("-o", "--output", required=True, help="folder to write the release into")
    p.add_argument(
        "--pii",
        choices=("mask", "drop"),
        help="mask PII characters with ＊, or drop documents holding PII; "
        "without it a release with PII spans is refused",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the split (default 0)")
    p.add_argument("--split", default="0.8,0.1,0.1", help="train,dev,test fractions")
    p.add_argument(
        "--formats",
        help="also write these formats, comma-separated: " + ", ".join(EXPORT_FORMATS[1:]),
    )
    p.set_defaults(func=cmd_release)
