"""Checking every row a package would bring into its master, before anything is written.

A package comes back from someone else's machine: it may have been edited by hand, cut
short in transit, or written by a tool that does not know the rules. ``collect`` refuses the
whole package when any row it would copy is wrong, and names the first problems with their
document and row ids. What is checked, because every later export relies on it:

- the file itself: an intact SQLite database (``PRAGMA quick_check``);
- documents: the text's SHA-256 recomputed equals the stored hash and the master's;
- roles: the package carries only the layer of the annotator it was packed for (as the
  master recorded it when packing): no gold, reviewer or other annotator layer, status or
  event;
- spans: ``0 <= start < end <= len(text)`` in code points, no overlaps within the layer, a
  label of the schema, an origin the model knows, a score that is a number in [0, 1] or
  null, attributes a JSON object of bounded size whose known keys have their types, links
  to agencies that exist;
- statuses, proposed agencies and events: known values, bounded strings, parseable JSON.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..kb.knowledge import default_kb
from ..model import ANNOTATOR_STATUSES, DOC_STATUSES, MACHINE, ORIGINS, Role
from ..store import agencies as agencies_store
from ..store import annotators as annotators_store
from ..store import events
from ..store import packages as packages_store
from ..store.documents import sha256
from ..store.project import Project
from . import TeamError
from .package import PackageInfo

MAX_TEXT = 200  # names, ids, units, sources: one line, never a document
MAX_STAMP = 64  # timestamps and action names
MAX_ATTRS = 4096  # a span's attributes as stored JSON
MAX_EVENT = 65536  # one event's before or after JSON
SHOWN = 5  # problems named in the refusal

COMPARATORS = ("=", ">", "<", "≈")


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _short(v: Any) -> bool:
    return isinstance(v, str) and len(v) <= MAX_TEXT


# the span attributes the application writes, with the type each must have
ATTR_TYPES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "value": ("a number or null", lambda v: v is None or _number(v)),
    "range_max": ("a number or null", lambda v: v is None or _number(v)),
    "unit": ("a short string", _short),
    "approx": ("true or false", lambda v: isinstance(v, bool)),
    "comparator": ("one of " + " ".join(COMPARATORS), lambda v: v in COMPARATORS),
    "kind": ("a short string", _short),
    "checksum_ok": ("true or false", lambda v: isinstance(v, bool)),
    "code": ("a short string", _short),
    "not_in_kb": ("true or false", lambda v: isinstance(v, bool)),
    "proposed_agency": ("a short string", _short),
}


@dataclass(frozen=True)
class Problem:
    kind: str  # the TeamError reason it leads to
    text: str


def check_intact(pkg: Project) -> None:
    """A file cut short or damaged fails here, before any of its rows is trusted."""
    rows = packages_store.quick_check(pkg)
    damage = [r for r in rows if r != "ok" and not r.startswith(_ROW_FAULTS)]
    if damage:
        raise sqlite3.DatabaseError("; ".join(damage[:3]))


# what quick_check also reports about single rows: the row checks name them better
_ROW_FAULTS = ("CHECK constraint failed", "NULL value in", "NOT NULL constraint failed")


def check_package(master: Project, pkg: Project, info: PackageInfo, label: str) -> None:
    """Raise ``TeamError`` naming the first problems if any row of the package is wrong."""
    problems = list(_Checker(master, pkg, info).problems())
    if not problems:
        return
    shown = "; ".join(p.text for p in problems[:SHOWN])
    more = f" (and {len(problems) - SHOWN} more)" if len(problems) > SHOWN else ""
    raise TeamError(
        f"{label} is refused, nothing was collected: {shown}{more}", problems[0].kind
    )


class _Checker:
    def __init__(self, master: Project, pkg: Project, info: PackageInfo):
        self.master, self.pkg, self.info = master, pkg, info
        self.labels = set(master.schema.names())
        self.texts: dict[str, str] = {}
        self.own: set[int] = set()  # package annotator ids whose rows may come in
        self.machine: set[int] = set()

    def problems(self) -> Iterator[Problem]:
        yield from self._identity()
        yield from self._annotators()
        yield from self._documents()
        yield from self._statuses()
        yield from self._spans()
        yield from self._agencies()
        yield from self._events()

    # -- who ----------------------------------------------------------------------------------
    def _identity(self) -> Iterator[Problem]:
        """The annotator the master packed this package for, and no one else's name."""
        packed_for = packages_store.packed_for(self.master, self.info.package_id)
        if packed_for is None:
            yield Problem("foreign_project", f"package {self.info.package_id!r} was never "
                                             "packed from this project")  # fmt: skip
        elif packed_for != self.info.annotator:
            yield Problem("other_layer", f"it was packed for {packed_for}, but names "
                                         f"{self.info.annotator!r}")  # fmt: skip
        role = annotators_store.role_of(self.master, self.info.annotator)
        if role is not None and role != Role.ANNOTATOR:
            yield Problem("other_layer", f"{self.info.annotator!r} is a {role} layer here, "
                                         "not an annotator's")  # fmt: skip

    def _annotators(self) -> Iterator[Problem]:
        """Every layer, status or event in the package belongs to the machine or to them."""
        for ann_id, (name, role) in annotators_store.owners(self.pkg).items():
            if (name, role) == (MACHINE, Role.MACHINE):
                self.machine.add(ann_id)
            elif (name, role) == (self.info.annotator, Role.ANNOTATOR):
                self.own.add(ann_id)
            elif self._has_work(ann_id):
                yield Problem("other_layer", f"it carries the {role} layer of {name!r}; a "
                                             f"package carries only {self.info.annotator}'s")

    def _has_work(self, ann_id: int) -> bool:
        return packages_store.has_work(self.pkg, ann_id, self.info.events_base)

    # -- documents ----------------------------------------------------------------------------
    def _documents(self) -> Iterator[Problem]:
        for doc_id, text, sha, status in packages_store.document_rows(self.pkg):
            where = f"document {doc_id!r}"
            if not isinstance(text, str) or not isinstance(doc_id, str):
                yield Problem("invalid_rows", f"{where}: no text")
                continue
            if sha256(text) != sha:
                yield Problem("changed_text", f"{where}: its text was edited (the hash stored "
                                              "with it is the old one)")  # fmt: skip
                continue
            mine = packages_store.text_sha(self.master, doc_id)
            if mine is None:
                yield Problem("unknown_document", f"{where} is not in the master project")
            elif mine != sha:
                yield Problem("changed_text", f"{where} has a different text than in the master")
            elif status not in DOC_STATUSES:
                yield Problem("invalid_rows", f"{where}: unknown status {_cut(status)}")
            else:
                self.texts[doc_id] = text

    def _statuses(self) -> Iterator[Problem]:
        for doc_id, ann, status, candidates, stamp in packages_store.status_rows(self.pkg):
            if ann not in self.own:
                continue
            where = f"status of document {_cut(doc_id)}"
            if doc_id not in self.texts:
                yield Problem("unknown_document", f"{where}: no such document in the package")
            elif status not in ANNOTATOR_STATUSES:
                yield Problem("invalid_rows", f"{where}: unknown status {_cut(status)}")
            elif not (isinstance(candidates, int) and 0 <= candidates <= 10**6):
                yield Problem("invalid_rows", f"{where}: candidates {_cut(candidates)} is no "
                                              "count")  # fmt: skip
            elif not (isinstance(stamp, str) and len(stamp) <= MAX_STAMP):
                yield Problem("invalid_rows", f"{where}: bad time {_cut(stamp)}")

    # -- spans --------------------------------------------------------------------------------
    def _spans(self) -> Iterator[Problem]:
        if not self.own:
            return
        rows = packages_store.span_rows(self.pkg, sorted(self.own))
        last: dict[Any, tuple[int, int]] = {}  # per document: the previous good span
        for row in rows:
            found = self._span(row)
            if found:
                yield Problem("invalid_rows", f"span {row[0]} in document {_cut(row[1])}: {found}")
                continue
            before = last.get(row[1])
            if before and row[2] < before[1]:
                yield Problem("invalid_rows", f"span {row[0]} in document {_cut(row[1])}: "
                              f"overlaps span {before[0]}")  # fmt: skip
            last[row[1]] = (row[0], row[3]) if not before or row[3] > before[1] else before

    def _span(self, row: tuple) -> str | None:
        """What is wrong with one span row, or None."""
        _id, doc_id, start, end, label, attrs, agency_id, origin, source, score = row
        text = self.texts.get(doc_id)
        if text is None:
            return "no such document in the package"
        if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
            return f"range [{_cut(start)}, {_cut(end)}) is outside the text (length {len(text)})"
        if label not in self.labels:
            return f"label {_cut(label)} is not in the schema"
        if origin not in ORIGINS:
            return f"unknown origin {_cut(origin)}"
        if not (source is None or _short(source)):
            return f"source {_cut(source)} is not a short string"
        if not (score is None or (_number(score) and 0 <= score <= 1)):
            return f"score {_cut(score)} is not a number in [0, 1]"
        if agency_id is not None and not self._agency_known(agency_id):
            return f"links to agency {_cut(agency_id)}, which does not exist"
        return _attrs_problem(attrs)

    def _agency_known(self, agency_id: Any) -> bool:
        if not _short(agency_id):
            return False
        return (agencies_store.is_own(self.pkg, agency_id)
                or agencies_store.is_own(self.master, agency_id)
                or default_kb().get(agency_id) is not None)

    # -- agencies the package proposes -------------------------------------------------------
    def _agencies(self) -> Iterator[Problem]:
        """Entries created in the package become proposals: each field a short string."""
        for agency_id, name, *rest, source in packages_store.proposed_agency_rows(self.pkg):
            if not (_short(agency_id) and _short(name) and name and agency_id):
                yield Problem("invalid_rows", f"agency {_cut(agency_id)}: its id and name must "
                                              "be short strings")  # fmt: skip
            elif not all(v is None or _short(v) for v in (*rest, source)):
                yield Problem("invalid_rows", f"agency {agency_id!r}: a field is not a short "
                                              "string")  # fmt: skip
            elif self._bad_names(agency_id):
                yield Problem("invalid_rows", f"agency {agency_id!r}: an alias or former name "
                                              "is malformed")  # fmt: skip
            elif (source or "").startswith("user:") and not self._known(agency_id) and (
                    source != f"user:{self.info.annotator}"):
                yield Problem("other_layer", f"agency {agency_id!r} was created by "
                                             f"{source[5:]!r}, not by {self.info.annotator}")

    def _bad_names(self, agency_id: str) -> bool:
        return packages_store.has_bad_names(self.pkg, agency_id, MAX_TEXT)

    def _known(self, agency_id: str) -> bool:
        return agencies_store.exists(self.master, agency_id)

    # -- history ------------------------------------------------------------------------------
    def _events(self) -> Iterator[Problem]:
        allowed = self.own | self.machine | {None}
        for row in events.since(self.pkg.db, self.info.events_base):
            found = _event_problem(row, allowed, self.texts)
            if found:
                yield Problem("invalid_rows", f"event {row[0]}: {found}")


