"""A package comes back from someone else's machine: every row it carries is checked before
the master changes, and a wrong one refuses the whole package, named, with the master as it
was, while the other packages of the same command still come in."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.core.formats import EXPORT_FORMATS, export
from annotator.core.store import Project
from annotator.core.store import spans as spans_store
from annotator.core.team import TeamError
from annotator.core.team.collect import collect
from annotator.core.team.package import pack
from tests.conftest import run_cli
from tests.core.test_team_pack_collect import annotate, build_master

TABLES = ("spans", "doc_status", "annotators", "agency_proposals", "team_packages", "documents")


# -- building and forging packages -------------------------------------------------------------
@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict:
    """A master, wang's package with a document annotated in it, and li's, untouched."""
    where = tmp_path_factory.mktemp("templates")
    master = build_master(where / "master.annot")
    with Project.open(master) as project:
        pack(project, "wang", where / "wang.annot", batch=1)
        pack(project, "li", where / "li.annot", batch=1)
    done = annotate(where / "wang.annot")
    annotate(where / "li.annot", "li")
    return {"master": master, "wang": where / "wang.annot", "li": where / "li.annot", **done}


@pytest.fixture
def files(templates, tmp_path) -> dict:
    out = dict(templates)
    for name in ("master", "wang", "li"):
        out[name] = Path(shutil.copy(templates[name], tmp_path / templates[name].name))
    return out


def forge(package: Path, *statements: str, args: tuple = ()) -> None:
    """Edit a package behind the application's back, as a hand or another tool could:
    constraints and foreign keys are not enforced."""
    conn = sqlite3.connect(package, isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TRIGGER IF EXISTS events_append_only_u")  # a forger's tool would
        for sql in statements:
            conn.execute(sql, args if "?" in sql else ())
    finally:
        conn.close()


def snapshot(master: Path) -> dict:
    """Everything collect could change in the master."""
    with Project.open(master) as project:
        out = {t: project.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
               for t in TABLES}  # fmt: skip
        out["events"] = project.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        out["agencies"] = project.db.execute("SELECT COUNT(*) FROM agencies").fetchone()[0]
    return out


def own_span(package: Path, doc_id: str, label: str | None = None) -> int:
    """The id of one span of wang's layer (of ``label`` if given)."""
    conn = sqlite3.connect(package)
    try:
        return conn.execute(
            "SELECT s.id FROM spans s JOIN annotators a ON a.id = s.annotator_id "
            "WHERE a.name = 'wang' AND s.doc_id = ? AND s.label LIKE ? ORDER BY s.start",
            [doc_id, label or "%"]).fetchone()[0]  # fmt: skip
    finally:
        conn.close()


def exports_work(master: Path, out: Path) -> None:
    """Every export format writes the master as it is now."""
    with Project.open(master) as project:
        for fmt in EXPORT_FORMATS:
            export(project, fmt, out / f"export-{fmt}")


BIG = "标" * (5 * 1024 * 1024)  # a 5 MB value

# (what was done, how, the words the refusal names it with)
SPAN = "UPDATE spans SET {} WHERE id = {}"
MUTATIONS = {
    "end past the text": ('"end" = 1000000', "outside the text"),
    "negative start": ("start = -3", "outside the text"),
    "empty range": ('"end" = start', "outside the text"),
    "range as text": ("start = 'one'", "outside the text"),
    "score as text": ("score = 'high'", "score 'high'"),
    "score above one": ("score = 1.5", "score 1.5"),
    "unknown label": ("label = 'SECRET'", "label 'SECRET' is not in the schema"),
    "5 MB label": ("label = ?", "is not in the schema"),
    "5 MB source": ("source = ?", "is not a short string"),
    "unknown origin": ("origin = 'forged'", "unknown origin"),
    "attributes not JSON": ("attrs = '{\"value\": '", "attributes are not valid JSON"),
    "attributes a list": ("attrs = '[1, 2]'", "not a JSON object"),
    "value as text": ("attrs = '{\"value\": \"many\"}'", "'value' is 'many', not a number"),
    "comparator unknown": ("attrs = '{\"comparator\": \"!=\"}'", "'comparator'"),
    "5 MB attributes": ("attrs = ?", "attributes are not JSON of at most"),
    "link to nothing": ("agency_id = 'no-such-agency'", "'no-such-agency', which does not"),
}


