"""``annotator agreement``: how far the annotators of a project agree, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..core.agreement import AgreementError, agreement
from ..core.store import Project

WORST = 10  # documents listed by the table, lowest agreement first


def _names(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def cmd_agreement(args: argparse.Namespace) -> int:
    """Compute and print; a selection naming nothing in the project is an error (status 1)."""
    try:
        with Project.open(args.project) as project:
            report = agreement(project, _names(args.annotators), _names(args.labels))
    except AgreementError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        _print_json(report)
    else:
        print(format_report(report))
    return 0


def _print_json(report: dict) -> None:
    """The report as indented JSON, written as it is encoded: the text of a large project's
    report (a figure block per document) is never held whole."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    batch: list[str] = []
    for chunk in encoder.iterencode(report):
        batch.append(chunk)
        if len(batch) >= 65536:
            sys.stdout.write("".join(batch))
            batch.clear()
    sys.stdout.write("".join(batch) + "\n")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``agreement`` on the subcommands of the main parser."""
    p = sub.add_parser(
        "agreement",
        help="inter-annotator agreement: span F1, character kappa and alpha, links",
    )
    p.add_argument("--project", required=True)
    p.add_argument("--json", action="store_true", help="every figure, per pair, label, document")
    p.add_argument(
        "--annotators",
        metavar="A,B,…",
        help="compare these layers (default: every annotator and reviewer; name gold or "
        "machine to include them)",
    )
    p.add_argument("--labels", metavar="L,…", help="only spans of these labels")
    p.set_defaults(func=cmd_agreement)
    return p


# -- the table -----------------------------------------------------------------------------
def _fig(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _notes(entry: dict, where: str, notes: dict[str, list[str]]) -> None:
    """Collect why figures are undefined, by reason, so the table can say it once."""
    for key, why in entry.get("null_reasons", {}).items():
        notes.setdefault(why, []).append(f"{where}: {key}")


def format_report(report: dict) -> str:
    """A readable summary: pairs, overall, labels, the least agreed documents."""
    docs = report["documents"]
    lines = [
        f"annotators: {', '.join(report['annotators']) or 'none'}; "
        f"documents compared: {docs['compared']} of {docs['total']} "
        "(annotated by two or more)"
    ]
    notes: dict[str, list[str]] = {}
    lines += ["", *_pair_rows(report["pairs"], notes)]
    overall = report["overall"]
    _notes(overall, "overall", notes)
    lines += [
        "",
        f"overall: alpha(char) {_fig(overall['alpha_char'])}  "
        f"mean kappa(char) {_fig(overall['kappa_char_mean'])}  "
        f"F1 exact {_fig(overall['span_f1_exact'])}  "
        f"F1 overlap {_fig(overall['span_f1_overlap'])}  "
        f"links {_fig(overall['link_agreement'])} ({overall['links_compared']} compared)",
    ]
    lines += ["", *_label_rows(report, notes)]
    lines += _worst_documents(report["per_document"])
    if notes:
        lines += ["", "— is undefined:"]
        for why, where in notes.items():
            more = f" and {len(where) - 3} more" if len(where) > 3 else ""
            lines.append(f"  {why} ({'; '.join(where[:3])}{more})")
    return "\n".join(lines)


def _pair_rows(pairs: list[dict], notes: dict[str, list[str]]) -> list[str]:
    if not pairs:
        return ["pairs: none (fewer than two annotators)"]
    width = max(len(f"{p['a']} – {p['b']}") for p in pairs) + 2
    rows = [
        f"{'pair':<{width}}{'docs':>7}{'spans a':>9}{'spans b':>9}{'F1 exact':>10}"
        f"{'F1 overlap':>12}{'kappa(char)':>13}{'links':>8}"
    ]
    for p in pairs:
        _notes(p, f"{p['a']} – {p['b']}", notes)
        rows.append(
            f"{p['a'] + ' – ' + p['b']:<{width}}{p['documents']:>7}{p['spans_a']:>9}"
            f"{p['spans_b']:>9}{_fig(p['span_f1_exact']):>10}{_fig(p['span_f1_overlap']):>12}"
            f"{_fig(p['kappa_char']):>13}{_fig(p['link_agreement']):>8}"
        )
    return rows


def _label_rows(report: dict, notes: dict[str, list[str]]) -> list[str]:
    per_label = report["per_label"]
    if not per_label:
        return ["labels: no spans"]
    width = max(len(lab) for lab in per_label) + 2
    rows = [f"{'label':<{width}}{'spans':>8}{'F1 exact':>10}{'F1 overlap':>12}{'alpha(char)':>13}"]
    for label, f in per_label.items():
        _notes(f, label, notes)
        rows.append(
            f"{label:<{width}}{sum(f['spans'].values()):>8}{_fig(f['span_f1_exact']):>10}"
            f"{_fig(f['span_f1_overlap']):>12}{_fig(f['alpha_char']):>13}"
        )
    return rows


def _worst_documents(per_doc: list[dict]) -> list[str]:
    scored = [d for d in per_doc if d["alpha_char"] is not None]
    if not scored:
        return []
    scored.sort(key=lambda d: d["alpha_char"])
    rows = ["", f"lowest agreement (of {len(per_doc)} documents, by alpha):"]
    for d in scored[:WORST]:
        title = d["title"][:24]
        rows.append(
            f"  {d['doc_id']:<18} alpha {_fig(d['alpha_char'])}  "
            f"F1 exact {_fig(d['span_f1_exact'])}  {title}".rstrip()
        )
    return rows
