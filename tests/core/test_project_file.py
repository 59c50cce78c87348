"""The project file: creation, pragmas, migrations, refusal of newer files, one writer."""

import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from annotator.core.store import (
    Project,
    ProjectError,
    ProjectLockedError,
    ProjectTooNewError,
    fulltext,
)
from annotator.core.store import spans as spans_store
from annotator.core.store.migrations import known_names
from tests.conftest import FIXTURES, run_cli


def test_new_project_uses_wal_and_foreign_keys(project):
    assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert project.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert project.schema.ref == "gov-news-zh@1"
    assert "AGENCY" in project.schema.names()


def test_event_log_is_append_only(project):
    project.set_setting("region", "重庆市")
    project.db.execute("INSERT INTO events(ts, action) VALUES ('2026-01-01', 'note')")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        project.db.execute("DELETE FROM events")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        project.db.execute("UPDATE events SET action = 'x'")


def test_migrates_first_version_fixture_with_backup(tmp_path):
    path = tmp_path / "old.annot"
    shutil.copy(FIXTURES / "project-v1.annot", path)
    with Project.open(path) as project:
        applied = [r[0] for r in project.db.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == known_names()
        # the old data is intact and the new full-text index covers it
        layer = spans_store.layers(project, "v1-doc")["wang"]
        assert [(s.start, s.end, s.label) for s in layer] == [(0, 4, "AGENCY")]
        assert fulltext.search(project, "社工6.79") == ["v1-doc"]
    backups = list(tmp_path.glob("old.annot.*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == 1
    old.close()


def test_current_file_is_not_backed_up_again(project_path):
    Project.create(project_path).close()
    Project.open(project_path).close()
    assert not list(project_path.parent.glob("*.bak"))


def test_refuses_file_from_newer_version(project_path):
    Project.create(project_path).close()
    conn = sqlite3.connect(project_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('annotator', '0099_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = project_path.read_bytes()
    with pytest.raises(ProjectTooNewError, match="newer version"):
        Project.open(project_path)
    assert project_path.read_bytes() == before
    result = run_cli("stats", "--project", project_path)
    assert result.returncode == 1
    assert "newer version" in result.stderr


def test_refuses_a_file_that_is_not_a_project(tmp_path):
    path = tmp_path / "notes.annot"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(ProjectError, match="not a project file"):
        Project.open(path)
    assert path.read_text(encoding="utf-8") == "hello"


HOLDER = textwrap.dedent(
    """
    import sys, time
    from annotator.core.store import Project
    p = Project.open(sys.argv[1])
    print("ready", flush=True)
    time.sleep(60)
    """
)


def test_second_process_is_told_who_holds_the_project(project_path):
    Project.create(project_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(project_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(ProjectLockedError) as info:
            Project.open(project_path)
        assert f"pid {holder.pid}" in str(info.value)
        result = run_cli("stats", "--project", project_path)
        assert result.returncode == 1
        assert "open elsewhere" in result.stderr and f"pid {holder.pid}" in result.stderr
    finally:
        holder.kill()
        holder.wait()
    # the holder died without closing: the project opens again, intact
    with Project.open(project_path) as project:
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
