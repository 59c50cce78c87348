"""Models a project learnt, kept in the project file beside the decisions they came from.

Each row is one training run: the model's bytes and a JSON summary of it. The newest row of
a kind is the one in use; older ones stay (a few hundred kilobytes each) so a run can be
compared with the last, and the project file alone carries everything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .project import Project, now

TAGGER = "tagger"  # the project's character tagger
KEEP = 5  # runs of a kind kept; older ones are deleted when a new one is saved


@dataclass(frozen=True)
class StoredModel:
    id: int
    kind: str
    body: bytes
    summary: dict[str, Any]
    created_at: str


def save(project: Project, body: bytes, summary: dict[str, Any], kind: str = TAGGER) -> int:
    """Store a newly learnt model as the one in use; one transaction."""
    with project.transaction() as db:
        cur = db.execute(
            "INSERT INTO models(kind, body, summary, created_at) VALUES (?, ?, ?, ?)",
            [kind, body, json.dumps(summary, ensure_ascii=False, sort_keys=True), now()],
        )
        db.execute(
            "DELETE FROM models WHERE kind = ? AND id NOT IN "
            "(SELECT id FROM models WHERE kind = ? ORDER BY id DESC LIMIT ?)",
            [kind, kind, KEEP],
        )
        assert cur.lastrowid is not None  # set by the INSERT
        return cur.lastrowid


def latest(project: Project, kind: str = TAGGER) -> StoredModel | None:
    """The model in use, or None before the project has learnt one."""
    row = project.db.execute(
        "SELECT id, kind, body, summary, created_at FROM models WHERE kind = ? "
        "ORDER BY id DESC LIMIT 1", [kind]).fetchone()
    if row is None:
        return None
    return StoredModel(row[0], row[1], bytes(row[2]), json.loads(row[3]), row[4])


def summaries(project: Project, kind: str = TAGGER) -> list[dict[str, Any]]:
    """The summaries of the kept runs, oldest first."""
    rows = project.db.execute(
        "SELECT summary FROM models WHERE kind = ? ORDER BY id", [kind]).fetchall()
    return [json.loads(r[0]) for r in rows]


def decided_layers(project: Project) -> list[tuple[str, int]]:
    """(document, layer) for every document some person has decided, one layer each.

    The layer that counts: gold once the document is reviewed or gold; else a person's layer
    they marked done (the latest); else a person's layer of a document whose status says the
    work is finished (a layer imported with ``--annotator`` from annotated/reviewed/gold lines).
    """
    rows = project.db.execute(
        """
        SELECT d.id, (
            SELECT a.id FROM annotators a WHERE a.role = 'gold' AND d.status IN ('reviewed', 'gold')
                AND EXISTS (SELECT 1 FROM spans s WHERE s.doc_id = d.id AND s.annotator_id = a.id)
        ), (
            SELECT st.annotator_id FROM doc_status st JOIN annotators a ON a.id = st.annotator_id
            WHERE st.doc_id = d.id AND st.status = 'done'
                AND a.role IN ('annotator', 'reviewer', 'gold')
            ORDER BY st.updated_at DESC LIMIT 1
        ), (
            SELECT a.id FROM annotators a WHERE a.role IN ('annotator', 'reviewer')
                AND d.status IN ('annotated', 'reviewed', 'gold')
                AND EXISTS (SELECT 1 FROM spans s WHERE s.doc_id = d.id AND s.annotator_id = a.id)
            ORDER BY a.name LIMIT 1
        )
        FROM documents d ORDER BY d.seq
        """).fetchall()
    return [(doc_id, next(x for x in layers if x is not None))
            for doc_id, *layers in rows if any(x is not None for x in layers)]


def untouched_documents(project: Project) -> list[str]:
    """Documents nobody has worked on: no person's layer, no status of theirs, still
    ``suggested``; only their machine candidates may be recomputed."""
    rows = project.db.execute(
        """
        SELECT d.id FROM documents d WHERE d.status = 'suggested'
        AND NOT EXISTS (SELECT 1 FROM doc_status st WHERE st.doc_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM spans s JOIN annotators a ON a.id = s.annotator_id
                        WHERE s.doc_id = d.id AND a.role != 'machine')
        ORDER BY d.seq
        """).fetchall()
    return [r[0] for r in rows]


def done_count(project: Project) -> int:
    """How many (document, person) pairs are marked done: what background learning watches."""
    return project.db.execute(
        "SELECT COUNT(*) FROM doc_status WHERE status = 'done'").fetchone()[0]
