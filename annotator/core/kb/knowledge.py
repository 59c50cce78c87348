"""The knowledge base in memory: agencies by id, every name indexed, type-ahead search."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..problems import InputError
from ..resources import resource_path
from .io import read_agencies
from .model import Agency


class NameRef(NamedTuple):
    """One agency a name points to, and how: ``global``, ``local`` or ``former``."""

    agency_id: str
    kind: str


class KnowledgeBase:
    """Immutable once built; rebuild it (cheap) after the project's entries change."""

    def __init__(self, agencies: Iterable[Agency], problems: Iterable[InputError] = ()):
        self.entries: dict[str, Agency] = {}
        for agency in agencies:
            self.entries[agency.id] = agency  # a later record with the same id wins
        self.problems: list[InputError] = list(problems)
        self.names: dict[str, list[NameRef]] = {}
        self.by_region: dict[str, list[str]] = {}
        for agency in self.entries.values():
            for text, kind in agency.names():
                refs = self.names.setdefault(text, [])
                if not any(r.agency_id == agency.id for r in refs):
                    refs.append(NameRef(agency.id, kind))
            self.by_region.setdefault(agency.region_code or "", []).append(agency.id)

    @classmethod
    def from_jsonl(cls, path: str | Path) -> KnowledgeBase:
        """Load a JSONL (or CSV) file; bad lines are kept in ``problems``, the rest loads."""
        good: list[Agency] = []
        bad: list[InputError] = []
        for item in read_agencies(path):
            if isinstance(item, InputError):
                bad.append(item)
            else:
                good.append(item)
        return cls(good, bad)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Agency]:
        return iter(self.entries.values())

    def __contains__(self, agency_id: object) -> bool:
        return agency_id in self.entries

    def get(self, agency_id: str) -> Agency | None:
        return self.entries.get(agency_id)

    def lookup(self, text: str) -> list[tuple[Agency, str]]:
        """Agencies carrying exactly this name, with the kind of name it is for each."""
        return [(self.entries[r.agency_id], r.kind) for r in self.names.get(text, ())]

    def search(self, query: str, limit: int = 20) -> list[Agency]:
        """Type-ahead: exact names first, then names starting with, then containing the query."""
        query = query.strip()
        if not query:
            return []
        ranked: dict[str, tuple[int, int, str]] = {}
        for text, refs in self.names.items():
            pos = text.find(query)
            if pos < 0:
                continue
            rank = 0 if text == query else 1 if pos == 0 else 2
            for ref in refs:
                key = (rank + (ref.kind != "global"), len(text), ref.agency_id)
                if ref.agency_id not in ranked or key < ranked[ref.agency_id]:
                    ranked[ref.agency_id] = key
        best = sorted(ranked, key=ranked.__getitem__)[:limit]
        return [self.entries[i] for i in best]


@cache
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return KnowledgeBase.from_jsonl(resource_path("kb", "agencies.jsonl"))
