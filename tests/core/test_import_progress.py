"""The console progress bar of a long import: shown on a terminal, silent in a pipe."""

import os
import struct
import subprocess
import sys

import pytest

fcntl = pytest.importorskip("fcntl")  # a pseudo-terminal: POSIX only
pty = pytest.importorskip("pty")
termios = pytest.importorskip("termios")


def _articles(folder, n=25):
    folder.mkdir()
    for i in range(n):
        text = f"第{i}篇稿件\n重庆市民政局发布通知。"
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _import(args, stderr):
    cmd = [sys.executable, "-m", "annotator", "import", *args, "--no-prehighlight"]
    return subprocess.run(cmd, stderr=stderr, stdout=subprocess.DEVNULL, timeout=120)


def _read_all(fd):
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_sees_the_bar_and_a_pipe_does_not(tmp_path):
    folder = _articles(tmp_path / "in")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    done = _import([str(folder), "--project", str(tmp_path / "a.annot")], follower)
    os.close(follower)
    shown = _read_all(leader)
    os.close(leader)
    assert done.returncode == 0
    assert "25/25" in shown and "file" in shown and "25 documents imported" in shown

    piped = _import([str(folder), "--project", str(tmp_path / "b.annot")], subprocess.PIPE)
    err = piped.stderr.decode("utf-8")
    assert "25 documents imported" in err and "25/25" not in err
