"""Where the bundled data files live, from a source tree, an install or a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """``resources/``: beside the package in a checkout, inside the bundle when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
