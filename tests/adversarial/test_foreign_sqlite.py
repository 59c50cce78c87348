"""Only project files are opened as projects: another application's SQLite database given as
``--project`` is refused and left byte for byte as it was; older projects are recognised by
their own schema and stamped during the usual, backed-up migration."""

import shutil
import sqlite3

import pytest
from sqlite_utils import Database

from annotator.core.store import (
    APPLICATION_ID,
    Project,
    ProjectError,
    is_project_file,
    migrations,
)
from tests.conftest import FIXTURES, run_cli


def _other_app_db(path, wal=False, app_id=0, with_project_table=False):
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    if app_id:
        conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    if with_project_table:  # a look-alike: the same table name, not our migration log
        conn.execute("CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO notes(body) VALUES ('keep me')")
    conn.commit()
    conn.close()
    return path


def _app_id(path):
    return int.from_bytes(path.read_bytes()[68:72], "big")


@pytest.mark.parametrize("kind", ["plain", "wal", "other-id", "look-alike"])
def test_another_applications_database_is_refused_untouched(tmp_path, kind):
    path = _other_app_db(tmp_path / "other-app.db", wal=kind == "wal",
                         app_id=0x12345678 if kind == "other-id" else 0,
                         with_project_table=kind == "look-alike")
    before = path.read_bytes()
    assert not is_project_file(path)
    for command in (["stats", "--project", path],
                    ["import", str(FIXTURES / "make_fixtures.py"), "--project", path],
                    ["export", "--project", path, "-o", tmp_path / "out.jsonl"]):
        result = run_cli(*command)
        assert result.returncode == 1, result.stderr
        assert "another application" in result.stderr and "Traceback" not in result.stderr
        assert path.read_bytes() == before
    with pytest.raises(ProjectError, match="another application"):
        Project.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-app.db"]


def test_a_new_project_carries_the_application_id(tmp_path):
    path = tmp_path / "p.annot"
    Project.create(path).close()
    assert _app_id(path) == APPLICATION_ID
    assert is_project_file(path)
    assert not is_project_file(tmp_path) and not is_project_file(tmp_path / "missing.annot")
    (tmp_path / "notes.txt").write_text("SQLite format 3", encoding="utf-8")
    assert not is_project_file(tmp_path / "notes.txt")


def test_a_first_version_project_is_recognised_backed_up_and_stamped(tmp_path):
    path = tmp_path / "old.annot"
    shutil.copy(FIXTURES / "project-v1.annot", path)
    assert _app_id(path) == 0 and is_project_file(path)
    result = run_cli("stats", "--project", path)  # read-only: it cannot migrate
    assert result.returncode == 1 and "earlier version" in result.stderr
    assert not list(tmp_path.glob("*.bak"))
    with Project.open(path) as project:
        assert project.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    (backup,) = tmp_path.glob("old.annot.*.bak")
    assert _app_id(backup) == 0
    assert run_cli("stats", "--project", path).returncode == 0


def test_a_project_of_the_last_version_without_the_id_is_stamped_with_a_backup(tmp_path):
    """Its schema is current, so no migration is pending: stamping alone still backs up."""
    path = tmp_path / "recent.annot"
    conn = sqlite3.connect(path)
    migrations.MIGRATIONS.apply(Database(conn))
    conn.close()
    assert _app_id(path) == 0 and is_project_file(path)
    assert run_cli("stats", "--project", path).returncode == 0  # read as it is
    assert _app_id(path) == 0
    Project.open(path).close()
    assert _app_id(path) == APPLICATION_ID
    assert len(list(tmp_path.glob("recent.annot.*.bak"))) == 1
