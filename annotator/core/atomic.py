"""Files and folders written whole or not at all, never over a project, never over a user's file.

Every output the tool writes (exports in all formats, releases, knowledge-base exports,
packages, conversions) goes through here, so three rules hold in one place:

* A target that is a SQLite database (a project, a package, any other) is refused whatever
  the flags: replacing it would destroy the user's work. So are its ``-wal``/``-shm``/
  ``-journal``/``.lock`` companions.
* A file is written to a temporary name beside it and renamed over it only when complete;
  a folder (brat, a release) is written as a new sibling folder and swapped in. The old
  folder's files are deleted only where they are provably ours: listed in the record of
  what the tool wrote there *and* still holding the bytes it wrote. Paths are taken from
  walking the folder, never from a file read out of it, so a record naming ``../x`` or an
  absolute path deletes nothing. Files the user added are carried into the new folder;
  files the user changed stop the swap (``WriteRefused`` names them) before anything moves.
* Temporary names start with ``TEMP_PREFIX`` and the writing process's id. An exception
  (KeyboardInterrupt included) removes them at once; after a kill, the next write to the
  same folder removes those of dead processes that are older than the running one.

Files get the mode the user's umask gives (``mkstemp`` alone would make them 0600).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

TEMP_PREFIX = ".annotator-tmp-"
_STARTED = time.time()  # before any temporary file this process makes
_STALE = re.compile(
    re.escape(TEMP_PREFIX) + r"(\d+)-.*\.(part|stage)(-wal|-shm|-journal|\.lock)?$", re.S
)
_SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_COMPANIONS = ("-wal", "-shm", "-journal", ".lock")
_NAMED = 5  # files named in a refusal; the rest are counted


class WriteRefused(FileExistsError):
    """A target the tool will not write over; the message is one sentence for the user."""


# -- what must never be overwritten --------------------------------------------------------
def is_database(path: str | Path) -> bool:
    """True for an existing SQLite database (its 16-byte header) or SQLite write-ahead log.

    Any database counts, not only this tool's projects: all of them hold someone's data.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return head == _SQLITE_HEADER or head[:4] in _WAL_MAGIC


def check_target(path: str | Path) -> None:
    """Refuse (``WriteRefused``) a file target that is a database, its companion, or a folder."""
    path = Path(path)
    if path.is_dir():
        raise WriteRefused(f"{path} is a folder; give a file name to write")
    if is_database(path):
        raise WriteRefused(
            f"{path} is a project or database file, so nothing was written over it; "
            "choose another file name"
        )
    for suffix in _COMPANIONS:
        base = path.with_name(path.name[: -len(suffix)]) if path.name.endswith(suffix) else None
        if base is not None and base.name and is_database(base):
            raise WriteRefused(
                f"{path} belongs to the project {base.name}, so nothing was written over it; "
                "choose another file name"
            )


def check_folder_target(path: str | Path) -> None:
    """Refuse a folder target that is a file (a project above all) or a link to a folder
    (swapping the link would move the user's files out of the folder it points to)."""
    path = Path(path)
    if path.is_symlink():
        raise WriteRefused(f"{path} is a symbolic link; give the folder it points to")
    if path.exists() and not path.is_dir():
        check_target(path)  # a database gets the more precise sentence
        raise WriteRefused(f"{path} is a file; this output is a folder, choose a folder name")


# -- modes and temporary names ---------------------------------------------------------------
def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:  # read without changing it
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a new file gets from the user's umask (0644 under umask 022)."""
    return 0o666 & ~_umask()


def folder_mode() -> int:
    return 0o777 & ~_umask()


def _prefix(name: str) -> str:
    short = name.encode("utf-8")[:80].decode("utf-8", "ignore")  # names are limited in bytes
    return f"{TEMP_PREFIX}{os.getpid()}-{short}-"


def temporary_name(target: Path, suffix: str = ".part") -> Path:
    """A fresh temporary path beside ``target`` (not created), recognisable as ours."""
    return target.with_name(f"{_prefix(target.name)}{uuid.uuid4().hex[:12]}{suffix}")


