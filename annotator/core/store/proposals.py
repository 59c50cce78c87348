"""Agencies proposed in packages, waiting for a decision (``agency_proposals``).

Rows are returned as stored (the entry as its JSON body); ``team.proposals`` gives them
their meaning.
"""

from __future__ import annotations

from typing import Any

from ..model import Event
from . import events
from .project import Project, now

COLUMNS = (
    "id, body, annotator, package_id, status, decided_by, merged_into, created_at, decided_at"
)


def listing(project: Project, status: str | None) -> list[tuple]:
    """Proposals with this status (all when None), oldest first."""
    return project.db.execute(
        f"SELECT {COLUMNS} FROM agency_proposals WHERE ? IS NULL OR status = ? ORDER BY id",
        [status, status],
    ).fetchall()


def get(project: Project, proposal_id: int) -> tuple | None:
    return project.db.execute(
        f"SELECT {COLUMNS} FROM agency_proposals WHERE id = ?", [proposal_id]
    ).fetchone()


def latest_for(project: Project, agency_id: str, package_id: str | None = None) -> tuple | None:
    """The most recent proposal of this entry id (made in that package, when given)."""
    return project.db.execute(
        f"SELECT {COLUMNS} FROM agency_proposals WHERE agency_id = ? "
        "AND (? IS NULL OR package_id = ?) ORDER BY id DESC LIMIT 1",
        [agency_id, package_id, package_id],
    ).fetchone()


def insert(
    project: Project, agency_id: str, body: str, annotator: str, package_id: str | None,
    actor_id: int | None, logged: Any,
) -> int:
    """A new pending proposal and its ``proposal.add`` event; call inside a transaction."""
    stamp = now()
    cur = project.db.execute(
        "INSERT INTO agency_proposals(agency_id, body, annotator, package_id, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [agency_id, body, annotator, package_id, stamp],
    )
    assert cur.lastrowid is not None  # set by the INSERT
    events.log(project.db, stamp, actor_id, Event.PROPOSAL_ADD,
               after={"proposal": cur.lastrowid, "agency": logged})  # fmt: skip
    return cur.lastrowid


def decide(
    project: Project, proposal_id: int, status: str, decided_by: str,
    merged_into: str | None, actor_id: int | None, logged: dict,
) -> None:
    """Record a decision and its ``proposal.<status>`` event; call inside a transaction."""
    stamp = now()
    project.db.execute(
        "UPDATE agency_proposals SET status = ?, decided_by = ?, merged_into = ?, decided_at = ? "
        "WHERE id = ?",
        [status, decided_by, merged_into, stamp, proposal_id],
    )
    events.log(project.db, stamp, actor_id, Event(f"proposal.{status}"),
               before={"proposal": proposal_id, "status": "pending"},
               after={"proposal": proposal_id, "status": status, **logged})  # fmt: skip


def proposing_spans(project: Project, agency_id: str) -> list[int]:
    """Ids of the spans (in any layer) whose link waits on a proposal of this entry."""
    rows = project.db.execute(
        "SELECT id FROM spans WHERE json_extract(attrs, '$.proposed_agency') = ? ORDER BY id",
        [agency_id],
    )
    return [r[0] for r in rows]
