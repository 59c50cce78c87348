"""The domain model shared by storage, import, export and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Origin(StrEnum):
    """Where a span of a layer comes from, as the store records it and files carry it: a
    machine candidate nobody has decided, one accepted as proposed, one a person changed,
    one a person made. Only the last three are human decisions."""

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    EDITED = "edited"
    MANUAL = "manual"


class DocStatus(StrEnum):
    """How far a document is, for the whole project: in this order."""

    SUGGESTED = "suggested"
    ANNOTATED = "annotated"
    REVIEWED = "reviewed"
    GOLD = "gold"


class AnnotatorStatus(StrEnum):
    """How far one person is on one document (no row at all reads as ``NEW``)."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Role(StrEnum):
    """Who owns a layer: the pre-highlighter, a person annotating, a person reviewing, or the
    adjudicated layer review writes."""

    MACHINE = "machine"
    ANNOTATOR = "annotator"
    REVIEWER = "reviewer"
    GOLD = "gold"


class Event(StrEnum):
    """The actions the event log records (``events.action``)."""

    IMPORT_DOCUMENT = "import_document"
    IMPORT_LAYER = "import_layer"
    PREHIGHLIGHT = "prehighlight"
    SET_STATUS = "set_status"
    SET_ANNOTATOR_STATUS = "set_annotator_status"
    ADD_SPAN = "add_span"
    UPDATE_SPAN = "update_span"
    DELETE_SPAN = "delete_span"
    REPLACE_LAYER = "replace_layer"
    SEED_LAYER = "seed_layer"
    REVIEW_START = "review_start"
    REVIEW_DECISION = "review_decision"
    KB_SEED = "kb.seed"
    AGENCY_ADD = "agency.add"
    AGENCY_UPDATE = "agency.update"
    TEAM_ASSIGN = "team.assign"
    TEAM_PACK = "team.pack"
    TEAM_PACKAGE = "team.package"
    TEAM_COLLECT = "team.collect"
    PROPOSAL_ADD = "proposal.add"
    PROPOSAL_ACCEPTED = "proposal.accepted"
    PROPOSAL_MERGED = "proposal.merged"
    PROPOSAL_REJECTED = "proposal.rejected"


ORIGINS = tuple(Origin)
UNDECIDED = Origin.SUGGESTED
DOC_STATUSES = tuple(DocStatus)
ANNOTATOR_STATUSES = tuple(AnnotatorStatus)
PEOPLE = (Role.ANNOTATOR, Role.REVIEWER)  # the roles whose layers are human work
META_FIELDS = ("title", "source", "date", "page", "url", "region", "file")

MACHINE = "machine"  # the layer that holds pre-highlighted candidates (its owner's name)
GOLD = "gold"  # the adjudicated layer (its owner's name)


ATTRIBUTE_KINDS = ("number", "text", "flag", "choice")


@dataclass(frozen=True)
class Attribute:
    """A field a label's spans carry (a figure's value, its unit), as the schema defines it."""

    name: str
    kind: str  # one of ATTRIBUTE_KINDS
    zh: str = ""
    en: str = ""
    choices: tuple[str, ...] = ()  # a "choice": the values it takes, the first the default


@dataclass(frozen=True)
class Label:
    name: str
    zh: str
    en: str
    color: str
    hotkey: str
    linkable: bool = False
    description: str = ""
    description_zh: str = ""  # the description for a Chinese interface, when the schema has it
    attributes: tuple[Attribute, ...] = ()  # the fields its spans carry, edited in the panel


@dataclass(frozen=True)
class Schema:
    name: str
    version: int
    labels: tuple[Label, ...]
    guidelines: str = ""

    @property
    def ref(self) -> str:
        """How exports name the schema: ``gov-news-zh@1``."""
        return f"{self.name}@{self.version}"

    def label(self, name: str) -> Label:
        for lab in self.labels:
            if lab.name == name:
                return lab
        raise KeyError(name)

    def names(self) -> list[str]:
        return [lab.name for lab in self.labels]


COMMENT_LIMIT = 500  # code points: a short note on a span, not a document of its own


@dataclass
class Span:
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)
    agency_id: str | None = None
    agency_name: str | None = None
    origin: str = Origin.MANUAL
    source: str | None = None
    score: float | None = None
    annotator: str | None = None
    id: int | None = None
    comment: str | None = None  # a person's short note on the span

    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


@dataclass
class Document:
    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = DocStatus.SUGGESTED
    raw_sha256: str | None = None

    @property
    def title(self) -> str:
        return self.meta.get("title") or ""


_PREFIX: dict[str, str] = {Role.ANNOTATOR: "ann", Role.REVIEWER: "reviewer"}


def layer_ref(name: str, role: str) -> str:
    """How files name a layer's owner: ``ann:wang``, ``reviewer:liu``, ``machine``, ``gold``."""
    prefix = _PREFIX.get(role)
    return f"{prefix}:{name}" if prefix else name


def parse_layer_ref(ref: str) -> tuple[str, str]:
    """``ann:wang`` → (wang, annotator); a bare name is an annotator."""
    if ref in (MACHINE, GOLD):
        return ref, ref
    for role, prefix in _PREFIX.items():
        if ref.startswith(prefix + ":"):
            return ref[len(prefix) + 1 :], role
    return ref, Role.ANNOTATOR
