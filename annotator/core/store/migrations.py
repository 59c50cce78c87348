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


@migration("0008_document_list")
def _document_list(db: Database) -> None:
    """What the document list sorts, filters and shows, kept by SQLite itself.

    ``layer_counts`` holds each layer's spans and undecided candidates per document (and
    ``layer_totals`` per layer), and ``doc_progress`` each annotator's state and progress on
    the documents they opened (the row state's place in the life cycle, decided/total
    candidates and their share, the machine's candidates). Triggers keep them in the
    transaction of every change to spans, statuses or documents, whoever writes them, so a
    list of a million documents sorts by an index instead of counting spans per row, and the
    project's progress is a few sums instead of a pass over every span. A document nobody
    opened is "new" with no decision: its place comes from its own status (the
    ``documents_state`` index) and its total from the machine's layer.
    """
    db.executescript(
        """
        CREATE TABLE layer_counts (
            doc_id TEXT NOT NULL,
            annotator_id INTEGER NOT NULL,
            spans INTEGER NOT NULL,
            suggested INTEGER NOT NULL,
            PRIMARY KEY (doc_id, annotator_id)
        ) WITHOUT ROWID;
        INSERT INTO layer_counts
            SELECT doc_id, annotator_id, COUNT(*), SUM(origin = 'suggested')
            FROM spans GROUP BY doc_id, annotator_id;
        CREATE TRIGGER layer_counts_ai AFTER INSERT ON spans BEGIN
            INSERT INTO layer_counts VALUES
                (new.doc_id, new.annotator_id, 1, new.origin = 'suggested')
            ON CONFLICT (doc_id, annotator_id) DO UPDATE
                SET spans = spans + 1, suggested = suggested + (new.origin = 'suggested');
        END;
        CREATE TRIGGER layer_counts_ad AFTER DELETE ON spans BEGIN
            UPDATE layer_counts SET spans = spans - 1,
                suggested = suggested - (old.origin = 'suggested')
            WHERE doc_id = old.doc_id AND annotator_id = old.annotator_id;
        END;
        CREATE TRIGGER layer_counts_au AFTER UPDATE OF doc_id, annotator_id, origin ON spans
        BEGIN
            UPDATE layer_counts SET spans = spans - 1,
                suggested = suggested - (old.origin = 'suggested')
            WHERE doc_id = old.doc_id AND annotator_id = old.annotator_id;
            INSERT INTO layer_counts VALUES
                (new.doc_id, new.annotator_id, 1, new.origin = 'suggested')
            ON CONFLICT (doc_id, annotator_id) DO UPDATE
                SET spans = spans + 1, suggested = suggested + (new.origin = 'suggested');
        END;

        CREATE TABLE doc_progress (
            annotator_id INTEGER NOT NULL,
            doc_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            mine TEXT NOT NULL,  -- doc_status.status
            rank INTEGER NOT NULL,  -- new, in progress, annotated, done, reviewed, gold: 0-5
            decided INTEGER NOT NULL,
            total INTEGER NOT NULL,
            share REAL NOT NULL,  -- decided / total; with no candidates, 1 once done
            machine INTEGER NOT NULL,  -- the machine's candidates in the document
            unopened_rank INTEGER NOT NULL,  -- its place by status had it not been opened
            PRIMARY KEY (annotator_id, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX doc_progress_rank ON doc_progress(annotator_id, rank, seq);
        CREATE INDEX doc_progress_share ON doc_progress(annotator_id, share, seq);
        CREATE VIEW doc_progress_source AS
            SELECT ds.annotator_id, ds.doc_id, d.seq, ds.status AS mine,
                CASE WHEN d.status = 'reviewed' THEN 4 WHEN d.status = 'gold' THEN 5
                     WHEN ds.status = 'new' AND d.status = 'annotated' THEN 2
                     WHEN ds.status = 'new' THEN 0 WHEN ds.status = 'in_progress' THEN 1
                     ELSE 3 END AS rank,
                ds.candidates - IFNULL(lc.suggested, 0) AS decided,
                ds.candidates AS total,
                CASE WHEN ds.candidates THEN
                         (ds.candidates - IFNULL(lc.suggested, 0)) * 1.0 / ds.candidates
                     ELSE (ds.status = 'done') * 1.0 END AS share,
                IFNULL((SELECT SUM(m.spans) FROM layer_counts m JOIN annotators a
                        ON a.id = m.annotator_id AND a.role = 'machine'
                        WHERE m.doc_id = ds.doc_id), 0) AS machine,
                CASE d.status WHEN 'annotated' THEN 2 WHEN 'reviewed' THEN 4 WHEN 'gold' THEN 5
                    ELSE 0 END AS unopened_rank
            FROM doc_status ds JOIN documents d ON d.id = ds.doc_id
            LEFT JOIN layer_counts lc
                ON lc.doc_id = ds.doc_id AND lc.annotator_id = ds.annotator_id;
        INSERT INTO doc_progress SELECT * FROM doc_progress_source;

        -- each layer's spans and undecided candidates in the whole project
        CREATE TABLE layer_totals (
            annotator_id INTEGER PRIMARY KEY,
            spans INTEGER NOT NULL,
            suggested INTEGER NOT NULL
        );
        INSERT INTO layer_totals
            SELECT annotator_id, SUM(spans), SUM(suggested) FROM layer_counts
            GROUP BY annotator_id;
        CREATE TRIGGER layer_totals_ai AFTER INSERT ON layer_counts BEGIN
            INSERT INTO layer_totals VALUES (new.annotator_id, new.spans, new.suggested)
            ON CONFLICT (annotator_id) DO UPDATE SET spans = spans + new.spans,
                suggested = suggested + new.suggested;
        END;
        CREATE TRIGGER layer_totals_au AFTER UPDATE ON layer_counts BEGIN
            UPDATE layer_totals SET spans = spans - old.spans,
                suggested = suggested - old.suggested WHERE annotator_id = old.annotator_id;
            INSERT INTO layer_totals VALUES (new.annotator_id, new.spans, new.suggested)
            ON CONFLICT (annotator_id) DO UPDATE SET spans = spans + new.spans,
                suggested = suggested + new.suggested;
        END;
        CREATE TRIGGER layer_totals_ad AFTER DELETE ON layer_counts BEGIN
            UPDATE layer_totals SET spans = spans - old.spans,
                suggested = suggested - old.suggested WHERE annotator_id = old.annotator_id;
        END;
        """
    )
    refresh = (
        "INSERT INTO doc_progress SELECT * FROM doc_progress_source WHERE {where} "
        "ON CONFLICT (annotator_id, doc_id) DO UPDATE SET seq = excluded.seq, "
        "mine = excluded.mine, rank = excluded.rank, decided = excluded.decided, "
        "total = excluded.total, share = excluded.share, machine = excluded.machine, "
        "unopened_rank = excluded.unopened_rank;"
    )
    one = refresh.format(where="doc_id = new.doc_id AND annotator_id = new.annotator_id")
    db.executescript(
        f"""
        CREATE TRIGGER doc_progress_status_ai AFTER INSERT ON doc_status BEGIN {one} END;
        CREATE TRIGGER doc_progress_status_au AFTER UPDATE ON doc_status BEGIN
            DELETE FROM doc_progress
            WHERE doc_id = old.doc_id AND annotator_id = old.annotator_id;
            {one}
        END;
        CREATE TRIGGER doc_progress_status_ad AFTER DELETE ON doc_status BEGIN
            DELETE FROM doc_progress
            WHERE doc_id = old.doc_id AND annotator_id = old.annotator_id;
        END;
        CREATE TRIGGER doc_progress_counts_ai AFTER INSERT ON layer_counts BEGIN {one} END;
        CREATE TRIGGER doc_progress_counts_au AFTER UPDATE ON layer_counts BEGIN {one} END;
        CREATE TRIGGER doc_progress_machine_ai AFTER INSERT ON layer_counts
        WHEN (SELECT role FROM annotators WHERE id = new.annotator_id) = 'machine' BEGIN
            {refresh.format(where="doc_id = new.doc_id")}
        END;
        CREATE TRIGGER doc_progress_machine_au AFTER UPDATE ON layer_counts
        WHEN (SELECT role FROM annotators WHERE id = new.annotator_id) = 'machine' BEGIN
            {refresh.format(where="doc_id = new.doc_id")}
        END;
        CREATE TRIGGER doc_progress_document_au AFTER UPDATE OF status, seq ON documents BEGIN
            {refresh.format(where="doc_id = new.id")}
        END;
        CREATE TRIGGER document_list_document_ad AFTER DELETE ON documents BEGIN
            DELETE FROM layer_counts WHERE doc_id = old.id;
            DELETE FROM doc_progress WHERE doc_id = old.id;
        END;

        -- each order's index carries the status, so that a status filter reads no row
        CREATE INDEX documents_title ON documents(title, seq, status);
        CREATE INDEX documents_source ON documents(IFNULL(source, ''), seq, status);
        CREATE INDEX documents_date ON documents(IFNULL(date, ''), seq, status);
        CREATE INDEX documents_state ON documents(
            (CASE status WHEN 'annotated' THEN 2 WHEN 'reviewed' THEN 4 WHEN 'gold' THEN 5
             ELSE 0 END), seq, status, id);
        CREATE INDEX documents_status ON documents(status, seq);
        -- every unopened document's progress is 0: a constant key the planner can merge
        -- with doc_progress_share only through an index that names it; these two carry the
        -- id, as documents_state does: an unopened document is told from an opened one
        -- without reading its row
        CREATE INDEX documents_unopened_progress ON documents((0.0), seq, status, id);
        CREATE INDEX spans_label ON spans(label, annotator_id, doc_id);
        """
    )


@migration("0009_span_comments")
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
