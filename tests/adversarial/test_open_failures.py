"""Every way a project file can fail to open or be written gets one sentence that says what
to do: on stderr with a non-zero exit code from the CLI, in a message box in the app; never a
traceback. A project that cannot be written (full disk, read-only file or folder) can still
be read and exported elsewhere."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from annotator.core.store import Project, ProjectError
from tests.conftest import SEEDS, run_cli


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    """A document the template does not have yet: importing it must write."""
    path = tmp_path_factory.mktemp("article") / "new.txt"
    path.write_text("市教育局今天召开会议，部署秋季开学工作。\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A project with some documents, copied by each test."""
    path = tmp_path_factory.mktemp("template") / "p.annot"
    Project.create(path).close()
    result = run_cli("import", SEEDS, "--project", path, "--quiet")
    assert result.returncode == 0, result.stderr
    return path


def _copy(template, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(template, folder / "p.annot"))


def _one_sentence(result, *words):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], result.stderr
    return lines[0]


def _reads_and_exports(path, out: Path, documents: int):
    stats = run_cli("stats", "--project", path, "--json")
    assert stats.returncode == 0, stats.stderr
    exported = run_cli("export", "--project", path, "-o", out)
    assert exported.returncode == 0, exported.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == documents


def _documents(path) -> int:
    with Project.open(path, readonly=True) as project:
        return project.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]


# -- damaged files, folders ---------------------------------------------------------------------
def test_a_truncated_project_is_named_damaged(template, tmp_path, article):
    path = _copy(template, tmp_path)
    with open(path, "r+b") as fh:
        fh.truncate(path.stat().st_size // 3)
    before = path.read_bytes()
    for command in (["stats", "--project", path],
                    ["export", "--project", path, "-o", tmp_path / "out.jsonl"],
                    ["import", article, "--project", path]):
        _one_sentence(run_cli(*command), "damaged", "backup")
    assert path.read_bytes() == before


def test_a_corrupt_project_is_named_damaged(template, tmp_path):
    path = _copy(template, tmp_path)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page:len(data)] = os.urandom(len(data) - page)  # all but the header page is noise
    path.write_bytes(bytes(data))
    _one_sentence(run_cli("stats", "--project", path), "damaged")
    with pytest.raises(ProjectError, match="damaged"), Project.open(path) as project:
        project.db.execute("SELECT COUNT(*) FROM documents").fetchone()


def test_a_folder_given_as_project(tmp_path, article):
    line = _one_sentence(run_cli("stats", "--project", tmp_path), "is a folder")
    assert str(tmp_path) in line
    _one_sentence(run_cli("import", article, "--project", tmp_path), "is a folder")


# -- a full disk --------------------------------------------------------------------------------
def test_full_disk_refuses_writes_in_one_sentence_and_still_exports(template, fillable_disk,
                                                                    tmp_path, article):
    folder, fill = fillable_disk
    path = _copy(template, folder)
    documents = _documents(path)
    fill()
    _one_sentence(run_cli("import", article, "--project", path), "disk", "full")
    _reads_and_exports(path, tmp_path / "out.jsonl", documents)
    (folder / "filler").unlink()
    with Project.open(path) as project:  # nothing was lost
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert project.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == documents


def test_creating_a_project_on_a_full_disk(small_disk, article):
    _one_sentence(run_cli("import", article, "--project", small_disk / "new.annot"),
                  "disk", "full")
    assert not (small_disk / "new.annot").exists()


# -- read-only file and folder -----------------------------------------------------------------
def _immutable(path: Path):
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("chattr +i is not available here (needs root and a supporting filesystem)")


def _mutable(path: Path):
    subprocess.run(["chattr", "-i", str(path)], capture_output=True)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_project_is_read_and_exported_but_not_written(template, tmp_path, what,
                                                                    article):
    path = _copy(template, tmp_path / "ro")
    documents = _documents(path)
    target = path if what == "file" else path.parent
    _immutable(target)
    try:
        before = path.read_bytes()
        _one_sentence(run_cli("import", article, "--project", path), "cannot be written")
        _reads_and_exports(path, tmp_path / "out.jsonl", documents)
        assert path.read_bytes() == before
        with pytest.raises(ProjectError, match="cannot be written"):
            Project.open(path)
    finally:
        _mutable(target)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permission bits do not stop root")
def test_a_project_without_permission(template, tmp_path):
    path = _copy(template, tmp_path)
    path.chmod(0)
    try:
        _one_sentence(run_cli("stats", "--project", path), "no permission")
    finally:
        path.chmod(0o644)


# -- the app shows the same sentences ----------------------------------------------------------
def test_the_app_shows_one_sentence_for_each_refusal(qtbot, template, tmp_path):
    from PySide6.QtWidgets import QMainWindow, QMessageBox

    from annotator.core.preferences import Preferences
    from annotator.ui.project_actions import ProjectActions

    window = QMainWindow()
    qtbot.addWidget(window)
    actions = ProjectActions(Preferences.load())
    actions.attach(window)

    def message() -> str:
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert boxes, "a message was shown"
        text = boxes[-1].text()
        boxes[-1].close()
        return text

    truncated = _copy(template, tmp_path / "t")
    with open(truncated, "r+b") as fh:
        fh.truncate(5000)
    assert actions.open_project(truncated) is None
    assert "damaged" in message()
    folder = tmp_path / "folder.annot"
    folder.mkdir()
    assert actions.open_project(folder) is None
    assert "is a folder" in message()
    other = tmp_path / "other.annot"
    other.write_bytes(b"")
    assert actions.open_project(other) is None
    assert "empty" in message()
    assert actions.project is None
    readonly = _copy(template, tmp_path / "ro")
    _immutable(readonly)
    try:
        assert actions.open_project(readonly) is None
        assert "cannot be written" in message()
    finally:
        _mutable(readonly)
    assert json.dumps(actions.prefs.recent_projects(), default=str).count("folder.annot") == 0
