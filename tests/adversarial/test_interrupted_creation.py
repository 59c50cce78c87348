"""A project whose creation is cut short (killed, disk full) is either absent or complete."""

import signal
import sqlite3
import time

import pytest
from sqlite_utils import Database

from annotator.core.store import Project, ProjectError, migrations
from tests.adversarial.conftest import spawn

CREATE = """
import sys
from annotator.core.store import Project
print("go", flush=True)
Project.create(sys.argv[1]).close()
print("done", flush=True)
"""


def _agencies(path):
    with Project.open(path) as project:
        return project.db.execute("SELECT COUNT(*) FROM agencies").fetchone()[0]


def _schemas(path):
    with Project.open(path) as project:
        return project.db.execute("SELECT COUNT(*) FROM schemas").fetchone()[0]


def test_killed_creation_leaves_no_project_or_a_complete_one(tmp_path):
    outcomes = []
    for delay in (0.0, 0.1, 0.25, 0.4, 0.6, 0.8, 1.0, 1.3, 1.7, 2.5):
        path = tmp_path / f"p{delay}.annot"
        proc = spawn(CREATE, path)
        assert proc.stdout.readline().strip() == "go"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        if path.exists():
            assert _schemas(path) == 1, f"killed after {delay}s: project incomplete"
            assert _agencies(path) == 0  # the shipped base is read in place, never copied
        outcomes.append(path.exists())
    assert not outcomes[0], "killed at once: nothing should be there"
    # the next creation in the folder clears what the killed ones left behind
    Project.create(tmp_path / "next.annot").close()
    assert not list(tmp_path.glob(".*.creating*"))


def test_a_cut_short_file_of_an_earlier_version_gets_its_schema(tmp_path):
    """Earlier versions created in place: a kill after the migrations left no schema."""
    path = tmp_path / "old.annot"
    conn = sqlite3.connect(path)
    migrations.MIGRATIONS.apply(Database(conn))
    conn.close()
    assert _schemas(path) == 1 and _agencies(path) == 0
    with Project.open(path) as project:
        assert project.schema.ref == "gov-news-zh@1"


def test_creation_on_a_full_disk_leaves_nothing_and_says_why(small_disk):
    path = small_disk / "p.annot"
    with pytest.raises(ProjectError) as info:
        Project.create(path)
    assert "disk holding" in str(info.value) and "full" in str(info.value)
    assert not path.exists()
    assert [p.name for p in small_disk.iterdir()] == []
