"""Character BIO/BMES: one code point per line, a blank line after each document."""

import random

from annotator.core.formats import bio, write

DOCS = [
    {"id": "a", "text": "𠮷市 民政局😀", "status": "gold", "spans": [
        {"start": 0, "end": 2, "label": "PLACE"}, {"start": 3, "end": 6, "label": "AGENCY"},
        {"start": 6, "end": 7, "label": "ORG"}]},
    {"id": "b", "text": "发布\n通知", "status": "gold", "spans": []},
]  # fmt: skip


def test_bio_lines(tmp_path):
    result = write(DOCS, "bio", tmp_path / "x.bio")
    body = (tmp_path / "x.bio").read_text(encoding="utf-8")
    assert body == (
        "𠮷\tB-PLACE\n市\tI-PLACE\n民\tB-AGENCY\n政\tI-AGENCY\n局\tI-AGENCY\n😀\tB-ORG\n"
        "\n"
        "发\tO\n布\tO\n通\tO\n知\tO\n"
        "\n"  # every document ends with a blank line, as CoNLL files do
    )
    assert any("2 whitespace characters left out" in r for r in result.notes.remarks)
    assert result.notes.lost["id"] == 2


def test_bmes_tags():
    spans = [{"start": 0, "end": 1, "label": "X"}, {"start": 1, "end": 4, "label": "Y"},
             {"start": 4, "end": 6, "label": "Z"}]  # fmt: skip
    assert bio.tags("😀𠮷ab𠮷c", spans, "bmes") == ["S-X", "B-Y", "M-Y", "E-Y", "B-Z", "E-Z"]


def test_fast_blocks_equal_tagging_each_character_without_whitespace():
    rng = random.Random(5)
    for _ in range(1000):
        text = "".join(rng.choice("ab 𠮷😀\n　c\x1c") for _ in range(rng.randint(1, 30)))
        spans, at = [], 0
        while at < len(text) - 1 and rng.random() < 0.7:
            a = rng.randint(at, len(text) - 1)
            b = rng.randint(a + 1, len(text))
            spans.append({"start": a, "end": b, "label": "X"})
            at = b
        # the reference: drop whitespace, move the spans with it, tag every character
        keep = [i for i, ch in enumerate(text) if not ch.isspace()]
        chars = "".join(text[i] for i in keep)
        moved = []
        for s in spans:
            inside = [j for j, i in enumerate(keep) if s["start"] <= i < s["end"]]
            if inside:
                moved.append({"start": inside[0], "end": inside[-1] + 1, "label": "X"})
        for scheme in ("bio", "bmes"):
            slow = "".join(f"{c}\t{t}\n" for c, t in zip(chars, bio.tags(chars, moved, scheme)))
            assert bio.block(text, spans, scheme) == (slow, len(text) - len(chars))
