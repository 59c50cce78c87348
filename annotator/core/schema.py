"""Label schemas: the default one ships in resources/, projects keep their own copy."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .model import ATTRIBUTE_KINDS, Attribute, Label, Schema
from .resources import resource_path

DEFAULT_SCHEMA = "gov-news-zh"


def attributes_from_json(items: list) -> tuple[Attribute, ...]:
    """A label's attributes; an unknown kind is an error naming it."""
    out = []
    for item in items:
        kind = item.get("type", "text")
        if kind not in ATTRIBUTE_KINDS:
            raise ValueError(f"attribute {item.get('name')!r}: type {kind!r} is not one of "
                             f"{', '.join(ATTRIBUTE_KINDS)}")
        out.append(Attribute(item["name"], kind, item.get("zh", item["name"]),
                             item.get("en", item["name"]), tuple(item.get("choices", ()))))
    return tuple(out)


@cache
def _shipped_attributes() -> dict[str, tuple[Attribute, ...]]:
    """The attributes of the shipped schema's labels, by label."""
    path = resource_path("schemas", f"{DEFAULT_SCHEMA}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {lab["name"]: attributes_from_json(lab.get("attributes", []))
            for lab in data["labels"]}


def schema_from_json(data: dict) -> Schema:
    """A schema from its JSON. A copy of the shipped schema stored in a project before labels
    had attributes takes them from the shipped one."""
    inherited = _shipped_attributes() if data.get("name") == DEFAULT_SCHEMA else {}
    labels = tuple(
        Label(
            name=lab["name"],
            zh=lab.get("zh", lab["name"]),
            en=lab.get("en", lab["name"]),
            color=lab.get("color", "#dddddd"),
            hotkey=lab.get("hotkey", ""),
            linkable=bool(lab.get("linkable", False)),
            description=lab.get("description", ""),
            description_zh=lab.get("description_zh", ""),
            attributes=(attributes_from_json(lab["attributes"]) if "attributes" in lab
                        else inherited.get(lab["name"], ())),
        )
        for lab in data["labels"]
    )
    return Schema(data["name"], int(data.get("version", 1)), labels, data.get("guidelines", ""))


def load_schema(path: Path | None = None) -> tuple[Schema, str]:
    """The schema and its JSON text (stored verbatim in the project)."""
    path = path or resource_path("schemas", f"{DEFAULT_SCHEMA}.json")
    body = path.read_text(encoding="utf-8")
    return schema_from_json(json.loads(body)), body


def guideline_text(schema: Schema) -> str:
    if not schema.guidelines:
        return ""
    path = resource_path("schemas", schema.guidelines)
    return path.read_text(encoding="utf-8") if path.exists() else ""
