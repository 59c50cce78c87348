"""Full-text search over all documents (FTS5 trigram).

Import indexes the documents it adds as it adds them (every few batches, inside the
transaction of the batch), so a search right after a large import answers at once.
Documents that reach the project another way (a package collected, an older project file)
are indexed lazily, in batches, by the first search that finds them missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .project import Project

BATCH = 200  # documents a transaction indexes: the index grows cheaper per document in groups


def pending(project: Project) -> int:
    return project.db.execute("SELECT COUNT(*) FROM documents WHERE fts_indexed = 0").fetchone()[0]


def index_pending(
    project: Project,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Index the documents not yet in the search index, a batch per transaction."""
    total = pending(project)
    done = 0
    while not (cancelled and cancelled()):
        with project.transaction() as db:
            rows = db.execute(
                "SELECT rowid, title, text FROM documents WHERE fts_indexed = 0 LIMIT ?", [BATCH]
            ).fetchall()
            if not rows:
                break
            db.conn.executemany(
                "INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)", rows
            )
            db.conn.executemany(
                "UPDATE documents SET fts_indexed = 1 WHERE rowid = ?", [(r[0],) for r in rows]
            )
        done += len(rows)
        if progress:
            progress(done, total)
    return done


def index_documents(project: Project, doc_ids: Sequence[str]) -> int:
    """Index these documents now, inside the caller's transaction (those already indexed
    are left as they are); returns how many were added."""
    added = 0
    for at in range(0, len(doc_ids), BATCH):
        ids = list(doc_ids[at : at + BATCH])
        marks = ",".join("?" * len(ids))
        db = project.db.conn
        added += db.execute(
            "INSERT INTO documents_fts(rowid, title, text) SELECT rowid, title, text "
            f"FROM documents WHERE fts_indexed = 0 AND id IN ({marks})", ids,
        ).rowcount
        db.execute(
            f"UPDATE documents SET fts_indexed = 1 WHERE fts_indexed = 0 AND id IN ({marks})", ids
        )
    return added


def search(project: Project, query: str, limit: int = 200) -> list[str]:
    """Ids of documents whose title or text contains ``query``, in import order."""
    query = query.strip()
    if not query:
        return []
    index_pending(project)
    if len(query) < 3:  # shorter than one trigram: the index cannot answer
        rows = project.db.execute(
            "SELECT id FROM documents WHERE instr(text, ?) OR instr(title, ?) ORDER BY seq LIMIT ?",
            [query, query, limit],
        )
    else:
        phrase = '"' + query.replace('"', '""') + '"'
        rows = project.db.execute(
            "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid "
            "WHERE documents_fts MATCH ? ORDER BY d.seq LIMIT ?",
            [phrase, limit],
        )
    return [r[0] for r in rows]
