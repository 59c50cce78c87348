"""What a file is, told from its bytes without changing them: a project, an older project,
another application's SQLite database, or something else.

A project file carries ``APPLICATION_ID`` in the SQLite header (``PRAGMA application_id``),
so any program can tell it apart from other SQLite files. Files written before the id
existed carry 0 there and are recognised by the project's own schema instead: the
``project`` settings table and the ``annotator`` rows of the migration log.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from pathlib import Path

APPLICATION_ID = 0x414E4E54  # "ANNT": the one number every project file carries
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
_APP_ID_AT = 68  # the header's application id: 4 bytes, big-endian
MIGRATION_SET = "annotator"


class Kind(Enum):
    PROJECT = "project"  # stamped with our application id
    LEGACY = "legacy"  # an older project, not stamped yet
    EMPTY = "empty"  # zero bytes
    FOREIGN = "foreign"  # an SQLite database of another application
    OTHER = "other"  # not an SQLite database at all


def application_id(header: bytes) -> int:
    return int.from_bytes(header[_APP_ID_AT:_APP_ID_AT + 4], "big")


def classify_header(path: Path, header: bytes) -> Kind:
    """The kind of the file whose first bytes are ``header`` (read by the caller)."""
    if not header:
        return Kind.EMPTY
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return Kind.OTHER
    app_id = application_id(header)
    if app_id == APPLICATION_ID:
        return Kind.PROJECT
    if app_id == 0 and has_project_schema(path):
        return Kind.LEGACY
    return Kind.FOREIGN


def classify(path: str | Path) -> Kind:
    """The kind of the file at ``path``; raises OSError when it cannot be read."""
    path = Path(path)
    with open(path, "rb") as fh:
        return classify_header(path, fh.read(HEADER_SIZE))


def is_project_file(path: str | Path) -> bool:
    """True when ``path`` is a project file of this application (of any version).

    Reads only; a missing or unreadable path, a folder or any other file is False. Meant
    for code that must not write over a project, e.g. an export's output path.
    """
    try:
        return classify(path) in (Kind.PROJECT, Kind.LEGACY)
    except OSError:
        return False


def has_project_schema(path: Path) -> bool:
    """An unstamped SQLite file is an older project when it has our settings table and our
    migration log; read through a read-only connection, so the file is never changed."""
    query = (
        "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'project')"
        " AND EXISTS (SELECT 1 FROM _sqlite_migrations WHERE migration_set = ?)"
    )
    # Without a -wal file the main file is the whole database: read it as immutable, which
    # creates no -shm/-wal beside it (mode=ro would, for a WAL database).
    wal = path.with_name(path.name + "-wal").exists()
    for mode in ("mode=ro", "immutable=1") if wal else ("immutable=1",):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
        except sqlite3.Error:
            continue
        try:
            return bool(conn.execute(query, [MIGRATION_SET]).fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return False
        except sqlite3.DatabaseError:
            return False
        finally:
            conn.close()
    return False
