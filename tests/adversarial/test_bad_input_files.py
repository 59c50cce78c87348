"""Files and folders that cannot be read as they are: each reported by path (and line), the
import goes on with the rest, exits 1, and never hangs or crashes."""

from __future__ import annotations

import os
import random
import socket
import stat

import pytest

from tests.adversarial.bad_input_support import (
    AFTER,
    BEFORE,
    assert_reported,
    import_files,
    jsonl_around,
    run_cli_unprivileged,
    stored,
)
from tests.conftest import SEEDS

GOOD = "重庆日报讯(记者张莎)3月17日,全市社工6.79万人,服务群众超82万人次。\n"


def _folder_with_good_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def _texts(project) -> list[str]:
    return sorted(stored(project).values())


def test_unreadable_jsonl_is_reported_not_a_crash(tmp_path):
    folder = _folder_with_good_file(tmp_path)
    (folder / "loop.jsonl").symlink_to("loop.jsonl")  # unreadable for anyone, root included
    project = tmp_path / "p.annot"

    result = import_files(project, folder)

    assert_reported(result, "loop.jsonl", "cannot read")
    assert _texts(project) == [GOOD.strip()]


def test_jsonl_without_read_permission(tmp_path):
    folder = _folder_with_good_file(tmp_path)
    locked = jsonl_around(folder / "locked.jsonl", {"id": "x", "text": "正文。"})
    locked.chmod(0)
    project = tmp_path / "p.annot"

    result = run_cli_unprivileged("import", folder, "--project", project, "--no-prehighlight")

    assert_reported(result, "locked.jsonl", "Permission denied")
    assert _texts(project) == [GOOD.strip()]


def test_unreadable_folder_is_a_problem_not_silence(tmp_path):
    folder = _folder_with_good_file(tmp_path)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    project = tmp_path / "p.annot"
    try:
        result = run_cli_unprivileged("import", folder, "--project", project,
                                      "--no-prehighlight")
    finally:
        locked.chmod(stat.S_IRWXU)

    assert_reported(result, "locked", "cannot read the folder", "Permission denied")
    assert "1 problems" in result.stderr
    assert _texts(project) == [GOOD.strip()]


def test_named_pipe_in_a_folder_does_not_hang_the_import(tmp_path):
    folder = _folder_with_good_file(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    project = tmp_path / "p.annot"

    result = import_files(project, folder)  # before: blocked forever opening the pipe

    assert_reported(result, "pipe.txt", "a named pipe, not a file")
    assert _texts(project) == [GOOD.strip()]


def test_named_pipe_and_socket_named_on_the_command_line(tmp_path):
    folder = _folder_with_good_file(tmp_path)
    os.mkfifo(tmp_path / "pipe.jsonl")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.csv"))
    project = tmp_path / "p.annot"
    try:
        result = import_files(project, tmp_path / "pipe.jsonl", tmp_path / "sock.csv", folder)
    finally:
        sock.close()

    assert_reported(result, "pipe.jsonl", "a named pipe")
    assert_reported(result, "sock.csv", "a socket")
    assert _texts(project) == [GOOD.strip()]


def test_device_named_on_the_command_line(tmp_path):
    project = tmp_path / "p.annot"
    result = import_files(project, "/dev/zero", _folder_with_good_file(tmp_path))
    assert_reported(result, "/dev/zero", "a device, not a file")
    assert _texts(project) == [GOOD.strip()]


def test_nul_after_the_first_8_kib_refuses_the_file_as_binary(tmp_path):
    folder = _folder_with_good_file(tmp_path)
    body = "市民政局发布数据。" * 2000  # ~54 KB in UTF-8
    (folder / "late_nul.txt").write_bytes(body.encode() + b"\x00" + "后面的文字。".encode())
    project = tmp_path / "p.annot"

    result = import_files(project, folder)

    assert_reported(result, "late_nul.txt", "binary data (a NUL byte at offset 54000)")
    assert _texts(project) == [GOOD.strip()]


def test_hidden_html_elements_are_not_imported(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>标题</title></head><body><p>市民政局发布数据。</p>"
        '<div style="color: red; display: none">隐藏的导航</div>'
        '<p hidden>隐藏属性</p><span aria-hidden="true">读屏隐藏</span>'
        '<p style="visibility:hidden">不可见段落</p><p>朝天门街道党工委召开会议。</p>'
        "</body></html>",
        encoding="utf-8",
    )
    project = tmp_path / "p.annot"

    result = import_files(project, page)

    assert result.returncode == 0, result.stderr
    (text,) = stored(project).values()
    assert text == "市民政局发布数据。\n\n朝天门街道党工委召开会议。"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path, encoding):
    article = (SEEDS / "000_19474ce4e30e8f21.txt").read_text(encoding="utf-8")
    (tmp_path / "utf8.txt").write_text(article, encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(article.encode(encoding))
    project = tmp_path / "p.annot"

    result = import_files(project, tmp_path / "utf16.txt", tmp_path / "utf8.txt")

    assert result.returncode == 0, result.stderr
    assert "1 documents imported, 1 already present" in result.stderr  # the same text


def _lines() -> list[str]:
    return [line for p in sorted(SEEDS.glob("*.txt"))
            for line in p.read_text(encoding="utf-8").splitlines() if len(line) >= 8]


def test_gbk_file_with_utf8_lines_is_never_mojibake(tmp_path):
    """200 random GBK files with one UTF-8 line: each reported naming the lines, none stored."""
    rng = random.Random(20)
    lines = _lines()
    folder = tmp_path / "mixed"
    folder.mkdir()
    for k in range(200):
        chosen = rng.sample(lines, 6)
        odd = rng.randrange(6)
        data = b"\n".join(line.encode("utf-8" if i == odd else "gb18030")
                          for i, line in enumerate(chosen))
        (folder / f"{k:03d}.txt").write_bytes(data)
    (folder / "plain_gbk.txt").write_bytes("\n".join(lines[:6]).encode("gbk"))
    project = tmp_path / "p.annot"

    result = import_files(project, folder)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    mixed = [line for line in result.stderr.splitlines() if "mixed encodings: line" in line]
    assert len(mixed) == 200, result.stderr[-2000:]
    assert "200 problems" in result.stderr
    (text,) = stored(project).values()  # the plain GBK file, read as GBK
    assert lines[0][:8] in text


def test_unreadable_rows_and_files_together_keep_every_good_document(tmp_path):
    """One import, several kinds of bad input: every good document in, every problem named."""
    folder = _folder_with_good_file(tmp_path)
    jsonl_around(folder / "rows.jsonl", {"id": "bad", "text": "x", "spans": [
        {"start": 0, "end": 1, "label": "AGENCY", "attrs": 5}]})
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "nul.txt").write_bytes(b"abc\x00def")
    project = tmp_path / "p.annot"

    result = import_files(project, folder)

    assert_reported(result, "rows.jsonl:2:", "spans[0].attrs")
    assert_reported(result, "pipe.jsonl", "a named pipe")
    assert_reported(result, "nul.txt", "binary data")
    assert "3 problems" in result.stderr
    docs = stored(project)
    assert docs["good-1"] == BEFORE["text"] and docs["good-2"] == AFTER["text"]
    assert len(docs) == 3
