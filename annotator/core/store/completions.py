"""When each person finished each document, read from the event log.

Every way a layer arrives logs the moment its annotator's status became "done": marking done
in the app, importing a layer from JSONL, collecting a package. Replaying those events gives
the finishing time even for work that was done elsewhere and brought in later.
"""

from __future__ import annotations

import json

from ..model import AnnotatorStatus
from .project import Project


def finished(project: Project) -> dict[tuple[str, str], str]:
    """(document id, annotator name) -> the time (ISO) that person last marked it done, for
    the documents they have not reopened since. People's layers only: not the machine's,
    not gold."""
    rows = project.db.execute(
        "SELECT e.ts, e.doc_id, a.name, e.after FROM events e "
        "JOIN annotators a ON a.id = e.annotator_id "
        "WHERE e.action = 'set_annotator_status' AND a.role IN ('annotator', 'reviewer') "
        "ORDER BY e.id")
    done: dict[tuple[str, str], str] = {}
    for ts, doc_id, name, after in rows:
        status = (json.loads(after) if after else {}).get("status")
        if status == AnnotatorStatus.DONE:
            done[doc_id, name] = ts
        else:
            done.pop((doc_id, name), None)
    return done
