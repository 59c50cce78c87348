"""Documents: stored once per text, with their metadata and the way back to the raw file."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import DOC_STATUSES, META_FIELDS, Document, Span
from ..offsets import OffsetMap
from . import events
from .project import Project, now

_META_COLUMNS = tuple(f for f in META_FIELDS if f != "title")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class NewDocument:
    """A document ready to store: clean text, metadata, and optionally a layer of spans."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    raw: str | None = None
    offsets: OffsetMap | None = None
    status: str | None = None
    spans: list[Span] = field(default_factory=list)
    origin: str = ""  # "file" or "file:line", for messages


@dataclass
class Stored:
    id: str | None
    created: bool  # False: the same text (or id) was already in the project
    error: str | None = None


class DuplicateIdError(ValueError):
    pass


_TAKEN = "id {!r} is already used by a document with a different text"


def existing(project: Project, text_sha: str, doc_id: str | None) -> str | None:
    """The id a document with this text already has; an id taken by another text is an error."""
    row = project.db.execute(
        "SELECT id FROM documents WHERE text_sha256 = ?", [text_sha]
    ).fetchone()
    if row:
        return row[0]
    if doc_id is not None:
        row = project.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row:
            raise DuplicateIdError(_TAKEN.format(doc_id))
    return None


def insert(project: Project, docs: Iterable[NewDocument], annotator_id: int | None) -> list[Stored]:
    """Insert the documents not yet stored, one result per input; call inside a transaction."""
    db = project.db
    seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM documents").fetchone()[0]
    ts = now()
    out: list[Stored] = []
    doc_rows, log_rows = [], []
    seen: dict[str, str] = {}
    seen_ids: set[str] = set()  # ids taken earlier in this batch
    last_raw, last_raw_sha = None, None  # the stories of one page share its raw text
    for doc in docs:
        text_sha = sha256(doc.text)
        try:
            found = seen.get(text_sha) or existing(project, text_sha, doc.id)
            if not found and doc.id in seen_ids:
                raise DuplicateIdError(_TAKEN.format(doc.id))
        except DuplicateIdError as exc:
            out.append(Stored(None, False, str(exc)))
            continue
        if found:
            out.append(Stored(found, False))
            continue
        seq += 1
        doc_id = doc.id or "d" + text_sha[:15]
        seen[text_sha] = doc_id
        seen_ids.add(doc_id)
        raw_sha = None
        if doc.raw is not None and doc.offsets is not None and not doc.offsets.is_identity():
            if doc.raw is not last_raw:
                last_raw, last_raw_sha = doc.raw, sha256(doc.raw)
            raw_sha = last_raw_sha
        doc_rows.append(_row(doc, doc_id, seq, text_sha, raw_sha, ts))
        log_rows.append(
            (
                ts,
                annotator_id,
                "import_document",
                doc_id,
                None,
                None,
                {"title": doc.meta.get("title") or "", "chars": len(doc.text)},
            )
        )
        out.append(Stored(doc_id, True))
    db.conn.executemany(_INSERT_DOCUMENT, doc_rows)
    events.log_many(db, log_rows)
    return out


_INSERT_DOCUMENT = (
    "INSERT INTO documents(id, seq, title, text, text_sha256, raw_sha256, offset_map, "
    + ", ".join(_META_COLUMNS)
    + ", meta_extra, status, created_at) VALUES ("
    + ", ".join("?" * (10 + len(_META_COLUMNS)))
    + ")"
)


def _row(doc: NewDocument, doc_id: str, seq: int, text_sha: str, raw_sha: str | None, ts: str):
    meta = doc.meta
    # a raw_sha256 that arrives in metadata (a re-import) is kept unless this import has one
    extra = {
        k: v
        for k, v in meta.items()
        if k not in META_FIELDS and not (raw_sha and k == "raw_sha256")
    }
    offsets = json.dumps(doc.offsets.to_json()) if raw_sha and doc.offsets else None
    return (
        doc_id,
        seq,
        meta.get("title") or "",
        doc.text,
        text_sha,
        raw_sha,
        offsets,
        *(meta.get(k) for k in _META_COLUMNS),
        json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
        doc.status or "suggested",
        ts,
    )


_SELECT = (
    "SELECT id, title, text, raw_sha256, status, meta_extra, "
    + ", ".join(_META_COLUMNS)
    + " FROM documents"
)


