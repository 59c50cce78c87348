"""The one shape every rule family returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..kb.model import Link  # the linker's result, carried by AGENCY candidates


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
