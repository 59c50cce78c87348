"""Import files of any supported format into a project, with or without pre-highlighting.

This tool's own files (text, HTML, CSV/TSV, JSONL) are read by suffix. Another tool's file
(``fmt``, see ``formats.IMPORT_FORMATS``) is first turned into docs/FORMAT.md document lines
in a temporary JSONL file that the ordinary importer reads, so de-duplication, layers and
problem reports are the same as for JSONL; its records are numbered as in the original file
and problems name the file the user gave.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..formats import IMPORT_FORMATS, FormatError, Notes, dumps, read_numbered
from ..ingest.options import JSONL_SUFFIXES, Options
from ..model import DocStatus
from ..problems import InputError, Problem
from ..store import Project
from ..store import documents as docs_store
from . import Cancelled, Progress, never


class ImportRequestError(ValueError):
    """An import asked for in a way that cannot work; nothing was read or stored."""


@dataclass(frozen=True)
class ImportRequest:
    """What to import and how: the command line's ``import`` options, as plain values."""

    paths: tuple[Path, ...]
    format: str | None = None  # another tool's format; None: this tool's files, by suffix
    split_stories: bool = False  # one document per story on a newspaper page
    region: str | None = None  # jurisdiction when a text does not state one
    prehighlight: bool = True  # machine candidates for the new documents
    annotator: str | None = None  # the layer the spans of the files go to
    text_column: str = "text"  # CSV/TSV column holding the text

    def options(self) -> Options:
        return Options(split_stories=self.split_stories, region=self.region,
                       text_column=self.text_column, annotator=self.annotator)

    def check(self) -> None:
        """Refuse a request before anything is read: an unknown format, or another tool's
        spans without the annotator whose layer receives them."""
        if self.format is None:
            return
        if self.format not in IMPORT_FORMATS:
            raise ImportRequestError(f"cannot import {self.format!r} "
                                     f"(importable: {', '.join(IMPORT_FORMATS)})")
        if not self.annotator:
            raise ImportRequestError(
                f"--format {self.format} needs --annotator NAME (the layer for its spans)")


@dataclass
class ImportOutcome:
    """What an import did. ``added``: ids of the new documents, in the order stored;
    ``changed``: documents already present that the files named again (their layers are
    replaced when the file carried spans). ``notes``: what another tool's format could not
    carry. Each problem names the file as the user gave it, and its line when known."""

    files: int = 0
    created: int = 0
    duplicates: int = 0
    spans: int = 0
    candidates: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def import_files(
    project: Project,
    request: ImportRequest,
    progress: Progress | None = None,
    cancelled: Cancelled = never,
) -> ImportOutcome:
    """Import ``request.paths`` into ``project``; whole documents or none, the rest kept.

    ``progress(done, total)`` follows the files read; ``cancelled()`` is asked between files
    (what was stored stays; the same import again completes it).
    """
    request.check()
    before = docs_store.last_seq(project)
    if request.format is None:
        outcome = _import_native(project, request, request.paths, progress, cancelled)
    else:
        outcome = _import_foreign(project, request, progress, cancelled)
    outcome.added = docs_store.ids_after(project, before)
    added = set(outcome.added)
    outcome.changed = [doc_id for doc_id in outcome.changed if doc_id not in added]
    return outcome


def _import_native(
    project: Project,
    request: ImportRequest,
    paths: Sequence[Path],
    progress: Progress | None,
    cancelled: Cancelled,
) -> ImportOutcome:
    from ..ingest.importer import import_paths  # the clean-up loads a dictionary: when needed

    engine = None
    if request.prehighlight:
        from ..prehighlight.runner import project_engine

        engine = project_engine(project, request.region)
    report = import_paths(project, paths, request.options(), progress, cancelled, engine)
    outcome = ImportOutcome(report.files, report.created, report.duplicates, report.spans,
                            report.candidates, list(report.problems))
    outcome.changed = list(dict.fromkeys(report.document_ids))  # the new ones are set apart
    return outcome


def _import_foreign(
    project: Project, request: ImportRequest, progress: Progress | None, cancelled: Cancelled
) -> ImportOutcome:
    assert request.format is not None and request.annotator is not None  # request.check()
    notes = Notes(request.format)
    problems: list[Problem] = []
    empty: list[str] = []
    shown_as: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="annotator-import-") as tmp:
        converted = []
        for i, path in enumerate(request.paths):
            if cancelled():
                break
            if not path.exists():
                problems.append(Problem(str(path), "no such file or folder"))
                continue
            # named as the input, so the importer's messages name it (and its record numbers)
            suffix = "" if path.suffix.lower() in JSONL_SUFFIXES else ".jsonl"
            out = Path(tmp, f"{i:03d}", f"{path.name or 'input'}{suffix}")
            shown_as[out.name], shown_as[str(out)] = path.name, str(path)
            _, found = convert_file(request.format, path, out, notes, empty, align=True)
            problems += found
            converted.append(out)
        outcome = ImportOutcome()
        if converted:
            outcome = _import_native(project, request, converted, progress, cancelled)
    outcome.problems = problems + [
        replace(p, path=shown_as.get(p.path, p.path)) for p in outcome.problems
    ]
    outcome.notes = notes.lines()
    if empty:
        _mark_worked_on(project, request.annotator, empty)
    return outcome


