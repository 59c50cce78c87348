"""The clean→raw map: exact for any deletions, and together with the clean text, the raw text."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import OffsetMap

ALPHABET = st.sampled_from(list("社会工作 \n\u3000ab1,。𠮷😀"))


@st.composite
def raw_and_deletions(draw):
    raw = draw(st.text(ALPHABET, max_size=60))
    n = len(raw)
    cuts = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=8))
    return raw, [(min(a, b), max(a, b)) for a, b in cuts]


@given(raw_and_deletions())
def test_every_clean_character_is_its_raw_character(case):
    raw, deletions = case
    clean, m = OffsetMap.from_deletions(raw, deletions)
    assert m.raw_text(clean) == raw
    for i, ch in enumerate(clean):
        assert raw[m.to_raw(i)] == ch
    assert OffsetMap.from_json(m.to_json()) == m


@given(raw_and_deletions(), st.data())
def test_slices_map_into_the_same_raw_text(case, data):
    raw, deletions = case
    clean, m = OffsetMap.from_deletions(raw, deletions)
    start = data.draw(st.integers(0, len(clean)))
    end = data.draw(st.integers(start, len(clean)))
    part = m.slice(start, end)
    piece = clean[start:end]
    for i in range(len(piece)):
        assert part.to_raw(i) == m.to_raw(start + i)
    if piece:
        a, b = part.span_to_raw(0, len(piece))
        assert part.raw_text(piece) == raw[a:b]


def test_identity_and_repairs():
    clean, m = OffsetMap.from_deletions("主 题宣传\n\n", [(1, 2), (5, 7)])
    assert clean == "主题宣传"
    assert m.repairs() == [(1, " "), (4, "\n\n")]
    assert not m.is_identity()
    assert OffsetMap.identity(4).is_identity()
