"""Making a project: the one place the command line, the app and the demo create one."""

from __future__ import annotations

from pathlib import Path

from ..store import Project

PROJECT_SUFFIX = ".annot"


def create_project(path: str | Path) -> Project:
    """A new project at ``path``, opened; ``ProjectError`` (saying why) when it cannot be.

    Whatever a new project starts with (its schema, its knowledge base) is settled here,
    so each face makes the same project."""
    return Project.create(Path(path))


def open_or_create(path: str | Path) -> tuple[Project, bool]:
    """The project at ``path``, made first when missing: (project, whether it was made)."""
    path = Path(path)
    if path.exists():
        return Project.open(path), False
    return create_project(path), True
