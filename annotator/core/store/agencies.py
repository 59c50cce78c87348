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


# a row of the project's own, not a reference to the base a link made (migration 0006)
_OWN = "NOT (source IS 'base' AND created_by IS NULL)"


def ids(project: Project) -> set[str]:
    """Every id the project's tables hold, references to the base included."""
    return {r[0] for r in project.db.execute("SELECT id FROM agencies")}


def exists(project: Project, agency_id: str) -> bool:
    """Whether the tables hold a row of this id (a reference to the base counts)."""
    sql = "SELECT 1 FROM agencies WHERE id = ?"
    return project.db.execute(sql, [agency_id]).fetchone() is not None


def is_own(project: Project, agency_id: str) -> bool:
    """Whether the project holds the entry itself: a row a link made to refer to the shipped
    base proves nothing."""
    sql = f"SELECT 1 FROM agencies WHERE id = ? AND {_OWN}"
    return project.db.execute(sql, [agency_id]).fetchone() is not None


def delete(project: Project, agency_ids: Sequence[str]) -> None:
    project.db.conn.executemany("DELETE FROM agencies WHERE id = ?", [(i,) for i in agency_ids])


def entry_rows(project: Project) -> list[tuple]:
    """Every row of the project's own, by id."""
    return project.db.execute(
        f"SELECT {_COLUMNS} FROM agencies WHERE {_OWN} ORDER BY id").fetchall()


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
