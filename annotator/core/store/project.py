"""Opening, creating and migrating a project file."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from ..model import MACHINE, Schema
from ..schema import load_schema, schema_from_json
from . import annotators, migrations
from .failures import explain, is_damage
from .identity import HEADER_SIZE, Kind, classify, classify_header
from .lock import LockHeld, ProjectLock, describe, held_here


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


class ProjectDamagedError(ProjectError):
    """The file is an SQLite file SQLite cannot read: cut short or damaged."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _connect(path: Path, readonly: bool = False) -> Database:
    conn = _readonly_connection(path) if readonly else sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False)
    db = Database(conn)
    if not readonly:
        db.execute("PRAGMA journal_mode = WAL")
    # FULL: a change the user was told is saved survives a power cut, not only a crash.
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB: imports write many pages per batch
    return db


def _readonly_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, also on a full disk or in a read-only folder.

    Without a ``-wal`` file the main file is the whole project: it is read as immutable, so
    nothing is created beside it (a WAL database opened ``mode=ro`` would get a ``-shm``,
    impossible in a read-only folder). No writer can appear meanwhile: the caller holds the
    shared lock. A ``-wal`` left by a crash is read too, through ``mode=ro``.
    """
    uri = path.resolve().as_uri()
    wal = _sibling(path, "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return _query_only(sqlite3.connect(f"{uri}?immutable=1", uri=True,
                                           isolation_level=None, check_same_thread=False))
    conn = _query_only(sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None,
                                       check_same_thread=False))
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:  # no usable -shm (full disk, read-only folder)
        conn.close()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # the WAL index in memory, not in -shm
    return _query_only(conn)


def _query_only(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.execute("PRAGMA query_only = ON")
    return conn


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _with_journals(path: Path) -> list[Path]:
    return [path, *(_sibling(path, s) for s in ("-wal", "-shm", "-journal"))]


class Project:
    """An open project file. Use as a context manager, or call ``close()``."""

    def __init__(self, path: Path, db: Database, lock: ProjectLock | None,
                 readonly: bool = False):
        self.path = path
        self.db = db
        self.readonly = readonly
        self._lock = lock
        self.schema = self._load_schema()

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, schema_path: Path | None = None) -> Project:
        """A new project with its schema, opened; the shipped agency base is read in place.

        It is built under a temporary name in the same folder and appears under ``path``
        only when complete, so an interrupted creation (killed, disk full) never leaves a
        project without its schema.
        """
        path = Path(path)
        if path.exists() or path.is_symlink():
            raise ProjectError(f"{path} already exists; choose another name")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_abandoned(path.parent)
            tmp = _sibling(path.with_name("." + path.name), f".{os.getpid()}.creating")
            try:
                _build(tmp, schema_path)
                _publish(tmp, path)
            finally:
                for leftover in _with_journals(tmp):
                    leftover.unlink(missing_ok=True)
        except ProjectError:
            raise
        except (OSError, sqlite3.Error) as exc:
            raise ProjectError(explain(exc, path, creating=True)) from exc
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path, *, lock: bool = True, readonly: bool = False) -> Project:
        """Open, migrate (writable only) and lock ``path``; every refusal is a ProjectError.

        ``readonly``: nothing is written (no migration, no lock note), so a project on a
        full disk or a read-only medium can still be read and exported; other read-only
        openers are welcome, a writer is not. ``lock=False`` shares the lock a Project
        already open in this process holds (a background job's own connection).
        """
        path = Path(path)
        holder = ProjectLock(path, shared=readonly) if lock else None
        try:
            if holder is not None:
                holder.acquire()
            kind = _kind(path, holder)
            if not readonly:
                _check_folder_writable(path)
            db = _connect(path, readonly)
            try:
                _migrate(path, db, kind, readonly)
                project = cls(path, db, holder, readonly)
                if not readonly:
                    _complete_creation(project)
            except BaseException:
                db.conn.close()
                raise
        except LockHeld as exc:
            raise ProjectLockedError(path, exc.holder) from None
        except BaseException as exc:
            if holder is not None:
                holder.release()
            if is_damage(exc):
                raise ProjectDamagedError(explain(exc, path)) from exc
            if isinstance(exc, (OSError, sqlite3.Error)):
                raise ProjectError(explain(exc, path)) from exc
            raise
        if holder is not None:
            holder.announce()
        return project

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
        found = annotators.find(self, name)
        if found is not None:
            return found
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO annotators(name, role, created_at) VALUES (?, ?, ?)",
                [name, role, now()],
            )
            assert cur.lastrowid is not None  # set by the INSERT
            return cur.lastrowid

    def machine_id(self) -> int:
        return self.annotator_id(MACHINE, "machine")


def _kind(path: Path, holder: ProjectLock | None) -> Kind:
    """Refuse anything but a project file, before SQLite may write to it.

    The header is read through the lock's descriptor: opening and closing another one would
    drop the fcntl() locks SQLite holds on the file in this process.
    """
    if holder is None or holder.fd is None:
        if held_here(path):  # checked when its lock was taken; no second descriptor
            return Kind.PROJECT
        kind = classify(path)
    else:
        kind = classify_header(path, _read_header(holder.fd))
    if kind is Kind.EMPTY:
        raise ProjectError(f"{path} is empty (0 bytes), not a project file; delete it or "
                           "choose another file")
    if kind is Kind.OTHER:
        raise ProjectError(f"{path} is not a project file (not an SQLite database)")
    if kind is Kind.FOREIGN:
        raise ProjectError(f"{path} is an SQLite database of another application, not a "
                           "project file; it was left unchanged")
    return kind


def _check_folder_writable(path: Path) -> None:
    """SQLite keeps its journal files next to the project; in a folder where they cannot be
    created the project cannot be written (SQLite itself would only notice at the first
    write)."""
    real = path.resolve()
    if os.access(real.parent, os.W_OK):
        return
    if all(_sibling(real, suffix).exists() for suffix in ("-wal", "-shm")):
        return
    raise OSError(errno.EROFS, "the folder cannot be written", str(path))


def _read_header(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)  # (no pread on Windows)
    return os.read(fd, HEADER_SIZE)


def _migrate(path: Path, db: Database, kind: Kind, readonly: bool = False) -> None:
    """Bring the file to this version's schema, backed up first when it holds work.

    Files from before the application id get it here (with the same backup).
    """
    newer = migrations.unknown_applied(db)
    if newer:
        raise ProjectTooNewError(
            f"{path} was written by a newer version of this application "
            f"(it has changes {', '.join(newer)} this version does not know); "
            "upgrade the application to open it"
        )
    todo = migrations.pending(db)
    if not todo and kind is not Kind.LEGACY:
        return
    if readonly:
        if todo:
            raise ProjectError(
                f"{path} is from an earlier version and must be upgraded before it can be "
                "read: open it once where it can be written (a backup is kept)")
        return
    fresh = not migrations.MIGRATIONS.applied(db)
    if not fresh:
        migrations.backup(path)
    migrations.apply(db)


def _build(tmp: Path, schema_path: Path | None) -> None:
    """Schema, settings and knowledge base, each committed, in a file nobody else opens."""
    fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
    os.close(fd)
    builder = ProjectLock(tmp)
    builder.acquire()  # marks the file as in use for _remove_abandoned
    try:
        db = _connect(tmp)
        try:
            migrations.apply(db)
        except BaseException:
            db.conn.close()
            raise
        project = Project(tmp, db, None)
        try:
            _seed(project, schema_path)
            project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            project.close()
    finally:
        builder.release()
    if _sibling(tmp, "-wal").exists() and _sibling(tmp, "-wal").stat().st_size:
        raise ProjectError(f"{tmp} could not be completed")


def _seed(project: Project, schema_path: Path | None) -> None:
    schema, body = load_schema(schema_path)
    with project.transaction():
        project.db.table("schemas").insert(
            {"name": schema.name, "version": schema.version, "body": body})
        project.set_setting("schema", schema.name)
        project.set_setting("created_at", now())
    project.schema = project._load_schema()
    # No knowledge base is copied: the shipped base is read in place and the project keeps
    # only its own entries (kb/project_kb.py).


def _complete_creation(project: Project) -> None:
    """A file whose creation was cut short by an earlier version (killed, disk full) gets
    the schema it never committed; a complete project is untouched."""
    db = project.db
    if db.execute("SELECT EXISTS (SELECT 1 FROM schemas)").fetchone()[0]:
        return
    _seed(project, None)


def _publish(tmp: Path, path: Path) -> None:
    """Give the finished file its name, never replacing a file created meanwhile."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ProjectError(f"{path} already exists; choose another name") from None
    except OSError:  # no hard links here (e.g. FAT): rename, after one more look
        if path.exists():
            raise ProjectError(f"{path} already exists; choose another name") from None
        os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - directories cannot be opened there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_abandoned(folder: Path) -> None:
    """Files of creations in ``folder`` that were killed: named as ours, empty or SQLite,
    and unlocked, so no running process is still building them."""
    for tmp in folder.glob(".*.creating"):
        if not tmp.name.rsplit(".", 2)[1].isdigit():
            continue
        probe = ProjectLock(tmp)
        try:
            probe.acquire()
        except (LockHeld, OSError):
            continue
        try:
            assert probe.fd is not None  # acquired just above
            if classify_header(tmp, _read_header(probe.fd)) is not Kind.OTHER:
                for leftover in _with_journals(tmp):
                    leftover.unlink(missing_ok=True)
        finally:
            probe.release()
