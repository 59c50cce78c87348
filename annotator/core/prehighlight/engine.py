"""One engine over every rule family: all candidates, then one non-overlapping set."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..kb.io import read_agencies
from ..kb.knowledge import KnowledgeBase, default_kb
from ..kb.model import Agency
from ..model import Span
from ..problems import InputError
from .agencies import AgencyFinder
from .candidate import Candidate
from .dates import find_dates
from .figures import find_figures
from .mentions import disjoint
from .orgs import find_orgs
from .persons import find_persons
from .pii import find_pii
from .places import find_places
from .policies import find_policies

# A family reads a text and its metadata (plus "default_region", the fallback jurisdiction)
# and returns its candidates, non-overlapping among themselves.
Family = Callable[[str, Mapping[str, Any]], list[Candidate]]


def _text_only(find: Callable[[str], list[Candidate]]) -> Family:
    def family(text: str, meta: Mapping[str, Any]) -> list[Candidate]:
        return find(text)

    family.__name__ = find.__name__
    return family


def default_families(kb: KnowledgeBase | None = None) -> list[Family]:
    """In priority order: where two candidates of equal length compete, the earlier wins."""
    rules = [_text_only(f) for f in (find_policies, find_pii, find_dates, find_figures)]
    return [*rules, AgencyFinder(kb or default_kb()), find_orgs, find_persons, find_places]


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


def build_engine(
    kb_path: Path | None = None, default_region: str | None = None,
    kb: KnowledgeBase | None = None,
) -> Engine:
    """The engine with every family, over ``kb`` (a project's), the file at ``kb_path``, or
    the default knowledge base."""
    if kb is None and kb_path is not None:
        kb = load_kb_file(kb_path)
    return Engine(default_families(kb), default_region)


def load_kb_file(path: Path) -> KnowledgeBase:
    """A knowledge base from a JSONL or CSV file; a bad line stops nothing but is kept."""
    entries: list[Agency] = []
    problems: list[InputError] = []
    for item in read_agencies(path):
        if isinstance(item, InputError):
            problems.append(item)
        else:
            entries.append(item)
    return KnowledgeBase(entries, problems)


def resolve_overlaps(found: Sequence[tuple[int, Candidate]]) -> list[Candidate]:
    """Longest first, then the earlier family, then the earlier start; sorted by start."""
    ordered = sorted(found, key=lambda rc: (-(rc[1].end - rc[1].start), rc[0], rc[1].start))
    return [ordered[k][1] for k in disjoint([(c.start, c.end) for _rank, c in ordered])]


def to_span(cand: Candidate) -> Span:
    """A candidate as a stored span; it carries a link only where the linker is confident.

    A proposal for a body the knowledge base lacks stays a proposal (the workbench offers
    it); it never creates an entry by itself.
    """
    best = cand.links[0] if cand.links else None
    if best is not None and (best.score < 0.5 or best.agency_id.startswith("new:")):
        best = None
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
