"""Desktop annotation tool for Chinese news and government texts."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

DISTRIBUTION = "gov-news-annotator"
VERSION_FILE = "VERSION"  # written beside this file by build.spec, for a frozen app


def _version() -> str:
    """pyproject.toml's version: from the installed metadata, else the file a frozen build
    carries, else the checkout's pyproject.toml itself."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        pass
    here = Path(__file__).resolve().parent
    written = here / VERSION_FILE
    if written.is_file():
        return written.read_text(encoding="utf-8").strip()
    pyproject = here.parent / "pyproject.toml"
    if pyproject.is_file():
        found = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"),
                          re.MULTILINE)
        if found:
            return found.group(1)
    return "0.0.0+unknown"


__version__ = _version()
