"""Agreement over time: how well annotators agree on the documents finished each day or week.

A document belongs to the period in which the last of its compared annotators finished it,
as the event log records it (so layers imported or collected later count when they arrived).
The figure is span F1 (exact), pooled over the pairs that annotated each document; each pair
also gets its own line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..store import Project
from ..store.completions import finished
from .report import agreement

PERIODS = ("day", "week")


@dataclass
class Trend:
    """Per period (its label, in order): pooled F1, each pair's F1, documents compared."""

    pooled: dict[str, float] = field(default_factory=dict)
    pairs: dict[str, dict[str, float]] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)


def period_of(timestamp: str, period: str) -> str:
    """The day (2024-03-17) or ISO week (2024-W11) of an ISO timestamp."""
    day = timestamp[:10]
    if period == "day":
        return day
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def agreement_over_time(project: Project, period: str = "day") -> Trend:
    """Span F1 (exact) of the documents finished in each period; see the module's note."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    return trend(agreement(project)["per_document"], finished(project), period)


def trend(per_document: list[dict], done: dict[tuple[str, str], str], period: str) -> Trend:
    """The trend of an agreement report's per-document figures, given when each was done."""
    matched: Counter = Counter()
    total: Counter = Counter()
    documents: Counter = Counter()
    for doc in per_document:
        times = [done.get((doc["doc_id"], who)) for who in doc["annotators"]]
        if len(times) < 2 or None in times:
            continue  # still open for one of them
        when = period_of(max(t for t in times if t), period)
        documents[when] += 1
        for pair in doc["pairs"]:
            spans = doc["spans"][pair["a"]] + doc["spans"][pair["b"]]
            for key in ("", f"{pair['a']} – {pair['b']}"):
                matched[key, when] += 2 * pair["matched_exact"]
                total[key, when] += spans
    out = Trend(documents=dict(sorted(documents.items())))
    for (key, when), spans in sorted(total.items()):
        if not spans:
            continue
        value = matched[key, when] / spans
        if key:
            out.pairs.setdefault(key, {})[when] = value
        else:
            out.pooled[when] = value
    return out


def trends(project: Project) -> dict[str, Trend]:
    """The trend per day and per week, from one reading of the layers."""
    per_document, done = agreement(project)["per_document"], finished(project)
    return {period: trend(per_document, done, period) for period in PERIODS}