def clean_stale(folder: str | Path) -> int:
    """Remove temporary files and staging folders that killed runs of this tool left in ``folder``.

    Only names of ours, only of a process that no longer runs, only older than this one;
    symbolic links are never followed. Returns how many were removed.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _STALE.match(entry.name)
        if not match or int(match[1]) == os.getpid() or _alive(int(match[1])):
            continue
        try:
            if entry.is_symlink() or entry.stat(follow_symlinks=False).st_mtime >= _STARTED:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)  # a staging folder: everything in it is ours
            else:
                os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - an open file cannot be deleted there
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


# -- one file ----------------------------------------------------------------------------------
@contextmanager
def atomic_text(path: str | Path, newline: str | None = "\n") -> Iterator[TextIO]:
    """Yield a UTF-8 text file that replaces ``path`` only once it is complete and synced.

    A crash or an exception leaves the old file (or none) and no temporary file behind;
    a project file at ``path`` is refused before anything is written.
    """
    path = Path(path)
    check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=_prefix(path.name), suffix=".part", dir=path.parent)
    try:
        os.chmod(tmp, file_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        check_target(path)  # a project created there meanwhile is still not replaced
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- one folder --------------------------------------------------------------------------------
_DIGESTS: dict[tuple, str] = {}  # (path, inode, size, mtime) → sha256, for this process


def sha256_file(path: Path) -> str:
    """The file's sha256; a file checked before and unchanged since is not read again
    (a folder is checked before a long export and once more when it is swapped)."""
    st = os.stat(path)
    key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in _DIGESTS:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if len(_DIGESTS) > 200_000:
            _DIGESTS.clear()
        _DIGESTS[key] = digest.hexdigest()
    return _DIGESTS[key]


def _walk(folder: Path) -> Iterator[tuple[str, Path, bool]]:
    """(relative posix path, path, is a regular file) of everything under ``folder``; links
    are reported, not followed; empty folders are reported as themselves."""
    for root, dirs, files in os.walk(folder):
        base = Path(root)
        for name in files + [d for d in dirs if (base / d).is_symlink()]:
            path = base / name
            yield path.relative_to(folder).as_posix(), path, not path.is_symlink()
        if not dirs and not files and base != folder:
            yield base.relative_to(folder).as_posix() + "/", base, False


def sort_previous(folder: Path, recorded: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """(ours, theirs) of the files in ``folder``: ours are recorded with the bytes still there.

    ``recorded`` maps relative paths to sha256 and is only looked up, never walked.
    """
    ours, theirs = [], []
    for rel, path, regular in _walk(folder):
        if regular and rel in recorded and sha256_file(path) == recorded[rel]:
            ours.append(rel)
        else:
            theirs.append(rel)
    return ours, theirs


def changed_files(folder: Path, recorded: Mapping[str, str]) -> list[str]:
    """Files the tool recorded writing in ``folder`` that no longer hold what it wrote."""
    return [
        rel
        for rel, path, regular in _walk(folder)
        if rel in recorded and not (regular and sha256_file(path) == recorded[rel])
    ]


def name_files(rels: Iterable[str]) -> str:
    rels = sorted(rels)
    named = ", ".join(rels[:_NAMED])
    return named + (f" and {len(rels) - _NAMED} more" if len(rels) > _NAMED else "")


@contextmanager
def staged_folder(out: str | Path, recorded: Mapping[str, str] | None = None) -> Iterator[Path]:
    """Yield an empty folder beside ``out`` that becomes ``out`` when the block completes.

    ``recorded`` is what the tool wrote into ``out`` last time (relative path → sha256).
    An exception removes the staging folder and leaves ``out`` as it was.
    """
    out = Path(out)
    check_folder_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(out.parent)
    stage = Path(tempfile.mkdtemp(prefix=_prefix(out.name), suffix=".stage", dir=out.parent))
    try:
        os.chmod(stage, folder_mode())
        yield stage
        _swap_in(stage, out, recorded or {})
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _swap_in(stage: Path, out: Path, recorded: Mapping[str, str]) -> None:
    check_folder_target(out)
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
    if not out.exists():
        os.replace(stage, out)
        return
    ours, theirs = sort_previous(out, recorded)
    clash = [rel for rel in theirs if _taken(stage, rel)]
    if clash:
        raise WriteRefused(
            f"{out} holds files this tool did not write or that changed since it wrote them "
            f"({name_files(clash)}), so nothing was replaced; move them away or choose "
            "another folder"
        )
    old = temporary_name(out, ".old")
    os.replace(out, old)
    try:
        os.replace(stage, out)
    except BaseException:
        os.replace(old, out)
        raise
    for rel in theirs:  # the user's files stay in the folder they put them in
        _carry(old, out, rel)
    for rel in ours:
        (old / rel).unlink(missing_ok=True)
    _remove_empty(old, out)


def _taken(stage: Path, rel: str) -> bool:
    parts = rel.rstrip("/").split("/")
    for i in range(1, len(parts)):
        if (stage.joinpath(*parts[:i])).is_file():
            return True
    target = stage.joinpath(*parts)
    return os.path.lexists(target) and not (rel.endswith("/") and target.is_dir())


def _carry(old: Path, out: Path, rel: str) -> None:
    target = out / rel.rstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    if rel.endswith("/"):
        target.mkdir(exist_ok=True)
    else:
        os.replace(old / rel, target)


def _remove_empty(old: Path, out: Path) -> None:
    """Remove the emptied old folder; anything left in it (written meanwhile) is kept, visibly."""
    for root, dirs, _files in os.walk(old, topdown=False):
        for name in dirs:
            with suppress(OSError):
                (Path(root) / name).rmdir()
    try:
        old.rmdir()
    except OSError:
        os.replace(old, out.with_name(f"{out.name}-kept-{uuid.uuid4().hex[:6]}"))
