"""Import files into a project: whole documents or nothing, problems reported, the rest kept."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import DOC_STATUSES, GOLD, MACHINE, DocStatus, Span, layer_ref, parse_layer_ref
from ..store import Project, fulltext
from ..store import documents as docs_store
from ..store import spans as spans_store
from .options import HTML_SUFFIXES, JSONL_SUFFIXES, KNOWN_SUFFIXES, TABLE_SUFFIXES, Options
from .problems import InputError, Problem
from .readers import (
    Record,
    iter_jsonl,
    iter_table,
    read_article_bytes,
)
from .report import ImportReport

if TYPE_CHECKING:  # the engine loads every rule family: only when an import uses it
    from ..prehighlight.engine import Engine
    from ..prehighlight.parallel import OrderedSpans

BATCH = 500
# Pre-highlighting makes a batch ~100x slower to store: smaller batches keep a transaction
# short enough for the window's own edits and for Cancel to take effect quickly.
BATCH_WITH_ENGINE = 25
Progress = Callable[[int, int], None]


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Files to read, folders walked recursively in a stable order; anything else reported.

    Every path is classified by ``stat`` before it is opened: a named pipe, socket or
    device would block or never end, an unreadable folder would otherwise be skipped
    silently.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for p in map(Path, paths):
        kind = file_kind(p)
        if kind == "folder":
            files.extend(_walk(p, problems))
        elif kind == "file":
            files.append(p)
        else:
            problems.append(Problem(str(p), kind))
    return files, problems


def file_kind(path: Path | os.DirEntry) -> str:
    """``"file"``, ``"folder"``, or what is wrong with the path, said for a user."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file or folder" if not os.path.islink(path) else "a broken link"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file: not read (it could wait forever)"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file: not read"
    return "a device, not a file: not read"


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """Known files below ``folder`` in a stable order (a folder's files, then its folders
    in turn), without a stat call per regular file; unreadable folders and special files
    are reported. Links to folders are not followed (they could loop)."""
    found: list[Path] = []
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(str(folder), f"cannot read the folder: {exc.strerror or exc}"))
        return found
    subfolders = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            subfolders.append(entry.path)
        elif Path(entry.name).suffix.lower() not in KNOWN_SUFFIXES:
            continue
        elif _is_file(entry):
            found.append(Path(entry.path))
        elif (kind := file_kind(entry)) != "folder":
            problems.append(Problem(str(Path(entry.path)), kind))
    for sub in subfolders:
        found += _walk(Path(sub), problems)
    return found


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a link that loops: file_kind says so
        return False


