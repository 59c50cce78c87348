"""The domain model shared by storage, import, export and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Where a span of a layer comes from, as the store records it and files carry it:
# a machine candidate nobody has decided, one accepted as proposed, one a person changed,
# one a person made. Only the last three are human decisions.
ORIGINS = ("suggested", "accepted", "edited", "manual")
UNDECIDED = ORIGINS[0]
DOC_STATUSES = ("suggested", "annotated", "reviewed", "gold")
META_FIELDS = ("title", "source", "date", "page", "url", "region", "file")

MACHINE = "machine"  # the layer that holds pre-highlighted candidates
GOLD = "gold"  # the adjudicated layer


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


@dataclass
class Span:
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)
    agency_id: str | None = None
    agency_name: str | None = None
    origin: str = "manual"
    source: str | None = None
    score: float | None = None
    annotator: str | None = None
    id: int | None = None

    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


@dataclass
class Document:
    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = "suggested"
    raw_sha256: str | None = None

    @property
    def title(self) -> str:
        return self.meta.get("title") or ""


_PREFIX = {"annotator": "ann", "reviewer": "reviewer"}


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
    return ref, "annotator"
