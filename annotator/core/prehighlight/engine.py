"""One engine over every rule family: all candidates, then one non-overlapping set."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

from ..model import Span
from .candidate import Candidate
from .dates import find_dates
from .figures import find_figures
from .pii import find_pii
from .policies import find_policies

Finder = Callable[[str], list[Candidate]]

# Earlier families win ties of equal length: a title in 《》 or an identifier is never a figure.
FAMILIES: tuple[Finder, ...] = (find_policies, find_pii, find_dates, find_figures)


def prehighlight(text: str, meta: dict[str, Any] | None = None) -> list[Candidate]:
    """Candidates for ``text``, longest and most specific first, no two overlapping."""
    found = [(rank, c) for rank, family in enumerate(FAMILIES) for c in family(text)]
    return resolve_overlaps(found)


def resolve_overlaps(found: Sequence[tuple[int, Candidate]]) -> list[Candidate]:
    ordered = sorted(found, key=lambda rc: (-(rc[1].end - rc[1].start), rc[0], rc[1].start))
    starts: list[int] = []
    kept: list[Candidate] = []
    for _rank, cand in ordered:
        k = bisect_left(starts, cand.start)
        if k and kept[k - 1].end > cand.start:
            continue
        if k < len(kept) and kept[k].start < cand.end:
            continue
        starts.insert(k, cand.start)
        kept.insert(k, cand)
    return kept


def to_span(cand: Candidate) -> Span:
    return Span(
        cand.start,
        cand.end,
        cand.label,
        dict(cand.attrs),
        origin="suggested",
        source=cand.source,
        score=cand.score,
    )
