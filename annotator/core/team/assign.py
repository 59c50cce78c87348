"""Which annotator works on which document: deterministic, balanced, in batches.

The same project, documents and options always give the same assignment: documents are
ordered and the double-annotated share chosen by hashes seeded with the project id (and a
seed of the lead's choosing, for another draw that is as repeatable), and
each document goes to the least-loaded annotators (ties broken by hash). Documents that
already have an annotator are left alone, so running ``assign`` again only places new ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..store import annotators as annotators_store
from ..store import assignments as assignments_store
from ..store import documents as docs_store
from ..store import fulltext
from ..store.project import Project
from . import TeamError, project_id, stable_hash


@dataclass(frozen=True)
class DocFilter:
    """Documents to assign; every given criterion must hold."""

    status: str | None = None
    label: str | None = None  # a span of this label in any layer
    ids: tuple[str, ...] | None = None
    query: str | None = None  # full-text search over titles and texts


@dataclass(frozen=True, order=True)
class Assignment:
    annotator: str
    batch: int
    doc_id: str


@dataclass
class AssignReport:
    assignments: list[Assignment] = field(default_factory=list)
    skipped: int = 0  # selected documents that already had an annotator
    double: int = 0  # documents given to more than one annotator

    def by_annotator(self) -> dict[str, list[Assignment]]:
        out: dict[str, list[Assignment]] = {}
        for a in self.assignments:
            out.setdefault(a.annotator, []).append(a)
        return out


def select_documents(project: Project, flt: DocFilter) -> list[str]:
    """Ids of the documents matching the filter, in import order."""
    ordered = list(docs_store.ids(project, flt.status))
    keep = set(ordered)
    if flt.ids is not None:
        keep &= set(flt.ids)
    if flt.label:
        everyone = annotators_store.ids(project)
        keep &= docs_store.with_label(project, flt.label, everyone) if everyone else set()
    if flt.query:
        keep &= set(fulltext.search(project, flt.query, limit=1 << 30))
    return [d for d in ordered if d in keep]


def plan(
    project: Project,
    doc_ids: Sequence[str],
    annotators: Iterable[str],
    overlap: float = 0.0,
    k: int = 2,
    batch_size: int | None = None,
    seed: int = 0,
) -> AssignReport:
    """The assignment of the not yet assigned ``doc_ids``, computed without writing it."""
    names = _names(annotators)
    _check(names, overlap, k, batch_size)
    key = project_id(project) if not seed else f"{project_id(project)}:{seed}"
    taken = assignments_store.assigned_documents(project)
    todo = [d for d in dict.fromkeys(doc_ids) if d not in taken]
    report = AssignReport(skipped=len(set(doc_ids)) - len(todo))
    doubles = _double_share(key, todo, overlap)
    report.double = len(doubles)
    load = _current_load(project, names)
    chosen: dict[str, list[str]] = {n: [] for n in names}
    for doc_id in sorted(todo, key=lambda d: (stable_hash(key, "order", d), d)):
        need = k if doc_id in doubles else 1
        for name in sorted(names, key=lambda n: (load[n], stable_hash(key, doc_id, n), n))[:need]:
            load[name] += 1
            chosen[name].append(doc_id)
    position = {d: i for i, d in enumerate(todo)}
    for name in names:
        first = _next_batch(project, name)
        docs = sorted(chosen[name], key=position.__getitem__)
        size = batch_size or max(len(docs), 1)
        report.assignments += [
            Assignment(name, first + i // size, d) for i, d in enumerate(docs)
        ]
    return report


def assign(
    project: Project,
    annotators: Iterable[str],
    flt: DocFilter | None = None,
    overlap: float = 0.0,
    k: int = 2,
    batch_size: int | None = None,
    seed: int = 0,
    dry_run: bool = False,
) -> AssignReport:
    """Assign the matching documents and store the result in one transaction."""
    doc_ids = select_documents(project, flt or DocFilter())
    report = plan(project, doc_ids, annotators, overlap, k, batch_size, seed)
    if dry_run or not report.assignments:
        return report
    counts = {n: len(v) for n, v in report.by_annotator().items()}
    rows = [(a.annotator, a.batch, a.doc_id) for a in report.assignments]
    assignments_store.store(project, rows,
                            {"documents": counts, "double": report.double, "seed": seed})
    return report


def assignments(
    project: Project, annotator: str | None = None, batch: int | None = None
) -> list[Assignment]:
    """Stored assignments (of one annotator, one batch), in batch then import order."""
    return [Assignment(*r) for r in assignments_store.listing(project, annotator, batch)]


def _names(annotators: Iterable[str]) -> list[str]:
    """Names sorted and without repeats: the order they are given in does not matter."""
    return sorted({n.strip() for n in annotators if n and n.strip()})


def _check(names: list[str], overlap: float, k: int, batch_size: int | None) -> None:
    if not names:
        raise TeamError("name at least one annotator")
    if not 0.0 <= overlap <= 1.0:
        raise TeamError(f"the double-annotated share must be between 0 and 1, not {overlap}")
    if overlap > 0 and not 2 <= k <= len(names):
        raise TeamError(
            f"double annotation needs 2 ≤ k ≤ the number of annotators ({len(names)}), not {k}"
        )
    if batch_size is not None and batch_size < 1:
        raise TeamError(f"a batch holds at least one document, not {batch_size}")


def _double_share(seed: str, doc_ids: list[str], overlap: float) -> set[str]:
    """The documents annotated twice: the ``overlap`` share lowest by hash."""
    count = round(len(doc_ids) * overlap)
    ranked = sorted(doc_ids, key=lambda d: (stable_hash(seed, "overlap", d), d))
    return set(ranked[:count])


def _current_load(project: Project, names: list[str]) -> dict[str, int]:
    """Documents each annotator already has: new work evens out the totals."""
    have = assignments_store.load(project)
    return {name: have.get(name, 0) for name in names}


def _next_batch(project: Project, annotator: str) -> int:
    return assignments_store.last_batch(project, annotator) + 1
