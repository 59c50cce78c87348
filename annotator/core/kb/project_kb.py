"""The knowledge base inside a project file: seeded from the shipped KB, extended by users.

Agencies live in the ``agencies`` and ``agency_names`` tables (aliases and former names, in
the order given). The project has no column for ``established``; it is not kept there.
Every change a user merges in is one event of the append-only log, so history and undo
see knowledge-base edits like span edits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..store import events
from ..store.project import Project, now
from .knowledge import KnowledgeBase, default_kb
from .model import Agency, Alias, FormerName


@dataclass
class MergeReport:
    """Ids by outcome; ``problems`` says what was adjusted (e.g. a parent the KB lacks)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def seed_default(project: Project, kb: KnowledgeBase | None = None) -> int:
    """Copy the shipped KB into an empty project in one transaction; returns entries added.

    Entries already present are left alone, so seeding twice adds nothing.
    """
    kb = kb or default_kb()
    have = {row[0] for row in project.db.execute("SELECT id FROM agencies")}
    todo = [a for a in kb if a.id not in have]
    stamp = now()
    with project.transaction():
        conn = project.db.conn
        conn.executemany(_INSERT_AGENCY, [_agency_row(a, None, stamp) for a in todo])
        conn.executemany(_INSERT_NAME, [row for a in todo for row in _name_rows(a)])
        if todo:
            events.log(project.db, stamp, None, "kb.seed", after={"added": len(todo)})
    return len(todo)


def load(project: Project) -> KnowledgeBase:
    """The project's knowledge base, ready for the linker."""
    return KnowledgeBase(export(project))


def export(project: Project) -> list[Agency]:
    """Every agency of the project, sorted by id, names in their stored order."""
    names: dict[str, list[tuple]] = {}
    for row in project.db.execute(
        "SELECT agency_id, text, kind, scope, valid_from, valid_to FROM agency_names ORDER BY rowid"
    ):
        names.setdefault(row[0], []).append(row[1:])
    rows = project.db.execute(
        "SELECT id, name, level, region_code, region, type, parent, generated, source "
        "FROM agencies ORDER BY id"
    )
    return [_agency_from_row(row, names.get(row[0], [])) for row in rows]


def merge(
    project: Project, agencies: Iterable[Agency], annotator: str | None = None
) -> MergeReport:
    """Add new ids, replace changed ones, leave identical ones; all in one transaction."""
    who = project.annotator_id(annotator) if annotator else None
    incoming = {a.id: _storable(a) for a in agencies}
    current = {a.id: a for a in export(project)}
    report = MergeReport()
    stamp = now()
    with project.transaction():
        for agency in incoming.values():
            agency = _check_parent(agency, current, incoming, report)
            before = current.get(agency.id)
            if before == agency:
                report.unchanged.append(agency.id)
                continue
            _write(project, agency, who, stamp, replace_existing=before is not None)
            action = "agency.update" if before else "agency.add"
            old = before.to_json() if before else None
            events.log(project.db, stamp, who, action, before=old, after=agency.to_json())
            (report.updated if before else report.added).append(agency.id)
    return report


# -- rows ------------------------------------------------------------------------------------
_INSERT_AGENCY = (
    "INSERT INTO agencies(id, name, level, region_code, region, type, parent, generated, source, "
    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_NAME = (
    "INSERT OR IGNORE INTO agency_names(agency_id, text, kind, scope, valid_from, valid_to) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def _agency_row(a: Agency, who: int | None, stamp: str) -> tuple:
    return (a.id, a.name, a.level, a.region_code, a.region, a.type, a.parent,
            int(a.generated), a.source, who, stamp)  # fmt: skip


def _name_rows(a: Agency) -> list[tuple]:
    rows: list[tuple] = [(a.id, x.text, "alias", x.scope, None, None) for x in a.aliases]
    rows += [(a.id, f.name, "former", "global", f.from_, f.to) for f in a.former_names]
    return rows


def _agency_from_row(row: tuple, names: list[tuple]) -> Agency:
    agency_id, name, level, region_code, region, type_, parent, generated, source = row
    aliases = tuple(Alias(t, scope) for t, kind, scope, _f, _t in names if kind == "alias")
    former = tuple(FormerName(t, f, to) for t, kind, _s, f, to in names if kind == "former")
    return Agency(agency_id, name, level, region_code, region, type_, parent, aliases, former,
                  None, bool(generated), source)  # fmt: skip


def _storable(a: Agency) -> Agency:
    """What the tables can hold: no ``established``, each (text, kind) once."""
    aliases = tuple({x.text: x for x in reversed(a.aliases)}.values())[::-1]
    former = tuple({f.name: f for f in reversed(a.former_names)}.values())[::-1]
    return replace(a, established=None, aliases=aliases, former_names=former)


def _check_parent(
    a: Agency, current: dict[str, Any], incoming: dict[str, Any], report: MergeReport
) -> Agency:
    if a.parent and a.parent not in current and a.parent not in incoming:
        report.problems.append(f"{a.id}: parent {a.parent} is in neither the project nor the file")
        return replace(a, parent=None)
    return a


def _write(project: Project, a: Agency, who: int | None, stamp: str, replace_existing: bool):
    conn = project.db.conn
    if replace_existing:
        conn.execute(
            "UPDATE agencies SET name=?, level=?, region_code=?, region=?, type=?, parent=?, "
            "generated=?, source=? WHERE id=?",
            [a.name, a.level, a.region_code, a.region, a.type, a.parent, int(a.generated),
             a.source, a.id],
        )  # fmt: skip
        conn.execute("DELETE FROM agency_names WHERE agency_id = ?", [a.id])
    else:
        conn.execute(_INSERT_AGENCY, _agency_row(a, who, stamp))
    conn.executemany(_INSERT_NAME, _name_rows(a))
