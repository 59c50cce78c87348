"""Team work without a server: assignments, packages sent out and collected, and the
agencies annotators propose in them.

A project has a stable random id (setting ``project_id``); a package is itself a project
file that names the id of the project it was packed from, so it can only come back there.
"""

from __future__ import annotations

import hashlib

from ..store.project import Project, ProjectError

# settings a package carries (a master project has none of them)
MASTER_ID = "master_project_id"
PACKAGE_ID = "package_id"
PACKAGE_ANNOTATOR = "package_annotator"
PACKAGE_BATCH = "package_batch"
PACKAGE_CREATED_AT = "package_created_at"
PACKAGE_EVENTS_BASE = "package_events_base"  # the last event written while packing

PROPOSED = "proposed_agency"  # span attribute: the link to an agency awaiting a decision


class TeamError(ProjectError):
    """Team work that cannot be done as asked, with a message meant for the user.

    ``reason`` names the kind of refusal, so an interface can say it in its own language.
    """

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        self.reason = reason


def project_id(project: Project) -> str:
    """The project's stable id (every project gets one when the team migration runs)."""
    value = project.setting("project_id")
    if not value:
        raise TeamError(f"{project.path} has no project id; open it with this version first")
    return value


def stable_hash(*parts: str) -> int:
    """A hash that is the same on every machine and run (``hash()`` is salted per process)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")
