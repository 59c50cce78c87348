"""Packages sent out and collected (``team_packages``), and the rows a package file is
built from and read back by.

A package is itself a project file; these functions read and write either file of a pair
(the master and its package), always naming which one as ``project``. The rows a package
brings back are read here as stored, unchecked: ``team.validate`` judges them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..model import Event, Role
from . import events
from .project import Project, now

# -- the master's record of its packages ------------------------------------------------------


def record_packed(project: Project, package_id: str, annotator: str, batch: int | None,
                  documents: int) -> None:
    """A package written for ``annotator``, with its ``team.pack`` event."""
    with project.transaction() as db:
        stamp = now()
        db.execute(
            "INSERT INTO team_packages(package_id, annotator, batch, documents, packed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [package_id, annotator, batch, documents, stamp],
        )
        done = {"package": package_id, "annotator": annotator, "batch": batch,
                "documents": documents}  # fmt: skip
        events.log(db, stamp, None, Event.TEAM_PACK, after=done)


def packed_for(project: Project, package_id: str) -> str | None:
    """The annotator the package was packed for; None when it was never packed here."""
    row = project.db.execute(
        "SELECT annotator FROM team_packages WHERE package_id = ?", [package_id]
    ).fetchone()
    return row[0] if row else None


def events_upto(project: Project, package_id: str) -> int:
    """The last of the package's events already copied here (0: none)."""
    row = project.db.execute(
        "SELECT events_upto FROM team_packages WHERE package_id = ?", [package_id]
    ).fetchone()
    return row[0] if row else 0


def remember_collected(project: Project, package_id: str, annotator: str, batch: int | None,
                       upto: int, stamp: str) -> None:
    """Which package was collected, up to which of its events (call inside a transaction)."""
    project.db.execute(
        "INSERT INTO team_packages(package_id, annotator, batch, events_upto, collected_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(package_id) DO UPDATE SET "
        "events_upto = excluded.events_upto, collected_at = excluded.collected_at "
        "WHERE team_packages.events_upto != excluded.events_upto "
        "OR team_packages.collected_at IS NULL",
        [package_id, annotator, batch, upto, stamp],
    )


# -- copying between the two files ------------------------------------------------------------


def schema_body(project: Project) -> str | None:
    """The stored JSON of the project's schema (None: the default schema)."""
    row = project.db.execute(
        "SELECT body FROM schemas WHERE name = ?", [project.setting("schema")]
    ).fetchone()
    return row[0] if row else None


def copy_schema(source: Project, target: Project) -> None:
    """The target's schema becomes the source's (nothing to do for the default schema)."""
    row = source.db.execute(
        "SELECT name, version, body FROM schemas WHERE name = ?", [source.setting("schema")]
    ).fetchone()
    if row is None:
        return
    target.db.execute("DELETE FROM schemas")
    target.db.execute("INSERT INTO schemas(name, version, body) VALUES (?, ?, ?)", list(row))
    target.set_setting("schema", row[0])


def settings(project: Project) -> list[tuple[str, str]]:
    """Every (key, value) of the project's settings."""
    return [(k, v) for k, v in project.db.execute("SELECT key, value FROM project")]


def copy_documents(source: Project, target: Project, doc_ids: Sequence[str]) -> None:
    """Document rows as they are (every column: text, metadata, offset map, status), to be
    indexed for search in the target."""
    for at in range(0, len(doc_ids), 500):  # within SQLite's limit on parameters
        chunk = list(doc_ids[at : at + 500])
        marks = ", ".join("?" * len(chunk))
        cur = source.db.execute(f"SELECT * FROM documents WHERE id IN ({marks})", chunk)
        cols = [c[0] for c in cur.description]
        rows = [dict(zip(cols, r), fts_indexed=0) for r in cur.fetchall()]
        names = ", ".join(f'"{c}"' for c in cols)
        target.db.conn.executemany(
            f"INSERT INTO documents({names}) VALUES ({', '.join('?' * len(cols))})",
            [[row[c] for c in cols] for row in rows],
        )


StatusRow = tuple[str, int, str]  # (status, candidates, updated_at)


def status_row(project: Project, doc_id: str, annotator_id: int) -> StatusRow | None:
    """One person's status row on one document, whole."""
    row = project.db.execute(
        "SELECT status, candidates, updated_at FROM doc_status "
        "WHERE doc_id = ? AND annotator_id = ?",
        [doc_id, annotator_id],
    ).fetchone()
    return (row[0], row[1], row[2]) if row else None


