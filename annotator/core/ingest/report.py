"""What an import did: counts, the documents it touched, and every problem met."""

from __future__ import annotations

from dataclasses import dataclass, field

from .problems import Problem


@dataclass
class ImportReport:
    files: int = 0
    created: int = 0
    duplicates: int = 0
    spans: int = 0
    problems: list[Problem] = field(default_factory=list)
    candidates: int = 0
    document_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems
