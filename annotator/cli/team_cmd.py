"""``annotator assign | pack | collect | proposals``: team work without a server."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ..core.model import DOC_STATUSES
from ..core.store import Project


def cmd_assign(args: argparse.Namespace) -> int:
    from ..core.team.assign import DocFilter, assign

    flt = DocFilter(
        status=args.status,
        label=args.label,
        ids=tuple(_split(args.ids)) if args.ids else None,
        query=args.query,
    )
    with Project.open(args.project) as project:
        report = assign(project, _split(args.annotators), flt, args.overlap, args.k, args.batch,
                        seed=args.seed, dry_run=args.dry_run)  # fmt: skip
    for name, rows in sorted(report.by_annotator().items()):
        batches = sorted({a.batch for a in rows})
        print(f"{name}: {len(rows)} documents, batches {', '.join(map(str, batches))}")
    verb = "would be assigned" if args.dry_run else "assigned"
    print(f"{len({a.doc_id for a in report.assignments})} documents {verb} "
          f"({report.double} to more than one annotator); "
          f"{report.skipped} already had an annotator", file=sys.stderr)  # fmt: skip
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    from ..core.usecases.team import pack_for

    with Project.open(args.project) as project:
        report = pack_for(project, args.annotator, args.output, args.batch,
                          overwrite=args.overwrite)
    print(f"{report.documents} documents ({report.spans} spans) for {report.annotator} written "
          f"to {report.path}; open it in the app, then send it back for collect",
          file=sys.stderr)  # fmt: skip
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from ..core.usecases.team import collect_packages

    with Project.open(args.project) as project:
        outcome = collect_packages(project, args.packages)
    for done in outcome.packages:
        path, r = done.path, done.report
        if r is None:  # one bad package does not stop the others
            print(f"error: {path}: {done.refusal}", file=sys.stderr)
            continue
        for warning in r.warnings:
            print(f"warning: {path}: {warning}", file=sys.stderr)
        print(f"{path}: {r.changes} changes: {r.layers} layers, {r.statuses} statuses, "
              f"{r.events} events, {len(r.proposals)} new agency proposals",
              file=sys.stderr)  # fmt: skip
    return 1 if outcome.refused else 0


def cmd_proposals(args: argparse.Namespace) -> int:
    from ..core.team import proposals

    with Project.open(args.project) as project:
        if args.action == "list":
            for p in proposals.list_proposals(project, None if args.all else "pending"):
                where = f" → {p.merged_into}" if p.merged_into else ""
                print(f"{p.id}\t{p.status}{where}\t{p.agency.id}\t{p.agency.name}\t"
                      f"{p.agency.region or ''}\t{p.annotator}")  # fmt: skip
            return 0
        if len(args.args) != (2 if args.action == "merge" else 1):
            usage = "merge ID INTO" if args.action == "merge" else f"{args.action} ID"
            print(f"error: usage: annotator proposals {usage}", file=sys.stderr)
            return 2
        if not args.args[0].isdigit():
            print(f"error: {args.args[0]!r} is not a proposal id (see the list)", file=sys.stderr)
            return 2
        pid, by = int(args.args[0]), args.by or _user()
        if args.action == "accept":
            spans = proposals.accept(project, pid, by)
        elif args.action == "merge":
            spans = proposals.merge(project, pid, args.args[1], by)
        else:
            spans = proposals.reject(project, pid, by)
    done = {"accept": "accepted", "merge": "merged", "reject": "rejected"}[args.action]
    print(f"proposal {pid} {done}; {spans} spans updated", file=sys.stderr)
    return 0


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        return "reviewer"


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register the team commands on the main parser's subcommands."""
    p = sub.add_parser("assign", help="assign documents to annotators, in batches")
    p.add_argument("--project", required=True)
    p.add_argument("--annotators", required=True, help="comma-separated names, e.g. wang,li")
    p.add_argument("--overlap", type=float, default=0.0,
                   help="share of documents given to k annotators, e.g. 0.2")  # fmt: skip
    p.add_argument("--k", type=int, default=2, help="annotators per double-annotated document")
    p.add_argument("--batch", type=int, help="documents per batch (default: one batch)")
    p.add_argument("--status", choices=DOC_STATUSES, help="only documents with this status")
    p.add_argument("--label", help="only documents with a span of this label")
    p.add_argument("--ids", help="only these document ids (comma-separated)")
    p.add_argument("--query", help="only documents whose title or text contains this")
    p.add_argument("--seed", type=int, default=0,
                   help="another repeatable draw (default 0: the project's own)")  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="show the assignment, store nothing")
    p.set_defaults(func=cmd_assign)

    p = sub.add_parser("pack", help="write an annotator's documents to a package (.annot)")
    p.add_argument("--project", required=True)
    p.add_argument("--annotator", required=True)
    p.add_argument("-o", "--output", required=True, type=Path,
                   help="package file, e.g. wang-batch1.annot (the app opens .annot files)")
    p.add_argument("--batch", type=int, help="only this batch (default: every batch)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace an existing file (never a project or package file)")
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("collect", help="bring annotators' packages back into the project")
    p.add_argument("--project", required=True)
    p.add_argument("packages", nargs="+", metavar="PACKAGE", type=Path)
    p.set_defaults(func=cmd_collect)

    p = sub.add_parser("proposals", help="list or decide agencies proposed in packages")
    p.add_argument("--project", required=True)
    p.add_argument("action", nargs="?", default="list",
                   choices=["list", "accept", "merge", "reject"])  # fmt: skip
    p.add_argument("args", nargs="*", metavar="ID", help="ID (accept, reject) or ID INTO (merge)")
    p.add_argument("--all", action="store_true", help="list decided proposals too")
    p.add_argument("--by", help="who decides (default: your login name)")
    p.set_defaults(func=cmd_proposals)