@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_a_forged_span_refuses_the_whole_package(files, case):
    change, said = MUTATIONS[case]
    span = own_span(files["wang"], files["doc_id"])
    value = BIG if "?" in change else None
    if case == "5 MB attributes":
        value = '{"unit": "' + BIG + '"}'
    forge(files["wang"], SPAN.format(change, span), args=(value,) if value else ())
    before = snapshot(files["master"])
    with Project.open(files["master"]) as master, pytest.raises(TeamError) as err:
        collect(master, files["wang"])
    message = str(err.value)
    assert said in message and f"span {span} in document {files['doc_id']!r}" in message
    assert str(files["wang"]) in message and "nothing was collected" in message
    assert len(message) < 2000  # the 5 MB never reaches the message
    assert err.value.reason == "invalid_rows"
    assert snapshot(files["master"]) == before


def test_overlapping_spans_are_refused(files):
    first, second = sorted(_own_layer(files["wang"], files["doc_id"]))[:2]
    forge(files["wang"], f'UPDATE spans SET start = {first[0]}, "end" = {second[1] + 1} '
                         f"WHERE id = {second[2]}")  # fmt: skip
    with Project.open(files["master"]) as master, pytest.raises(TeamError, match="overlaps"):
        collect(master, files["wang"])


def _own_layer(package: Path, doc_id: str) -> list[tuple[int, int, int]]:
    conn = sqlite3.connect(package)
    try:
        return conn.execute(
            'SELECT s.start, s."end", s.id FROM spans s JOIN annotators a '
            "ON a.id = s.annotator_id WHERE a.name = 'wang' AND s.doc_id = ?", [doc_id]
        ).fetchall()
    finally:
        conn.close()


ROLES = {
    "renamed gold": ("UPDATE annotators SET name = 'gold', role = 'gold' WHERE name = 'wang'",
                     "gold layer of 'gold'"),
    "renamed reviewer": ("UPDATE annotators SET name = 'liu', role = 'reviewer' "
                         "WHERE name = 'wang'", "reviewer layer of 'liu'"),
    "renamed to another annotator": ("UPDATE annotators SET name = 'li' WHERE name = 'wang'",
                                     "annotator layer of 'li'"),
    "package made out to another": ("UPDATE project SET value = 'li' "
                                    "WHERE key = 'package_annotator'", "packed for wang"),
    "package made out to gold": ("UPDATE project SET value = 'gold' "
                                 "WHERE key = 'package_annotator'", "packed for wang"),
}


@pytest.mark.parametrize("case", sorted(ROLES))
def test_a_package_carries_only_its_annotators_layer(files, case):
    sql, said = ROLES[case]
    forge(files["wang"], sql)
    before = snapshot(files["master"])
    with Project.open(files["master"]) as master, pytest.raises(TeamError) as err:
        collect(master, files["wang"])
    assert said in str(err.value) and err.value.reason == "other_layer"
    after = snapshot(files["master"])
    assert after == before
    assert [r for r in after["annotators"] if r[1] in ("gold", "liu")] == []


def test_a_second_layer_beside_the_own_one_is_refused(files):
    """A gold layer added next to wang's, with spans only (no status), still counts."""
    forge(files["wang"],
          "INSERT INTO annotators(name, role, created_at) VALUES ('gold', 'gold', 'x')",
          "INSERT INTO spans(doc_id, annotator_id, start, \"end\", label, origin, created_at, "
          "updated_at) SELECT doc_id, (SELECT id FROM annotators WHERE name = 'gold'), start, "
          "\"end\", label, 'manual', created_at, updated_at FROM spans")  # fmt: skip
    with Project.open(files["master"]) as master, pytest.raises(TeamError, match="gold layer"):
        collect(master, files["wang"])


