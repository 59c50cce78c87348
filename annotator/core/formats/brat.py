"""brat standoff: a ``.txt`` and an ``.ann`` per document in one folder.

``T1<TAB>LABEL START END<TAB>text``. brat's server reads the ``.txt`` as a Python
``str`` and counts in it, so offsets are code points (𠮷 and 😀 count one), and the
``.txt`` is written and read without newline translation (a CRLF text keeps its two
characters). A span crossing a line break is written as brat writes one: fragments
``START END;START END`` around the break, their texts joined by a space.

Agency links travel as brat normalizations (``N1<TAB>Reference T1 AgencyKB:ID<TAB>NAME``)
and span attributes as annotator notes (``#1<TAB>AnnotatorNotes T1<TAB>attrs {JSON}``).
The file name is the document id where the id is a safe file name. ``annotation.conf``
lists the labels; ``conversion-notes.md`` says what was left out and ``export-manifest.json``
records the sha256 of every file written. brat lists as documents the names ending in
``txt`` (and creates an empty ``.ann`` for each when the collection is opened), so neither
of these ends so; the reader imports only ``.ann`` files with their ``.txt`` and, in a
folder with a manifest, only the documents the export wrote.

A re-export into an earlier export's folder replaces only the files the tool wrote and
that still hold what it wrote (the manifest says which). brat saves annotations by
rewriting the ``.ann`` files in place, so a changed ``.ann`` is work done in brat: the
export is refused, naming the files, and nothing is written. Writing the new files beside
them would leave two versions of a document for brat to show one of, and replacing them
would lose the work silently; refused, the user can bring the edits in first
(``annotator import --format brat``) or export to another folder. Files the user added
(``visual.conf``, ``tools.conf``, notes) are kept in the new folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ... import __version__
from ..atomic import (
    WriteRefused,
    changed_files,
    check_folder_target,
    file_mode,
    name_files,
    sha256_file,
    staged_folder,
)
from ..ingest.problems import InputError
from ..model import Origin
from . import Notes, Numbered, document, span

CARRIES = frozenset({"id", "agency", "attrs"})
KB = "AgencyKB"
NOTES_FILE = "conversion-notes.md"
MANIFEST = "export-manifest.json"
LEGACY_NOTES = "conversion-notes.txt"  # earlier exports; brat took it for a document
_UNSAFE = re.compile(r"[^\w.\-]", re.ASCII)
_BREAKS = "\r\n\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"


def file_stem(doc_id: str) -> str:
    """The id itself when it is a safe ASCII file name, else a safe form plus a hash."""
    safe = _UNSAFE.sub("_", doc_id)
    if safe == doc_id and not doc_id.startswith("."):
        return doc_id
    return f"{safe.lstrip('.')[:60]}-{hashlib.sha256(doc_id.encode()).hexdigest()[:10]}"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of [start, end) between line breaks (brat does not let a span cross one)."""
    pieces, piece_start = [], None
    for i in range(start, end):
        if text[i] in _BREAKS:
            if piece_start is not None:
                pieces.append((piece_start, i))
                piece_start = None
        elif piece_start is None:
            piece_start = i
    if piece_start is not None:
        pieces.append((piece_start, end))
    return pieces


def ann_text(doc: dict) -> str:
    text, lines, t = doc["text"], [], 0
    n = note = 0
    for s in doc["spans"]:
        pieces = fragments(text, s["start"], s["end"])
        if not pieces:
            continue
        t += 1
        where = ";".join(f"{a} {b}" for a, b in pieces)
        lines.append(f"T{t}\t{s['label']} {where}\t{' '.join(text[a:b] for a, b in pieces)}")
        if s.get("agency"):
            n += 1
            agency = s["agency"]
            lines.append(f"N{n}\tReference T{t} {KB}:{agency['id']}\t{agency.get('name') or ''}")
        if s.get("attrs"):
            note += 1
            attrs = json.dumps(s["attrs"], ensure_ascii=False, sort_keys=True)
            lines.append(f"#{note}\tAnnotatorNotes T{t}\tattrs {attrs}")
    return "".join(line + "\n" for line in lines)


