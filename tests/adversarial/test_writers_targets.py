"""No command writes over a project file, whatever flags it is given, and what the tool writes
gets the mode the user's umask says (not the 0600 of a temporary file)."""

import os
import sqlite3
import stat

import pytest

from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from tests.conftest import run_cli

TEXT = "重庆市民政局发布第{i}号通知。"


def make_project(path, n=6, status="gold"):
    """``n`` documents with a gold AGENCY span each, assigned to wang."""
    with Project.create(path) as project:
        gold = project.annotator_id("gold", "gold")
        docs = [docs_store.NewDocument(TEXT.format(i=i), {"title": f"通知{i}"}, id=f"d{i:05d}",
                                       status=status) for i in range(n)]  # fmt: skip
        with project.transaction():
            docs_store.insert(project, docs, None)
            for doc in docs:
                spans_store.replace_layer(project, doc.id, gold, [Span(0, 6, "AGENCY")])
    assert run_cli("assign", "--project", path, "--annotators", "wang").returncode == 0
    return path


def _sound(path, documents):
    """The file is still a project holding its documents."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Project.open(path) as project:
        assert project.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == documents


def _commands(p, q, folder):
    """Every command that writes a file or folder, aimed at a project file."""
    return {
        "export onto itself": ["export", "--project", p, "-o", p],
        "export onto another project": ["export", "--project", p, "-o", q],
        "export doccano": ["export", "--project", p, "--format", "doccano", "-o", p],
        "export label-studio": ["export", "--project", p, "--format", "label-studio", "-o", q],
        "export bio": ["export", "--project", p, "--format", "bio", "-o", p],
        "export brat": ["export", "--project", p, "--format", "brat", "-o", q],
        "export onto the write-ahead log": ["export", "--project", p, "-o", f"{q}-wal"],
        "kb export": ["kb", "export", p, "--project", p],
        "kb export csv name": ["kb", "export", q, "--project", p],
        "pack --overwrite": ["pack", "--project", p, "--annotator", "wang", "-o", p,
                             "--overwrite"],
        "pack over a package": ["pack", "--project", p, "--annotator", "wang", "-o", q,
                                "--overwrite"],
        "release": ["release", "--project", p, "-o", q],
        "convert": ["convert", "brat", folder, "-o", p],
        "prehighlight": ["prehighlight", folder / "d00000.txt", "-o", q],
    }  # fmt: skip


def test_no_command_writes_over_a_project_file(tmp_path):
    p, q = make_project(tmp_path / "p.annot"), make_project(tmp_path / "q.annot", n=2)
    folder = tmp_path / "brat"
    assert run_cli("export", "--project", p, "--format", "brat", "-o", folder).returncode == 0
    for name, argv in _commands(p, q, folder).items():
        result = run_cli(*argv)
        assert result.returncode != 0, name
        assert "Traceback" not in result.stderr, (name, result.stderr)
        (line,) = result.stderr.strip().splitlines()  # one sentence
        assert line.startswith("error: ") and ("project" in line or "folder" in line), line
        _sound(p, 6)
        _sound(q, 2)
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".")]  # no temporary left


@pytest.mark.skipif(os.name != "posix", reason="file modes and umask are POSIX")
@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_written_files_follow_the_umask(tmp_path, umask):
    p = make_project(tmp_path / "p.annot")
    old = os.umask(umask)  # inherited by the command's process
    try:
        outputs = {
            "gold.jsonl": ["export", "--project", p, "-o", tmp_path / "gold.jsonl"],
            "brat": ["export", "--project", p, "--format", "brat", "-o", tmp_path / "brat"],
            "rel": ["release", "--project", p, "-o", tmp_path / "rel", "--formats", "brat,bio"],
            "kb.csv": ["kb", "export", tmp_path / "kb.csv", "--project", p],
            "wang.annot": ["pack", "--project", p, "--annotator", "wang", "-o",
                           tmp_path / "wang.annot"],
        }  # fmt: skip
        for argv in outputs.values():
            assert run_cli(*argv).returncode == 0
    finally:
        os.umask(old)
    for name in outputs:
        top = tmp_path / name
        for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
            mode = stat.S_IMODE(path.stat().st_mode)
            want = (0o777 if path.is_dir() else 0o666) & ~umask
            if path.suffix == ".annot":
                want = 0o644 & ~umask  # SQLite creates its files 0644, less the umask
            assert mode == want, (path, oct(mode), oct(want))