def _document(row: tuple) -> Document:
    doc_id, title, text, raw_sha, status, extra, *values = row
    meta: dict[str, Any] = {"title": title}
    meta.update(zip(_META_COLUMNS, values))
    if extra:
        meta.update(json.loads(extra))
    if raw_sha:
        meta["raw_sha256"] = raw_sha
    return Document(doc_id, text, meta, status, raw_sha)


def get(project: Project, doc_id: str) -> Document | None:
    row = project.db.execute(_SELECT + " WHERE id = ?", [doc_id]).fetchone()
    return _document(row) if row else None


def iter_documents(project: Project, status: str | None = None) -> Iterator[Document]:
    sql, args = _SELECT, []
    if status:
        sql += " WHERE status = ?"
        args.append(status)
    for row in project.db.execute(sql + " ORDER BY seq", args):
        yield _document(row)


def count(project: Project) -> int:
    return project.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


def with_label(project: Project, label: str, annotator_ids: list[int]) -> set[str]:
    """Documents where any of these layers has a span of ``label``."""
    marks = ", ".join("?" * len(annotator_ids))
    rows = project.db.execute(
        f"SELECT DISTINCT doc_id FROM spans WHERE label = ? AND annotator_id IN ({marks})",
        [label, *annotator_ids],
    )
    return {r[0] for r in rows}


def offsets_of(project: Project, doc_id: str) -> OffsetMap | None:
    """The clean→raw map (with the deleted text) where import repaired the text."""
    row = project.db.execute("SELECT offset_map FROM documents WHERE id = ?", [doc_id]).fetchone()
    return OffsetMap.from_json(json.loads(row[0])) if row and row[0] else None