def convert_file(
    fmt: str,
    path: Path,
    out: Path,
    notes: Notes,
    empty: list[str] | None = None,
    align: bool = False,
) -> tuple[int, list[Problem]]:
    """Write ``path`` (in ``fmt``) as docs/FORMAT.md document lines to ``out``: (documents
    written, problems with their record's line).

    With ``align``, record N is written on line N (blank lines between), so what the
    importer reports about a line names the record of the original file. ``empty``
    receives the texts of documents without spans (see ``_mark_worked_on``).
    """
    from ..atomic import atomic_text

    problems: list[Problem] = []
    count = written = 0
    with atomic_text(out) as fh:
        for item in read_numbered(fmt, path, notes):
            if isinstance(item, InputError):
                problems.append(Problem(str(path), str(item), item.line))
                continue
            number, doc = item
            if align and number > written + 1:
                fh.write("\n" * (number - written - 1))
                written = number - 1
            fh.write(dumps(doc) + "\n")
            written += 1
            count += 1
            if empty is not None and not doc["spans"] and doc["status"] != DocStatus.SUGGESTED:
                empty.append(doc["text"])
    return count, problems


@dataclass
class ConvertOutcome:
    """What ``convert`` wrote: documents, problems (file and line), what the format lacked."""

    documents: int
    problems: list[Problem]
    notes: list[str]
    output: Path


def convert(fmt: str, path: str | Path, out: str | Path) -> ConvertOutcome:
    """Another tool's file as gold JSONL document lines, without a project.

    Raises ``FormatError`` for a format that cannot be read."""
    if fmt not in IMPORT_FORMATS:
        raise FormatError(f"cannot import {fmt!r} (importable: {', '.join(IMPORT_FORMATS)})")
    notes = Notes(fmt)
    count, problems = convert_file(fmt, Path(path), Path(out), notes)
    return ConvertOutcome(count, problems, notes.lines(), Path(out))


def guess_format(paths: Sequence[str | Path]) -> str | None:
    """The format the first path is most likely in, from its suffix and first line: an
    ``.ann`` file or a folder holding one is brat, a ``.json`` file Label Studio, a JSONL line
    with doccano's ``label``/``entities`` or Prodigy's ``answer`` those tools'; None for this
    tool's own files. A guess to start a chooser with: the user has the last word."""
    if not paths:
        return None
    path = Path(paths[0])
    if path.suffix.lower() == ".ann" or (path.is_dir() and _holds_ann(path)):
        return "brat"
    if path.suffix.lower() == ".json":
        return "label-studio"
    if path.suffix.lower() in JSONL_SUFFIXES:
        first = _first_object(path) or {}
        if "spans" not in first and _has_any(first, _DOCCANO_KEYS):
            return "doccano"
        if "spans" in first and _has_any(first, ("answer", "_input_hash")):
            return "prodigy"
    return None


_DOCCANO_KEYS = ("label", "labels", "entities")


def _has_any(obj: dict, keys: Sequence[str]) -> bool:
    return any(key in obj for key in keys)


def _holds_ann(folder: Path) -> bool:
    try:
        return next(folder.rglob("*.ann"), None) is not None
    except OSError:
        return False


def _first_object(path: Path) -> dict | None:
    """The first line of a JSONL file as an object; None when it is not one."""
    import json

    try:
        with path.open("rb") as fh:
            for raw in fh:
                if raw.strip():
                    obj = json.loads(raw.decode("utf-8-sig"))
                    return obj if isinstance(obj, dict) else None
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return None


def _mark_worked_on(project: Project, annotator: str, texts: list[str]) -> None:
    """Documents the file gives no spans were still annotated (found empty) by the annotator.

    The importer stores no layer for them; recording the annotator's progress keeps them in
    that annotator's exports, so an empty document survives a round trip.
    """
    from ..model import parse_layer_ref

    name, role = parse_layer_ref(annotator)
    who = project.annotator_id(name, role)
    with project.transaction():
        for text in texts:
            doc_id = docs_store.existing(project, docs_store.sha256(text), None)
            if doc_id and name not in docs_store.annotator_statuses(project, doc_id):
                docs_store.set_annotator_status(project, doc_id, who, "done")
