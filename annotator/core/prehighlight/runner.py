"""Pre-highlighting inside a project: its own knowledge base, its machine layer."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..kb.project_kb import load as load_kb
from ..store import Project
from ..store import documents as docs_store
from ..store import spans as spans_store
from .engine import Engine, to_span
from .parallel import EngineRecipe, remember_recipe
from .sources import project_recipe


def project_engine(project: Project, region: str | None = None) -> Engine:
    """The engine over the project's own knowledge base (with the entries users added), with
    the general model and the model the project learnt, when there are; it knows its recipe,
    so that an import can run it in worker processes too."""
    recipe = EngineRecipe(kb=load_kb(project), default_region=region or project.setting("region"),
                          sources=project_recipe(project))
    return remember_recipe(recipe.build(), recipe)


def prehighlight_documents(
    project: Project,
    doc_ids: Iterable[str],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Replace each document's machine layer with fresh candidates; one transaction each."""
    engine = project_engine(project)
    ids = list(doc_ids)
    machine = project.machine_id()
    total = 0
    for done, doc_id in enumerate(ids, start=1):
        doc = docs_store.get(project, doc_id)
        if doc is None:
            continue
        spans = [to_span(c) for c in engine.run(doc.text, doc.meta)]
        with project.transaction():
            total += spans_store.replace_layer(
                project, doc_id, machine, spans, action="prehighlight"
            )
        if progress:
            progress(done, len(ids))
    return total
