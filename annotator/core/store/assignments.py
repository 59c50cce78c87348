"""Which annotator works on which document, in numbered batches (``assignments``).

Annotators are named here, not referenced by id: an assignment may name someone who has
no layer in the project yet.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Event
from . import events
from .project import Project, now

Row = tuple[str, int, str]  # (annotator, batch, document id)


def assigned_documents(project: Project) -> set[str]:
    """Documents that already have an annotator."""
    return {r[0] for r in project.db.execute("SELECT DISTINCT doc_id FROM assignments")}


def insert(project: Project, rows: Iterable[Row], stamp: str | None = None) -> None:
    """Store assignments (call inside a transaction); no event: callers log their own."""
    stamp = stamp or now()
    project.db.conn.executemany(
        "INSERT INTO assignments(doc_id, annotator, batch, created_at) VALUES (?, ?, ?, ?)",
        [(doc_id, name, batch, stamp) for name, batch, doc_id in rows],
    )


def store(project: Project, rows: list[Row], summary: dict) -> None:
    """A new assignment and its ``team.assign`` event, in one transaction."""
    stamp = now()
    with project.transaction() as db:
        insert(project, rows, stamp)
        events.log(db, stamp, None, Event.TEAM_ASSIGN, after=summary)


def listing(project: Project, annotator: str | None = None, batch: int | None = None) -> list[Row]:
    """Stored assignments (of one annotator, one batch), in batch then import order."""
    rows = project.db.execute(
        "SELECT a.annotator, a.batch, a.doc_id FROM assignments a "
        "JOIN documents d ON d.id = a.doc_id "
        "WHERE (? IS NULL OR a.annotator = ?) AND (? IS NULL OR a.batch = ?) "
        "ORDER BY a.annotator, a.batch, d.seq",
        [annotator, annotator, batch, batch],
    )
    return [(name, number, doc_id) for name, number, doc_id in rows]


def load(project: Project) -> dict[str, int]:
    """Documents each annotator has been assigned."""
    rows = project.db.execute("SELECT annotator, COUNT(*) FROM assignments GROUP BY annotator")
    return {name: n for name, n in rows}


def last_batch(project: Project, annotator: str) -> int:
    """The annotator's highest batch number, 0 before the first."""
    row = project.db.execute(
        "SELECT COALESCE(MAX(batch), 0) FROM assignments WHERE annotator = ?", [annotator]
    ).fetchone()
    return row[0]
