"""The SQLite project file: one file per project, every user action one transaction."""

from .identity import APPLICATION_ID, is_project_file
from .project import (
    Project,
    ProjectDamagedError,
    ProjectError,
    ProjectLockedError,
    ProjectTooNewError,
)

__all__ = [
    "APPLICATION_ID",
    "Project",
    "ProjectDamagedError",
    "ProjectError",
    "ProjectLockedError",
    "ProjectTooNewError",
    "is_project_file",
]
