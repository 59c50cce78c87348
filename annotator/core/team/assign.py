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

from ..store import documents as docs_store
from ..store import events, fulltext
from ..store.project import Project, now
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
    ordered = [
        r[0]
        for r in project.db.execute(
            "SELECT id FROM documents WHERE ? IS NULL OR status = ? ORDER BY seq",
            [flt.status, flt.status],
        )
    ]
    keep = set(ordered)
    if flt.ids is not None:
        keep &= set(flt.ids)
    if flt.label:
        everyone = [r[0] for r in project.db.execute("SELECT id FROM annotators")]
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
    taken = {r[0] for r in project.db.execute("SELECT DISTINCT doc_id FROM assignments")}
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
    stamp = now()
    with project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO assignments(doc_id, annotator, batch, created_at) VALUES (?, ?, ?, ?)",
            [(a.doc_id, a.annotator, a.batch, stamp) for a in report.assignments],
        )
        counts = {n: len(v) for n, v in report.by_annotator().items()}
        events.log(db, stamp, None, "team.assign",
                   after={"documents": counts, "double": report.double,
                          "seed": seed})  # fmt: skip
    return report


def assignments(
    project: Project, annotator: str | None = None, batch: int | None = None
) -> list[Assignment]:
    """Stored assignments (of one annotator, one batch), in batch then import order."""
    rows = project.db.execute(
        "SELECT a.annotator, a.batch, a.doc_id FROM assignments a "
        "JOIN documents d ON d.id = a.doc_id "
        "WHERE (? IS NULL OR a.annotator = ?) AND (? IS NULL OR a.batch = ?) "
        "ORDER BY a.annotator, a.batch, d.seq",
        [annotator, annotator, batch, batch],
    )
    return [Assignment(*r) for r in rows]


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
    load = dict.fromkeys(names, 0)
    for name, n in project.db.execute(
        "SELECT annotator, COUNT(*) FROM assignments GROUP BY annotator"
    ):
        if name in load:
            load[name] = n
    return load


def _next_batch(project: Project, annotator: str) -> int:
    row = project.db.execute(
        "SELECT COALESCE(MAX(batch), 0) FROM assignments WHERE annotator = ?", [annotator]
    ).fetchone()
    return row[0] + 1
