from annotator.ui.utf16 import Utf16Map


def test_round_trip_through_utf16_positions():
    text = "a𠮷b😀c𠮷"
    m = Utf16Map(text)
    assert m.length == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        assert m.from_qt(m.to_qt(cp)) == cp
        assert m.to_qt(cp) == len(text[:cp].encode("utf-16-le")) // 2


def test_position_inside_a_pair_snaps_to_its_start():
    m = Utf16Map("a𠮷b")
    assert m.from_qt(2) == 1


def test_bmp_text_is_the_identity():
    m = Utf16Map("重庆市民政局")
    assert [m.to_qt(i) for i in range(7)] == list(range(7))
