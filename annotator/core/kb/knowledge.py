"""The knowledge base in memory: agencies by id, every name indexed, type-ahead search."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..gazetteer import default_gazetteer
from ..problems import InputError
from .base import Base, default_base
from .io import read_agencies
from .model import Agency, Alias


class NameRef(NamedTuple):
    """One agency a name points to, and how: ``global``, ``local`` or ``former``."""

    agency_id: str
    kind: str


class KnowledgeBase:
    """Immutable once built; rebuild it (cheap) after the project's entries change.

    ``agencies`` are held in memory and indexed by every name (``names``). With a ``base``
    (the national base file), its central and provincial entries join them and every other
    entry is looked up in the file when asked for; an agency given here overrides the base
    entry of the same id (a project's correction).
    """

    def __init__(self, agencies: Iterable[Agency], problems: Iterable[InputError] = (),
                 base: Base | None = None):
        self.base = base
        self.entries: dict[str, Agency] = {}
        for agency in base.core() if base is not None else ():
            self.entries[agency.id] = agency
        self.own: set[str] = set()  # ids given here, not from the base
        for agency in agencies:
            self.entries[agency.id] = agency  # a later record with the same id wins
            self.own.add(agency.id)
        self.problems: list[InputError] = list(problems)
        self.names: dict[str, list[NameRef]] = {}
        self.by_region: dict[str, list[str]] = {}
        for agency in self.entries.values():
            for text, kind in agency.names():
                refs = self.names.setdefault(text, [])
                if not any(r.agency_id == agency.id for r in refs):
                    refs.append(NameRef(agency.id, kind))
            self.by_region.setdefault(agency.region_code or "", []).append(agency.id)

    def __reduce__(self) -> tuple:
        """Sent to another process as the entries given and the base (reopened there), not
        the indexes built from them."""
        own = [self.entries[i] for i in self.entries if i in self.own]
        return (type(self), (own, self.problems, self.base))

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
        if self.base is None:
            return len(self.entries)
        return len(self.base) + sum(1 for i in self.own if self.base.get(i) is None)

    def __iter__(self) -> Iterator[Agency]:
        """Every entry: the ones in memory, then the rest of the base (read in batches)."""
        yield from self.entries.values()
        if self.base is not None:
            yield from (a for a in self.base if a.id not in self.entries)

    def __contains__(self, agency_id: object) -> bool:
        return isinstance(agency_id, str) and self.get(agency_id) is not None

    def get(self, agency_id: str) -> Agency | None:
        found = self.entries.get(agency_id)
        if found is None and self.base is not None:
            found = self.base.get(agency_id)
        if found is None and agency_id.startswith(COMPOSED_PREFIX):
            found = composed_agency(agency_id)
        return found

    def refs(self, text: str) -> list[NameRef]:
        """Every entry carrying exactly this name: in memory first, then the base's."""
        refs = list(self.names.get(text, ()))
        if self.base is not None:
            have = {r.agency_id for r in refs}
            refs += [NameRef(a.id, kind) for a, kind in self.base.by_name(text)
                     if a.id not in have and a.id not in self.own]  # fmt: skip
        return refs

    def lookup(self, text: str) -> list[tuple[Agency, str]]:
        """Agencies carrying exactly this name, with the kind of name it is for each."""
        out = []
        for ref in self.refs(text):
            agency = self.get(ref.agency_id)
            if agency is not None:
                out.append((agency, ref.kind))
        return out

    def local(self, text: str, codes: Iterable[str]) -> list[Agency]:
        """Entries of the divisions ``codes`` that carry ``text`` as a local name, in the
        order of ``codes`` (市民政局 in 510100 is 成都市民政局)."""
        wanted = list(codes)
        mine: dict[str, list[Agency]] = {}
        for ref in self.names.get(text, ()):
            if ref.kind == "local":
                agency = self.entries[ref.agency_id]
                mine.setdefault(agency.region_code or "", []).append(agency)
        out: list[Agency] = []
        seen: set[str] = set()
        from_base = self.base.local(text, wanted) if self.base is not None else []
        base_by: dict[str, list[Agency]] = {}
        for agency in from_base:
            base_by.setdefault(agency.region_code or "", []).append(agency)
        for code in wanted:
            for agency in [*mine.get(code, ()), *base_by.get(code, ())]:
                if agency.id not in seen:
                    seen.add(agency.id)
                    out.append(self.entries.get(agency.id, agency))
        return out

    def local_texts(self) -> set[str]:
        """Every name some entry carries locally (市民政局, 团区委, 区委组织部)."""
        texts = {t for t, refs in self.names.items() if any(r.kind == "local" for r in refs)}
        if self.base is not None:
            texts.update(self.base.local_texts())
        return texts

    def in_region(self, code: str) -> list[Agency]:
        """Entries whose region is the division ``code``."""
        mine = [self.entries[i] for i in self.by_region.get(code, ())]
        if self.base is None:
            return mine
        have = {a.id for a in mine}
        return mine + [a for a in self.base.in_region(code) if a.id not in have]

    def search(self, query: str, limit: int = 20, codes: Iterable[str] = ()) -> list[Agency]:
        """Type-ahead: exact names first, then names starting with, then containing the query;
        entries of the divisions ``codes`` (the document's jurisdiction, best first) lead
        each rank."""
        query = query.strip()
        if not query:
            return []
        order = {code: k for k, code in enumerate(codes)}
        far = len(order)
        ranked: dict[str, tuple[int, int, int, str]] = {}

        def offer(agency: Agency, rank: int, length: int) -> None:
            key = (rank, order.get(agency.region_code or "", far), length, agency.id)
            if agency.id not in ranked or key < ranked[agency.id]:
                ranked[agency.id] = key

        for text, refs in self.names.items():
            pos = text.find(query)
            if pos < 0:
                continue
            rank = 0 if text == query else 1 if pos == 0 else 2
            for ref in refs:
                offer(self.entries[ref.agency_id], rank + (ref.kind != "global"), len(text))
        if self.base is not None:
            for agency in self.base.search(query, list(order), limit):
                if agency.id not in self.entries:
                    pos = agency.name.find(query)
                    offer(agency, 0 if agency.name == query else 1 if pos == 0 else 2,
                          len(agency.name))
        best = sorted(ranked, key=ranked.__getitem__)[:limit]
        return [a for a in (self.get(i) for i in best) if a is not None]


COMPOSED_PREFIX = "composed:"  # ids of bodies named by structure: composed:<code>:<name>


def composed_agency(agency_id: str) -> Agency | None:
    """The entry a composed id stands for (``composed:<division code>:<canonical name>``):
    a body the linker named by its structure; accepting it puts it in the project."""
    _prefix, code, name = (agency_id.split(":", 2) + ["", ""])[:3]
    if not (code.isdigit() and len(code) == 6 and name):
        return None
    div = default_gazetteer().by_code.get(code)
    depth = 0 if code == "000000" else 3 - sum(code.endswith(z) for z in ("00", "0000"))
    level = ("central", "provincial", "municipal", "county")[depth]
    region = "".join(d.name for d in default_gazetteer().chain(code)) if div else "中华人民共和国"
    return Agency(agency_id, name, level, code, region, aliases=(Alias(name),), generated=True,
                  source="composed")


@cache
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base (the national base), loaded once per process."""
    return KnowledgeBase((), base=default_base())
