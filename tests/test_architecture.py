"""The floors of the package hold: the import contracts in pyproject.toml, run by import-linter.

A new import that crosses a floor (the store importing the knowledge base, a domain module
importing a face, the core importing Qt) fails here with import-linter's account
of the offending line. The contracts list no exceptions; SQL on a project file stays in the
store.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
pytest.importorskip("importlinter")

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "annotator" / "core"


def _contracts() -> dict[str, dict]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        config = tomllib.load(fh)["tool"]["importlinter"]
    return {c["id"]: c for c in config["contracts"]}


def _core_modules() -> set[str]:
    """The top-level modules and packages of the core, as the contracts name them."""
    return {p.stem if p.is_file() else p.name for p in CORE.iterdir()
            if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()}


def test_import_contracts_hold():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this tree, not an installed copy
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()",
         "--no-cache"],
        cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_core_module_has_a_floor():
    """A new module must be placed, or the layers contract would not constrain it."""
    placed = {name.strip() for layer in _contracts()["floors"]["layers"]
              for name in layer.replace(":", "|").split("|")}
    assert _core_modules() - placed == set()


# SQL on a project file: sqlite3's calls, and sqlite-utils' tables and queries.
_SQL = re.compile(r"\.(execute|executemany|executescript|query|rows_where|insert_all|upsert_all)\(|"
                  r"\bdb\[")
# The shipped knowledge base is a file of its own, read by its module, not a project file.
_NOT_A_PROJECT = {ROOT / "annotator" / "core" / "kb" / "base.py"}


def test_only_the_store_runs_sql_on_a_project_file():
    """Every table is read and written through ``annotator/core/store``: no widget, command
    or domain module writes SQL of its own."""
    store = CORE / "store"
    outside = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "annotator").rglob("*.py"))
        if store not in path.parents and path not in _NOT_A_PROJECT
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _SQL.search(line)
    ]
    assert outside == []
