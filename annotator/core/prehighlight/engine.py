"""One engine over every rule family: all candidates, then one non-overlapping set."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..model import Span
from .candidate import Candidate
from .dates import find_dates
from .figures import find_figures
from .pii import find_pii
from .policies import find_policies

# A family reads a text and its metadata (plus "default_region", the fallback jurisdiction)
# and returns its candidates, non-overlapping among themselves.
Family = Callable[[str, Mapping[str, Any]], list[Candidate]]


def _text_only(find: Callable[[str], list[Candidate]]) -> Family:
    def family(text: str, meta: Mapping[str, Any]) -> list[Candidate]:
        return find(text)

    family.__name__ = find.__name__
    return family


def default_families() -> list[Family]:
    """In priority order: where two candidates of equal length compete, the earlier wins."""
    return [_text_only(f) for f in (find_policies, find_pii, find_dates, find_figures)]


class Engine:
    """Built once (dictionaries, automata, knowledge base), then run on every document."""

    def __init__(self, families: Sequence[Family] | None = None, default_region: str | None = None):
        self.families = list(families) if families is not None else default_families()
        self.default_region = default_region

    def run(self, text: str, meta: Mapping[str, Any] | None = None) -> list[Candidate]:
        """Candidates for ``text``, longest and most specific first, no two overlapping."""
        context = dict(meta or {})
        if context.get("default_region") is None:
            context["default_region"] = self.default_region
        found = [
            (rank, c) for rank, family in enumerate(self.families) for c in family(text, context)
        ]
        return resolve_overlaps(found)


def build_engine(kb_path: Path | None = None, default_region: str | None = None) -> Engine:
    """The engine with every family; ``kb_path`` replaces the default knowledge base."""
    return Engine(default_families(), default_region)


_DEFAULT: Engine | None = None


def prehighlight(text: str, meta: Mapping[str, Any] | None = None) -> list[Candidate]:
    """Run the default engine (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Engine()
    return _DEFAULT.run(text, meta)


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
    best = cand.links[0] if cand.links else None
    return Span(
        cand.start,
        cand.end,
        cand.label,
        dict(cand.attrs),
        agency_id=best.agency_id if best else None,
        agency_name=best.name if best else None,
        origin="suggested",
        source=cand.source,
        score=cand.score,
    )