def put_status_row(project: Project, doc_id: str, annotator_id: int, row: StatusRow) -> None:
    """A status row as another file has it (its time and candidates kept), logged like any
    status change; call inside a transaction."""
    before = status_row(project, doc_id, annotator_id)
    project.db.execute(
        "INSERT INTO doc_status(doc_id, annotator_id, status, candidates, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(doc_id, annotator_id) DO UPDATE SET "
        "status = excluded.status, candidates = excluded.candidates, "
        "updated_at = excluded.updated_at",
        [doc_id, annotator_id, *row],
    )
    events.log(project.db, now(), annotator_id, Event.SET_ANNOTATOR_STATUS, doc_id,
               before={"status": before[0] if before else None},
               after={"status": row[0]})  # fmt: skip


# -- reading a package back -------------------------------------------------------------------


def quick_check(project: Project) -> list[str]:
    """SQLite's own check of the file: ``["ok"]``, or what is damaged."""
    return [str(r[0]) for r in project.db.execute("PRAGMA quick_check").fetchall()]


def worked_on(project: Project) -> list[tuple[str, int, str]]:
    """(document, annotator id, name) of every person's status row, by name then import
    order."""
    rows = project.db.execute(
        "SELECT s.doc_id, s.annotator_id, a.name FROM doc_status s "
        "JOIN annotators a ON a.id = s.annotator_id JOIN documents d ON d.id = s.doc_id "
        "WHERE a.role != ? ORDER BY a.name, d.seq",
        [Role.MACHINE],
    )
    return [(doc_id, ann, name) for doc_id, ann, name in rows]


def linked_agencies(project: Project) -> set[str]:
    """Agencies that spans of people's layers (not the machine's) link to."""
    rows = project.db.execute(
        "SELECT DISTINCT s.agency_id FROM spans s JOIN annotators a ON a.id = s.annotator_id "
        "WHERE s.agency_id IS NOT NULL AND a.role != ?",
        [Role.MACHINE],
    )
    return {r[0] for r in rows}


def has_work(project: Project, annotator_id: int, events_after: int) -> bool:
    """Any span, status row, or event after ``events_after`` of this owner."""
    return any(project.db.execute(sql, args).fetchone() for sql, args in (
        ("SELECT 1 FROM spans WHERE annotator_id = ? LIMIT 1", [annotator_id]),
        ("SELECT 1 FROM doc_status WHERE annotator_id = ? LIMIT 1", [annotator_id]),
        ("SELECT 1 FROM events WHERE annotator_id = ? AND id > ? LIMIT 1",
         [annotator_id, events_after]),
    ))  # fmt: skip


def document_rows(project: Project) -> Iterator[tuple]:
    """(id, text, text_sha256, status) of every document, as stored."""
    yield from project.db.execute("SELECT id, text, text_sha256, status FROM documents")


def text_sha(project: Project, doc_id: str) -> str | None:
    row = project.db.execute(
        "SELECT text_sha256 FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    return row[0] if row else None


def status_rows(project: Project) -> Iterator[tuple]:
    """(doc_id, annotator_id, status, candidates, updated_at) of every status row."""
    yield from project.db.execute(
        "SELECT doc_id, annotator_id, status, candidates, updated_at FROM doc_status"
    )


def span_rows(project: Project, annotator_ids: Sequence[int]) -> list[tuple]:
    """The raw span rows of these layers, by document, start and id:
    (id, doc_id, start, end, label, attrs, agency_id, origin, source, score)."""
    marks = ", ".join("?" * len(annotator_ids))
    return project.db.execute(
        'SELECT id, doc_id, start, "end", label, attrs, agency_id, origin, source, score '
        f"FROM spans WHERE annotator_id IN ({marks}) ORDER BY doc_id, start, id",
        list(annotator_ids),
    ).fetchall()


def proposed_agency_rows(project: Project) -> list[tuple]:
    """Entries a package may propose: made by a user there, or linked to by a span:
    (id, name, level, region_code, region, type, parent, source)."""
    return project.db.execute(
        "SELECT id, name, level, region_code, region, type, parent, source FROM agencies "
        "WHERE source LIKE 'user:%' OR id IN (SELECT agency_id FROM spans WHERE "
        "agency_id IS NOT NULL)"
    ).fetchall()


def has_bad_names(project: Project, agency_id: str, max_text: int) -> bool:
    """An alias or former name of the entry with a wrong type, kind, scope or length."""
    return bool(project.db.execute(
        "SELECT 1 FROM agency_names WHERE agency_id = ? AND (typeof(text) != 'text' "
        "OR length(text) > ? OR kind NOT IN ('alias', 'former') OR scope NOT IN "
        "('global', 'local') OR typeof(valid_from) NOT IN ('integer', 'null') "
        "OR typeof(valid_to) NOT IN ('integer', 'null')) LIMIT 1",
        [agency_id, max_text]).fetchone())  # fmt: skip
