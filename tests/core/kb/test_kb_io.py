"""Reading and writing agency files: JSONL and CSV round trips, bad lines reported."""

from annotator.core.ingest.problems import InputError
from annotator.core.kb import Agency, Alias, FormerName, KnowledgeBase, default_kb
from annotator.core.kb.io import read_agencies, write_agencies

SAMPLE = [
    Agency(
        "x-2", "中共示例县委员会", "county", "999999", "示例省示例县", "party", None,
        (Alias("中共示例县委员会"), Alias("示例县委"), Alias("县委", "local")),
        (FormerName("示例县革命委员会", 1968, 1978), FormerName("示例县党委")),
        1950, False, "user",
    ),
    Agency("x-1", "示例县民政局, \"局\"", aliases=(Alias("民政局|旧", "global"),), generated=True),
]  # fmt: skip


def _good(path):
    return [a for a in read_agencies(path) if not isinstance(a, InputError)]


def test_jsonl_round_trip(tmp_path):
    path = tmp_path / "kb.jsonl"
    write_agencies(SAMPLE, path)
    assert _good(path) == sorted(SAMPLE, key=lambda a: a.id)


def test_csv_round_trip(tmp_path):
    path = tmp_path / "kb.csv"
    simple = [SAMPLE[0]]  # ``|`` and ``;`` are the CSV cell separators
    write_agencies(simple, path)
    assert _good(path) == simple
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith("id,name,level")


def test_base_entries_round_trip_through_jsonl(tmp_path):
    out = tmp_path / "agencies.jsonl"
    upper = list(default_kb().entries.values())
    write_agencies(upper, out)
    assert sorted(_good(out), key=lambda a: a.id) == sorted(upper, key=lambda a: a.id)


def test_write_is_deterministic_and_leaves_no_temp_files(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_agencies(SAMPLE, a)
    write_agencies(list(reversed(SAMPLE)), b)
    assert a.read_bytes() == b.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_malformed_jsonl_line_reported_rest_loads(tmp_path):
    path = tmp_path / "kb.jsonl"
    good = '{"id": "a", "name": "甲局"}\n'
    path.write_text(good + '{"id": "b", "name": \n' + '{"id": "c"}\n' + good.replace('"a"', '"d"'),
                    encoding="utf-8")  # fmt: skip
    kb = KnowledgeBase.from_jsonl(path)
    assert sorted(kb.entries) == ["a", "d"]
    assert [p.line for p in kb.problems] == [2, 3]
    assert "kb.jsonl:2" in str(kb.problems[0]) and "name" in str(kb.problems[1])


def test_malformed_csv_row_reported_with_its_line(tmp_path):
    path = tmp_path / "kb.csv"
    path.write_text(
        "id,name,aliases\na,甲局,甲|global;市甲局|local\nb,乙局,乙|nowhere\nc,丙局,\n",
        encoding="utf-8",
    )
    items = list(read_agencies(path))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.line for e in errors] == [3] and "scope" in str(errors[0])
    assert [a.id for a in items if isinstance(a, Agency)] == ["a", "c"]
    assert items[0].aliases == (Alias("甲"), Alias("市甲局", "local"))


def test_csv_without_required_columns(tmp_path):
    path = tmp_path / "kb.csv"
    path.write_text("name\n甲局\n", encoding="utf-8")
    [error] = list(read_agencies(path))
    assert isinstance(error, InputError) and error.line == 1
