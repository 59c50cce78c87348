"""Packages with random changes to valid rows (types, ranges, labels, roles, hashes, events):
collect either takes the package whole, with every row the master then holds sound, or
refuses it and leaves the master as it was; every export works afterwards either way."""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from annotator.core.exchange.export import Selection
from annotator.core.formats import EXPORT_FORMATS, export
from annotator.core.model import ORIGINS
from annotator.core.schema import load_schema
from annotator.core.store import Project
from annotator.core.store import spans as spans_store
from annotator.core.team import TeamError
from annotator.core.team.collect import collect
from tests.adversarial.test_packages import forge, snapshot, templates

__all__ = ["templates"]  # the fixture, shared

LABELS = load_schema()[0].names()
BIG = "长" * 1000

ints = st.integers(-3, 3) | st.integers(0, 5000) | st.just(10**12)
junk = st.text(max_size=6) | st.just(BIG) | st.binary(max_size=4)
numbers = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-2, 2)
attrs_ok = st.fixed_dictionaries({}, optional={
    "unit": st.text(max_size=4), "approx": st.booleans(),
    "value": st.none() | st.integers(0, 10**6), "comparator": st.sampled_from("=<>≈")})
json_any = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                        lambda kids: st.lists(kids, max_size=3)
                        | st.dictionaries(st.text(max_size=5), kids, max_size=3), max_leaves=6)

SPAN_VALUES = {
    "start": ints | junk | numbers,
    "end": ints | junk | numbers,
    "label": st.sampled_from(LABELS) | junk,
    "score": st.none() | numbers | junk,
    "origin": st.sampled_from(ORIGINS) | junk,
    "source": st.none() | st.text(max_size=8) | junk,
    "attrs": st.none() | attrs_ok.map(json.dumps) | json_any.map(json.dumps) | junk,
    "agency_id": st.none() | st.just("cn-500000-gov-mzj") | junk,
}

span_change = st.tuples(st.just("span"), st.integers(0, 10**6), st.sampled_from(sorted(SPAN_VALUES))
                        ).flatmap(lambda t: st.tuples(st.just(t), SPAN_VALUES[t[2]]))
other_change = st.sampled_from([
    ("role", "UPDATE annotators SET name = 'gold', role = 'gold' WHERE name = 'wang'"),
    ("role", "UPDATE annotators SET name = 'li' WHERE name = 'wang'"),
    ("role", "UPDATE annotators SET role = 'reviewer' WHERE name = 'wang'"),
    ("role", "UPDATE project SET value = 'li' WHERE key = 'package_annotator'"),
    ("hash", "UPDATE documents SET text = text || '。'"),
    ("hash", "UPDATE documents SET text_sha256 = 'x' || text_sha256"),
]).map(lambda c: (c, None))
event_change = st.tuples(st.just(("event",)), st.text(max_size=12) | json_any.map(json.dumps))
status_change = st.tuples(st.just(("status",)),
                          st.sampled_from(["new", "in_progress", "done"]) | junk)
changes = st.lists(span_change | other_change | event_change | status_change, max_size=3)


def _apply(package: Path, change: tuple, value) -> int | None:
    """Make one change; the span it changed, if any."""
    kind = change[0]
    if kind in ("role", "hash"):
        forge(package, change[1])
    elif kind == "event":
        forge(package, "UPDATE events SET after = ? WHERE id = (SELECT MAX(id) FROM events)",
              args=(value,))  # fmt: skip
    elif kind == "status":
        forge(package, "UPDATE doc_status SET status = ?", args=(value,))
    else:
        ids = _own_ids(package)
        span_id, field = ids[change[1] % len(ids)], change[2]
        try:
            forge(package, f'UPDATE spans SET "{field}" = ? WHERE id = ?', args=(value, span_id))
        except sqlite3.IntegrityError:  # NOT NULL holds even for a forger: no change made
            return None
        return span_id
    return None


