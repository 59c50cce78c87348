"""One sentence for each way a project file can fail to open or be written: what happened and
what to do, instead of SQLite's or the OS's own words."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

# SQLite's primary result codes (sqlite3 names them only from Python 3.11).
SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 3, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26
_NEARLY_FULL = 256 * 1024  # bytes: less than SQLite needs to begin writing
_FULL = (
    "the disk holding {path} is full; free some space and try again (nothing committed was "
    "lost; read-only commands such as export and stats still work)"
)
_READONLY = (
    "{path} cannot be written (a read-only file, folder or disk); copy it somewhere writable, "
    "or use a command that only reads it, such as export or stats"
)
_DAMAGED = (
    "{path} is damaged or incomplete (SQLite: {detail}); restore it from a backup "
    "(e.g. a {name}.*.bak file next to it) or a copy"
)
_DENIED = "no permission to open {path}; ask its owner for access, or open a copy of it"


def explain(exc: BaseException, path: Path, creating: bool = False) -> str:
    """The user's sentence for ``exc``, raised while opening, creating or writing ``path``."""
    values = {"path": path, "name": path.name, "detail": str(exc)}
    if creating and _disk_full(path):
        return f"the disk holding {path} is full; free some space and create the project again"
    if isinstance(exc, OSError):
        return _explain_os(exc, values, creating)
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if code == SQLITE_FULL or "disk is full" in text:
        return _FULL.format(**values)
    if code == SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return _READONLY.format(**values)
    if code == SQLITE_PERM or "permission" in text or "access permission" in text:
        return _DENIED.format(**values)
    if code == SQLITE_CANTOPEN or "unable to open" in text:
        return _READONLY.format(**values) if path.exists() else (
            f"{path} cannot be opened; check that its folder exists and can be written")
    if is_damage(exc):
        return _DAMAGED.format(**values)
    if code == SQLITE_IOERR or "disk i/o" in text:
        if _disk_full(path):  # SQLite reports a -shm it could not extend as an I/O error
            return _FULL.format(**values)
        return (f"reading or writing {path} failed (disk I/O error); check the disk and "
                "that there is free space, then try again")
    return f"{path} cannot be used ({exc}); check the file and try again"


def is_damage(exc: BaseException) -> bool:
    """SQLite could not read the file as a database: it is cut short or damaged."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code in (SQLITE_CORRUPT, SQLITE_NOTADB) or (
        isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError))


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.resolve().parent).free < _NEARLY_FULL
    except OSError:
        return False


def _explain_os(exc: OSError, values: dict, creating: bool) -> str:
    path = values["path"]
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return _FULL.format(**values)
    if exc.errno == errno.EROFS:
        return _READONLY.format(**values)
    if isinstance(exc, IsADirectoryError):
        return f"{path} is a folder, not a project file; choose the project file (.annot) itself"
    if isinstance(exc, FileNotFoundError):
        return f"{path}: no such project file"
    if isinstance(exc, PermissionError):
        if creating:
            return (f"no permission to create {path}; choose a folder you can write to")
        return _DENIED.format(**values)
    return f"{path} cannot be used ({exc.strerror or exc}); check the file and try again"
