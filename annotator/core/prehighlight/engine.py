"""One engine over every source of candidates, merged into one non-overlapping set.

Three kinds of source: the rule families, the general model (when installed) and the
project's own model (once the project has learnt one). Which kind wins is decided per label
(``MergePolicy.order``): for each label its kinds in precedence, a kind not named there
proposing nothing of that label. Candidates of every label's first kind are placed first
(longest first, then the earlier family), the second kinds fill the gaps, and so on; with the
rules alone this is the rules' own resolution of overlaps.

Every candidate keeps its source and gets as its score that source's measured precision for
its label (``MergePolicy.precision``): the real-set figures below until a project has measured
its own, so acceptance per source on the dashboards and the scores tell the same story.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from ..kb.io import read_agencies
from ..kb.knowledge import KnowledgeBase, default_kb
from ..kb.model import Agency
from ..model import Origin, Span
from ..problems import InputError
from ..resources import resource_path
from .agencies import AgencyFinder
from .candidate import Candidate, resolve_overlaps
from .dates import find_dates
from .figures import find_figures
from .general_model import SOURCE as GENERAL_SOURCE
from .general_model import GeneralModel
from .orgs import find_orgs
from .persons import find_persons
from .pii import find_pii
from .places import find_places
from .policies import find_policies
from .project_model import SOURCE as PROJECT_SOURCE
from .project_model import Tagger

__all__ = ["Engine", "MergePolicy", "build_engine", "merge", "resolve_overlaps", "to_span"]

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


RULES, GENERAL, PROJECT = "rules", "general", "project"  # the kinds of source
LABELS = ("AGENCY", "DATE", "FIGURE", "ORG", "PERSON", "PII", "PLACE", "POLICY")


def kind_of(source: str) -> str:
    """The kind of a candidate's source: a rule family, the general model or the project's."""
    return {GENERAL_SOURCE: GENERAL, PROJECT_SOURCE: PROJECT}.get(source, RULES)


FALLBACK_PRECISION_FILE = ("learn", "source_precision.json")
FALLBACK_PRECISION = 0.5  # a source and label never measured


@cache
def default_precision() -> dict[str, dict[str, float]]:
    """Precision of each source's candidates per label, as the default engine proposes them,
    on the real pages of tests/realset (``bench/source_precision.py`` measures and writes
    them). A project's own decisions take their place once it has learnt (``learn``)."""
    try:
        data = json.loads(resource_path(*FALLBACK_PRECISION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("precision", {})
# The general model's PERSON fills gaps the rules leave (F1 0.64 → 0.90 on the real pages);
# its PLACE and ORG lowered both labels there, so they stay out by default.
DEFAULT_ORDER: dict[str, tuple[str, ...]] = {
    **{label: (RULES,) for label in LABELS}, "PERSON": (RULES, GENERAL),
}


@dataclass(frozen=True)
class MergePolicy:
    """Which kinds of source win, per label, and how far each source is to be trusted."""

    order: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ORDER))
    precision: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def tier(self, cand: Candidate) -> int | None:
        """0 for the label's first kind, 1 for its second…; None: this kind is not used."""
        kinds = self.order.get(cand.label, (RULES,))
        kind = kind_of(cand.source)
        return kinds.index(kind) if kind in kinds else None

    def score(self, source: str, label: str) -> float:
        """The source's measured precision for the label (the project's, else the default)."""
        for table in (self.precision, default_precision()):
            value = table.get(source, {}).get(label)
            if value is not None:
                return value
        return FALLBACK_PRECISION

    def to_json(self) -> dict:
        return {"order": {k: list(v) for k, v in self.order.items()},
                "precision": {s: dict(v) for s, v in self.precision.items()}}

    @classmethod
    def from_json(cls, data: Mapping) -> MergePolicy:
        order = {**DEFAULT_ORDER, **{k: tuple(v) for k, v in data.get("order", {}).items()}}
        return cls(order, {s: dict(v) for s, v in data.get("precision", {}).items()})


def merge(found: Sequence[tuple[int, Candidate]], policy: MergePolicy) -> list[Candidate]:
    """One non-overlapping set from every source's candidates (``(rank, candidate)``, rank
    the family's priority), each scored by its source's precision; sorted by start."""
    tiers: dict[int, list[tuple[int, Candidate]]] = {}
    for rank, cand in found:
        tier = policy.tier(cand)
        if tier is not None:
            tiers.setdefault(tier, []).append((rank, cand))
    taken: list[Candidate] = []
    occupied = bytearray(max((c.end for _r, c in found), default=0))
    for tier in sorted(tiers):
        free = [(r, c) for r, c in tiers[tier] if 1 not in occupied[c.start:c.end]]
        placed = resolve_overlaps(free) if tier else resolve_overlaps(tiers[tier])
        for c in placed:
            occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        taken += placed
    taken.sort(key=lambda c: (c.start, c.end))
    return [replace(c, score=policy.score(c.source, c.label)) for c in taken]


class Engine:
    """Built once (dictionaries, automata, knowledge base, models), then run on every document."""

    def __init__(self, families: Sequence[Family] | None = None, default_region: str | None = None,
                 general: GeneralModel | None = None, project: Tagger | None = None,
                 policy: MergePolicy | None = None):
        self.families = list(families) if families is not None else default_families()
        self.default_region = default_region
        self.general = general
        self.project = project
        self.policy = policy or MergePolicy()

    def run(self, text: str, meta: Mapping[str, Any] | None = None) -> list[Candidate]:
        """Candidates for ``text``, merged per label as the policy says, no two overlapping."""
        return merge(self.found(text, meta), self.policy)

    def found(self, text: str, meta: Mapping[str, Any] | None = None
              ) -> list[tuple[int, Candidate]]:
        """Every source's candidates before merging, as (family rank, candidate)."""
        rules = family_candidates(self, text, meta)
        general = self.general.run(text) if self.general is not None else []
        learnt = self.project.predict(text, rules, general) if self.project is not None else []
        ranked = [(rank, c) for rank, c in enumerate(rules)]  # rules keep their order
        last = len(ranked)
        return ranked + [(last, c) for c in general] + [(last, c) for c in learnt]


def family_candidates(engine: Engine, text: str, meta: Mapping[str, Any] | None = None
                      ) -> list[Candidate]:
    """Every family's candidates before overlaps are resolved, in the engine's priority order
    (so ``resolve_overlaps(list(enumerate(...)))`` gives what the rules alone propose)."""
    context = dict(meta or {})
    if context.get("default_region") is None:
        context["default_region"] = engine.default_region
    return [c for family in engine.families for c in family(text, context)]


def build_engine(
    kb_path: Path | None = None, default_region: str | None = None,
    kb: KnowledgeBase | None = None, general: GeneralModel | None = None,
    project: Tagger | None = None, policy: MergePolicy | None = None,
) -> Engine:
    """The engine with every family, over ``kb`` (a project's), the file at ``kb_path``, or
    the default knowledge base; with the general and the project's model when given."""
    if kb is None and kb_path is not None:
        kb = load_kb_file(kb_path)
    return Engine(default_families(kb), default_region, general, project, policy)


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
        origin=Origin.SUGGESTED,
        source=cand.source,
        score=cand.score,
    )
