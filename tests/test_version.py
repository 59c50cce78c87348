"""One version number, pyproject.toml's, wherever the app says it."""

from pathlib import Path

import pytest

import annotator
from tests.conftest import run_cli

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
ROOT = Path(__file__).resolve().parents[1]


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def test_version_option_prints_pyproject_version(tmp_path):
    done = run_cli("--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"annotator {pyproject_version()}"
    assert annotator.__version__ == pyproject_version()
