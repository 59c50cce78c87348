"""``annotator SUBCOMMAND ...``: every command works on a project file, headless."""

from __future__ import annotations

import argparse
import errno
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..core.atomic import WriteRefused
from ..core.exchange.export import ExportError, Selection
from ..core.formats import FormatError
from ..core.ingest.problems import InputError
from ..core.model import DOC_STATUSES
from ..core.stats import format_stats, project_stats
from ..core.store import Project, ProjectError
from ..core.store.failures import explain
from ..core.usecases.projects import open_or_create
from .formats_cmd import add_format_option, add_import_format_option, import_help, warn_pii

Command = Callable[[argparse.Namespace], int]


def _open(path: str, create: bool = False, readonly: bool = False) -> Project:
    """``readonly`` for commands that only read: they also work on a full disk, a read-only
    medium and next to another reader."""
    if create:
        project, created = open_or_create(path)
        if created:
            print(f"creating project {path}", file=sys.stderr)
        return project
    return Project.open(Path(path), readonly=readonly)


def cmd_import(args: argparse.Namespace) -> int:
    from ..core.usecases.importing import ImportRequest, ImportRequestError, import_files

    request = ImportRequest(
        paths=tuple(Path(p) for p in args.paths),
        format=args.format,
        split_stories=args.split_stories,
        region=args.region,
        prehighlight=not args.no_prehighlight,
        annotator=args.annotator,
        text_column=args.text_column,
    )
    try:
        request.check()
    except ImportRequestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with _open(args.project, create=True) as project, _progress(args) as progress:
        report = import_files(project, request, progress=progress)
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    for line in report.notes:
        print(f"note: {line}", file=sys.stderr)
    print(
        f"{report.created} documents imported, {report.duplicates} already present, "
        f"{report.spans} spans, {report.candidates} candidates, {len(report.problems)} problems "
        f"({report.files} files)",
        file=sys.stderr,
    )
    return 0 if report.ok else 1


class _progress:
    """A console progress bar for long imports; silent when stderr is not a terminal."""

    def __init__(self, args: argparse.Namespace):
        self.bar: Any = None  # a tqdm bar, made on first use
        self.quiet = getattr(args, "quiet", False)

    def __enter__(self) -> Callable[[int, int], None]:
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.quiet or total < 20:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=sys.stderr, disable=None)
        self.bar.update(done - self.bar.n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_export(args: argparse.Namespace) -> int:
    from ..core.usecases.exporting import export_documents

    if args.raw_offsets and args.format != "jsonl":
        print("error: --raw-offsets is only for --format jsonl", file=sys.stderr)
        return 2
    selection = export_selection(args)
    with _open(args.project, readonly=True) as project:
        try:
            result = export_documents(project, args.format, args.output, selection)
        except (FormatError, FileExistsError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    for line in result.notes:
        print(f"note: {line}", file=sys.stderr)
    shown = "" if args.format == "jsonl" else f" ({args.format})"
    print(f"{result.documents} documents written to {args.output}{shown}", file=sys.stderr)
    warn_pii(result.pii_spans)
    return 0


def cmd_kb(args: argparse.Namespace) -> int:
    from ..core.kb.io import read_agencies, write_agencies
    from ..core.kb.project_kb import export, merge

    with _open(args.project) as project:
        if args.action == "export":
            agencies = export(project)
            write_agencies(agencies, args.file)
            print(f"{len(agencies)} agencies written to {args.file}", file=sys.stderr)
            return 0
        entries, problems = [], []
        for item in read_agencies(args.file):
            if isinstance(item, InputError):
                problems.append(f"{args.file}:{item.line}: {item}")
            else:
                entries.append(item)
        report = merge(project, entries, annotator=args.annotator)
    for problem in [*problems, *report.problems]:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(report.added)} added, {len(report.updated)} updated, "
          f"{len(report.unchanged)} unchanged", file=sys.stderr)
    return 0 if not problems and not report.problems else 1


def cmd_prehighlight(args: argparse.Namespace) -> int:
    from ..core.exchange.batch import prehighlight_files
    from ..core.prehighlight.engine import build_engine

    engine = build_engine(kb_path=args.kb, default_region=args.region)
    report = prehighlight_files(args.inputs, args.output, engine)
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    print(
        f"{report.documents} documents, {report.spans} candidates written to {args.output}; "
        f"{len(report.problems)} problems",
        file=sys.stderr,
    )
    return 0 if not report.problems else 1


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args.project, readonly=True) as project:
        stats = project_stats(project)
        labels = project.schema.names()
    if args.json:
        print(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_stats(stats, labels))
    return 0


