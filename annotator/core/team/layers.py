"""What lists and pickers in the app ask about people's layers and assignments.

A rejected candidate is deleted from the annotator's layer but stays in the machine's, so
anything that should reflect an annotator's decisions looks at their layer, and at the
machine's only for documents they have not opened.
"""

from __future__ import annotations

from .. import layers as whose
from ..store import documents as docs_store
from ..store.project import Project
from .assign import assignments


def documents_labelled(project: Project, label: str, annotator_id: int) -> set[str]:
    """Documents where this annotator sees a span of ``label``: in their own layer once they
    have opened the document (a candidate they rejected no longer counts), else among the
    machine's candidates still waiting for them."""
    return docs_store.labelled_for(project, label, annotator_id)


def annotator_names(project: Project) -> list[str]:
    """Names of the annotators the project knows (assigned, packed or collected), sorted."""
    return whose.annotator_names(project)


def batches_by_annotator(project: Project) -> dict[str, dict[int, int]]:
    """For each annotator with assignments: batch number → documents in it, in order."""
    out: dict[str, dict[int, int]] = {}
    for a in assignments(project):
        batches = out.setdefault(a.annotator, {})
        batches[a.batch] = batches.get(a.batch, 0) + 1
    return out
