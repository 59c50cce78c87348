"""The project's own knowledge-base rows (``agencies``, ``agency_names``): its additions and
corrections over the shipped base, and the rows that only keep links whole.

Rows go in and out as plain tuples; ``kb.project_kb`` turns them into agencies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import Project

# (id, name, level, region_code, region, type, parent, generated, source)
_COLUMNS = "id, name, level, region_code, region, type, parent, generated, source"
_INSERT = (
    f"INSERT INTO agencies({_COLUMNS}, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPDATE = (
    "UPDATE agencies SET name=?, level=?, region_code=?, region=?, type=?, parent=?, "
    "generated=?, source=? WHERE id=?"
)
_INSERT_NAME = (
    "INSERT OR IGNORE INTO agency_names(agency_id, text, kind, scope, valid_from, valid_to) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def entry_rows(project: Project) -> list[tuple]:
    """Every row but the references to the base a link made (migration 0006), by id."""
    return project.db.execute(
        f"SELECT {_COLUMNS} FROM agencies "
        "WHERE NOT (source IS 'base' AND created_by IS NULL) ORDER BY id"
    ).fetchall()


def names_by_agency(project: Project) -> dict[str, list[tuple]]:
    """(text, kind, scope, valid_from, valid_to) of each agency's names, in stored order."""
    names: dict[str, list[tuple]] = {}
    for row in project.db.execute(
        "SELECT agency_id, text, kind, scope, valid_from, valid_to FROM agency_names ORDER BY rowid"
    ):
        names.setdefault(row[0], []).append(row[1:])
    return names


def link_rows(project: Project) -> list[tuple[str, str]]:
    """(id, source) of the rows storing spans made, nobody wrote: references to the base
    (``base``) and a link's id and name (``imported``)."""
    return project.db.execute(
        "SELECT id, source FROM agencies "
        "WHERE created_by IS NULL AND source IN ('base', 'imported')"
    ).fetchall()


def write(project: Project, row: Sequence, names: Sequence[tuple], who: int | None,
          stamp: str, replace_existing: bool) -> None:
    """Store one entry (``row`` in ``entry_rows``' columns) with its names, over the row of
    the same id when ``replace_existing``; call inside a transaction."""
    conn = project.db.conn
    if replace_existing:
        conn.execute(_UPDATE, [*row[1:], row[0]])
        conn.execute("DELETE FROM agency_names WHERE agency_id = ?", [row[0]])
    else:
        conn.execute(_INSERT, [*row, who, stamp])
    conn.executemany(_INSERT_NAME, [(row[0], *name) for name in names])
