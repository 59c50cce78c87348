"""Figures for the dashboards: progress, throughput, labels, rule outcomes, inconsistencies.

Everything is derived from the project file (spans and the event log), so the charts need
no bookkeeping of their own and show the same history on every machine.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from .layers import is_person, reviewing_only
from .model import GOLD, PEOPLE, DocStatus, Event, Origin, Role
from .store import Project, figures

SPAN_ACTIONS = (Event.ADD_SPAN, Event.UPDATE_SPAN, Event.DELETE_SPAN)


def _day(ts: str) -> str:
    return ts[:10]


def progress_over_time(project: Project) -> dict[str, dict[str, int]]:
    """Per day, how many documents stood in each status at the end of that day."""
    created = dict(figures.created(project))
    changes = list(figures.status_changes(project))
    days = sorted({_day(t) for t in created.values()} | {_day(ts) for ts, _, _ in changes})
    current: dict[str, str] = {}
    out: dict[str, dict[str, int]] = {}
    pending = iter(changes)
    change = next(pending, None)
    for day in days:
        for doc_id, ts in created.items():
            if _day(ts) <= day and doc_id not in current:
                current[doc_id] = DocStatus.SUGGESTED
        while change is not None and _day(change[0]) <= day:
            if change[1] in created:
                current[change[1]] = json.loads(change[2])["status"]
            change = next(pending, None)
        out[day] = dict(Counter(current.values()))
    return out


def throughput(project: Project) -> dict[str, dict[str, int]]:
    """Per annotator, span actions per day; a layer imported from a file counts its spans on
    the day it came in, so annotators who worked elsewhere are seen too."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for name, day, n in figures.actions_per_day(project, SPAN_ACTIONS, PEOPLE,
                                                  layers=[Event.IMPORT_LAYER]):
        out[name][day] = n
    return dict(out)


def label_distribution(project: Project) -> dict[str, dict[str, int]]:
    """Spans per label in each kind of layer: machine, people (as "annotator"), gold."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for role, label, n in figures.labels_by_role(project):
        kind = str(Role.ANNOTATOR) if is_person(role) else role
        out[kind][label] = out[kind].get(label, 0) + n
    return dict(out)


def source_outcomes(project: Project) -> dict[str, dict[str, int]]:
    """For each rule family, its candidates that people accepted, edited or rejected.

    Accepted and edited are read from the layers as they stand; rejected from the log
    (a candidate deleted while still a suggestion), less those an undo brought back; in
    both, people's layers only, not gold.
    """
    out: dict[str, Counter] = defaultdict(Counter)
    reviewed = reviewing_only(project)  # the candidates a reviewer's workbench seeded
    for source, origin, doc_id, who, n in figures.sources_in_layers(project, PEOPLE):
        if (doc_id, who) in reviewed:
            continue
        if origin in (Origin.ACCEPTED, Origin.EDITED):
            out[source][origin] += n
        elif origin == Origin.SUGGESTED:
            out[source]["undecided"] += n
    for action, raw in figures.span_records(project):
        record = json.loads(raw) if raw else {}
        if (record.get("origin") == Origin.SUGGESTED and record.get("source")
                and record.get("annotator") != GOLD):
            out[record["source"]]["rejected"] += 1 if action == Event.DELETE_SPAN else -1
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
    by_form: dict[str, list[Occurrence]] = defaultdict(list)
    for form, doc_id, start, end, label, agency, layer in figures.decided_forms(project, PEOPLE):
        by_form[form].append(Occurrence(doc_id, start, end, label, agency, layer))
    mixed = {form: occ for form, occ in by_form.items()
             if len({o.label for o in occ}) > 1
             or len({o.agency_id for o in occ if o.label == "AGENCY"}) > 1}
    ordered = sorted(mixed.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return dict(ordered[:limit])
