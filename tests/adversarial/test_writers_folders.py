"""Folders the tool writes (brat exports, releases) replace an earlier one only when whole,
and never take the user's files with them: not files added, not files edited in brat, not
files a manifest names outside the folder."""

import hashlib
import json
import os
import subprocess
import uuid

import pytest

from annotator.core.atomic import TEMP_PREFIX
from tests.adversarial.test_writers_targets import make_project
from tests.conftest import run_cli


def _export_brat(project, folder):
    return run_cli("export", "--project", project, "--format", "brat", "-o", folder)


def _import_brat(project, folder):
    return run_cli("import", "--project", project, "--format", "brat", "--annotator", "wang",
                   "--no-prehighlight", folder)  # fmt: skip


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def test_a_brat_reexport_keeps_edits_made_in_brat_and_added_files(tmp_path):
    p = make_project(tmp_path / "p.annot")
    folder = tmp_path / "brat"
    assert _export_brat(p, folder).returncode == 0
    (folder / "visual.conf").write_text("[labels]\nAGENCY | 机构\n", encoding="utf-8")
    assert _export_brat(p, folder).returncode == 0  # an added file is kept, not a conflict
    assert (folder / "visual.conf").read_text(encoding="utf-8").startswith("[labels]")

    edited = folder / "d00003.ann"  # what brat does when an annotator saves
    edited.write_text("T1\tAGENCY 0 3\t重庆市\n", encoding="utf-8")
    before = _digests(folder)
    result = _export_brat(p, folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "d00003.ann" in result.stderr and "import" in result.stderr
    assert _digests(folder) == before  # nothing replaced, nothing deleted

    # the way forward the message gives: bring the edits in, then export again
    assert _import_brat(tmp_path / "b.annot", folder).returncode == 0
    assert not [n for n in os.listdir(tmp_path) if n.startswith(TEMP_PREFIX)]


def test_brat_does_not_take_the_notes_for_a_document(tmp_path):
    p = make_project(tmp_path / "p.annot", n=3)
    folder = tmp_path / "brat"
    assert _export_brat(p, folder).returncode == 0
    # brat's document list: every name ending in "txt" (server/src/document.py)
    listed = {n[:-4] for n in os.listdir(folder) if n.endswith("txt")}
    assert listed == {"d00000", "d00001", "d00002"}
    assert all((folder / f"{stem}.ann").exists() for stem in listed)

    # an export made before: brat has made an empty .ann beside its notes
    (folder / "conversion-notes.txt").write_text("brat: nothing was left out\n", "utf-8")
    (folder / "conversion-notes.ann").write_text("", encoding="utf-8")
    result = _import_brat(tmp_path / "b.annot", folder)
    assert result.returncode == 0, result.stderr
    assert "3 documents imported" in result.stderr


def test_a_manifest_cannot_make_a_release_delete_files_outside_its_folder(tmp_path):
    p = make_project(tmp_path / "p.annot")
    rel = tmp_path / "rel"
    assert run_cli("release", "--project", p, "-o", rel).returncode == 0
    victims = [tmp_path / "keep.txt", tmp_path / "elsewhere" / "keep.jsonl"]
    for victim in victims:
        victim.parent.mkdir(exist_ok=True)
        victim.write_text("the user's\n", encoding="utf-8")
    manifest = json.loads((rel / "manifest.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(b"the user's\n").hexdigest()
    manifest["files"].update({"../keep.txt": digest, str(victims[1]): digest,
                              "../elsewhere/keep.jsonl": digest})  # fmt: skip
    (rel / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (rel / "README.md").write_text("our dataset\n", encoding="utf-8")  # added by the user

    result = run_cli("release", "--project", p, "-o", rel, "--formats", "bio")
    assert result.returncode == 0, result.stderr
    assert all(v.read_text(encoding="utf-8") == "the user's\n" for v in victims)
    assert (rel / "README.md").read_text(encoding="utf-8") == "our dataset\n"
    assert (rel / "bio" / "train.bio").exists()


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs: a real full disk."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", str(mount)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip("cannot mount a size-limited tmpfs here (needs root or CAP_SYS_ADMIN)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_release_that_fills_the_disk_leaves_the_previous_release(tmp_path, small_disk):
    p = make_project(tmp_path / "p.annot", n=400)
    rel = small_disk / "rel"
    assert run_cli("release", "--project", p, "-o", rel).returncode == 0
    before = _digests(rel)
    free = os.statvfs(small_disk)
    filler = small_disk / f"filler-{uuid.uuid4().hex}"
    filler.write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 64 * 1024))  # 64 KB left

    result = run_cli("release", "--project", p, "-o", rel, "--formats", "brat,bio,doccano")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "space" in line, line  # the disk is full: say so
    assert _digests(rel) == before  # the previous release, whole
    assert sorted(os.listdir(small_disk)) == sorted(["rel", filler.name])  # no litter
