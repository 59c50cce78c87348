"""The SQLite project file: one file per project, every user action one transaction."""

from .project import Project, ProjectError, ProjectLockedError, ProjectTooNewError

__all__ = ["Project", "ProjectError", "ProjectLockedError", "ProjectTooNewError"]