def read_file(path: Path, options: Options) -> Iterator[Record | InputError]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(path, options)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}")
        return
    if suffix in TABLE_SUFFIXES:
        yield from iter_table(path, data, options)
        return
    try:
        yield from read_article_bytes(data, path.name, options, html=suffix in HTML_SUFFIXES)
    except InputError as exc:
        yield exc


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    options: Options | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    engine: Engine | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import files; with an ``engine``, new documents get their machine candidates too.

    On a large import the engine runs in ``workers`` processes (default: one per core;
    1 runs it in this process only), this process staying the only writer of the project:
    what is stored, and in which order, is what one process would store.
    """
    importer = _Importer(project, options or Options(), engine, workers or os.cpu_count() or 1)
    with project.bulk_writes():
        importer.run(paths, progress, cancelled)
    return importer.report


class _Importer:
    def __init__(self, project: Project, options: Options, engine: Engine | None,
                 workers: int = 1):
        self.project = project
        self.options = options if options.labels is not None else replace(
            options, labels=tuple(project.schema.names())
        )
        self.engine = engine
        self.workers = workers
        self.unindexed: list[str] = []  # stored, not yet in the search index
        self.report = ImportReport()
        self.importer_id = project.annotator_id(options.annotator) if options.annotator else None

    def run(
        self,
        paths: Iterable[str | Path],
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        files, self.report.problems = discover(paths)
        self.report.files = len(files)
        with self.candidates() as candidates:
            batch: list[Record] = []
            for done, path in enumerate(files, start=1):
                if cancelled and cancelled():
                    break
                for item in read_file(path, self.options):
                    if isinstance(item, InputError):
                        self.report.problems.append(Problem(str(path), str(item), item.line))
                        continue
                    batch.append(item)
                    if len(batch) >= (BATCH if self.engine is None else BATCH_WITH_ENGINE):
                        self.put(candidates, batch)
                        batch = []
                if progress:
                    progress(done, len(files))
            if batch:
                self.put(candidates, batch)
            for done_batch, spans in candidates.drain() if candidates else ():
                self.store(done_batch, spans)
        if self.unindexed:
            with self.project.transaction():
                self.index()

    def index(self) -> None:
        """Index the documents stored since the last time, for search; inside a transaction.
        Done every few batches: the index costs less per document in larger groups."""
        fulltext.index_documents(self.project, self.unindexed)
        self.unindexed = []

    def candidates(self) -> OrderedSpans[list[Record]] | nullcontext[None]:
        """Where machine spans come from: the engine, here or in worker processes."""
        if self.engine is None:
            return nullcontext()
        from ..prehighlight.parallel import OrderedSpans

        return OrderedSpans(self.engine, self.workers)

    def put(self, candidates: OrderedSpans[list[Record]] | None, batch: list[Record]) -> None:
        """Store ``batch`` now, or once its candidates are found (batches stay in order)."""
        if candidates is None:
            self.store(batch)
            return
        docs = [None if r.doc.spans else (r.doc.text, r.doc.meta) for r in batch]
        for done_batch, spans in candidates.put(batch, docs):
            self.store(done_batch, spans)

    def store(self, batch: list[Record], machine: Sequence[list[Span] | None] = ()) -> None:
        """One transaction per batch: a crash or error leaves whole documents or none.
        ``machine`` holds each record's machine spans, where they were found beforehand."""
        found = dict(zip(map(id, batch), machine))
        batch = [r for r in batch if self.valid(r)]
        with self.project.transaction():
            results = docs_store.insert(self.project, [r.doc for r in batch], self.importer_id)
            self.unindexed += [s.id for s in results if s.created and s.id]
            if len(self.unindexed) >= fulltext.BATCH:
                self.index()
            machine_layers: list[tuple[str, list[Span]]] = []
            for record, stored in zip(batch, results):
                if stored.error:
                    self.problem(record, stored.error)
                    continue
                assert stored.id is not None  # set whenever there is no error
                self.report.document_ids.append(stored.id)
                self.report.created += stored.created
                self.report.duplicates += not stored.created
                if record.doc.spans or self.options.annotator:
                    self.store_machine(machine_layers)  # what it writes comes after them
                if record.doc.spans:
                    self.report.spans += self.store_layers(stored.id, record)
                else:
                    self.found_empty(stored.id, record)
                    if stored.created and self.engine is not None:
                        spans = found.get(id(record))
                        machine_layers.append((stored.id, self.candidates_of(record, spans)))
            self.store_machine(machine_layers)

    def problem(self, record: Record, message: str) -> None:
        self.report.problems.append(Problem(record.doc.origin.split(":")[0], message, record.line))

    def valid(self, record: Record) -> bool:
        try:
            for spans in _group_spans(record, self.options.annotator).values():
                spans_store.check_no_overlap(spans)
        except spans_store.SpanError as exc:
            self.problem(record, str(exc))
            return False
        return True

    def store_layers(self, doc_id: str, record: Record) -> int:
        groups = _group_spans(record, self.options.annotator)
        finished = record.doc.status not in (None, "suggested")
        for (name, role), spans in groups.items():
            layer_id = self.project.annotator_id(name, role)
            spans_store.replace_layer(self.project, doc_id, layer_id, spans, action="import_layer")
            if finished and role == "annotator":
                self.record_work(doc_id, name, layer_id, "done")
        _raise_status(self.project, doc_id, record.doc.status, self.importer_id)
        return sum(len(s) for s in groups.values())

    def found_empty(self, doc_id: str, record: Record) -> None:
        """A line of the named annotator's work with no spans: they found nothing to label.

        No layer records that, so their status does: the document stays theirs (in their
        exports, never seeded with candidates), and export → import → export keeps it.
        """
        if not self.options.annotator:
            return
        name, role = parse_layer_ref(self.options.annotator)
        if layer_ref(name, role) in record.annotators:
            finished = record.doc.status not in (None, "suggested")
            self.record_work(doc_id, name, self.project.annotator_id(name, role),
                             "done" if finished else "in_progress")

    def record_work(self, doc_id: str, name: str, annotator_id: int, status: str) -> None:
        """The imported work's status for its annotator (finished work is done), unless
        they already have one here: an export then says of it what the file said."""
        if name not in docs_store.annotator_statuses(self.project, doc_id):
            docs_store.set_annotator_status(self.project, doc_id, annotator_id, status)

    def candidates_of(self, record: Record, spans: list[Span] | None) -> list[Span]:
        """The record's machine spans: found beforehand, or by the engine now."""
        from ..prehighlight.engine import to_span

        assert self.engine is not None  # called only when there is one
        if spans is None:
            spans = [to_span(c) for c in self.engine.run(record.doc.text, record.doc.meta)]
        return spans

    def store_machine(self, layers: list[tuple[str, list[Span]]]) -> None:
        """The machine layers of new documents, in the order they came; the list is emptied."""
        if layers:
            self.report.candidates += spans_store.add_first_layers(
                self.project, self.project.machine_id(), layers, action="prehighlight"
            )
            layers.clear()


def _group_spans(record: Record, annotator: str | None) -> dict[tuple[str, str], list[Span]]:
    """Which layer each span goes to: the named annotator, else gold, its annotator, or machine."""
    status = record.doc.status or "suggested"
    groups: dict[tuple[str, str], list[Span]] = {}
    for span in record.doc.spans:
        if annotator:
            key = parse_layer_ref(annotator)
        elif status in (DocStatus.REVIEWED, DocStatus.GOLD):
            key = (GOLD, GOLD)
        elif span.annotator:
            key = parse_layer_ref(span.annotator)
        else:
            key = (MACHINE, MACHINE)
        groups.setdefault(key, []).append(span)
    return groups


def _raise_status(project: Project, doc_id: str, status: str | None,
                  annotator_id: int | None) -> None:
    """A file that says a stored document is further along moves it on, as a logged status
    change the dashboards count; never back."""
    if status in DOC_STATUSES:
        docs_store.raise_status(project, doc_id, status, annotator_id)
