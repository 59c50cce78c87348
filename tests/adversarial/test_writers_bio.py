"""BIO and BMES write each character of a document once, even where its spans overlap."""

from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from tests.conftest import run_cli

TEXT = "重庆市民政局发布通知"


def test_overlapping_spans_write_each_character_once(tmp_path):
    path = tmp_path / "p.annot"
    with Project.create(path) as project:
        gold = project.annotator_id("gold", "gold")
        with project.transaction():
            docs_store.insert(project, [docs_store.NewDocument(TEXT, id="d", status="gold")], None)
            # a place inside an agency, and a span crossing the agency's end
            spans_store.replace_layer(project, "d", gold, [
                Span(0, 3, "PLACE"), Span(0, 6, "AGENCY"), Span(5, 8, "ORG")])  # fmt: skip
    for fmt, inside in (("bio", "I"), ("bmes", "M")):
        out = tmp_path / f"x.{fmt}"
        result = run_cli("export", "--project", path, "--format", fmt, "-o", out)
        assert result.returncode == 0, result.stderr
        rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if line]
        assert "".join(char for char, _tag in rows) == TEXT  # each character once, in order
        # the longest span wins
        assert [tag for _char, tag in rows][:6] == ["B-AGENCY", *[f"{inside}-AGENCY"] * 4,
                                                    "I-AGENCY" if fmt == "bio" else "E-AGENCY"]
        assert f"note: {fmt}: not carried: overlapping spans (2)" in result.stderr
