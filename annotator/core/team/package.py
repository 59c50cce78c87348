"""Packing an annotator's documents into a project file they open in the app, offline.

A package is an ordinary project file (``Project.create``: same tables, same migrations),
best named ``*.annot`` so the app opens it like any project, e.g. ``wang-batch1.annot``. It
holds only that annotator's assigned documents with their metadata, raw-offset maps and
machine candidates (and their own layer, when they already worked on a document), the
master's schema and whole knowledge base, the assignment, and settings naming the master
project, the package and the annotator. It is built under a temporary name and renamed
into place only when complete.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import check_target, clean_stale, temporary_name
from ..kb import project_kb
from ..store import events
from ..store import spans as spans_store
from ..store.project import Project, now
from . import (
    MASTER_ID,
    PACKAGE_ANNOTATOR,
    PACKAGE_BATCH,
    PACKAGE_CREATED_AT,
    PACKAGE_EVENTS_BASE,
    PACKAGE_ID,
    TeamError,
    project_id,
)
from .assign import Assignment, assignments

_OWN_SETTINGS = {"project_id", "schema", "created_at"}  # each file keeps its own


@dataclass(frozen=True)
class PackageInfo:
    """What a package says about itself."""

    package_id: str
    master_id: str
    annotator: str
    batch: int | None
    created_at: str | None
    events_base: int


@dataclass(frozen=True)
class PackReport:
    path: Path
    package_id: str
    annotator: str
    documents: int
    spans: int


def package_info(project: Project) -> PackageInfo | None:
    """The package settings of a project file; None for a master project."""
    package_id = project.setting(PACKAGE_ID)
    if not package_id:
        return None
    batch = project.setting(PACKAGE_BATCH)
    return PackageInfo(
        package_id,
        project.setting(MASTER_ID) or "",
        project.setting(PACKAGE_ANNOTATOR) or "",
        int(batch) if batch else None,
        project.setting(PACKAGE_CREATED_AT),
        int(project.setting(PACKAGE_EVENTS_BASE) or 0),
    )


def pack(
    master: Project,
    annotator: str,
    out: str | Path,
    batch: int | None = None,
    overwrite: bool = False,
) -> PackReport:
    """Write ``annotator``'s assigned documents (one batch, or all) to a new package file."""
    out = Path(out)
    if package_info(master) is not None:
        raise TeamError(f"{master.path} is itself a package; pack from the master project")
    chosen = assignments(master, annotator, batch)
    if not chosen:
        which = f" in batch {batch}" if batch is not None else ""
        raise TeamError(f"no documents are assigned to {annotator}{which}; run assign first")
    if out.exists() and not overwrite:
        raise TeamError(f"{out} already exists; choose another name or overwrite it")
    check_target(out)
    package_id = uuid.uuid4().hex
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(out.parent)
    tmp = temporary_name(out)
    try:
        with Project.create(tmp) as pkg:
            spans = _fill(master, pkg, chosen, annotator, package_id, batch)
        check_target(out)  # a project made there meanwhile is not replaced either
        os.replace(tmp, out)
    finally:
        for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-wal", "-shm", ".lock"))):
            leftover.unlink(missing_ok=True)
    _record(master, package_id, annotator, batch, len(chosen))
    return PackReport(out, package_id, annotator, len(chosen), spans)


def _fill(master: Project, pkg: Project, chosen: Sequence[Assignment], annotator: str,
          package_id: str, batch: int | None) -> int:
    """Everything the package holds, in one transaction; returns the spans copied."""
    doc_ids = [a.doc_id for a in chosen]
    with pkg.transaction():
        _copy_schema(master, pkg)
        _copy_kb(master, pkg)
        _copy_documents(master, pkg, doc_ids)
        spans = _copy_layers(master, pkg, doc_ids, annotator)
        pkg.db.conn.executemany(
            "INSERT INTO assignments(doc_id, annotator, batch, created_at) VALUES (?, ?, ?, ?)",
            [(a.doc_id, a.annotator, a.batch, now()) for a in chosen],
        )
        _copy_settings(master, pkg)
        settings = {
            MASTER_ID: project_id(master),
            PACKAGE_ID: package_id,
            PACKAGE_ANNOTATOR: annotator,
            PACKAGE_CREATED_AT: now(),
        }
        if batch is not None:
            settings[PACKAGE_BATCH] = str(batch)
        for key, value in settings.items():
            pkg.set_setting(key, value)
        done = {**settings, "documents": len(doc_ids)}
        events.log(pkg.db, now(), None, "team.package", after=done)
        base = pkg.db.execute("SELECT MAX(id) FROM events").fetchone()[0]
        pkg.set_setting(PACKAGE_EVENTS_BASE, str(base))
    pkg.schema = pkg._load_schema()
    return spans


