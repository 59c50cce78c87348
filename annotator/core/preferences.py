"""The user's preferences: one readable JSON file in the user's configuration folder.

Preferences are a convenience, never a reason to fail: a file that cannot be read or parsed
is set aside as ``preferences.json.bad`` (so it can be inspected) and defaults are used, and
a file that cannot be written only costs the remembered state.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from .atomic import atomic_text
from .demo import APP_NAME

FILE_NAME = "preferences.json"
FORMAT_VERSION = 1
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
MAX_RECENT = 10
TEXT_ZOOM = (-4, 12)  # steps of one point below and above the default text size

log = logging.getLogger(__name__)


def config_dir() -> Path:
    """Looked up on every call, so a changed ``XDG_CONFIG_HOME`` is honoured."""
    return user_config_path(APP_NAME, appauthor=False)


def preferences_path() -> Path:
    return config_dir() / FILE_NAME


@dataclass(frozen=True)
class Position:
    """Where the user was in a project: a document and a code-point offset in its text."""

    doc_id: str
    cursor: int = 0


@dataclass
class Preferences:
    annotator: str = ""
    language: str = DEFAULT_LANGUAGE
    text_zoom: int = 0
    show_gold: bool = False  # the main window shows documents' gold layer, read only
    last_project: Path | None = None
    recent: list[Path] = field(default_factory=list)
    positions: dict[Path, Position] = field(default_factory=dict)
    path: Path | None = field(default=None, compare=False, repr=False)

    # -- loading and saving ----------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        """The stored preferences, or defaults when there are none or they are unusable."""
        path = path or preferences_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("the top level is not an object")
        except FileNotFoundError:
            return cls(path=path)
        except (OSError, ValueError) as exc:  # JSONDecodeError and UnicodeError are ValueErrors
            _set_aside(path, exc)
            return cls(path=path)
        prefs = _from_json(data)
        prefs.path = path
        prefs._drop_missing()
        return prefs

    def save(self, path: Path | None = None) -> bool:
        """Write atomically (temporary file, then replace); False when it could not be done."""
        path = path or self.path or preferences_path()
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        try:
            _write(path, text)
        except OSError as exc:
            log.warning("preferences not saved to %s: %s", path, exc)
            return False
        return True

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "annotator": self.annotator,
            "language": self.language,
            "text_zoom": self.text_zoom,
            "show_gold": self.show_gold,
            "last_project": str(self.last_project) if self.last_project else None,
            "recent_projects": [str(p) for p in self.recent],
            "projects": {
                str(p): {"document": pos.doc_id, "cursor": pos.cursor}
                for p, pos in self.positions.items()
            },
        }

    # -- projects --------------------------------------------------------------------------
    def opened(self, project_path: str | Path) -> None:
        """A project was opened: it becomes the last project and heads the recent list."""
        key = _key(project_path)
        self.last_project = key
        self.recent = [key, *(p for p in self.recent if p != key)]
        self._drop_missing()

    def recent_projects(self) -> list[Path]:
        """Most recent first; files that have gone since are left out."""
        return [p for p in self.recent if p.is_file()]

    def forget_recent(self) -> None:
        self.recent = []
        self._prune_positions()

    def remember_position(self, project_path: str | Path, doc_id: str, cursor: int = 0) -> None:
        self.positions[_key(project_path)] = Position(doc_id, max(0, int(cursor)))

    def position(self, project_path: str | Path) -> Position | None:
        return self.positions.get(_key(project_path))

    def _drop_missing(self) -> None:
        self.recent = self.recent_projects()[:MAX_RECENT]
        if self.last_project is not None and not self.last_project.is_file():
            self.last_project = None
        self._prune_positions()

    def _prune_positions(self) -> None:
        """Positions are kept only for projects the user can still reach from the menu."""
        keep = set(self.recent) | {self.last_project}
        self.positions = {p: pos for p, pos in self.positions.items() if p in keep}


def clamp_zoom(steps: int) -> int:
    """Text stays readable and fits the window whatever was stored or pressed."""
    low, high = TEXT_ZOOM
    return max(low, min(high, int(steps)))


def _key(project_path: str | Path) -> Path:
    """One spelling per file, so the same project is never listed twice."""
    return Path(project_path).expanduser().resolve()


def _from_json(data: dict[str, Any]) -> Preferences:
    """Each field on its own: one bad value costs that value, not the whole file."""
    prefs = Preferences()
    if isinstance(data.get("annotator"), str):
        prefs.annotator = data["annotator"].strip()
    if data.get("language") in LANGUAGES:
        prefs.language = data["language"]
    zoom = data.get("text_zoom")
    if isinstance(zoom, int) and not isinstance(zoom, bool):
        prefs.text_zoom = clamp_zoom(zoom)
    if isinstance(data.get("show_gold"), bool):
        prefs.show_gold = data["show_gold"]
    if isinstance(data.get("last_project"), str) and data["last_project"]:
        prefs.last_project = _key(data["last_project"])
    recent = data.get("recent_projects")
    if isinstance(recent, list):
        seen: dict[Path, None] = {}
        for item in recent:
            if isinstance(item, str) and item:
                seen.setdefault(_key(item), None)
        prefs.recent = list(seen)
    projects = data.get("projects")
    if isinstance(projects, dict):
        for name, value in projects.items():
            position = _position(value)
            if position is not None:
                prefs.positions[_key(name)] = position
    return prefs


def _position(value: Any) -> Position | None:
    if not isinstance(value, dict) or not isinstance(value.get("document"), str):
        return None
    cursor = value.get("cursor", 0)
    if not isinstance(cursor, int) or isinstance(cursor, bool) or cursor < 0:
        cursor = 0
    return Position(value["document"], cursor)


def _set_aside(path: Path, reason: Exception) -> None:
    bad = path.with_name(path.name + ".bad")
    log.warning("preferences in %s unusable (%s); set aside as %s", path, reason, bad.name)
    try:
        os.replace(path, bad)
    except OSError as exc:
        log.warning("could not set %s aside: %s", path, exc)


def _write(path: Path, text: str) -> None:
    with atomic_text(path, newline=None) as fh:
        fh.write(text)
