"""Agencies annotators created in their packages, waiting for someone to decide on them.

A proposal's entry is kept in ``agency_proposals``, not in the knowledge base, so the
linker and ``kb export`` never offer an undecided entry. Spans linking to it keep the link
as the attribute ``proposed_agency`` (``agency_id`` stays empty until the decision):

- accept: the entry joins the knowledge base and the spans link to it;
- merge: the spans link to an existing entry, which takes the proposal's names as aliases;
- reject: the spans keep their text and label but no link, marked ``not_in_kb``.

Each decision is one transaction with its events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from ..kb import project_kb
from ..kb.model import Agency, Alias
from ..model import Role
from ..store import proposals as proposals_store
from ..store import spans as spans_store
from ..store.project import Project
from . import PROPOSED, TeamError

STATUSES = ("pending", "accepted", "merged", "rejected")


@dataclass(frozen=True)
class Proposal:
    id: int
    agency: Agency
    annotator: str
    package_id: str | None
    status: str
    decided_by: str | None
    merged_into: str | None
    created_at: str
    decided_at: str | None


def _proposal(row: tuple) -> Proposal:
    pid, body, *rest = row
    return Proposal(pid, Agency.from_json(json.loads(body)), *rest)


def list_proposals(project: Project, status: str | None = "pending") -> list[Proposal]:
    """Proposals (pending ones by default), oldest first."""
    return [_proposal(r) for r in proposals_store.listing(project, status)]


def get(project: Project, proposal_id: int) -> Proposal:
    row = proposals_store.get(project, proposal_id)
    if row is None:
        raise TeamError(f"no agency proposal {proposal_id}")
    return _proposal(row)


def latest_for(project: Project, agency_id: str) -> Proposal | None:
    """The most recent proposal of this entry id, whatever its status."""
    row = proposals_store.latest_for(project, agency_id)
    return _proposal(row) if row else None


def from_package(project: Project, agency_id: str, package_id: str) -> Proposal | None:
    row = proposals_store.latest_for(project, agency_id, package_id)
    return _proposal(row) if row else None


def propose(project: Project, agency: Agency, annotator: str, package_id: str | None) -> int:
    """Record a new pending proposal (call inside a transaction); returns its id."""
    body = json.dumps(agency.to_json(), ensure_ascii=False, sort_keys=True)
    return proposals_store.insert(project, agency.id, body, annotator, package_id,
                                  project.annotator_id(annotator), agency.to_json())


# -- decisions -------------------------------------------------------------------------------
def accept(project: Project, proposal_id: int, decided_by: str) -> int:
    """The entry joins the knowledge base; returns the spans now linked to it."""
    with project.transaction():
        prop = _pending(project, proposal_id)
        report = project_kb.merge(project, [prop.agency], annotator=prop.annotator)
        if prop.agency.id not in report.added + report.updated + report.unchanged:
            raise TeamError(f"proposal {proposal_id}: {prop.agency.id} could not be added")
        return _decide(project, prop, "accepted", decided_by, link=prop.agency.id)


def merge(project: Project, proposal_id: int, into: str, decided_by: str) -> int:
    """Fold the proposal into an existing entry: its names become aliases, its spans relink."""
    with project.transaction():
        prop = _pending(project, proposal_id)
        target = _entry(project, into)
        if target is None:
            raise TeamError(f"no agency {into!r} in the knowledge base to merge proposal into")
        project_kb.merge(project, [_with_names_of(target, prop.agency)])
        return _decide(project, prop, "merged", decided_by, link=into, merged_into=into)


def reject(project: Project, proposal_id: int, decided_by: str) -> int:
    """The entry is dropped; its spans keep text and label, lose the link, read not_in_kb."""
    with project.transaction():
        prop = _pending(project, proposal_id)
        return _decide(project, prop, "rejected", decided_by, link=None)


def resolved_link(prop: Proposal) -> tuple[str | None, bool]:
    """Where a link to this proposal's entry points after its decision: (agency id, not in KB).

    A pending proposal has no id yet: (None, False) with the ``proposed_agency`` attribute.
    """
    if prop.status == "accepted":
        return prop.agency.id, False
    if prop.status == "merged":
        return prop.merged_into, False
    return None, prop.status == "rejected"


def relinked(span_attrs: dict, link: str | None, not_in_kb: bool, pending: str | None) -> dict:
    """A span's attributes once its link is settled (or still pending on ``pending``)."""
    attrs = {k: v for k, v in span_attrs.items() if k not in (PROPOSED, "not_in_kb")}
    if pending:
        attrs[PROPOSED] = pending
    elif not_in_kb and link is None:
        attrs["not_in_kb"] = True
    return attrs


def _decide(project: Project, prop: Proposal, status: str, decided_by: str, *,
            link: str | None, merged_into: str | None = None) -> int:
    """Relink the proposal's spans in every layer and record the decision."""
    who = project.annotator_id(decided_by, Role.REVIEWER)
    ids = proposals_store.proposing_spans(project, prop.agency.id)
    for span_id in ids:
        span = spans_store.get(project, span_id)
        attrs = relinked(span.attrs, link, status == "rejected", None)
        spans_store.update(project, span_id, who, agency_id=link, agency_name=None, attrs=attrs)
    proposals_store.decide(project, prop.id, status, decided_by, merged_into, who,
                           {"agency": prop.agency.id, "merged_into": merged_into,
                            "spans": len(ids)})  # fmt: skip
    return len(ids)


def _pending(project: Project, proposal_id: int) -> Proposal:
    prop = get(project, proposal_id)
    if prop.status != "pending":
        raise TeamError(f"proposal {proposal_id} was already {prop.status} by {prop.decided_by}")
    return prop


def _entry(project: Project, agency_id: str) -> Agency | None:
    return project_kb.entry(project, agency_id)


def _with_names_of(target: Agency, proposed: Agency) -> Agency:
    """The target entry with every name of the proposal it lacks, as an alias."""
    have = {name for name, _scope in target.names()}
    extra = [Alias(proposed.name)] if proposed.name not in have else []
    extra += [a for a in proposed.aliases if a.text not in have and a.text != proposed.name]
    return replace(target, aliases=(*target.aliases, *extra))
