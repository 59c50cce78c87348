"""Label schemas: the default one ships in resources/, projects keep their own copy."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Label, Schema
from .resources import resource_path

DEFAULT_SCHEMA = "gov-news-zh"


def schema_from_json(data: dict) -> Schema:
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
