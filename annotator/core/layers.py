"""Whose layer counts, decided once for review, export, agreement, dashboards and team work.

A project holds one layer per owner: the machine's candidates, each person's work
(annotators and reviewers), and gold, the adjudicated layer. What counts as people's work
is not simply "a layer of a person":

- gold holds copies of people's spans, so counting it beside them counts them twice;
- a candidate still undecided in a person's layer is nobody's view;
- a reviewer who opened a document to review it gets a status row (and a seeded layer)
  there without having annotated it: their part was reviewing only.

Each function below answers one of these questions; the modules that need an answer ask
here instead of filtering roles, origins or events themselves.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from .model import GOLD, PEOPLE, UNDECIDED, DocStatus, Event, Role, Span
from .store import Project, events
from .store import annotators as annotators_store
from .store import spans as spans_store

# Review actions; opening a document seeds the opener's layer with candidates, and a
# document's own status is anyone's to set: none of them is annotating it.
REVIEW_ACTIONS = (Event.REVIEW_START, Event.REVIEW_DECISION)
_NOT_WORK = (*REVIEW_ACTIONS, Event.SEED_LAYER, Event.SET_STATUS)
_NOT_ANY = (Event.SEED_LAYER, Event.SET_STATUS)

# how a line lists the people of a document: reviewers first, then annotators, by name
_PEOPLE_ORDER = {Role.REVIEWER: 0, Role.ANNOTATOR: 1}


def is_person(role: str | None) -> bool:
    """A layer of people's own work (not the machine's, not gold)."""
    return role in PEOPLE


def people_order(role: str, name: str) -> tuple[int, str]:
    """The sort key of a person in a list of a document's people."""
    return _PEOPLE_ORDER[Role(role)], name


def counts_as_decision(span: Span) -> bool:
    """A span of a person's layer that is their decision, not a candidate left alone."""
    return span.origin != UNDECIDED


def people(project: Project) -> list[tuple[int, str]]:
    """(id, name) of every person's layer, by name: the layers compared and exported."""
    return annotators_store.with_roles(project, PEOPLE)


def person_names(project: Project) -> list[str]:
    """The layers an export can be asked for by name: people."""
    return [name for _id, name in people(project)]


def annotator_names(project: Project) -> list[str]:
    """Names of the annotators (not reviewers) the project knows, sorted."""
    return [name for _id, name in annotators_store.with_roles(project, [Role.ANNOTATOR])]


def reviewing_only(project: Project, doc_id: str | None = None,
                   reviewer: int | None = None) -> set[tuple[str, int]]:
    """(document, person) where the person's only part was reviewing it, not annotating.

    Review writes a status row (and the workbench seeds a layer) for the reviewer; neither
    makes them one of the document's annotators. Work logged before their first review
    of the document does. ``reviewer`` is about to review ``doc_id``.
    """
    found = events.reviewed_without_work(project.db, REVIEW_ACTIONS, _NOT_WORK, doc_id)
    if reviewer is not None and doc_id is not None and not events.any_besides(
            project.db, doc_id, reviewer, _NOT_ANY):
        found.add((doc_id, reviewer))
    return found


def document_layers(project: Project, doc_id: str,
                    reviewer: int | None = None) -> dict[str, list[Span]]:
    """The people's layers of a document to adjudicate, by name: not the machine's, not
    gold, not of those who only reviewed it (``reviewer`` is about to).

    A person who worked on the document (a status row) has a layer even when it is empty:
    having rejected every candidate is a view to adjudicate, not an absence. A candidate
    still undecided in a layer is nobody's view: it is left out, so two people who both
    left it alone never "agree" it into gold.
    """
    owners = annotators_store.with_work_in(project, doc_id, PEOPLE)
    skip = {who for _, who in reviewing_only(project, doc_id, reviewer)}
    spans = spans_store.layers(project, doc_id)
    return {name: [s for s in spans.get(name, []) if counts_as_decision(s)]
            for who, name in owners if who not in skip}


def line_layer(
    status: str,
    layers: Iterable[int],
    roles: Mapping[int, str],
    wanted: int | None = None,
    worked_on: Collection[int] = (),
) -> int | None:
    """The layer an exported line of a document carries: the one asked for, else gold, a
    single person's, or the machine's.

    ``layers``: the owners with spans in the document; ``worked_on``: those with a status
    row there. Returns 0 for "no spans" and None to leave the document out (the layer
    asked for has no part in it).
    """
    layers = list(layers)
    if wanted is not None:
        return wanted if wanted in layers or wanted in worked_on else None
    by_role: dict[str, list[int]] = {}
    for ann in layers:
        by_role.setdefault(roles[ann], []).append(ann)
    if status in (DocStatus.REVIEWED, DocStatus.GOLD) or Role.GOLD in by_role:
        return by_role.get(Role.GOLD, [0])[0]
    humans = by_role.get(Role.ANNOTATOR, []) + by_role.get(Role.REVIEWER, [])
    if len(humans) == 1:
        return humans[0]
    return by_role.get(Role.MACHINE, [0])[0]


def layer_by_name(project: Project, ref: str) -> int | None:
    """The layer a selection names: ``ann:wang`` or ``wang`` (None when there is none)."""
    return annotators_store.find(project, ref.split(":")[-1])


def gold_layer(project: Project) -> int | None:
    return annotators_store.find(project, GOLD)

