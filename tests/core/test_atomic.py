import pytest

from annotator.core.atomic import atomic_text


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "gold.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_text(target) as fh:
        fh.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["gold.jsonl"]
    with atomic_text(target) as fh:
        fh.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
