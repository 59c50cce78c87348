"""Ordered, append-only schema migrations of the project file.

Never edit a migration that has shipped: add a new one at the end. Each runs in its own
transaction (sqlite-utils ``Migrations``); the file is backed up before any of them runs,
and a file that has migrations this version does not know is refused, not touched.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .identity import APPLICATION_ID, MIGRATION_SET

MIGRATIONS = Migrations(MIGRATION_SET)
_NAMES: list[str] = []


def migration(name: str):
    """Register the next migration; names sort in the order they ship."""
    _NAMES.append(name)
    return MIGRATIONS(name=name)


@migration("0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE schemas (name TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL UNIQUE,
            raw_sha256 TEXT,
            offset_map TEXT,  -- clean→raw runs and the deleted text: the raw text, exactly
            source TEXT, date TEXT, page TEXT, url TEXT, region TEXT, file TEXT,
            meta_extra TEXT,
            status TEXT NOT NULL DEFAULT 'suggested'
                CHECK (status IN ('suggested', 'annotated', 'reviewed', 'gold')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('machine', 'annotator', 'reviewer', 'gold')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE agencies (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            level TEXT, region_code TEXT, region TEXT, type TEXT,
            parent TEXT REFERENCES agencies(id) DEFERRABLE INITIALLY DEFERRED,
            generated INTEGER NOT NULL DEFAULT 0,
            source TEXT,
            created_by INTEGER REFERENCES annotators(id),
            created_at TEXT NOT NULL
        );
        CREATE TABLE agency_names (
            agency_id TEXT NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('alias', 'former')),
            scope TEXT NOT NULL DEFAULT 'global' CHECK (scope IN ('global', 'local')),
            valid_from INTEGER, valid_to INTEGER,
            PRIMARY KEY (agency_id, text, kind)
        );
        CREATE INDEX agency_names_text ON agency_names(text);
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            attrs TEXT,
            agency_id TEXT REFERENCES agencies(id),
            origin TEXT NOT NULL CHECK (origin IN ('suggested', 'accepted', 'edited', 'manual')),
            source TEXT,
            score REAL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ("end" > start)
        );
        CREATE INDEX spans_layer ON spans(doc_id, annotator_id, start);
        CREATE TABLE doc_status (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator_id)
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ts TEXT NOT NULL,
            annotator_id INTEGER REFERENCES annotators(id),
            action TEXT NOT NULL,
            doc_id TEXT,
            span_id INTEGER,
            before TEXT,
            after TEXT
        );
        CREATE INDEX events_doc ON events(doc_id, id);
        CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TRIGGER events_append_only_d BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        """
    )


@migration("0002_fulltext")
def _fulltext(db: Database) -> None:
    """Full-text search over titles and texts; trigrams suit Chinese without a segmenter.

    Indexing costs far more than storing a document, so import only marks documents as
    unindexed and ``store.fulltext`` indexes them in the background or before a search.
    """
    db.executescript(
        """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid', tokenize='trigram'
        );
        ALTER TABLE documents ADD COLUMN fts_indexed INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX documents_unindexed ON documents(fts_indexed) WHERE fts_indexed = 0;
        CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents WHEN old.fts_indexed BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents
        WHEN old.fts_indexed BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            UPDATE documents SET fts_indexed = 0 WHERE rowid = new.rowid;
        END;
        """
    )


@migration("0003_candidate_counts")
def _candidate_counts(db: Database) -> None:
    """How many machine candidates an annotator started a document with: progress is
    measured against it (decided = started with - still undecided)."""
    db.execute("ALTER TABLE doc_status ADD COLUMN candidates INTEGER NOT NULL DEFAULT 0")


@migration("0004_foreign_key_indexes")
def _foreign_key_indexes(db: Database) -> None:
    """Index the referencing columns: without them every parent insert or delete scans the
    child table (seeding a knowledge base took seconds)."""
    db.executescript(
        """
        CREATE INDEX agencies_parent ON agencies(parent);
        CREATE INDEX spans_agency ON spans(agency_id) WHERE agency_id IS NOT NULL;
        CREATE INDEX agencies_created_by ON agencies(created_by) WHERE created_by IS NOT NULL;
        """
    )



