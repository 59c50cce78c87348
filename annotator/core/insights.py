"""Figures for the dashboards: progress, throughput, labels, rule outcomes, inconsistencies.

Everything is derived from the project file (spans and the event log), so the charts need
no bookkeeping of their own and show the same history on every machine.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from .model import GOLD
from .review import reviewing_only
from .store import Project

# People's own layers; gold holds copies of their spans, counting it would count them twice.
HUMAN_ROLES = ("annotator", "reviewer")
SPAN_ACTIONS = ("add_span", "update_span", "delete_span")


def _day(ts: str) -> str:
    return ts[:10]


def progress_over_time(project: Project) -> dict[str, dict[str, int]]:
    """Per day, how many documents stood in each status at the end of that day."""
    status: dict[str, str] = {
        r[0]: "suggested" for r in project.db.execute("SELECT id FROM documents")}
    created = dict(project.db.execute("SELECT id, created_at FROM documents").fetchall())
    changes = project.db.execute(
        "SELECT ts, doc_id, after FROM events WHERE action = 'set_status' ORDER BY id").fetchall()
    days = sorted({_day(t) for t in created.values()} | {_day(ts) for ts, _, _ in changes})
    current: dict[str, str] = {}
    out: dict[str, dict[str, int]] = {}
    pending = iter(changes)
    change = next(pending, None)
    for day in days:
        for doc_id, ts in created.items():
            if _day(ts) <= day and doc_id not in current:
                current[doc_id] = "suggested"
        while change is not None and _day(change[0]) <= day:
            if change[1] in status:
                current[change[1]] = json.loads(change[2])["status"]
            change = next(pending, None)
        out[day] = dict(Counter(current.values()))
    return out


def throughput(project: Project) -> dict[str, dict[str, int]]:
    """Per annotator, span actions per day; a layer imported from a file counts its spans on
    the day it came in, so annotators who worked elsewhere are seen too."""
    rows = project.db.execute(
        "SELECT a.name, substr(e.ts, 1, 10), SUM(CASE e.action WHEN 'import_layer' THEN "
        "json_extract(e.after, '$.spans') ELSE 1 END) FROM events e "
        "JOIN annotators a ON a.id = e.annotator_id "
        f"WHERE e.action IN {(*SPAN_ACTIONS, 'import_layer')} AND a.role IN {HUMAN_ROLES} "
        "GROUP BY a.name, substr(e.ts, 1, 10) ORDER BY 1, 2")
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for name, day, n in rows:
        out[name][day] = n
    return dict(out)


def label_distribution(project: Project) -> dict[str, dict[str, int]]:
    """Spans per label in each kind of layer: machine, people, gold."""
    rows = project.db.execute(
        "SELECT CASE a.role WHEN 'reviewer' THEN 'annotator' ELSE a.role END, s.label, COUNT(*) "
        "FROM spans s JOIN annotators a ON a.id = s.annotator_id GROUP BY 1, 2")
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for role, label, n in rows:
        out[role][label] = out[role].get(label, 0) + n
    return dict(out)


def source_outcomes(project: Project) -> dict[str, dict[str, int]]:
    """For each rule family, its candidates that people accepted, edited or rejected.

    Accepted and edited are read from the layers as they stand; rejected from the log
    (a candidate deleted while still a suggestion), less those an undo brought back; in
    both, people's layers only, not gold.
    """
    out: dict[str, Counter] = defaultdict(Counter)
    reviewed = reviewing_only(project)  # the candidates a reviewer's workbench seeded
    rows = project.db.execute(
        "SELECT s.source, s.origin, s.doc_id, s.annotator_id, COUNT(*) FROM spans s JOIN "
        f"annotators a ON a.id = s.annotator_id WHERE a.role IN {HUMAN_ROLES} "
        "AND s.source IS NOT NULL GROUP BY 1, 2, 3, 4")
    for source, origin, doc_id, who, n in rows:
        if (doc_id, who) in reviewed:
            continue
        if origin in ("accepted", "edited"):
            out[source][origin] += n
        elif origin == "suggested":
            out[source]["undecided"] += n
    for action, raw in project.db.execute(
            "SELECT action, CASE action WHEN 'delete_span' THEN before ELSE after END "
            "FROM events WHERE action IN ('delete_span', 'add_span')"):
        record = json.loads(raw) if raw else {}
        if (record.get("origin") == "suggested" and record.get("source")
                and record.get("annotator") != GOLD):
            out[record["source"]]["rejected"] += 1 if action == "delete_span" else -1
    return {source: dict(counts) for source, counts in sorted(out.items())}


@dataclass(frozen=True)
class Occurrence:
    doc_id: str
    start: int
    end: int
    label: str
    agency_id: str | None
    layer: str


def inconsistencies(project: Project, limit: int = 500) -> dict[str, list[Occurrence]]:
    """Surface forms people labelled, or linked, differently across the corpus."""
    rows = project.db.execute(
        "SELECT substr(d.text, s.start + 1, s.\"end\" - s.start), d.id, s.start, s.\"end\", "
        "s.label, s.agency_id, a.name FROM spans s JOIN annotators a ON a.id = s.annotator_id "
        f"JOIN documents d ON d.id = s.doc_id WHERE a.role IN {HUMAN_ROLES} "
        "AND s.origin != 'suggested'")
    by_form: dict[str, list[Occurrence]] = defaultdict(list)
    for form, doc_id, start, end, label, agency, layer in rows:
        by_form[form].append(Occurrence(doc_id, start, end, label, agency, layer))
    mixed = {form: occ for form, occ in by_form.items()
             if len({o.label for o in occ}) > 1
             or len({o.agency_id for o in occ if o.label == "AGENCY"}) > 1}
    ordered = sorted(mixed.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return dict(ordered[:limit])


def agreement_over_time(project: Project) -> dict[str, dict[str, float]]:
    """Per label, span F1 (exact) of the documents completed each day, pooled over pairs.

    A document counts on the day its last annotator marked it done (its review later on
    is not annotation).
    """
    from .agreement import agreement

    done = _done_days(project)
    out: dict[str, dict[str, float]] = {}
    for label in project.schema.names():
        matched: Counter = Counter()
        total: Counter = Counter()
        for doc in agreement(project, labels=[label]).get("per_document", []):
            if doc["doc_id"] not in done or len(doc["annotators"]) < 2:
                continue
            day = done[doc["doc_id"]]
            # pooled over pairs: each layer's spans are in as many pairs as there are others
            matched[day] += 2 * doc.get("matched_exact", 0)
            total[day] += sum(doc["spans"].values()) * (len(doc["annotators"]) - 1)
        series = {day: matched[day] / total[day] for day in sorted(total) if total[day]}
        if series:
            out[label] = series
    return out


def _done_days(project: Project) -> dict[str, str]:
    """Per document, the day its last annotator marked it done."""
    reviewed = reviewing_only(project)
    days: dict[str, str] = {}
    for doc_id, who, ts in project.db.execute(
            "SELECT doc_id, annotator_id, updated_at FROM doc_status WHERE status = 'done'"):
        if (doc_id, who) not in reviewed:
            days[doc_id] = max(days.get(doc_id, ""), _day(ts))
    return days