def export_selection(args: argparse.Namespace) -> Selection:
    return Selection(
        status=args.status,
        annotator=args.annotator,
        gold=args.gold,
        raw_offsets=args.raw_offsets,
        labels=args.labels,
    )


def _label_list(value: str) -> frozenset[str]:
    labels = frozenset(v.strip().upper() for v in value.split(",") if v.strip())
    if not labels:
        raise argparse.ArgumentTypeError("give at least one label")
    return labels


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate Chinese news and government texts. With no command, opens the app.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help=import_help())
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--project", required=True, help="project file (created if missing)")
    p.add_argument(
        "--split-stories",
        action="store_true",
        help="make one document per story on a newspaper page",
    )
    p.add_argument("--region", help="jurisdiction when the text does not state one, e.g. 重庆市")
    p.add_argument("--text-column", default="text", help="CSV/TSV column holding the text")
    p.add_argument("--annotator", help="put the spans of JSONL input into this annotator's layer")
    p.add_argument(
        "--no-prehighlight",
        action="store_true",
        help="do not compute machine candidates for the new documents",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_import_format_option(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export documents as gold JSONL or another tool's format")
    p.add_argument("--project", required=True)
    p.add_argument("-o", "--output", required=True, help="JSONL file to write")
    p.add_argument("--status", choices=DOC_STATUSES, help="only documents with this status")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--annotator", help="export this annotator's layer")
    who.add_argument("--gold", action="store_true", help="export the adjudicated layer")
    p.add_argument(
        "--labels",
        type=_label_list,
        help="only spans of these labels, comma-separated (e.g. AGENCY,FIGURE)",
    )
    p.add_argument(
        "--raw-offsets",
        action="store_true",
        help="also give each span's offsets in the raw text (raw_start, raw_end)",
    )
    add_format_option(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("prehighlight", help="write machine candidates for documents as JSONL")
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt file, folder of them, or JSONL of document lines",
    )
    p.add_argument("-o", "--output", required=True, help="JSONL file to write")
    p.add_argument("--region", help="jurisdiction when a document does not settle it, e.g. 重庆市")
    p.add_argument("--kb", type=Path, help="knowledge base (JSONL or CSV) instead of the default")
    p.set_defaults(func=cmd_prehighlight)

    p = sub.add_parser("kb", help="import or export the project's agency knowledge base")
    p.add_argument("action", choices=["import", "export"])
    p.add_argument("file", type=Path, help="JSONL or CSV (by suffix)")
    p.add_argument("--project", required=True)
    p.add_argument("--annotator", help="who the imported entries are recorded as added by")
    p.set_defaults(func=cmd_kb)

    p = sub.add_parser("stats", help="documents by status; spans by label and annotator")
    p.add_argument("--project", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    from .agreement_cmd import add_parser as add_agreement_parser
    from .formats_cmd import add_parsers as add_formats_parsers
    from .team_cmd import add_parsers as add_team_parsers

    add_team_parsers(sub)
    add_agreement_parser(sub)
    add_formats_parsers(sub)
    from .learn_cmd import add_parsers as add_learn_parsers

    add_learn_parsers(sub)
    return parser


def failure_message(exc: sqlite3.Error | OSError, args: argparse.Namespace) -> str:
    """One sentence for a failure while a command ran: the project's when it concerns the
    project file (or SQLite), else the OS's words about the file named."""
    project = getattr(args, "project", None)
    name = getattr(exc, "filename", None)
    if isinstance(exc, sqlite3.Error) or (project and name and _same(name, project)):
        return explain(exc, Path(project or "the project"))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk holding {name or 'the output'} is full; free some space and try again"
    where = f"{name}: " if name else ""
    return f"{where}{exc.strerror or exc}; check the path and try again"


def _same(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def run(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ProjectError, ExportError, WriteRefused) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (sqlite3.Error, OSError) as exc:  # a full disk, a read-only medium, a damaged file
        print(f"error: {failure_message(exc, args)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; everything committed before this point is kept", file=sys.stderr)
        return 130