def _event_problem(row: tuple, allowed: set, docs: dict[str, str]) -> str | None:
    _id, ts, ann, action, doc_id, before, after = row
    if ann not in allowed:
        return "made by someone else than the package's annotator"
    if not (isinstance(ts, str) and len(ts) <= MAX_STAMP):
        return f"bad time {_cut(ts)}"
    if not (isinstance(action, str) and action and len(action) <= MAX_STAMP):
        return f"bad action {_cut(action)}"
    if doc_id is not None and doc_id not in docs:
        return f"names document {_cut(doc_id)}, which is not in the package"
    for name, value in (("before", before), ("after", after)):
        if value is None:
            continue
        if not isinstance(value, str) or len(value) > MAX_EVENT:
            return f"its {name} is not JSON of at most {MAX_EVENT} characters"
        try:
            json.loads(value)
        except (ValueError, RecursionError):
            return f"its {name} is not valid JSON"
    return None


def _attrs_problem(attrs: Any) -> str | None:
    if attrs is None:
        return None
    if not isinstance(attrs, str) or len(attrs) > MAX_ATTRS:
        return f"attributes are not JSON of at most {MAX_ATTRS} characters"
    try:
        data = json.loads(attrs)
    except (ValueError, RecursionError):
        return "attributes are not valid JSON"
    if not isinstance(data, dict):
        return "attributes are not a JSON object"
    for key, value in data.items():
        wanted = ATTR_TYPES.get(key)
        if wanted and not wanted[1](value):
            return f"attribute {key!r} is {_cut(value)}, not {wanted[0]}"
    return None


def _cut(value: Any) -> str:
    """A value as a message shows it: never the 5 MB someone put there."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"
