"""One writer per project file, and a clear word about who holds it.

The lock is taken on the project file itself, so it follows the file's identity, not its
name: opening it through a hard link or a symlink, or after ``<project>.lock`` was deleted,
meets the same lock. The OS drops it when the process dies (even by SIGKILL), so a crash
never leaves a project locked.

- Linux: ``flock()`` on a descriptor of the database file. SQLite locks the same file with
  ``fcntl()`` byte-range locks; on Linux ``flock()`` is a separate lock family, so the two
  never meet. It belongs to the open file description (not to the process, as ``fcntl()``
  locks do, which any ``close()`` of the file in the process would drop), so SQLite opening
  and closing its own descriptors never releases it. Writers take it exclusive, read-only
  opens shared. (On NFS Linux emulates ``flock()`` with ``fcntl()`` locks; project files
  are meant for local disks.)
- macOS and other POSIX systems keep ``flock()`` and ``fcntl()`` locks in one list, where a
  whole-file ``flock()`` would shut out SQLite's own locks: there an ``fcntl()`` lock of one
  byte in SQLite's lock-byte page (see Windows) is used. It is per process, so it survives
  only while no descriptor of the file is closed in the process; SQLite defers closing its
  descriptors while its connections hold locks, and this module never opens a second one.
- Windows: ``msvcrt.locking`` of one byte inside SQLite's lock-byte page (offset 1 GiB),
  beyond the bytes SQLite locks there itself: SQLite never reads or writes that page, so the
  (mandatory) lock only ever stops a second opener. An exclusive SQLite locking mode was
  not chosen because it would also shut out this process's own background connections.

Within one process a second open of a file already open is refused before any descriptor is
opened (a ``close()`` would drop SQLite's own ``fcntl()`` locks of that process).

``<project>.lock`` (next to the path as opened, symlinks resolved) only says who holds the
lock, for the message the second opener shows; it is written after the lock is taken and
deleted when it is released, and a copy left by a dead process is ignored. On Linux the
holder is also read from ``/proc/locks``, so a hard link or a deleted note still names it.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    _LOCK_OFFSET = 0x40000000 + 0x300  # inside the lock-byte page, past SQLite's 512 bytes

    def _try_lock(fd: int, shared: bool) -> bool:
        try:
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

elif sys.platform.startswith("linux"):
    import fcntl

    def _try_lock(fd: int, shared: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

else:  # macOS, the BSDs: flock() and fcntl() locks share one list there and would collide
    import fcntl

    _LOCK_OFFSET = 0x40000000 + 0x300  # inside the lock-byte page, past SQLite's 512 bytes

    def _try_lock(fd: int, shared: bool) -> bool:
        try:
            fcntl.lockf(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB,
                        1, _LOCK_OFFSET)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _LOCK_OFFSET)


_O_BINARY = getattr(os, "O_BINARY", 0)
_held: dict[tuple[int, int], ProjectLock] = {}  # file identity -> lock held in this process


class LockHeld(Exception):
    """Raised with the holder's description when another process has the project open."""

    def __init__(self, holder: dict):
        self.holder = holder
        super().__init__(describe(holder))


def describe(holder: dict) -> str:
    """``user@host (pid N, since T)``, and what to do when that process has ended."""
    if not holder:
        return "another program (it did not say which; close other copies of this application)"
    who = holder.get("user") or "?"
    host = holder.get("host") or "?"
    since = holder.get("since")
    pid = holder.get("pid") or "?"
    text = f"{who}@{host} (pid {pid}" + (f", since {since})" if since else ")")
    if holder.get("ended"):
        text += (
            "; that process has ended but a program it started still has the file open: "
            "close that program (or log out) and try again"
        )
    return text


def held_here(path: Path) -> bool:
    """True when this process holds the lock of the file at ``path`` (by any name)."""
    try:
        return identity(os.stat(path)) in _held
    except OSError:
        return False


