"""The owners of layers (``annotators``): people, the machine and gold, by name and role.

``Project.annotator_id`` creates an owner on first use; everything here only reads, so a
name nobody used yet stays unknown instead of being created by a lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import Project


def find(project: Project, name: str) -> int | None:
    """The id of the owner called ``name``, or None when the project has none."""
    row = project.db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def role_of(project: Project, name: str) -> str | None:
    row = project.db.execute("SELECT role FROM annotators WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def owner(project: Project, annotator_id: int) -> tuple[str, str]:
    """(name, role) of one owner."""
    name, role = project.db.execute(
        "SELECT name, role FROM annotators WHERE id = ?", [annotator_id]
    ).fetchone()
    return name, role


def owners(project: Project) -> dict[int, tuple[str, str]]:
    """Every owner: id → (name, role)."""
    rows = project.db.execute("SELECT id, name, role FROM annotators ORDER BY id")
    return {ann_id: (name, role) for ann_id, name, role in rows}


def ids(project: Project) -> list[int]:
    return [r[0] for r in project.db.execute("SELECT id FROM annotators ORDER BY id")]


def with_roles(project: Project, roles: Iterable[str]) -> list[tuple[int, str]]:
    """(id, name) of the owners with one of ``roles``, by name."""
    wanted = [str(r) for r in roles]
    marks = ", ".join("?" * len(wanted))
    rows = project.db.execute(
        f"SELECT id, name FROM annotators WHERE role IN ({marks}) ORDER BY name", wanted
    )
    return [(ann_id, name) for ann_id, name in rows]


def with_work_in(project: Project, doc_id: str, roles: Iterable[str]) -> list[tuple[int, str]]:
    """(id, name), by name, of the owners with one of ``roles`` who have a status row or a
    span in the document."""
    wanted = [str(r) for r in roles]
    marks = ", ".join("?" * len(wanted))
    rows = project.db.execute(
        f"SELECT id, name FROM annotators a WHERE role IN ({marks}) AND ("
        "EXISTS (SELECT 1 FROM doc_status s WHERE s.doc_id = ? AND s.annotator_id = a.id) OR "
        "EXISTS (SELECT 1 FROM spans s WHERE s.doc_id = ? AND s.annotator_id = a.id)) "
        "ORDER BY name", [*wanted, doc_id, doc_id])
    return [(ann_id, name) for ann_id, name in rows]
