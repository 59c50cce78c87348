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
from ..model import Event
from ..store import agencies as agencies_store
from ..store import annotators as annotators_store
from ..store import assignments as assignments_store
from ..store import events
from ..store import packages as packages_store
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
    packages_store.record_packed(master, package_id, annotator, batch, len(chosen))
    return PackReport(out, package_id, annotator, len(chosen), spans)


def _fill(master: Project, pkg: Project, chosen: Sequence[Assignment], annotator: str,
          package_id: str, batch: int | None) -> int:
    """Everything the package holds, in one transaction; returns the spans copied."""
    doc_ids = [a.doc_id for a in chosen]
    with pkg.transaction():
        packages_store.copy_schema(master, pkg)
        _copy_kb(master, pkg)
        packages_store.copy_documents(master, pkg, doc_ids)
        spans = _copy_layers(master, pkg, doc_ids, annotator)
        assignments_store.insert(pkg, [(a.annotator, a.batch, a.doc_id) for a in chosen])
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
        events.log(pkg.db, now(), None, Event.TEAM_PACKAGE, after=done)
        pkg.set_setting(PACKAGE_EVENTS_BASE, str(events.last_id(pkg.db)))
    pkg.schema = pkg._load_schema()
    return spans


def _copy_kb(master: Project, pkg: Project) -> None:
    """The package's knowledge base becomes exactly the master's."""
    entries = project_kb.export(master)
    keep = {a.id for a in entries}
    extra = [a.id for a in project_kb.export(pkg) if a.id not in keep]
    agencies_store.delete(pkg, extra)
    project_kb.merge(pkg, entries)  # the entries it lacks and the ones the master changed


def _copy_layers(master: Project, pkg: Project, doc_ids: Sequence[str], annotator: str) -> int:
    """The machine's candidates and, where they already started, the annotator's own layer."""
    machine = master.machine_id()
    mine = annotators_store.find(master, annotator)
    copied = 0
    for doc_id in doc_ids:
        layer = spans_store.layer(master, doc_id, machine)
        spans_store.replace_layer(pkg, doc_id, pkg.machine_id(), layer,
                                  action=Event.TEAM_PACKAGE)
        copied += len(layer)
        if mine is not None:
            copied += _copy_own(master, pkg, doc_id, mine, annotator)
    return copied


def _copy_own(master: Project, pkg: Project, doc_id: str, master_ann: int, annotator: str) -> int:
    row = packages_store.status_row(master, doc_id, master_ann)
    if row is None:
        return 0
    me = pkg.annotator_id(annotator)
    layer = spans_store.layer(master, doc_id, master_ann)
    spans_store.replace_layer(pkg, doc_id, me, layer, action=Event.TEAM_PACKAGE)
    packages_store.put_status_row(pkg, doc_id, me, row)
    return len(layer)


def _copy_settings(master: Project, pkg: Project) -> None:
    """The master's own settings (e.g. its default region), not its identity."""
    for key, value in packages_store.settings(master):
        if key not in _OWN_SETTINGS:
            pkg.set_setting(key, value)
