"""One writer per project file, whatever name it is opened by; a clear word about who holds it."""

import json
import os
import socket
import subprocess
import sys
import textwrap

import pytest

from annotator.core.store import Project, ProjectLockedError
from tests.adversarial.conftest import spawn
from tests.conftest import run_cli


@pytest.fixture
def made(tmp_path):
    path = tmp_path / "p.annot"
    Project.create(path).close()
    return path


def _refused(path, holder_pid):
    with pytest.raises(ProjectLockedError) as info:
        Project.open(path)
    assert f"pid {holder_pid}" in str(info.value)
    result = run_cli("stats", "--project", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "open elsewhere" in result.stderr and f"pid {holder_pid}" in result.stderr


def test_a_hard_link_meets_the_same_lock(made, holder):
    link = made.with_name("link.annot")
    os.link(made, link)
    proc = holder(made)
    _refused(link, proc.pid)


def test_the_original_name_meets_a_lock_taken_through_a_hard_link(made, holder):
    link = made.with_name("link.annot")
    os.link(made, link)
    proc = holder(link)
    _refused(made, proc.pid)


def test_a_symlink_meets_the_same_lock(made, holder):
    link = made.with_name("sym.annot")
    link.symlink_to(made)
    proc = holder(made)
    _refused(link, proc.pid)


def test_deleting_the_lock_note_does_not_let_a_second_writer_in(made, holder):
    proc = holder(made)
    note = made.with_name(made.name + ".lock")
    assert note.exists()
    note.unlink()
    _refused(made, proc.pid)  # the holder is found from the OS's own list of locks


def test_a_second_open_in_the_same_process_is_refused(made):
    link = made.with_name("link.annot")
    os.link(made, link)
    with Project.open(made) as first:
        with pytest.raises(ProjectLockedError, match=f"pid {os.getpid()}"):
            Project.open(link)
        first.set_setting("still", "writable")  # the refusal left the first one's locks alone
    with Project.open(link) as again:
        assert again.setting("still") == "writable"


def test_the_lock_is_released_on_close_and_its_note_removed(made):
    note = made.with_name(made.name + ".lock")
    with Project.open(made):
        assert json.loads(note.read_text())["pid"] == os.getpid()
    assert not note.exists()
    Project.open(made).close()


def test_a_note_left_by_a_dead_process_of_another_user_is_stale(made):
    """The note only describes a lock; with nobody holding the lock it is ignored and
    replaced, even when another user owns it."""
    note = made.with_name(made.name + ".lock")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    note.write_text(json.dumps({"user": "ghost", "host": socket.gethostname(),
                                "pid": int(dead), "since": "2026-01-01T00:00:00"}))
    os.chown(note, 65534, 65534) if os.geteuid() == 0 else None
    with Project.open(made):
        assert json.loads(note.read_text())["pid"] == os.getpid()
    result = run_cli("stats", "--project", made)
    assert result.returncode == 0, result.stderr


FORK_AND_LEAVE = textwrap.dedent(
    """
    import os, sys, time
    from annotator.core.store import Project
    p = Project.open(sys.argv[1])
    child = os.fork()
    if child == 0:          # the child inherits the open file, and the lock with it
        os.close(1)
        os.close(2)
        time.sleep(120)
        os._exit(0)
    print("ready", child, flush=True)
    os._exit(0)             # the process that took the lock ends without closing
    """
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_a_lock_kept_by_a_child_of_an_ended_process_says_what_to_do(made):
    proc = spawn(FORK_AND_LEAVE, made)
    word, child = proc.stdout.readline().split()
    try:
        assert word == "ready"
        proc.wait(timeout=30)
        with pytest.raises(ProjectLockedError) as info:
            Project.open(made)
        text = str(info.value)
        assert f"pid {proc.pid}" in text and "has ended" in text and "close that program" in text
    finally:
        os.kill(int(child), 9)
        proc.communicate()


def _can_run_as_nobody():
    try:
        out = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                              sys.executable, "-c", "import annotator.core.store"],
                             capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0 or not _can_run_as_nobody(),
                    reason="needs root and a Python that the user nobody can run")
def test_another_users_lock_names_that_user(tmp_path, holder):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    tmp_path.chmod(0o755)
    path = shared / "p.annot"
    Project.create(path).close()
    path.chmod(0o666)
    proc = holder(path, user="65534")
    with pytest.raises(ProjectLockedError) as info:
        Project.open(path)
    assert "nobody@" in str(info.value) and f"pid {proc.pid}" in str(info.value)
