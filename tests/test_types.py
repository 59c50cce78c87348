"""The core type-checks: mypy, configured in pyproject.toml, finds nothing.

Modules with known errors are listed there as debt; a new error in any other module fails
here. The cache (.mypy_cache, not committed) makes a repeat run take a second or two.
"""

from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors(monkeypatch):
    monkeypatch.chdir(ROOT)  # the configured files are relative to the repository
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml")])
    assert status == 0, stdout + stderr
