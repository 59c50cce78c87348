"""The knowledge base of a project: the shipped base, and the project's own entries over it.

Agencies live in the ``agencies`` and ``agency_names`` tables (aliases and former names, in
the order given). The project has no column for ``established``; it is not kept there.
Every change a user merges in is one event of the append-only log, so history and undo
see knowledge-base edits like span edits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..store import agencies as agencies_store
from ..store import events
from ..store.project import Project, now
from .base import Base, default_base
from .knowledge import COMPOSED_PREFIX, KnowledgeBase, composed_agency
from .model import Agency, Alias, FormerName


@dataclass
class MergeReport:
    """Ids by outcome; ``problems`` says what was adjusted (e.g. a parent the KB lacks)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def load(project: Project) -> KnowledgeBase:
    """The project's knowledge base: the shipped base read in place, with the project's own
    entries (additions, corrections, accepted proposals) over it. Records which base it
    was (version and sha256) in a writable project whose record differs."""
    base = default_base()
    record_base(project, base)
    return KnowledgeBase(export(project), base=base)


def record_base(project: Project, base: Base | None = None) -> None:
    """Keep the base's version and sha256 in the project's settings (``kb_base``)."""
    stamp = (base or default_base()).stamp()
    value = json.dumps({"version": stamp.version, "sha256": stamp.sha256})
    if not project.readonly and project.setting("kb_base") != value:
        project.set_setting("kb_base", value)


def entry(project: Project, agency_id: str) -> Agency | None:
    """One entry as the project sees it: its own record, else the base's."""
    own = next((a for a in export(project) if a.id == agency_id), None)
    return own if own is not None else default_base().get(agency_id)


def export(project: Project) -> list[Agency]:
    """The project's own agencies (its overlay on the base), sorted by id, names in their
    stored order, with the composed entries (named by structure, see the linker) its spans
    link to. A project made before the base was read in place holds a copy of the old
    shipped knowledge base here; those entries simply override the base's."""
    names = agencies_store.names_by_agency(project)
    rows = agencies_store.entry_rows(project)
    own = [_agency_from_row(row, names.get(row[0], [])) for row in rows
           if not _stub_of_base(row[0], row[8])]
    have = {a.id for a in own}
    composed = [composed_agency(i) for i in sorted(_references(project))
                if i.startswith(COMPOSED_PREFIX) and i not in have]  # linked: accepted
    return sorted([*own, *(a for a in composed if a is not None)], key=lambda a: a.id)


def _in_base(agency_id: str) -> Agency | None:
    found = default_base().get(agency_id)
    return _storable(found) if found is not None else None


def _references(project: Project) -> set[str]:
    """Ids the project holds only to keep its links whole: references to the base (see
    migration 0006), and the rows a link to a base entry made when its spans were stored
    (``source = 'imported'``: an id and a name, which the base's own entry supersedes)."""
    rows = agencies_store.link_rows(project)
    return {i for i, source in rows if source == "base" or _stub_of_base(i, source)}


def _stub_of_base(agency_id: str, source: str | None) -> bool:
    return source == "imported" and default_base().get(agency_id) is not None


def merge(
    project: Project, agencies: Iterable[Agency], annotator: str | None = None
) -> MergeReport:
    """Add new ids, replace changed ones, leave identical ones; all in one transaction.

    An entry the base holds is compared with the base's record: the project keeps it only
    when it differs (a correction), and that counts as an update."""
    who = project.annotator_id(annotator) if annotator else None
    incoming = {a.id: _storable(a) for a in agencies}
    current = {a.id: a for a in export(project)}
    references = _references(project)
    report = MergeReport()
    stamp = now()
    with project.transaction():
        for agency in incoming.values():
            agency = _check_parent(agency, current, incoming, report)
            before = current.get(agency.id) or _in_base(agency.id)
            if before == agency:  # the base's own entry: nothing for the project to keep
                report.unchanged.append(agency.id)
                continue
            exists = agency.id in current or agency.id in references
            _write(project, agency, who, stamp, replace_existing=exists)
            action = "agency.update" if before else "agency.add"
            old = before.to_json() if before else None
            events.log(project.db, stamp, who, action, before=old, after=agency.to_json())
            (report.updated if before else report.added).append(agency.id)
    return report


# -- rows ------------------------------------------------------------------------------------
def _agency_row(a: Agency) -> tuple:
    return (a.id, a.name, a.level, a.region_code, a.region, a.type, a.parent,
            int(a.generated), a.source)  # fmt: skip


def _name_rows(a: Agency) -> list[tuple]:
    rows: list[tuple] = [(x.text, "alias", x.scope, None, None) for x in a.aliases]
    rows += [(f.name, "former", "global", f.from_, f.to) for f in a.former_names]
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
    if (a.parent and a.parent not in current and a.parent not in incoming
            and default_base().get(a.parent) is None):
        report.problems.append(f"{a.id}: parent {a.parent} is in neither the project nor the file")
        return replace(a, parent=None)
    return a


def _write(project: Project, a: Agency, who: int | None, stamp: str, replace_existing: bool):
    agencies_store.write(project, _agency_row(a), _name_rows(a), who, stamp, replace_existing)
