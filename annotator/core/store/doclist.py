"""One annotator's document list, sorted and filtered by SQL and read a page at a time.

A list of a million documents is never held whole: a ``Listing`` counts the rows of its
view, reads any page of them, finds a document's place and the next unfinished document,
each with one query over the indexes of migration ``0008_document_list``. Sorting by an
annotator's state or progress merges two index scans: the documents they opened
(``doc_progress``, kept by triggers) and the others, whose place follows from the document's
own status alone (``documents_state``).

Orders: ties keep import order; a descending order is the ascending one reversed. A search
first collects the documents it finds in a temporary table of this connection, and so does
a label filter that picks few documents (one that picks many is tested row by row as an
order's index is read); a status filter is a condition on the status each index carries.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .project import Project

SORTS = ("seq", "title", "source", "date", "status", "progress")
# the row states in life-cycle order (ui.document_list.ROW_STATES), as doc_progress.rank
STATE_RANKS = ("new", "in_progress", "annotated", "done", "reviewed", "gold")
# a document nobody opened: its place in the life cycle by its own status alone (the
# expression of the documents_state index, to the letter, so the index serves it)
UNOPENED_RANK = ("(CASE d.status WHEN 'annotated' THEN 2 WHEN 'reviewed' THEN 4 "
                 "WHEN 'gold' THEN 5 ELSE 0 END)")
SMALL = 20_000  # matches at most this many: read from the matches and sort them
_KEYS = {  # sort → key of a row as the documents' own columns give it
    "seq": "d.seq",
    "title": "d.title",
    "source": "IFNULL(d.source, '')",
    "date": "IFNULL(d.date, '')",
    "status": UNOPENED_RANK,
    "progress": "0.0",
}
_STARTED_KEYS = {"status": "p.rank", "progress": "p.share"}
_names = itertools.count(1)


@dataclass(frozen=True)
class View:
    """What the list shows: whose state, in which order, which documents."""

    annotator_id: int | None
    sort: str = "seq"
    descending: bool = False
    status: str | None = None  # the document's own status
    label: str | None = None  # a span of this label among what the annotator sees
    search: str = ""  # in the title or the text


@dataclass(frozen=True)
class Row:
    """One line of the list; ``key`` is its place in the view's order."""

    id: str
    title: str
    source: str | None
    date: str | None
    status: str
    mine: str  # the annotator's own status: new, in_progress or done
    decided: int
    total: int
    key: tuple[Any, int] = field(default=(0, 0), compare=False)


@dataclass(frozen=True)
class SearchIndex:
    """How much of the project the full-text index covers."""

    indexed: int
    documents: int

    @property
    def complete(self) -> bool:
        return self.indexed >= self.documents


def index_complete(project: Project) -> bool:
    """Whether every document is in the full-text index: one look at a partial index."""
    return not project.db.execute(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE fts_indexed = 0)").fetchone()[0]


def search_index(project: Project) -> SearchIndex:
    """Two counts over indexes (the unindexed documents have a partial one of their own)."""
    documents, pending = project.db.execute(
        "SELECT (SELECT COUNT(*) FROM documents), "
        "(SELECT COUNT(*) FROM documents WHERE fts_indexed = 0)").fetchone()
    return SearchIndex(documents - pending, documents)


@dataclass
class _Arm:
    """One SELECT of the view: the documents opened by the annotator, or the others. It
    yields only a row's place (document rowid, key, seq), so that skipping rows reads the
    indexes alone; what a row shows is read for the rows of a page only (``_DISPLAY``)."""

    source: str
    where: list[str]
    key: str
    seq: str
    undone: str  # the condition: the annotator has not marked it done

    def select(self, extra: Sequence[str] = ()) -> str:
        where = " AND ".join([*self.where, *extra]) or "1"
        return (f"SELECT d.rowid AS r, {self.key} AS k, {self.seq} AS seq "
                f"FROM {self.source} WHERE {where}")

    def count(self, extra: Sequence[str] = ()) -> str:
        where = " AND ".join([*self.where, *extra]) or "1"
        return f"SELECT COUNT(*) FROM {self.source} WHERE {where}"


_LABELLED = (  # the annotator sees the label: their own layer, or the machine's if unopened
    "(EXISTS (SELECT 1 FROM spans s WHERE s.label = :label AND s.annotator_id = :me "
    "AND s.doc_id = d.id) OR (EXISTS (SELECT 1 FROM spans s WHERE s.label = :label "
    "AND s.annotator_id = :machine AND s.doc_id = d.id) AND NOT EXISTS (SELECT 1 FROM "
    "doc_progress p2 WHERE p2.annotator_id = :me AND p2.doc_id = d.id)))"
)
_DISPLAY = (
    "SELECT d.rowid, d.id, d.title, d.source, d.date, d.status, IFNULL(p.mine, 'new'), "
    "IFNULL(p.decided, 0), IFNULL(p.total, IFNULL((SELECT m.spans FROM layer_counts m "
    "WHERE m.doc_id = d.id AND m.annotator_id = :machine), 0)) "
    "FROM documents d LEFT JOIN doc_progress p ON p.annotator_id = :me AND p.doc_id = d.id "
    "WHERE d.rowid IN ({marks})"
)


