"""Bringing a package's work back into the master project it was packed from.

For every document someone worked on in the package (it has their status), that person's
layer in the master is replaced by the package's, their status is copied, and a document
marked annotated there is annotated here too; the package's events since it was packed
follow. Agencies created in the package arrive as proposals (see ``proposals``), never
straight in the knowledge base. One transaction per package: all of it, or none.

Nothing in a package is trusted: before anything is written, every row it would bring is
checked (``validate``) and a package with any wrong row, or a damaged file, is refused
whole with the first problems named.

Collecting is idempotent: a layer, status or proposal already equal is left alone, and the
events already copied are remembered per package, so a second collect changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..kb import project_kb
from ..kb.model import Agency
from ..model import DocStatus, Event, Span
from ..store import agencies as agencies_store
from ..store import annotators as annotators_store
from ..store import documents as docs_store
from ..store import events
from ..store import packages as packages_store
from ..store import spans as spans_store
from ..store.project import Project, ProjectDamagedError, ProjectError, now
from . import PROPOSED, TeamError, project_id
from . import proposals as props
from .package import PackageInfo, package_info
from .validate import check_intact, check_package


@dataclass
class CollectReport:
    path: Path
    package_id: str = ""
    annotators: list[str] = field(default_factory=list)
    layers: int = 0  # document layers replaced
    statuses: int = 0  # annotator or document statuses changed
    events: int = 0  # events copied from the package
    proposals: list[int] = field(default_factory=list)  # new proposal ids
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return self.layers + self.statuses + self.events + len(self.proposals)


def collect(master: Project, package: str | Path) -> CollectReport:
    """Merge one package into ``master``; raises ``TeamError`` (changing nothing) if it
    belongs elsewhere or does not fit."""
    path = Path(package)
    with _opened(path) as pkg:
        try:
            check_intact(pkg)
            info = _check(master, pkg, path)
            check_package(master, pkg, info, str(path))
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise _damaged(path, exc) from None
        return _Collector(master, pkg, info, CollectReport(path, info.package_id)).run()


@contextmanager
def _opened(path: Path) -> Iterator[Project]:
    """The package opened as a project; a file that is none is refused like a bad row."""
    try:
        pkg = Project.open(path)
    except (sqlite3.DatabaseError, OSError, ProjectDamagedError) as exc:
        raise _damaged(path, exc) from None
    except ProjectError as exc:
        if type(exc) is not ProjectError:  # locked, or from a newer version: said as it is
            raise
        raise TeamError(str(exc), "not_package") from None
    with pkg:
        yield pkg


def _damaged(path: Path, exc: Exception) -> TeamError:
    return TeamError(f"{path} is damaged or cut short and cannot be read ({exc}); nothing was "
                     "collected. Ask for the package again", "damaged")


def _check(master: Project, pkg: Project, path: Path) -> PackageInfo:
    info = package_info(pkg)
    if info is None:
        raise TeamError(f"{path} is not a package (it names no master project)", "not_package")
    mine = project_id(master)
    if info.master_id != mine:
        raise TeamError(
            f"{path} was packed from project {info.master_id}, not from {master.path} "
            f"(project {mine}); collect it into the project it came from", "foreign_project"
        )
    ours, theirs = _schema(master), _schema(pkg)
    if ours != theirs:
        same_ref = ours[0] == theirs[0]
        raise TeamError(
            f"{path} uses schema {theirs[0]}"
            + (" with different labels" if same_ref else "")
            + f", {master.path} uses {ours[0]}; a package must keep its project's schema",
            "other_schema",
        )
    return info


def _schema(project: Project) -> tuple[str, str]:
    """(name@version, body): two files agree on a schema only if both are equal."""
    body = packages_store.schema_body(project)
    return project.schema.ref, json.dumps(json.loads(body), sort_keys=True) if body else ""


class _Collector:
    def __init__(self, master: Project, pkg: Project, info: PackageInfo, report: CollectReport):
        self.master, self.pkg, self.info, self.report = master, pkg, info, report
        self.known = agencies_store.ids(master)
        self.links: dict[str, tuple[str | None, bool, str | None]] = {}
        self.upto = 0  # the last package event copied, once ``_events`` ran

    def run(self) -> CollectReport:
        worked = self._worked_on()
        with self.master.transaction():
            self._proposals()
            for doc_id, ann in worked:
                self._document(doc_id, ann)
            self._events()
            self._remember()
        return self.report

    # -- what the package holds -------------------------------------------------------------
    def _worked_on(self) -> list[tuple[str, int]]:
        """(document, package annotator id) for every human status in the package (checked:
        only the annotator it was packed for has any)."""
        rows = packages_store.worked_on(self.pkg)
        self.report.annotators = sorted({name for _d, _a, name in rows})
        return [(doc_id, ann) for doc_id, ann, _name in rows]

    # -- agencies ---------------------------------------------------------------------------
    def _proposals(self) -> None:
        """Entries the package has and the master lacks: created there, or linked there."""
        linked = packages_store.linked_agencies(self.pkg)
        for agency in project_kb.export(self.pkg):
            if agency.id in self.known:
                continue
            if (agency.source or "").startswith("user:") or agency.id in linked:
                self.links[agency.id] = self._settle(agency)

    def _settle(self, agency: Agency) -> tuple[str | None, bool, str | None]:
        """Where the package's links to a new entry point: (agency id, not in KB, pending).

        A pending proposal of the id is joined; a merge decided earlier is followed; a
        rejection stands for the package it was made on, while another package proposes anew.
        """
        latest = props.latest_for(self.master, agency.id)
        again = latest is not None and latest.status == "rejected" and (
            props.from_package(self.master, agency.id, self.info.package_id) is None)
        if latest is None or again or latest.status == "accepted":
            who = (agency.source or "").removeprefix("user:") or self.info.annotator
            proposal = props.propose(self.master, agency, who, self.info.package_id)
            self.report.proposals.append(proposal)
            return None, False, agency.id
        return self._decided(latest)

    @staticmethod
    def _decided(prop: props.Proposal) -> tuple[str | None, bool, str | None]:
        if prop.status == "pending":
            return None, False, prop.agency.id
        return (*props.resolved_link(prop), None)

    def _span(self, span: Span) -> Span:
        """The package's span as the master stores it: links to new entries settled."""
        target = span.agency_id or span.attrs.get(PROPOSED)
        if target is None or (span.agency_id and target in self.known):
            attrs = {k: v for k, v in span.attrs.items() if k != PROPOSED}
            return replace(span, attrs=attrs, id=None, annotator=None)
        settled = self.links.get(target)
        if settled is None:  # a link still pending when the package was made
            prop = props.latest_for(self.master, target)
            settled = (None, False, target) if prop is None else self._decided(prop)
        link, not_in_kb, pending = settled
        attrs = props.relinked(span.attrs, link, not_in_kb, pending)
        return replace(span, agency_id=link, agency_name=None, attrs=attrs, id=None,
                       annotator=None)  # fmt: skip

    # -- layers and statuses ----------------------------------------------------------------
    def _document(self, doc_id: str, pkg_ann: int) -> None:
        name, role = annotators_store.owner(self.pkg, pkg_ann)
        ann = self.master.annotator_id(name, role)
        incoming = [self._span(s) for s in spans_store.layer(self.pkg, doc_id, pkg_ann)]
        current = spans_store.layer(self.master, doc_id, ann)
        if _keys(incoming) != _keys(current):
            spans_store.replace_layer(self.master, doc_id, ann, incoming,
                                      action=Event.TEAM_COLLECT)
            self.report.layers += 1
        self._status(doc_id, pkg_ann, ann)

    def _status(self, doc_id: str, pkg_ann: int, ann: int) -> None:
        theirs = packages_store.status_row(self.pkg, doc_id, pkg_ann)
        assert theirs is not None  # the package's work is read from its status rows
        ours = packages_store.status_row(self.master, doc_id, ann)
        if ours is None or ours[:2] != theirs[:2]:
            packages_store.put_status_row(self.master, doc_id, ann, theirs)
            self.report.statuses += 1
        theirs_doc = docs_store.status_of(self.pkg, doc_id)
        if (theirs_doc == DocStatus.ANNOTATED
                and docs_store.status_of(self.master, doc_id) == DocStatus.SUGGESTED):
            docs_store.set_status(self.master, doc_id, DocStatus.ANNOTATED, ann)
            self.report.statuses += 1

    # -- history ----------------------------------------------------------------------------
    def _events(self) -> None:
        """The package's events since packing that this master has not copied yet.

        Span ids are those of the package's file, meaningless here: they are left out.
        """
        since = max(self.info.events_base,
                    packages_store.events_upto(self.master, self.info.package_id))
        owners = annotators_store.owners(self.pkg)
        rows = events.since(self.pkg.db, since)
        who = {r[2] for r in rows if r[2] is not None}
        ids = {a: self.master.annotator_id(*owners[a]) for a in who}
        events.copy_in(self.master.db, [(ts, ids.get(a), action, doc, b, af)
                                        for _i, ts, a, action, doc, b, af in rows])
        self.report.events = len(rows)
        self.upto = rows[-1][0] if rows else since

    def _remember(self) -> None:
        """Which package was collected, up to which of its events; logged when it changed."""
        stamp = now()
        packages_store.remember_collected(self.master, self.info.package_id,
                                          self.info.annotator, self.info.batch, self.upto, stamp)
        r = self.report
        if r.changes:
            done = {"package": r.package_id, "annotators": r.annotators, "layers": r.layers,
                    "statuses": r.statuses, "events": r.events, "proposals": r.proposals}
            events.log(self.master.db, stamp, None, Event.TEAM_COLLECT, after=done)


def _keys(spans: list[Span]) -> list[tuple]:
    """What makes two layers equal: every stored field but ids and times."""
    return sorted(
        (s.start, s.end, s.label, json.dumps(s.attrs, sort_keys=True, ensure_ascii=False),
         s.agency_id or "", s.origin, s.source or "", s.score if s.score is not None else -1.0,
         s.comment or "")
        for s in spans
    )