def _copy_schema(master: Project, pkg: Project) -> None:
    name = master.setting("schema")
    row = master.db.execute(
        "SELECT name, version, body FROM schemas WHERE name = ?", [name]
    ).fetchone()
    if row is None:
        return  # the master uses the default schema, which the package was created with
    pkg.db.execute("DELETE FROM schemas")
    pkg.db.execute("INSERT INTO schemas(name, version, body) VALUES (?, ?, ?)", list(row))
    pkg.set_setting("schema", row[0])


def _copy_kb(master: Project, pkg: Project) -> None:
    """The package's knowledge base becomes exactly the master's."""
    entries = project_kb.export(master)
    keep = {a.id for a in entries}
    extra = [a.id for a in project_kb.export(pkg) if a.id not in keep]
    pkg.db.conn.executemany("DELETE FROM agencies WHERE id = ?", [(i,) for i in extra])
    project_kb.merge(pkg, entries)  # the entries it lacks and the ones the master changed


def _copy_documents(master: Project, pkg: Project, doc_ids: Sequence[str]) -> None:
    """Document rows as they are (every column: text, metadata, offset map, status)."""
    for at in range(0, len(doc_ids), 500):  # within SQLite's limit on parameters
        chunk = list(doc_ids[at : at + 500])
        marks = ", ".join("?" * len(chunk))
        cur = master.db.execute(f"SELECT * FROM documents WHERE id IN ({marks})", chunk)
        cols = [c[0] for c in cur.description]
        rows = [dict(zip(cols, r), fts_indexed=0) for r in cur.fetchall()]  # indexed there
        names = ", ".join(f'"{c}"' for c in cols)
        pkg.db.conn.executemany(
            f"INSERT INTO documents({names}) VALUES ({', '.join('?' * len(cols))})",
            [[row[c] for c in cols] for row in rows],
        )


def _copy_layers(master: Project, pkg: Project, doc_ids: Sequence[str], annotator: str) -> int:
    """The machine's candidates and, where they already started, the annotator's own layer."""
    machine = master.machine_id()
    mine = master.db.execute("SELECT id FROM annotators WHERE name = ?", [annotator]).fetchone()
    copied = 0
    for doc_id in doc_ids:
        layer = spans_store.layer(master, doc_id, machine)
        spans_store.replace_layer(pkg, doc_id, pkg.machine_id(), layer, action="team.package")
        copied += len(layer)
        if mine:
            copied += _copy_own(master, pkg, doc_id, mine[0], annotator)
    return copied


def _copy_own(master: Project, pkg: Project, doc_id: str, master_ann: int, annotator: str) -> int:
    row = master.db.execute(
        "SELECT status, updated_at, candidates FROM doc_status "
        "WHERE doc_id = ? AND annotator_id = ?",
        [doc_id, master_ann],
    ).fetchone()
    if row is None:
        return 0
    me = pkg.annotator_id(annotator)
    layer = spans_store.layer(master, doc_id, master_ann)
    spans_store.replace_layer(pkg, doc_id, me, layer, action="team.package")
    pkg.db.execute(
        "INSERT INTO doc_status(doc_id, annotator_id, status, updated_at, candidates) "
        "VALUES (?, ?, ?, ?, ?)",
        [doc_id, me, *row],
    )
    return len(layer)


def _copy_settings(master: Project, pkg: Project) -> None:
    """The master's own settings (e.g. its default region), not its identity."""
    for key, value in master.db.execute("SELECT key, value FROM project").fetchall():
        if key not in _OWN_SETTINGS:
            pkg.set_setting(key, value)


def _record(master: Project, package_id: str, annotator: str, batch: int | None, docs: int):
    with master.transaction() as db:
        stamp = now()
        db.execute(
            "INSERT INTO team_packages(package_id, annotator, batch, documents, packed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [package_id, annotator, batch, docs, stamp],
        )
        done = {"package": package_id, "annotator": annotator, "batch": batch, "documents": docs}
        events.log(db, stamp, None, "team.pack", after=done)
