"""An export killed mid-write leaves at most a temporary file of its own, which the next
write to that folder removes; an interrupted one (Ctrl+C) removes its own at once."""

import os
import signal
import subprocess
import sys
import time

import pytest

from annotator.core.atomic import TEMP_PREFIX
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from tests.conftest import run_cli

BODY = "重庆市民政局发布通知,全市城乡低保标准提高到每人每月七百元。" * 40


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A project whose JSONL export takes seconds (about 40 MB)."""
    path = tmp_path_factory.mktemp("large") / "large.annot"
    with Project.create(path) as project, project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(f"{i}:{BODY}", id=f"d{i:06d}")
                                    for i in range(30000)], None)  # fmt: skip
    return path


def _litter(folder):
    """Hidden names: temporary files are hidden (and ours start with ``TEMP_PREFIX``)."""
    return sorted(n for n in os.listdir(folder) if n.startswith("."))


def _start_export(project, out):
    proc = subprocess.Popen([sys.executable, "-m", "annotator", "export", "--project", project,
                             "-o", out], stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        litter = _litter(out.parent)
        if litter and (out.parent / litter[0]).stat().st_size > 1 << 20:
            return proc  # mid-write: a megabyte written, more to come
        time.sleep(0.01)
    proc.kill()
    pytest.fail("the export ended before it could be interrupted")


def test_a_killed_export_leaves_no_litter_after_the_next_write(large, tmp_path):
    out = tmp_path / "gold.jsonl"
    proc = _start_export(large, out)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    (left,) = _litter(tmp_path)  # what a kill -9 leaves
    assert left.startswith(f"{TEMP_PREFIX}{proc.pid}-") and not out.exists()
    result = run_cli("export", "--project", large, "-o", out)
    assert result.returncode == 0, result.stderr
    assert _litter(tmp_path) == []
    assert out.stat().st_size > 30000 * len(BODY)


@pytest.mark.skipif(os.name != "posix", reason="signals as on POSIX")
def test_an_interrupted_export_removes_its_temporary_file(large, tmp_path):
    out = tmp_path / "gold.jsonl"
    proc = _start_export(large, out)
    os.kill(proc.pid, signal.SIGINT)
    assert proc.wait() == 130
    assert "interrupted" in proc.stderr.read()
    assert _litter(tmp_path) == [] and not out.exists()


def test_another_runs_temporary_files_are_left_alone(large, tmp_path):
    """Only files of processes that ended are removed: a running export keeps its own."""
    small = tmp_path / "small.annot"
    with Project.create(small) as project:
        docs_store.insert(project, [docs_store.NewDocument(BODY, id="d")], None)
    out = tmp_path / "gold.jsonl"
    proc = _start_export(large, out)
    try:
        running = _litter(tmp_path)
        assert run_cli("export", "--project", small, "-o", tmp_path / "small.jsonl").returncode == 0
        assert set(running) <= set(_litter(tmp_path))
    finally:
        proc.kill()
        proc.wait()


def test_a_killed_pack_leaves_no_litter_after_the_next_pack(large, tmp_path):
    """A package is a project being built: its temporary file has -wal and .lock companions."""
    assign = ["assign", "--project", large, "--annotators", "wang", "--batch", "5000"]
    assert run_cli(*assign).returncode == 0
    argv = ["pack", "--project", large, "--annotator", "wang", "--batch", "1",
            "-o", tmp_path / "wang.annot"]  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-m", "annotator", *map(str, argv)])
    deadline = time.monotonic() + 120
    while not _litter(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # well inside the copy
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    left = _litter(tmp_path)
    assert left and all(f"{TEMP_PREFIX}{proc.pid}-" in n for n in left), left  # its own only
    assert run_cli(*argv).returncode == 0
    assert _litter(tmp_path) == [] and (tmp_path / "wang.annot").exists()