def identity(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


class ProjectLock:
    """The lock on one project file; ``acquire`` before connecting, ``release`` after closing."""

    def __init__(self, project_path: Path, shared: bool = False):
        self.project_path = project_path
        self.shared = shared
        self.fd: int | None = None
        self.key: tuple[int, int] | None = None
        self._note: Path | None = None
        self.since = ""

    @property
    def note_path(self) -> Path:
        return note_path(self.project_path)

    def acquire(self) -> None:
        """Lock the file; raises LockHeld, or OSError when the file cannot be opened."""
        key = identity(os.stat(self.project_path))
        if key in _held:
            raise LockHeld(_held[key].info())
        fd = _open(self.project_path, self.shared)
        if not _try_lock(fd, self.shared):
            os.close(fd)
            raise LockHeld(holder_of(self.project_path, key))
        self.fd, self.key = fd, identity(os.fstat(fd))
        self.since = datetime.now(UTC).isoformat(timespec="seconds")
        _held[self.key] = self

    def info(self) -> dict:
        return {
            "user": _user(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": self.since,
        }

    def announce(self) -> None:
        """Say who holds the lock, for the next opener's message (best effort: a read-only
        folder or another user's old note only makes the message vaguer)."""
        if self.fd is None or self.shared:
            return
        note = self.note_path
        try:
            note.unlink(missing_ok=True)  # another user's old note cannot be rewritten
            note.write_text(json.dumps(self.info()), encoding="utf-8")
            self._note = note
        except OSError:
            self._note = None

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        if self.key is not None:
            _held.pop(self.key, None)
        if self._note is not None:
            self._note.unlink(missing_ok=True)
            self._note = None
        _unlock(fd)
        os.close(fd)


def _open(path: Path, shared: bool) -> int:
    """A writer's descriptor is opened for writing: a file that cannot be written (read-only,
    immutable, on a read-only medium) is refused here as such, not at the first edit."""
    if shared:
        return os.open(path, os.O_RDONLY | _O_BINARY)
    try:
        return os.open(path, os.O_RDWR | _O_BINARY)
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS) or not os.access(
                path, os.R_OK):
            raise
        raise OSError(errno.EROFS, "the file cannot be written", str(path)) from exc

def note_path(project_path: Path) -> Path:
    try:
        real = project_path.resolve()
    except OSError:
        real = project_path
    return real.with_name(real.name + ".lock")


def holder_of(project_path: Path, key: tuple[int, int]) -> dict:
    """Who holds the lock: the note, checked against the OS's own list where there is one."""
    note = _read_note(note_path(project_path))
    pids = _flock_pids(key)
    here = note.get("host") == socket.gethostname()
    if pids is not None and (not note or (here and note.get("pid") not in pids)):
        return _process_info(pids[0]) if pids else {}
    if note and here and not _alive(note.get("pid")):
        return {**note, "ended": True}
    return note


def _read_note(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _flock_pids(key: tuple[int, int]) -> list[int] | None:
    """Pids holding a flock() on the file, from /proc/locks; None where there is no such list."""
    try:
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    pids = []
    for line in lines:
        parts = line.split()
        if len(parts) < 6 or parts[1] != "FLOCK" or parts[0].endswith("->"):
            continue
        try:
            inode = int(parts[5].rsplit(":", 1)[1])
        except (IndexError, ValueError):
            continue
        if inode == key[1] and parts[4].lstrip("-").isdigit() and int(parts[4]) > 0:
            pids.append(int(parts[4]))
    return pids


def _process_info(pid: int) -> dict:
    info: dict = {"host": socket.gethostname(), "pid": pid}
    try:
        import pwd

        info["user"] = pwd.getpwuid(os.stat(f"/proc/{pid}").st_uid).pw_name
    except (ImportError, OSError, KeyError):
        pass
    if not _alive(pid):
        info["ended"] = True
    return info


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover
        return True  # no cheap check; the message then simply names the holder
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"