def _surely_invalid(package: Path, changes: list, spans: list[int | None]) -> bool:
    """The plain cases, judged on the package as the changes left it."""
    if any(change[0] in ("role", "hash") for change, _value in changes):
        return True
    conn = sqlite3.connect(package)
    try:
        after = conn.execute("SELECT after FROM events ORDER BY id DESC LIMIT 1").fetchone()[0]
        statuses = {r[0] for r in conn.execute("SELECT status FROM doc_status")}
    finally:
        conn.close()
    if (after is not None and not _parses(after)) or statuses - {"new", "in_progress", "done"}:
        return True
    return any(_surely_wrong(package, span_id) for span_id in spans if span_id is not None)


def _parses(value: str | bytes) -> bool:
    try:
        json.loads(value)
    except ValueError:
        return False
    return True


def _own_ids(package: Path) -> list[int]:
    conn = sqlite3.connect(package)
    try:
        return [r[0] for r in conn.execute(
            "SELECT s.id FROM spans s JOIN annotators a ON a.id = s.annotator_id "
            "WHERE a.role != 'machine' ORDER BY s.id")]  # fmt: skip
    finally:
        conn.close()


def _surely_wrong(package: Path, span_id: int) -> bool:
    """The plain cases, judged here without the application's checks."""
    conn = sqlite3.connect(package)
    try:
        start, end, label, score, origin, length = conn.execute(
            'SELECT s.start, s."end", s.label, s.score, s.origin, length(d.text) FROM spans s '
            "JOIN documents d ON d.id = s.doc_id WHERE s.id = ?", [span_id]).fetchone()
    finally:
        conn.close()
    in_text = type(start) is int and type(end) is int and 0 <= start < end <= length
    score_ok = score is None or (type(score) in (int, float) and 0 <= score <= 1)
    return not in_text or label not in LABELS or origin not in ORIGINS or not score_ok


def _sound(master: Project, doc_id: str) -> None:
    """Every span the master holds for wang fits its text and the schema."""
    text = master.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
    for span in spans_store.layer(master, doc_id, master.annotator_id("wang")):
        assert 0 <= span.start < span.end <= len(text) and span.label in LABELS
        assert span.origin in ORIGINS and isinstance(span.attrs, dict)
        assert span.score is None or (isinstance(span.score, float | int)
                                      and math.isfinite(span.score) and 0 <= span.score <= 1)


def _layer(project: Project, doc_id: str) -> list[tuple]:
    """wang's layer as plain rows (a forged one may not even parse)."""
    return sorted(project.db.execute(
        'SELECT s.start, s."end", s.label, s.origin, s.score FROM spans s JOIN annotators a '
        "ON a.id = s.annotator_id WHERE a.name = 'wang' AND s.doc_id = ?", [doc_id]).fetchall(),
        key=repr)  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(changes=changes)
def test_collect_takes_a_package_whole_or_not_at_all(templates, changes):
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        master = Path(shutil.copy(templates["master"], where / "master.annot"))
        package = Path(shutil.copy(templates["wang"], where / "wang.annot"))
        changed = [_apply(package, change, value) for change, value in changes]
        wrong = _surely_invalid(package, changes, changed)
        with Project.open(package) as pkg:
            expected = _layer(pkg, templates["doc_id"])
        before = snapshot(master)
        with Project.open(master) as project:
            try:
                collect(project, package)
                taken = True
            except TeamError:
                taken = False
            if taken:
                assert not wrong, f"collected a package with {changes}"
                assert _layer(project, templates["doc_id"]) == expected
                _sound(project, templates["doc_id"])
        event("collected" if taken else "refused")
        if not taken:
            assert snapshot(master) == before
        with Project.open(master) as project:
            export(project, "jsonl", where / "all.jsonl", Selection())
            selection = Selection(annotator="wang") if taken else Selection()
            for fmt in EXPORT_FORMATS:
                export(project, fmt, where / f"out-{fmt}", selection)
