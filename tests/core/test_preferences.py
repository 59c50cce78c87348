"""Preferences: one readable JSON file that survives corruption and keeps recent projects tidy."""

import json

import pytest

from annotator.core.preferences import MAX_RECENT, Position, Preferences, preferences_path


@pytest.fixture(autouse=True)
def isolated_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def _projects(folder, n):
    folder.mkdir(exist_ok=True)
    paths = [folder / f"p{i}.annot" for i in range(n)]
    for p in paths:
        p.write_bytes(b"")
    return paths


def test_defaults_without_a_file():
    prefs = Preferences.load()
    assert prefs.language == "zh_CN"
    assert prefs.annotator == ""
    assert prefs.last_project is None and prefs.recent == [] and prefs.positions == {}
    assert not preferences_path().exists()


def test_round_trip_in_a_readable_file(tmp_path):
    a, b = _projects(tmp_path / "projects", 2)
    prefs = Preferences.load()
    prefs.annotator = "王芳"
    prefs.language = "en"
    prefs.show_gold = True
    prefs.opened(a)
    prefs.opened(b)
    prefs.remember_position(a, "d68b9f52c0775004", 1234)
    assert prefs.save()

    path = preferences_path()
    assert path.parent == tmp_path / "config" / "gov-news-annotator"
    text = path.read_text(encoding="utf-8")
    assert "王芳" in text  # readable, not \u-escaped
    assert json.loads(text)["recent_projects"] == [str(b.resolve()), str(a.resolve())]
    assert [p.name for p in path.parent.iterdir()] == ["preferences.json"]  # no temp file left

    again = Preferences.load()
    assert again == prefs
    assert again.show_gold is True
    assert again.last_project == b.resolve()
    assert again.position(a) == Position("d68b9f52c0775004", 1234)
    assert again.position(tmp_path / "projects" / ".." / "projects" / "p0.annot").cursor == 1234
    assert again.position(b) is None


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe\x00garbage", b""])
def test_corrupt_file_is_set_aside_and_defaults_used(content):
    path = preferences_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    prefs = Preferences.load()
    assert prefs == Preferences()
    assert not path.exists()
    assert path.with_name("preferences.json.bad").read_bytes() == content
    prefs.annotator = "li"
    assert prefs.save()
    assert Preferences.load().annotator == "li"


def test_bad_values_cost_only_themselves(tmp_path):
    (a,) = _projects(tmp_path / "projects", 1)
    path = preferences_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({
        "annotator": 7, "language": "fr", "show_gold": "yes",
        "recent_projects": [str(a), 3, None, str(a)],
        "last_project": str(a),
        "projects": {str(a): {"document": "x", "cursor": -5}, "other": "nonsense"},
    }), encoding="utf-8")
    prefs = Preferences.load()
    assert prefs.annotator == "" and prefs.language == "zh_CN" and prefs.show_gold is False
    assert prefs.recent == [a.resolve()]
    assert prefs.positions == {a.resolve(): Position("x", 0)}
    assert path.exists()  # parsed: nothing set aside


def test_recent_projects_most_recent_first_capped_and_missing_dropped(tmp_path):
    paths = _projects(tmp_path / "projects", MAX_RECENT + 3)
    prefs = Preferences.load()
    for p in paths:
        prefs.opened(p)
    assert prefs.recent_projects() == [p.resolve() for p in reversed(paths[-MAX_RECENT:])]
    prefs.opened(paths[5])  # reopened: moves to the front, listed once
    expected = [paths[5], *reversed(paths[6:]), paths[4], paths[3]]
    assert prefs.recent_projects() == [p.resolve() for p in expected]
    assert len(prefs.recent) == MAX_RECENT

    prefs.remember_position(paths[-1], "gone-doc", 3)
    prefs.save()
    paths[-1].unlink()
    loaded = Preferences.load()
    assert paths[-1].resolve() not in loaded.recent
    assert loaded.recent[0] == paths[5].resolve()
    assert loaded.position(paths[-1]) is None  # positions go with their project
    assert loaded.last_project == paths[5].resolve()


def test_a_save_that_cannot_be_written_is_not_a_crash(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert Preferences().save(blocker / "preferences.json") is False
