"""Counts and histories the dashboards and ``stats`` read: grouped in SQL, streamed where a
query scans every document or event."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Event, Origin
from .project import Project


def _marks(values: list[str]) -> str:
    return ", ".join("?" * len(values))


def created(project: Project) -> Iterator[tuple[str, str]]:
    """(document id, creation time) of every document."""
    yield from project.db.execute("SELECT id, created_at FROM documents")


def status_changes(project: Project) -> Iterator[tuple[str, str, str]]:
    """(time, document id, after JSON) of every change of a document's status, in order."""
    yield from project.db.execute(
        "SELECT ts, doc_id, after FROM events WHERE action = ? ORDER BY id", [Event.SET_STATUS]
    )


def actions_per_day(
    project: Project, actions: Iterable[str], roles: Iterable[str],
    layers: Iterable[str] = (),
) -> Iterator[tuple[str, str, int]]:
    """(owner name, day, count) of these actions by owners of these roles; each of the
    ``layers`` actions (a whole layer stored at once) counts the spans it stored."""
    acts, who, whole = [str(a) for a in actions], [str(r) for r in roles], [str(a) for a in layers]
    yield from project.db.execute(
        "SELECT a.name, substr(e.ts, 1, 10), SUM(CASE WHEN e.action IN "
        f"({_marks(whole) or 'NULL'}) THEN json_extract(e.after, '$.spans') ELSE 1 END) "
        "FROM events e JOIN annotators a ON a.id = e.annotator_id "
        f"WHERE e.action IN ({_marks([*acts, *whole])}) AND a.role IN ({_marks(who)}) "
        "GROUP BY a.name, substr(e.ts, 1, 10) ORDER BY 1, 2",
        [*whole, *acts, *whole, *who],
    )


def labels_by_role(project: Project) -> Iterator[tuple[str, str, int]]:
    """(owner role, label, spans) over every layer."""
    yield from project.db.execute(
        "SELECT a.role, s.label, COUNT(*) FROM spans s JOIN annotators a ON a.id = s.annotator_id "
        "GROUP BY 1, 2"
    )


def sources_in_layers(project: Project, roles: Iterable[str]) -> Iterator[tuple]:
    """(rule source, origin, document id, layer id, spans) of the candidates that rules made,
    in the layers of owners of these roles."""
    who = [str(r) for r in roles]
    yield from project.db.execute(
        "SELECT s.source, s.origin, s.doc_id, s.annotator_id, COUNT(*) FROM spans s JOIN "
        f"annotators a ON a.id = s.annotator_id WHERE a.role IN ({_marks(who)}) "
        "AND s.source IS NOT NULL GROUP BY 1, 2, 3, 4",
        who,
    )


def span_records(project: Project) -> Iterator[tuple[str, str | None]]:
    """(action, span JSON) of every span added or deleted: the span after an add, before a
    delete."""
    yield from project.db.execute(
        "SELECT action, CASE action WHEN ? THEN before ELSE after END "
        "FROM events WHERE action IN (?, ?)",
        [Event.DELETE_SPAN, Event.DELETE_SPAN, Event.ADD_SPAN],
    )


def decided_forms(project: Project, roles: Iterable[str]) -> Iterator[tuple]:
    """(surface text, document id, start, end, label, agency id, owner name) of every span
    someone decided, in the layers of owners of these roles."""
    who = [str(r) for r in roles]
    yield from project.db.execute(
        "SELECT substr(d.text, s.start + 1, s.\"end\" - s.start), d.id, s.start, s.\"end\", "
        "s.label, s.agency_id, a.name FROM spans s JOIN annotators a ON a.id = s.annotator_id "
        f"JOIN documents d ON d.id = s.doc_id WHERE a.role IN ({_marks(who)}) "
        "AND s.origin != ?",
        [*who, Origin.SUGGESTED],
    )


def status_counts(project: Project) -> dict[str, int]:
    """Documents per status (statuses no document has are absent)."""
    rows = project.db.execute("SELECT status, COUNT(*) FROM documents GROUP BY status")
    return {status: n for status, n in rows}


def spans_by_layer(project: Project) -> Iterator[tuple[str, str, str, int]]:
    """(owner name, role, label, spans) of every layer, by name then label."""
    yield from project.db.execute(
        "SELECT a.name, a.role, s.label, COUNT(*) FROM spans s JOIN annotators a "
        "ON a.id = s.annotator_id GROUP BY a.name, a.role, s.label ORDER BY a.name, s.label"
    )


def status_pairs(project: Project, annotator_ids: list[int]) -> Iterator[tuple[str, int]]:
    """(document id, person id) of the status rows of these people."""
    yield from project.db.execute(
        f"SELECT doc_id, annotator_id FROM doc_status WHERE annotator_id IN "
        f"({', '.join('?' * len(annotator_ids))})",
        annotator_ids,
    )
