"""The one shape every rule family returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..kb.model import Link  # the linker's result, carried by AGENCY candidates
from .mentions import disjoint


@dataclass(frozen=True, slots=True)
class Candidate:
    """A machine-proposed span: code-point offsets into the annotated text, ``end`` exclusive."""

    start: int
    end: int
    label: str
    source: str  # the rule family, e.g. "rule:figure", "gazetteer", "jieba"
    score: float  # 0..1
    attrs: dict[str, Any] = field(default_factory=dict)
    links: tuple[Link, ...] = ()  # AGENCY only: ranked, best first

    def __len__(self) -> int:
        return self.end - self.start


def resolve_overlaps(found: Sequence[tuple[int, Candidate]]) -> list[Candidate]:
    """Longest first, then the earlier family, then the earlier start; sorted by start."""
    ordered = sorted(found, key=lambda rc: (-(rc[1].end - rc[1].start), rc[0], rc[1].start))
    return [ordered[k][1] for k in disjoint([(c.start, c.end) for _rank, c in ordered])]