class Listing:
    """The rows of one view, read by position. Call ``close`` to drop its temporary table."""

    def __init__(self, project: Project, view: View):
        if view.sort not in SORTS:
            raise ValueError(f"unknown sort {view.sort!r}")
        self.project = project
        self.view = view
        self._args: dict[str, Any] = {"me": view.annotator_id, "machine": project.machine_id(),
                                      "status": view.status}
        self._args["label"] = view.label
        self._matches: str | None = None
        self._small = False
        self._label_probe = False
        self._label_count = self._match_count = 0
        if view.label or view.search.strip():
            self._collect_matches()
        self._arms = self._make_arms(filtered=True)
        self._count: int | None = None

    # -- the matches of a search or label filter ------------------------------------------
    def _collect_matches(self) -> None:
        """Collect the documents a search finds, and those with the label when they are few;
        many are better tested row by row as the index is read (``_LABELLED``)."""
        db = self.project.db
        sources = []
        if self.view.label:
            self._label_count = self._count_labelled()
            if self._label_count <= SMALL:
                sources.append(self._labelled())
            else:
                self._label_probe = True
        if self.view.search.strip():
            sources.append(self._found())
        if not sources:
            return
        self._matches = f"doclist_matches_{next(_names)}"
        db.execute(f"CREATE TEMP TABLE {self._matches} (r INTEGER PRIMARY KEY)")
        sql = " INTERSECT ".join(sql for sql, _args in sources)
        args = [a for _sql, more in sources for a in more]
        db.execute(f"INSERT INTO temp.{self._matches}(r) {sql}", args)
        found = db.execute(f"SELECT COUNT(*) FROM temp.{self._matches}").fetchone()[0]
        self._small = found <= SMALL
        self._match_count = found

    def _count_labelled(self) -> int:
        """How many documents the annotator sees the label in, from the label index alone:
        those of their own layer, and the machine's less the ones they opened."""
        sql = ("SELECT (SELECT COUNT(*) FROM (SELECT DISTINCT doc_id FROM spans "
               "  WHERE label = :label AND annotator_id = :me)) "
               "+ (SELECT COUNT(*) FROM (SELECT DISTINCT doc_id FROM spans "
               "  WHERE label = :label AND annotator_id = :machine)) "
               "- (SELECT COUNT(*) FROM doc_progress p WHERE p.annotator_id = :me AND EXISTS "
               "  (SELECT 1 FROM spans s WHERE s.label = :label AND s.annotator_id = :machine "
               "   AND s.doc_id = p.doc_id))")
        return self.project.db.execute(sql, {**self._args, "label": self.view.label}).fetchone()[0]

    def _labelled(self) -> tuple[str, list]:
        """Documents where the annotator sees the label: in their own layer once they opened
        the document, else among the machine's candidates (``team.layers.documents_labelled``)."""
        me, machine = self._args["me"], self._args["machine"]
        sql = ("SELECT d.rowid FROM documents d WHERE d.id IN ("
               "SELECT doc_id FROM spans WHERE label = ? AND annotator_id = ? UNION "
               "SELECT s.doc_id FROM spans s WHERE s.label = ? AND s.annotator_id = ? "
               "AND NOT EXISTS (SELECT 1 FROM doc_progress p "
               "WHERE p.annotator_id = ? AND p.doc_id = s.doc_id))")
        return sql, [self.view.label, me, self.view.label, machine, me]

    def _found(self) -> tuple[str, list]:
        """Documents with the search text in their title or text: by the full-text index as
        far as it goes; a text shorter than a trigram by reading every document."""
        query = self.view.search.strip()
        if len(query) < 3:
            return ("SELECT rowid FROM documents WHERE instr(text, ?) OR instr(title, ?)",
                    [query, query])
        phrase = '"' + query.replace('"', '""') + '"'
        return "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", [phrase]

    def close(self) -> None:
        if self._matches is not None and self.project.db is not None:
            self.project.db.execute(f"DROP TABLE IF EXISTS temp.{self._matches}")
            self._matches = None

    # -- the SQL of the view ----------------------------------------------------------------
    def _base(self, filtered: bool) -> tuple[str, list[str]]:
        """The documents of the view and the conditions on them (none: ``filtered`` False)."""
        where: list[str] = []
        documents = "documents d"
        if not filtered:
            return documents, where
        if self.view.status:  # in another order, a test on the order's index (+: not its own)
            where.append("d.status = :status" if self.view.sort == "seq" else
                         "+d.status = :status")
        if self._matches is not None:
            if self._small:  # few: read them and sort them, no index scan
                documents = f"temp.{self._matches} t CROSS JOIN documents d ON d.rowid = t.r"
            else:
                where.append(f"EXISTS (SELECT 1 FROM temp.{self._matches} t WHERE t.r = d.rowid)")
        if self._label_probe:
            where.append(_LABELLED)
        return documents, where

    def _make_arms(self, filtered: bool) -> list[_Arm]:
        sort = self.view.sort
        documents, where = self._base(filtered)
        if sort not in _STARTED_KEYS:
            return [_Arm(documents, where, _KEYS[sort], "d.seq",
                         "NOT EXISTS (SELECT 1 FROM doc_progress p WHERE p.annotator_id = :me "
                         "AND p.doc_id = d.id AND p.mine = 'done')")]
        unopened = _Arm(
            documents,
            [*where, "NOT EXISTS (SELECT 1 FROM doc_progress p "
             "WHERE p.annotator_id = :me AND p.doc_id = d.id)"],
            _KEYS[sort], "d.seq", "1")
        started_from = (f"{documents} JOIN doc_progress p "
                        "ON p.annotator_id = :me AND p.doc_id = d.id" if self._small and filtered
                        else "doc_progress p JOIN documents d ON d.id = p.doc_id")
        started = _Arm(started_from, [*where, "p.annotator_id = :me"], _STARTED_KEYS[sort],
                       "p.seq", "p.mine != 'done'")
        return [unopened, started]

    def _order(self, backwards: bool = False) -> str:
        down = self.view.descending != backwards
        return " ORDER BY k DESC, seq DESC" if down else " ORDER BY k, seq"

    def _after(self, arm: _Arm, backwards: bool, at: tuple[str, str] = (":k", ":s")) -> str:
        """Rows after the one at ``at`` in the order read (before it, read backwards). Spelt
        as a range on the key and a condition on ties: a row-value comparison on an indexed
        expression would scan the table."""
        op = "<" if self.view.descending != backwards else ">"
        key, seq = at
        return (f"{arm.key} {op}= {key} AND ({arm.key} {op} {key} OR {arm.seq} {op} {seq})")

    def _rows(self, sql: str, args: dict) -> list[Row]:
        places = self.project.db.execute(sql, {**self._args, **args}).fetchall()
        shown = self._display([r for r, _k, _seq in places])
        return [replace(shown[r], key=(k, seq)) for r, k, seq in places if r in shown]

    def _display(self, rowids: list[int]) -> dict[int, Row]:
        """What these documents' rows show, by rowid."""
        out: dict[int, Row] = {}
        db = self.project.db
        for start in range(0, len(rowids), 500):
            chunk = rowids[start:start + 500]
            marks = ", ".join(f":r{i}" for i in range(len(chunk)))
            args = {**self._args, **{f"r{i}": r for i, r in enumerate(chunk)}}
            for rowid, doc_id, title, source, date, status, mine, decided, total in db.execute(
                    _DISPLAY.format(marks=marks), args):
                out[rowid] = Row(doc_id, title, source, date, status, mine, decided, total)
        return out

    # -- reading ----------------------------------------------------------------------------
    def count(self) -> int:
        """How many rows the view has (remembered: the view is fixed)."""
        if self._count is None:  # the arms share out the filtered documents: count those
            self._count = self._count_view()
        return self._count

    def _count_view(self) -> int:
        if not self.view.status:
            if self._label_probe and self._matches is None:
                return self._label_count
            if self._matches is not None and not self._label_probe:
                return self._match_count
        documents, where = self._base(filtered=True)
        where = [w.replace("+d.status", "d.status") for w in where]  # by the status index
        sql = f"SELECT COUNT(*) FROM {documents} WHERE {' AND '.join(where) or '1'}"
        return self.project.db.execute(sql, self._args).fetchone()[0]

    def page(self, offset: int, limit: int, after: tuple | None = None,
             before: tuple | None = None, skip: int = 0) -> list[Row]:
        """``limit`` rows from position ``offset``. With the key of a row already read,
        ``after`` it (``skip`` rows between) or ``before`` it (``skip`` rows between the page
        and it), the index is read from that row instead of counting ``offset`` rows."""
        if after is not None:
            return self._read(after, limit, backwards=False, skip=skip)
        if before is not None:
            return self._read(before, limit, backwards=True, skip=skip)[::-1]
        sql = " UNION ALL ".join(arm.select() for arm in self._arms)
        return self._rows(f"{sql}{self._order()} LIMIT :limit OFFSET :offset",
                          {"limit": limit, "offset": offset})

    def _read(self, key: tuple, limit: int, backwards: bool, undone: bool = False,
              skip: int = 0) -> list[Row]:
        sql = " UNION ALL ".join(
            arm.select([self._after(arm, backwards), *([arm.undone] if undone else [])])
            for arm in self._arms)
        return self._rows(f"{sql}{self._order(backwards)} LIMIT :limit OFFSET :skip",
                          {"k": key[0], "s": key[1], "limit": limit, "skip": skip})

    def between(self, first: tuple, last: tuple) -> int:
        """How many rows lie strictly between two keys, ``first`` coming first in the order:
        a found row's place from a known one, counting only the rows between them."""
        sql = " UNION ALL ".join(
            arm.count([self._after(arm, backwards=False),
                       self._after(arm, backwards=True, at=(":k2", ":s2"))]) for arm in self._arms)
        args = {**self._args, "k": first[0], "s": first[1], "k2": last[0], "s2": last[1]}
        return sum(c[0] for c in self.project.db.execute(sql, args).fetchall())

    def key_of(self, doc_id: str) -> tuple | None:
        """The document's place in the view's order; None if the view leaves it out."""
        sql = " UNION ALL ".join(arm.select(["d.id = :id"]) for arm in self._arms)
        rows = self._rows(sql, {"id": doc_id})
        return rows[0].key if rows else None

    def position(self, doc_id: str) -> int | None:
        """The document's row number in the view (counted through the index up to it)."""
        key = self.key_of(doc_id)
        if key is None:
            return None
        arms = self._arms
        if len(arms) == 2 and self._unfiltered():
            arms = self._counting_arms()
        sql = " UNION ALL ".join(
            arm.count([self._after(arm, backwards=True)]) for arm in arms)
        counts = self.project.db.execute(sql, {**self._args, "k": key[0], "s": key[1]})
        values = [c[0] for c in counts.fetchall()]
        return values[0] - values[1] + values[2] if len(values) == 3 else sum(values)

    def _unfiltered(self) -> bool:
        view = self.view
        return not (view.status or view.label or view.search.strip())

    def _counting_arms(self) -> list[_Arm]:
        """For counting the rows before a key in an order by state or progress without
        filters: all documents (an index alone), less the opened ones in the same terms
        (``doc_progress.unopened_rank``), plus the opened ones in their own terms; counting
        the unopened documents directly would test every one."""
        sort = self.view.sort
        everyone = _Arm("documents d", [], _KEYS[sort], "d.seq", "1")
        opened_key = "p.unopened_rank" if sort == "status" else "0.0"
        opened = _Arm("doc_progress p", ["p.annotator_id = :me"], opened_key, "p.seq", "1")
        return [everyone, opened, self._arms[1]]

    def unfinished(self, current: str | None, direction: int) -> Row | None:
        """The next (direction 1) or previous (-1) row the annotator has not marked done;
        from a document the view leaves out, the first one going forward and none back."""
        key = self.key_of(current) if current is not None else None
        backwards = direction < 0
        if key is None:
            if backwards:
                return None
            sql = " UNION ALL ".join(arm.select([arm.undone]) for arm in self._arms)
            rows = self._rows(f"{sql}{self._order()} LIMIT 1", {})
        else:
            rows = self._read(key, 1, backwards, undone=True)
        return rows[0] if rows else None

    def rows(self, doc_ids: Iterable[str]) -> dict[str, Row]:
        """These documents as the view shows them now, filters aside (a row stays listed
        until the view is read again)."""
        ids = list(dict.fromkeys(doc_ids))
        out: dict[str, Row] = {}
        arms = self._make_arms(filtered=False)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join(f":id{i}" for i in range(len(chunk)))
            sql = " UNION ALL ".join(arm.select([f"d.id IN ({marks})"]) for arm in arms)
            for row in self._rows(sql, {f"id{i}": d for i, d in enumerate(chunk)}):
                out[row.id] = row
        return out

    def with_view(self, **changes: Any) -> Listing:
        """The same list seen another way; this one is closed."""
        self.close()
        return Listing(self.project, replace(self.view, **changes))


def characters(project: Project, doc_id: str) -> int:
    """A document's length, read only where it is shown (a tooltip), not for every row."""
    row = project.db.execute("SELECT length(text) FROM documents WHERE id = ?",
                             [doc_id]).fetchone()
    return row[0] if row else 0
