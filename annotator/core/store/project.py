"""Opening, creating and migrating a project file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from ..model import MACHINE, Schema
from ..schema import load_schema, schema_from_json
from . import migrations
from .lock import LockHeld, ProjectLock, describe


class ProjectError(Exception):
    """A project file that cannot be opened, with a message meant for the user."""


class ProjectLockedError(ProjectError):
    def __init__(self, path: Path, holder: dict):
        self.holder = holder
        super().__init__(
            f"{path} is open elsewhere by {describe(holder)}; close it there first "
            "(opening it twice could lose work)"
        )


class ProjectTooNewError(ProjectError):
    pass


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _connect(path: Path) -> Database:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    db = Database(conn)
    db.execute("PRAGMA journal_mode = WAL")
    # FULL: a change the user was told is saved survives a power cut, not only a crash.
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB: imports write many pages per batch
    return db


class Project:
    """An open project file. Use as a context manager, or call ``close()``."""

    def __init__(self, path: Path, db: Database, lock: ProjectLock | None):
        self.path = path
        self.db = db
        self._lock = lock
        self.schema = self._load_schema()

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, schema_path: Path | None = None) -> Project:
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path} already exists")
        path.parent.mkdir(parents=True, exist_ok=True)
        project = cls.open(path, create=True)
        schema, body = load_schema(schema_path)
        with project.transaction():
            project.db["schemas"].insert(
                {"name": schema.name, "version": schema.version, "body": body}
            )
            project.set_setting("schema", schema.name)
            project.set_setting("created_at", now())
        project.schema = project._load_schema()
        from ..kb.project_kb import seed_default  # the knowledge base imports the store

        seed_default(project)  # every project starts with the shipped knowledge base
        return project

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, lock: bool = True) -> Project:
        path = Path(path)
        if not create and not path.exists():
            raise ProjectError(f"{path}: no such project file")
        if path.exists() and not _looks_like_sqlite(path):
            raise ProjectError(f"{path} is not a project file (not an SQLite database)")
        holder = ProjectLock(path) if lock else None
        if holder is not None:
            try:
                holder.acquire()
            except LockHeld as exc:
                raise ProjectLockedError(path, exc.holder) from None
        try:
            db = _connect(path)
            _migrate(path, db)
            return cls(path, db, holder)
        except BaseException:
            if holder is not None:
                holder.release()
            raise

    def close(self) -> None:
        if self.db is not None:
            self.db.conn.close()
            self.db = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and settings ---------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One user action: all of it is committed, or none of it."""
        conn = self.db.conn
        if conn.in_transaction:  # nested: the outer action owns the commit
            yield self.db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Batch transactions of a re-runnable bulk job skip the per-commit fsync.

        In WAL mode the file stays consistent either way; a power cut may only cost the last
        batches, which running the import again restores (imports are idempotent). A
        user's own edits always commit with ``synchronous = FULL``.
        """
        self.db.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            self.db.execute("PRAGMA synchronous = FULL")

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM project WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO project(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def _load_schema(self) -> Schema:
        name = self.setting("schema")
        row = self.db.execute("SELECT body FROM schemas WHERE name = ?", [name]).fetchone()
        if row is None:
            return load_schema()[0]
        return schema_from_json(json.loads(row[0]))

    # -- annotators ------------------------------------------------------------------------
    def annotator_id(self, name: str, role: str = "annotator") -> int:
        """The id of a layer's owner, created on first use."""
        row = self.db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO annotators(name, role, created_at) VALUES (?, ?, ?)",
                [name, role, now()],
            )
            return cur.lastrowid

    def machine_id(self) -> int:
        return self.annotator_id(MACHINE, "machine")


def _looks_like_sqlite(path: Path) -> bool:
    if path.stat().st_size == 0:
        return True
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _migrate(path: Path, db: Database) -> None:
    newer = migrations.unknown_applied(db)
    if newer:
        raise ProjectTooNewError(
            f"{path} was written by a newer version of this application "
            f"(it has changes {', '.join(newer)} this version does not know); "
            "upgrade the application to open it"
        )
    todo = migrations.pending(db)
    if not todo:
        return
    fresh = not migrations.MIGRATIONS.applied(db)
    if not fresh:
        migrations.backup(path)
    migrations.apply(db)
