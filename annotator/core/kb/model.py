"""Canonical agencies: the records of the knowledge base, independent of how they are stored."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

SCOPES = ("global", "local")
LEVELS = ("central", "provincial", "municipal", "county", "township", "community")


@dataclass(frozen=True, slots=True)
class Link:
    """A knowledge-base entry an AGENCY candidate may refer to, with the linker's confidence."""

    agency_id: str
    name: str
    score: float  # 0..1
    level: str | None = None
    region: str | None = None


@dataclass(frozen=True, slots=True)
class Alias:
    """A name of an agency; ``local`` names resolve only inside the agency's own jurisdiction."""

    text: str
    scope: str = "global"


@dataclass(frozen=True, slots=True)
class FormerName:
    """A name the body used to carry, with the years it was valid when known."""

    name: str
    from_: int | None = None
    to: int | None = None


@dataclass(frozen=True, slots=True)
class Agency:
    """One canonical public-authority body (see resources/kb/PROVENANCE.md for conventions)."""

    id: str
    name: str
    level: str | None = None
    region_code: str | None = None
    region: str | None = None
    type: str | None = None
    parent: str | None = None
    aliases: tuple[Alias, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    established: int | None = None
    generated: bool = False
    source: str | None = None

    def names(self) -> Iterator[tuple[str, str]]:
        """Every name with its kind: the canonical name, aliases by scope, former names."""
        yield self.name, "global"
        for alias in self.aliases:
            if alias.text != self.name:
                yield alias.text, alias.scope
        for former in self.former_names:
            yield former.name, "former"

    def to_json(self) -> dict[str, Any]:
        """The JSONL record, keys in the order of the shipped file."""
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "level": self.level,
            "region_code": self.region_code,
            "region": self.region,
            "type": self.type,
            "parent": self.parent,
            "aliases": [{"text": a.text, "scope": a.scope} for a in self.aliases],
            "former_names": [_former_json(f) for f in self.former_names],
        }
        if self.established is not None:
            out["established"] = self.established
        out["generated"] = self.generated
        out["source"] = self.source
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Agency:
        """Validate one record; raises ``ValueError`` naming the bad field."""
        if not isinstance(obj, Mapping):
            raise ValueError("an agency must be a JSON object")
        agency_id, name = obj.get("id"), obj.get("name")
        if not isinstance(agency_id, str) or not agency_id.strip():
            raise ValueError("missing or empty 'id'")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{agency_id}: missing or empty 'name'")
        return cls(
            id=agency_id.strip(),
            name=name.strip(),
            level=_opt_str(obj, "level"),
            region_code=_opt_str(obj, "region_code"),
            region=_opt_str(obj, "region"),
            type=_opt_str(obj, "type"),
            parent=_opt_str(obj, "parent"),
            aliases=tuple(_alias(a) for a in obj.get("aliases") or ()),
            former_names=tuple(_former(f) for f in obj.get("former_names") or ()),
            established=_opt_year(obj.get("established"), "established"),
            generated=bool(obj.get("generated", False)),
            source=_opt_str(obj, "source"),
        )


def _opt_str(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value.strip() or None


def _opt_year(value: Any, key: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"'{key}' must be a year, not {value!r}") from None


def _alias(obj: Any) -> Alias:
    if isinstance(obj, str):
        return Alias(obj)
    if not isinstance(obj, Mapping) or not isinstance(obj.get("text"), str) or not obj["text"]:
        raise ValueError(f"bad alias {obj!r}: needs a non-empty 'text'")
    scope = obj.get("scope") or "global"
    if scope not in SCOPES:
        raise ValueError(f"alias {obj['text']!r}: scope must be global or local, not {scope!r}")
    return Alias(obj["text"].strip(), scope)


def _former(obj: Any) -> FormerName:
    if isinstance(obj, str):
        return FormerName(obj)
    if not isinstance(obj, Mapping) or not isinstance(obj.get("name"), str) or not obj["name"]:
        raise ValueError(f"bad former name {obj!r}: needs a non-empty 'name'")
    return FormerName(
        obj["name"].strip(), _opt_year(obj.get("from"), "from"), _opt_year(obj.get("to"), "to")
    )


def _former_json(former: FormerName) -> dict[str, Any]:
    out: dict[str, Any] = {"name": former.name}
    if former.from_ is not None:
        out["from"] = former.from_
    if former.to is not None:
        out["to"] = former.to
    return out
