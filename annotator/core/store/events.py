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
