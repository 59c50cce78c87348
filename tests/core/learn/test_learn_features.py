"""Tagger features: one list per code point, sources and dictionaries at the right characters."""

from annotator.core.prehighlight.candidate import Candidate
from annotator.core.prehighlight.engine import Engine, family_candidates, resolve_overlaps
from annotator.core.prehighlight.features import extract

TEXT = "𠮷😀记者王小明报道，重庆市民政局开展活动。"


def test_one_feature_list_per_code_point_even_outside_the_bmp():
    feats = extract(TEXT)
    assert len(feats) == len(TEXT)
    for i, ch in enumerate(TEXT):
        assert f"c[0]={ch}" in feats[i]
        assert any(f.startswith("w.pos=") for f in feats[i])


def test_candidates_and_dictionaries_land_on_their_characters():
    start = TEXT.index("王小明")
    rule = Candidate(start, start + 3, "PERSON", "rule:person", 0.9)
    model = Candidate(start, start + 3, "PERSON", "model:lac", 0.6)
    feats = extract(TEXT, [rule], [model])
    assert "rule:person/PERSON=B" in feats[start]
    assert "top/PERSON=I" in feats[start + 1]
    assert "model:lac/PERSON=E" in feats[start + 2]
    assert "rule:person/PERSON=next" in feats[start - 1]
    assert not any("PERSON" in f for f in feats[start + 3])
    assert "surname=1" in feats[start]
    city = TEXT.index("重庆市")
    assert "gz.start=3" in feats[city]
    assert "gz.end" in feats[city + 2]
    assert any(f.startswith("kb.start=") for f in feats[city])


def test_family_candidates_resolve_to_what_the_engine_proposes():
    engine = Engine()
    raw = family_candidates(engine, TEXT, {})
    keys = [(c.start, c.end, c.label, c.source) for c in engine.run(TEXT, {})]
    assert [(c.start, c.end, c.label, c.source)
            for c in resolve_overlaps(list(enumerate(raw)))] == keys
    assert any(c.label == "AGENCY" for c in raw)