OTHER_ROWS = {
    "event JSON cut": ("UPDATE events SET after = '{\"layer\": ' WHERE id = "
                       "(SELECT MAX(id) FROM events)", "after is not valid JSON", "invalid_rows"),
    "event by gold": ("UPDATE events SET annotator_id = (SELECT id FROM annotators WHERE "
                      "name = 'machine') + 1000 WHERE id = (SELECT MAX(id) FROM events)",
                      "someone else", "invalid_rows"),
    "status unknown": ("UPDATE doc_status SET status = 'finished'", "unknown status 'finished'",
                       "invalid_rows"),
    "text edited, old hash": ("UPDATE documents SET text = text || '。补充一句'",
                              "its text was edited", "changed_text"),
    "5 MB agency name": ("UPDATE agencies SET name = ? WHERE source LIKE 'user:%'",
                         "must be short strings", "invalid_rows"),
    "agency made by gold": ("UPDATE agencies SET source = 'user:gold' WHERE source LIKE 'user:%'",
                            "was created by 'gold', not by wang", "other_layer"),
    "alias dates as bytes": ("INSERT INTO agency_names(agency_id, text, kind, scope, valid_from) "
                             "SELECT id, '某某中心', 'alias', 'global', X'00' FROM agencies "
                             "WHERE source LIKE 'user:%'", "alias or former name is malformed",
                             "invalid_rows"),
}


@pytest.mark.parametrize("case", sorted(OTHER_ROWS))
def test_other_forged_rows_are_refused(files, case):
    sql, said, reason = OTHER_ROWS[case]
    forge(files["wang"], sql, args=(BIG,) if "?" in sql else ())
    before = snapshot(files["master"])
    with Project.open(files["master"]) as master, pytest.raises(TeamError) as err:
        collect(master, files["wang"])
    assert said in str(err.value) and err.value.reason == reason
    assert snapshot(files["master"]) == before


def test_a_damaged_file_is_refused_the_same_way(files, tmp_path):
    half = tmp_path / "half.annot"
    data = files["wang"].read_bytes()
    half.write_bytes(data[: len(data) // 2])
    junk = tmp_path / "junk.annot"
    junk.write_bytes(b"not a project\n" * 100)
    before = snapshot(files["master"])
    with Project.open(files["master"]) as master:
        for bad in (half, junk):
            with pytest.raises(TeamError) as err:
                collect(master, bad)
            assert str(bad) in str(err.value)
    assert snapshot(files["master"]) == before


def test_the_command_refuses_bad_packages_and_collects_the_good_one(files, tmp_path):
    span = own_span(files["wang"], files["doc_id"])
    forge(files["wang"], SPAN.format("score = 'high'", span))
    half = tmp_path / "half.annot"
    data = shutil.copy(files["li"], tmp_path / "li-copy.annot")
    half.write_bytes(Path(data).read_bytes()[: Path(data).stat().st_size // 2])
    result = run_cli("collect", "--project", files["master"], files["wang"], half, files["li"])
    assert result.returncode == 1
    err = result.stderr
    assert "Traceback" not in err
    assert f"error: {files['wang']}:" in err and "score 'high'" in err
    assert f"error: {half}:" in err and "damaged or cut short" in err
    assert f"{files['li']}: " in err and "1 layers" in err
    with Project.open(files["master"]) as master:
        li, wang = master.annotator_id("li"), master.annotator_id("wang")
        assert spans_store.layer(master, files["doc_id"], wang) == []
        collected = master.db.execute("SELECT COUNT(*) FROM spans WHERE annotator_id = ?",
                                      [li]).fetchone()[0]  # fmt: skip
        assert collected > 0
    exports_work(files["master"], tmp_path)


def test_a_valid_package_still_comes_in_whole(files, tmp_path):
    with Project.open(files["master"]) as master:
        report = collect(master, files["wang"])
        assert report.layers == 1 and len(report.proposals) == 1
        layer = spans_store.layer(master, files["doc_id"], master.annotator_id("wang"))
        assert sorted((s.start, s.end, s.label, s.origin) for s in layer) == files["layer"]
    exports_work(files["master"], tmp_path)
