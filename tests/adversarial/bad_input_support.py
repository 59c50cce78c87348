"""Shared by the bad-input tests: files with good rows around a bad one, and what a user sees."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.formats import EXPORT_FORMATS
from annotator.core.store import Project
from tests.conftest import run_cli

BEFORE = {"id": "good-1", "text": "市民政局发布数据。",
          "spans": [{"start": 0, "end": 4, "label": "AGENCY", "text": "市民政局"}]}
AFTER = {"id": "good-2", "text": "朝天门街道党工委召开会议。",
         "spans": [{"start": 0, "end": 8, "label": "AGENCY", "text": "朝天门街道党工委"}]}


def jsonl_around(path: Path, bad: dict | str) -> Path:
    """A JSONL file: a good line, ``bad`` on line 2, a good line."""
    middle = bad if isinstance(bad, str) else json.dumps(bad)  # ASCII: surrogates survive
    lines = [json.dumps(BEFORE, ensure_ascii=False), middle, json.dumps(AFTER, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_files(project: Path, *paths: Path, extra: tuple[str, ...] = ()):
    return run_cli("import", *paths, "--project", project, "--no-prehighlight", *extra)


def assert_reported(result, *fragments: str) -> None:
    """Exit status 1, every fragment on one ``error:`` line, and no traceback."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert any(all(f in line for f in fragments) for line in errors), result.stderr


def stored(project: Path) -> dict[str, str]:
    """Document id -> text, read back from the project file."""
    with Project.open(project) as p:
        assert p.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return dict(p.db.execute("SELECT id, text FROM documents").fetchall())


def spans_of(project: Path, doc_id: str) -> list[tuple]:
    with Project.open(project) as p:
        return p.db.execute(
            'SELECT start, "end", label, score FROM spans WHERE doc_id = ? ORDER BY start',
            [doc_id],
        ).fetchall()


def export_every_format(project: Path, folder: Path) -> None:
    """Every export format still works on what was imported."""
    for fmt in EXPORT_FORMATS:
        out = folder / f"out-{fmt}"
        result = run_cli("export", "--project", project, "-o", out, "--format", fmt)
        assert result.returncode == 0, (fmt, result.stderr)
        assert "Traceback" not in result.stderr


def run_cli_unprivileged(*args: str):
    """``run_cli`` with file permissions enforced: as root, in a user namespace where this
    process is an ordinary user (still the files' owner, without root's override)."""
    command = [sys.executable, "-m", "annotator", *map(str, args)]
    if os.geteuid() == 0:
        unshare = shutil.which("unshare")
        probe = unshare and subprocess.run(
            [unshare, "--user", "--map-user=1000", "--map-group=1000", "true"],
            capture_output=True,
        )
        if not probe or probe.returncode != 0:
            pytest.skip("running as root without user namespaces: permissions are not enforced")
        command = [unshare, "--user", "--map-user=1000", "--map-group=1000", *command]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=300)
