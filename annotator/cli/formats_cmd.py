"""``export --format``, ``import --format``, ``convert`` and ``release`` on the command line.

``export`` and ``import`` are defined in ``main``; this module adds their ``--format``
option, whose choices and help come from the format catalogue (``core.formats.CATALOGUE``),
the list the app's dialogs read too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.formats import CATALOGUE, EXPORT_FORMATS, IMPORT_FORMATS, FormatError, format_info


def _described(names: tuple[str, ...], default: str | None = None, folder: str = "") -> str:
    """``name (what it is)`` for each format, as the catalogue says it; ``folder`` is added
    to the formats that are folders."""
    parts = []
    for name in names:
        info = format_info(name)
        extra = "; default" if name == default else ""
        extra += f"; {folder}" if info.folder and folder else ""
        parts.append(f"{name} ({info.en}{extra})")
    return ", ".join(parts)


def import_help() -> str:
    """The ``import`` command's line in ``annotator --help``: what it reads by suffix, and
    with ``--format``."""
    native = "; ".join(f.en for f in CATALOGUE if f.native and f.reads)
    return f"import files and folders ({native}); with --format: {', '.join(IMPORT_FORMATS)}"


def add_format_option(export_parser: argparse.ArgumentParser) -> None:
    export_parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="jsonl",
        help=_described(EXPORT_FORMATS, default="jsonl", folder="-o is a folder"),
    )


def add_import_format_option(import_parser: argparse.ArgumentParser) -> None:
    import_parser.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help="read PATHs as another tool's export (a brat PATH is a folder or an .ann file); "
        f"needs --annotator, whose layer receives the spans: {_described(IMPORT_FORMATS)}",
    )


def warn_pii(count: int) -> None:
    """An export is a working copy and keeps personal identifiers; say so every time."""
    if count:
        print(f"warning: {count} PII spans written unmasked; for a dataset to share use "
              "`annotator release --pii mask` (or `--pii drop`)", file=sys.stderr)


def cmd_convert(args: argparse.Namespace) -> int:
    from ..core.usecases.importing import convert

    try:
        result = convert(args.format, Path(args.file), Path(args.output))
    except FormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"error: {problem}", file=sys.stderr)
    for line in result.notes:
        print(f"note: {line}", file=sys.stderr)
    print(f"{result.documents} documents written to {args.output}", file=sys.stderr)
    return 1 if result.problems else 0


def cmd_release(args: argparse.Namespace) -> int:
    from ..core.release import ReleaseError, ReleaseOptions, parse_split
    from ..core.store import Project
    from ..core.usecases.exporting import release_dataset

    try:
        options = ReleaseOptions(
            pii=args.pii,
            seed=args.seed,
            split=parse_split(args.split),
            formats=tuple(f for f in (args.formats or "").split(",") if f),
        )
        with Project.open(args.project) as project:
            release = release_dataset(project, args.output, options)
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in release.notes:
        print(f"note: {line}", file=sys.stderr)
    summary = ", ".join(f"{name} {n}" for name, n in release.counts.items())
    print(f"release written to {args.output}: {summary} documents", file=sys.stderr)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="turn another tool's file into gold JSONL lines")
    p.add_argument("format", choices=IMPORT_FORMATS, help=_described(IMPORT_FORMATS))
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
        help="also write these formats, comma-separated: "
        + ", ".join(f for f in EXPORT_FORMATS if f != "jsonl"),
    )
    p.set_defaults(func=cmd_release)
