"""Pre-highlight stored documents into the machine layer."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..store import Project
from ..store import documents as docs_store
from ..store import spans as spans_store
from .engine import prehighlight, to_span


def prehighlight_documents(
    project: Project,
    doc_ids: Iterable[str],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Replace each document's machine layer with fresh candidates; one transaction each."""
    ids = list(doc_ids)
    machine = project.machine_id()
    total = 0
    for done, doc_id in enumerate(ids, start=1):
        doc = docs_store.get(project, doc_id)
        if doc is None:
            continue
        spans = [to_span(c) for c in prehighlight(doc.text, doc.meta)]
        with project.transaction():
            total += spans_store.replace_layer(
                project, doc_id, machine, spans, action="prehighlight"
            )
        if progress:
            progress(done, len(ids))
    return total