def write(docs: Iterable[dict], out: Path, notes: Notes, fmt: str = "brat") -> list[Path]:
    """Write the folder beside ``out`` and swap it in when complete.

    A per-file ``atomic_text`` would sync twenty thousand files for ten thousand documents
    (tens of seconds); the folder is made whole instead, and replaces an earlier export
    only then, so a failure leaves the earlier export (or nothing) and no half folder.
    """
    recorded = _previous_export(out)
    with staged_folder(out, recorded) as stage:
        written = _write_folder(docs, stage, notes)
        manifest = {"tool": "gov-news-annotator", "tool_version": __version__, "files": written}
        body = (json.dumps(manifest, indent=1) + "\n").encode("utf-8")
        _write_bytes(stage / MANIFEST, body, file_mode())
    return [out / name for name in [*written, MANIFEST]]


def _write_folder(docs: Iterable[dict], folder: Path, notes: Notes) -> dict[str, str]:
    """Write the files; returns each file's name and sha256."""
    written: dict[str, str] = {}
    labels: set[str] = set()
    renamed = 0
    mode = file_mode()
    for i, doc in enumerate(docs, start=1):
        notes.check(doc, CARRIES)
        stem = file_stem(doc["id"]) if doc.get("id") else f"doc{i:06d}"
        renamed += stem != doc.get("id")
        for name, text in ((f"{stem}.txt", doc["text"]), (f"{stem}.ann", ann_text(doc))):
            written[name] = _write_bytes(folder / name, text.encode("utf-8"), mode)
        labels.update(s["label"] for s in doc["spans"])
    if renamed:
        notes.remark(f"{renamed} document ids are not safe file names; their files are renamed")
    notes.remark(f"agency links are normalizations to the database {KB} (ids of the project KB)")
    conf = "[entities]\n" + "".join(f"{label}\n" for label in sorted(labels))
    conf += "\n[relations]\n\n[events]\n\n[attributes]\n"
    for name, text in (("annotation.conf", conf), (NOTES_FILE, notes.text())):
        written[name] = _write_bytes(folder / name, text.encode("utf-8"), mode)
    return written


def _write_bytes(path: Path, data: bytes, mode: int) -> str:
    """No text layer, no buffer: creating files is most of a brat export's time. Returns the
    sha256 of what was written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    return hashlib.sha256(data).hexdigest()


def _previous_export(out: Path) -> dict[str, str]:
    """What the tool wrote into ``out`` last time (name → sha256); refuses any other folder,
    and a folder whose ``.ann`` or ``.txt`` files were changed since (see the module text)."""
    check_folder_target(out)
    if not out.is_dir() or not any(out.iterdir()):
        return {}
    recorded = _read_manifest(out / MANIFEST)
    if recorded is None:
        if (out / LEGACY_NOTES).exists():
            return {}  # an export made before manifests: nothing in it is provably ours
        raise WriteRefused(f"{out} is not empty and is not a brat export; choose another folder")
    changed = changed_files(out, recorded)
    if changed:
        raise WriteRefused(
            f"{out}: {name_files(changed)} changed since the export (edited in brat?), so "
            "nothing was written; import them first (annotator import --format brat) or "
            "export to another folder"
        )
    return recorded


def _read_manifest(path: Path) -> dict[str, str] | None:
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, dict):
        return None
    recorded = {str(k): str(v) for k, v in files.items()}
    recorded[MANIFEST] = sha256_file(path)  # the manifest itself is ours too
    return recorded


def read(path: Path, notes: Notes) -> Iterator[Numbered]:
    """A folder of ``.ann`` files (each beside its ``.txt``), or one ``.ann``/``.txt``.

    Documents are numbered by file, in name order; a problem names its file and line.
    """
    if path.is_dir():
        anns = [a for a in sorted(path.rglob("*.ann")) if not _notes_seen_by_brat(a)]
        anns = _exported_only(path, anns, notes)
    else:
        anns = [path.with_suffix(".ann")]  # a .txt asked for by name is read without its .ann
    for number, ann in enumerate(anns, start=1):
        try:
            yield number, parse(ann, notes)
        except InputError as exc:
            yield InputError(f"{ann.name}: {exc}", exc.line)


def _exported_only(folder: Path, anns: list[Path], notes: Notes) -> list[Path]:
    """In a folder this tool exported, the documents it wrote: brat makes a document of every
    ``.txt`` it finds (creating its ``.ann``), so other text files put there are named and
    left out. Give such a file's ``.ann`` by name to read it."""
    recorded = _read_manifest(folder / MANIFEST)
    if recorded is None:
        return anns
    ours = [a for a in anns if a.relative_to(folder).with_suffix(".txt").as_posix() in recorded]
    others = [a.relative_to(folder).as_posix() for a in anns if a not in ours]
    if others:
        notes.remark(f"not written by the export, so not read as documents: {', '.join(others)}")
    return ours


