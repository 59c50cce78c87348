"""Shared tools of the adversarial tests: real processes holding or creating projects."""

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

HOLD = textwrap.dedent(
    """
    import sys, time
    from annotator.core.store import Project
    p = Project.open(sys.argv[1])
    print("ready", flush=True)
    time.sleep(120)
    """
)


def spawn(script: str, *args: object, user: str | None = None) -> subprocess.Popen:
    """A real Python process running ``script``; ``user`` runs it as that OS user."""
    cmd = [sys.executable, "-c", script, *map(str, args)]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ})


@pytest.fixture
def holder():
    """Start a process that opens a project and keeps it open; killed at the end."""
    started: list[subprocess.Popen] = []

    def start(path: Path, user: str | None = None) -> subprocess.Popen:
        proc = spawn(HOLD, path, user=user)
        started.append(proc)
        line = proc.stdout.readline().strip()
        if line != "ready":
            proc.kill()
            _out, err = proc.communicate()
            raise AssertionError(f"holder did not open {path}: {err}")
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.communicate()


def _mount_tmpfs(folder: Path, size: str) -> bool:
    if os.name != "posix" or os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


@contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """``folder`` as a tmpfs of ``size`` for the block; skips the test where none can be had."""
    folder.mkdir()
    if not _mount_tmpfs(folder, size):
        pytest.skip("mounting a tmpfs needs root and a system that permits it")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def small_disk(tmp_path):
    """A 96 KiB tmpfs: too small for a new project (about 180 KB)."""
    with _tmpfs(tmp_path / "small", "96k") as folder:
        yield folder


@pytest.fixture
def fillable_disk(tmp_path):
    """A 16 MiB tmpfs, and a function that fills it to the last byte."""
    with _tmpfs(tmp_path / "disk", "16M") as folder:
        yield folder, _filler(folder)


def _filler(folder: Path):
    def fill() -> None:
        with open(folder / "filler", "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
            except OSError:
                pass
            try:
                while True:
                    fh.write(b"\0")
            except OSError:
                pass

    return fill
