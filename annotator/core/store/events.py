"""The append-only log of every change: what undo, history and review read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def log(
    db: Database,
    ts: str,
    annotator_id: int | None,
    action: str,
    doc_id: str | None = None,
    span_id: int | None = None,
    before: Any = None,
    after: Any = None,
) -> None:
    db.execute(
        "INSERT INTO events(ts, annotator_id, action, doc_id, span_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [ts, annotator_id, action, doc_id, span_id, _dump(before), _dump(after)],
    )


def log_many(db: Database, rows: Iterable[tuple]) -> None:
    """Rows of (ts, annotator_id, action, doc_id, span_id, before, after), values unencoded."""
    db.conn.executemany(
        "INSERT INTO events(ts, annotator_id, action, doc_id, span_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(*r[:5], _dump(r[5]), _dump(r[6])) for r in rows],
    )


def history(db: Database, doc_id: str | None = None, limit: int = 1000) -> list[dict]:
    sql = (
        "SELECT e.*, a.name AS annotator FROM events e "
        "LEFT JOIN annotators a ON a.id = e.annotator_id"
    )
    args: list[Any] = []
    if doc_id is not None:
        sql += " WHERE e.doc_id = ?"
        args.append(doc_id)
    sql += " ORDER BY e.id DESC LIMIT ?"
    args.append(limit)
    cursor = db.execute(sql, args)
    cols = [c[0] for c in cursor.description]
    rows = []
    for row in cursor.fetchall():
        rec = dict(zip(cols, row))
        for key in ("before", "after"):
            rec[key] = json.loads(rec[key]) if rec[key] else None
        rows.append(rec)
    return rows


def last_id(db: Database) -> int:
    """The id of the newest event (0 in an empty log)."""
    return db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]


def since(db: Database, after_id: int) -> list[tuple]:
    """Events newer than ``after_id``, oldest first, as stored (before/after still JSON):
    (id, ts, annotator_id, action, doc_id, before, after)."""
    return db.execute(
        "SELECT id, ts, annotator_id, action, doc_id, before, after FROM events "
        "WHERE id > ? ORDER BY id",
        [after_id],
    ).fetchall()


def copy_in(db: Database, rows: Iterable[tuple]) -> None:
    """Events of another file: (ts, annotator_id, action, doc_id, before, after) with
    before/after as that file stored them; span ids, meaningless here, are left out."""
    db.conn.executemany(
        "INSERT INTO events(ts, annotator_id, action, doc_id, span_id, before, after) "
        "VALUES (?, ?, ?, ?, NULL, ?, ?)",
        list(rows),
    )


def reviewed_without_work(db: Database, review: tuple[str, ...], not_work: tuple[str, ...],
                          doc_id: str | None = None) -> set[tuple[str, int]]:
    """(document, person) whose first ``review`` event on the document came before any
    event of theirs there but ``not_work`` ones."""
    one_doc = "AND doc_id = ?" if doc_id is not None else ""
    rows = db.execute(
        f"SELECT f.doc_id, f.annotator_id FROM ("
        f"  SELECT doc_id, annotator_id, MIN(id) AS first FROM events"
        f"  WHERE action IN ({_marks(review)}) {one_doc} GROUP BY 1, 2) f "
        f"WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.doc_id = f.doc_id "
        f"  AND e.annotator_id = f.annotator_id AND e.id < f.first "
        f"  AND e.action NOT IN ({_marks(not_work)}))",
        [*review, *([doc_id] if doc_id is not None else []), *not_work])
    return {(d, who) for d, who in rows}


def any_besides(db: Database, doc_id: str, annotator_id: int, skip: tuple[str, ...]) -> bool:
    """Whether this person has any event on the document but ``skip`` ones."""
    return db.execute(
        f"SELECT 1 FROM events WHERE doc_id = ? AND annotator_id = ? "
        f"AND action NOT IN ({_marks(skip)}) LIMIT 1",
        [doc_id, annotator_id, *skip]).fetchone() is not None


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" * len(values))