def _notes_seen_by_brat(ann: Path) -> bool:
    """The empty ``.ann`` brat made for an earlier export's notes: not a document."""
    return ann.stem == Path(LEGACY_NOTES).stem and ann.stat().st_size == 0


def parse(ann: Path, notes: Notes) -> dict:
    txt = ann.with_suffix(".txt")
    try:
        with open(txt, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
        body = ""
        if ann.exists():
            with open(ann, encoding="utf-8-sig", newline="") as fh:
                body = fh.read()
        lines = [line.rstrip("\r") for line in body.split("\n")]  # not splitlines: U+2028
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}") from None
    if not text:
        raise InputError(f"{txt.name} is empty or missing")
    spans: dict[str, dict] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            _read_line(line, text, spans, notes, number)
        except InputError as exc:
            raise InputError(str(exc), number) from None
    ordered = sorted(spans.values(), key=lambda s: (s["start"], s["end"]))
    return document(text, ordered, doc_id=ann.stem, meta={"file": txt.name})


def _read_line(line: str, text: str, spans: dict[str, dict], notes: Notes, number: int) -> None:
    fields = line.split("\t", 2)
    key = fields[0]
    if key.startswith("T") and len(fields) == 3:
        label, _, where = fields[1].partition(" ")
        spans[key] = _text_bound(text, label, where, fields[2], number)
    elif key.startswith("N") and len(fields) >= 2:
        kind, target, ref = (fields[1].split(" ") + ["", ""])[:3]
        db, _, entry = ref.partition(":")
        if db != KB or target not in spans:
            notes.lost["normalizations to other databases"] += 1
            return
        # brat's own writer puts a second tab before the text when it saves; its reader
        # strips tabs from the front of the text, and so do we
        name = (fields[2].lstrip("\t") if len(fields) == 3 else "") or entry
        spans[target]["agency"] = {"id": entry, "name": name}
    elif key.startswith("#") and len(fields) == 3 and fields[2].startswith("attrs "):
        target = fields[1].split(" ")[-1]
        try:
            attrs = json.loads(fields[2][len("attrs ") :])
        except ValueError:
            raise InputError(f"{key}: attrs note is not JSON") from None
        if target in spans and isinstance(attrs, dict):
            spans[target]["attrs"] = attrs
    else:
        notes.lost[f"brat annotations of kind {key[:1]!r}"] += 1


def _text_bound(text: str, label: str, where: str, quoted: str, number: int) -> dict:
    try:
        pieces = [tuple(map(int, part.split())) for part in where.split(";")]
        if any(len(p) != 2 for p in pieces):
            raise ValueError
    except ValueError:
        raise InputError(f"bad offsets {where!r}") from None
    start, end = pieces[0][0], pieces[-1][1]
    out = span(text, start, end, label, number, origin=Origin.MANUAL)
    for (_, a_end), (b_start, _) in zip(pieces, pieces[1:]):
        if not all(ch in _BREAKS for ch in text[a_end:b_start]):
            raise InputError("discontinuous span (only breaks at line ends are supported)")
    joined = " ".join(text[a:b] for a, b in pieces)
    if joined != quoted:
        raise InputError(f"offsets {where} give {joined!r}, the line says {quoted!r}")
    return out