@migration("0005_team")
def _team(db: Database) -> None:
    """Work shared without a server: a stable project id that packages are checked against,
    document assignments, the packages sent out and collected, and agencies proposed in them.

    A proposal's entry stays out of the knowledge base until decided; spans linking to it
    keep the link as ``attrs.proposed_agency`` (see ``annotator.core.team.proposals``).
    """
    import uuid

    db.executescript(
        """
        CREATE TABLE assignments (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            batch INTEGER NOT NULL CHECK (batch >= 1),
            created_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator)
        );
        CREATE INDEX assignments_annotator ON assignments(annotator, batch);
        CREATE TABLE team_packages (
            package_id TEXT PRIMARY KEY,
            annotator TEXT NOT NULL,
            batch INTEGER,
            documents INTEGER NOT NULL DEFAULT 0,
            packed_at TEXT,
            collected_at TEXT,
            events_upto INTEGER NOT NULL DEFAULT 0  -- the package's events already copied
        );
        CREATE TABLE agency_proposals (
            id INTEGER PRIMARY KEY,
            agency_id TEXT NOT NULL,
            body TEXT NOT NULL,  -- the proposed entry, as a knowledge-base JSON record
            annotator TEXT NOT NULL,
            package_id TEXT,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'merged', 'rejected')),
            decided_by TEXT,
            merged_into TEXT,
            created_at TEXT NOT NULL,
            decided_at TEXT
        );
        CREATE UNIQUE INDEX agency_proposals_pending ON agency_proposals(agency_id)
            WHERE status = 'pending';
        CREATE INDEX agency_proposals_agency ON agency_proposals(agency_id, id);
        """
    )
    db.execute(
        "INSERT OR IGNORE INTO project(key, value) VALUES ('project_id', ?)", [uuid.uuid4().hex]
    )


@migration("0006_agency_base_references")
def _agency_base_references(db: Database) -> None:
    """Links to the shipped agency base, which projects no longer copy.

    A span may link to a base entry the project does not hold, and a project's own entry may
    name one as its parent. The foreign keys still hold: such an id gets a reference row
    (``source = 'base'``, its id as name), which the knowledge-base code reads as "see the
    base" rather than as an entry of the project's own.
    """
    reference = (
        "INSERT OR IGNORE INTO agencies(id, name, source, created_at) "
        "VALUES ({col}, {col}, 'base', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));"
    )
    for table, column in (("spans", "agency_id"), ("agencies", "parent")):
        col = f"NEW.{column}"
        for event, name in ((f"INSERT ON {table}", "insert"),
                            (f"UPDATE OF {column} ON {table}", "update")):
            db.execute(
                f"CREATE TRIGGER {table}_{column}_base_{name} BEFORE {event} "
                f"WHEN {col} IS NOT NULL BEGIN {reference.format(col=col)} END"
            )



@migration("0007_models")
def _models(db: Database) -> None:
    """The models a project learnt from its people's decisions, newest last: crfsuite's bytes
    and a JSON summary (documents, spans, date, cross-validated scores, merge policy)."""
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS models (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            body BLOB NOT NULL,
            summary TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS models_kind ON models(kind, id);
        """
    )


@migration("0008_span_comments")
def _span_comments(db: Database) -> None:
    """A person's short note on a span (NULL when none): kept with the span, so its undo,
    the event log and the export carry it like the span's other fields."""
    if "comment" not in {c.name for c in db["spans"].columns}:
        db.execute("ALTER TABLE spans ADD COLUMN comment TEXT")

def known_names() -> list[str]:
    return list(_NAMES)


def unknown_applied(db: Database) -> list[str]:
    """Migrations recorded in the file that this version does not have: a newer writer."""
    known = set(known_names())
    return [m.name for m in MIGRATIONS.applied(db) if m.name not in known]


def pending(db: Database) -> list[str]:
    return [m.name for m in MIGRATIONS.pending(db)]


def backup(path: Path) -> Path:
    """Copy the live database (WAL included) with SQLite's backup API before migrating."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def apply(db: Database) -> None:
    MIGRATIONS.apply(db)
    db.execute(f"PRAGMA user_version = {len(known_names())}")
    stamp(db)


def stamp(db: Database) -> None:
    """Mark the file as a project file, for any program that reads its header."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
