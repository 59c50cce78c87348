"""Where the bundled data files live: the one place that locates them.

``resources/`` at the top of the repository is installed as the package
``annotator.resources`` (pyproject.toml maps it and names the files that ship), so an installed
wheel and an editable install find it through :mod:`importlib.resources`; the frozen app has
the same files at the same place in its bundle (build.spec reads pyproject's list). Code
running from a source checkout reads that checkout's own ``resources/``, even when another
tree is installed in editable mode.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from pathlib import Path

PACKAGE = "annotator.resources"


class ResourcesMissing(RuntimeError):
    """The data files are not where the installed package says they are."""


def _checkout_resources() -> Path | None:
    """``resources/`` beside the package when it runs from a source tree (pyproject.toml
    beside it too), else None."""
    root = Path(__file__).resolve().parents[2]
    folder = root / "resources"
    if (root / "pyproject.toml").is_file() and (folder / "__init__.py").is_file():
        return folder
    return None


@cache
def resources_root() -> Path:
    """The folder that holds ``schemas/``, ``kb/``, ``demo/`` and the rest."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "annotator" / "resources"
    checkout = _checkout_resources()
    if checkout is not None:
        return checkout
    try:
        root = resources.files(PACKAGE)
    except ModuleNotFoundError as exc:
        raise ResourcesMissing(f"the data package {PACKAGE} is not installed; reinstall "
                               "gov-news-annotator (pip install .)") from exc
    if not isinstance(root, Path):  # e.g. imported from a zip: the readers need real files
        raise ResourcesMissing(f"the data package {PACKAGE} is not a folder on disk: {root}")
    return root


def resource_path(*parts: str) -> Path:
    """A bundled file or folder, e.g. ``resource_path("schemas", "gov-news-zh.json")``."""
    return resources_root().joinpath(*parts)
