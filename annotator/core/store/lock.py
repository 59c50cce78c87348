"""One writer per project file, and a clear word about who holds it.

An OS-level lock on ``<project>.lock`` is held while a project is open; the OS drops it
when the process dies (even by SIGKILL), so a crash never leaves a project locked. The
file's text says who holds it, for the message the second process shows.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class LockHeld(Exception):
    """Raised with the holder's description when another process has the project open."""

    def __init__(self, holder: dict):
        self.holder = holder
        super().__init__(describe(holder))


def describe(holder: dict) -> str:
    who = holder.get("user") or "?"
    host = holder.get("host") or "?"
    since = holder.get("since") or "?"
    pid = holder.get("pid") or "?"
    return f"{who}@{host} (pid {pid}, since {since})"


class ProjectLock:
    def __init__(self, project_path: Path):
        self.path = project_path.with_name(project_path.name + ".lock")
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open while locked
        if not _try_lock(fh):
            fh.seek(0)
            holder = _parse(fh.read())
            fh.close()
            raise LockHeld(holder)
        info = {
            "user": getpass.getuser(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(info))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is None:
            return
        fh, self._fh = self._fh, None
        fh.seek(0)
        fh.truncate()
        fh.flush()
        _unlock(fh)
        fh.close()  # the file stays: unlinking it would let two openers lock different inodes


def _parse(text: str) -> dict:
    try:
        data = json.loads(text)
        return data if isinstance(data, dict) else {}
    except ValueError:
        return {}