def set_status(project: Project, doc_id: str, status: str, annotator_id: int | None) -> None:
    with project.transaction():
        before = project.db.execute(
            "SELECT status FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        project.db.execute("UPDATE documents SET status = ? WHERE id = ?", [status, doc_id])
        events.log(
            project.db,
            now(),
            annotator_id,
            "set_status",
            doc_id,
            before={"status": before[0] if before else None},
            after={"status": status},
        )


def set_annotator_status(project: Project, doc_id: str, annotator_id: int, status: str) -> None:
    """One annotator's progress on one document: new, in_progress or done."""
    with project.transaction():
        before = project.db.execute(
            "SELECT status FROM doc_status WHERE doc_id = ? AND annotator_id = ?",
            [doc_id, annotator_id],
        ).fetchone()
        project.db.execute(
            "INSERT INTO doc_status(doc_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(doc_id, annotator_id) DO UPDATE SET status = excluded.status, "
            "updated_at = excluded.updated_at",
            [doc_id, annotator_id, status, now()],
        )
        events.log(
            project.db,
            now(),
            annotator_id,
            "set_annotator_status",
            doc_id,
            before={"status": before[0] if before else None},
            after={"status": status},
        )


def annotator_statuses(project: Project, doc_id: str) -> dict[str, str]:
    rows = project.db.execute(
        "SELECT a.name, s.status FROM doc_status s JOIN annotators a ON a.id = s.annotator_id "
        "WHERE s.doc_id = ? ORDER BY a.name",
        [doc_id],
    )
    return dict(rows.fetchall())


def annotator_statuses_by_id(project: Project, doc_id: str) -> dict[int, str]:
    """Each annotator's status on one document, by annotator id (what undo restores)."""
    rows = project.db.execute(
        "SELECT annotator_id, status FROM doc_status WHERE doc_id = ?", [doc_id]
    )
    return dict(rows.fetchall())


def clear_annotator_status(project: Project, doc_id: str, annotator_id: int) -> None:
    """Back to "new" for this annotator (undoing the first status they were given)."""
    with project.transaction():
        before = annotator_statuses_by_id(project, doc_id).get(annotator_id)
        project.db.execute(
            "DELETE FROM doc_status WHERE doc_id = ? AND annotator_id = ?", [doc_id, annotator_id]
        )
        events.log(project.db, now(), annotator_id, "set_annotator_status", doc_id,
                   before={"status": before}, after={"status": None})


@dataclass(frozen=True)
class Progress:
    """How far one annotator is through the whole project."""

    done: int
    documents: int
    decided: int
    candidates: int


_PROGRESS = """
SELECT (SELECT COUNT(*) FROM documents),
       (SELECT COUNT(*) FROM doc_progress WHERE annotator_id = :me AND mine = 'done'),
       IFNULL((SELECT spans FROM layer_totals WHERE annotator_id = :machine), 0),
       IFNULL((SELECT SUM(machine) FROM doc_progress WHERE annotator_id = :me), 0),
       IFNULL((SELECT suggested FROM layer_totals WHERE annotator_id = :me), 0)
"""


def progress(project: Project, annotator_id: int) -> Progress:
    """One query over the counts the store keeps (migration 0006), cheap enough to run after
    every decision in a project of a million documents. A candidate is undecided while it
    still stands as a suggestion in the annotator's layer, or while the document has not
    been opened by the annotator (its layer is seeded with the candidates on first opening)."""
    row = project.db.execute(
        _PROGRESS, {"me": annotator_id, "machine": project.machine_id()}).fetchone()
    documents, done, candidates, opened, suggested = row
    unopened = candidates - opened
    return Progress(done, documents, max(0, candidates - unopened - suggested), candidates)


def last_seq(project: Project) -> int:
    """The sequence number of the latest document stored (0 in an empty project)."""
    return project.db.execute("SELECT COALESCE(MAX(seq), 0) FROM documents").fetchone()[0]


def ids_after(project: Project, seq: int) -> list[str]:
    """Ids of the documents stored after ``last_seq`` gave ``seq``, in the order stored: what
    an import added, for the views that show them."""
    rows = project.db.execute("SELECT id FROM documents WHERE seq > ? ORDER BY seq", [seq])
    return [row[0] for row in rows]


def ids(project: Project, status: str | None = None) -> Iterator[str]:
    """Document ids (with this status), in import order, streamed."""
    cur = project.db.execute(
        "SELECT id FROM documents WHERE ? IS NULL OR status = ? ORDER BY seq", [status, status]
    )
    for (doc_id,) in cur:
        yield doc_id


def status_of(project: Project, doc_id: str) -> str | None:
    row = project.db.execute("SELECT status FROM documents WHERE id = ?", [doc_id]).fetchone()
    return row[0] if row else None


def start_annotator(project: Project, doc_id: str, annotator_id: int, candidates: int) -> None:
    """The annotator begins the document with ``candidates`` machine candidates to decide."""
    project.db.execute(
        "INSERT INTO doc_status(doc_id, annotator_id, status, updated_at, candidates) "
        "VALUES (?, ?, 'in_progress', ?, ?)",
        [doc_id, annotator_id, now(), candidates],
    )


def candidates_of(project: Project, doc_id: str, annotator_id: int) -> int:
    """How many candidates the annotator started the document with (0: not started)."""
    row = project.db.execute(
        "SELECT candidates FROM doc_status WHERE doc_id = ? AND annotator_id = ?",
        [doc_id, annotator_id],
    ).fetchone()
    return (row[0] or 0) if row else 0


def raise_status(project: Project, doc_id: str, status: str, annotator_id: int | None) -> bool:
    """Set a later status (``DOC_STATUSES`` order), never an earlier one; logged like any
    status change. Returns whether it changed."""
    current = status_of(project, doc_id)
    if current is None or DOC_STATUSES.index(status) <= DOC_STATUSES.index(current):
        return False
    set_status(project, doc_id, status, annotator_id)
    return True


def labelled_for(project: Project, label: str, annotator_id: int) -> set[str]:
    """Documents where this annotator sees a span of ``label``: in their own layer once they
    have opened the document, else among the machine's candidates still waiting for them."""
    rows = project.db.execute(
        "SELECT DISTINCT doc_id FROM spans WHERE label = ? AND (annotator_id = ? OR "
        "(annotator_id = ? AND doc_id NOT IN "
        "(SELECT doc_id FROM doc_status WHERE annotator_id = ?)))",
        [label, annotator_id, project.machine_id(), annotator_id],
    )
    return {r[0] for r in rows}


def iter_numbered(project: Project, status: str | None = None) -> Iterator[tuple[int, Document]]:
    """(import position, document) of the documents (with this status), in import order."""
    sql = "SELECT seq, " + _SELECT.removeprefix("SELECT ") + " WHERE ? IS NULL OR status = ?"
    for row in project.db.execute(sql + " ORDER BY seq", [status, status]):
        yield row[0], _document(row[1:])


def outlines(project: Project) -> Iterator[tuple[str, str, int]]:
    """(id, title, length in code points) of every document in import order, without the
    texts."""
    yield from project.db.execute("SELECT id, title, length(text) FROM documents ORDER BY seq")
