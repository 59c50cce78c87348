"""PLACE rules on real phrases from the guidelines and from articles of other provinces."""

from annotator.core.prehighlight.places import find_places

CQ = {"region": "重庆市"}


def spans(text: str, meta: dict | None = None) -> list[str]:
    return [text[c.start : c.end] for c in find_places(text, meta or {})]


def test_divisions_full_and_short():
    assert spans("重庆市渝中区和成都、四川的合作", CQ) == ["重庆市渝中区", "成都", "四川"]


def test_a_county_name_opening_with_a_conjunction():
    assert spans("县委和县政府高度重视") == []
    assert spans("安徽省和县、和县位于长江边") == ["安徽省和县", "和县", "长江"]


def test_subdistricts_listed_as_street_and_subdistrict():
    text = "武汉市江汉区唐家墩街道新华西社区的小游园"
    assert spans(text) == ["武汉市江汉区唐家墩街道新华西社区"]
    assert spans("全区八街道") == []


def test_villages_ending_in_a_direction():
    assert spans("黔东南州雷山县丹江镇乌东村的苗绣") == ["黔东南州雷山县丹江镇乌东村"]
    assert spans("建设美丽乡村") == []


def test_counted_communities_are_not_names():
    assert spans("全区21个街道的230余名社区工作者参加，走访了3个村") == []


def test_autonomous_prefectures_and_counties_as_papers_write_them():
    text = "贵州省黔东南州凯里市、延边州和石柱县"
    assert spans(text) == ["贵州省黔东南州凯里市", "延边州", "石柱县"]


def test_address_chain_is_one_place():
    text = "家住南岸区南坪街道后堡社区后堡41号的居民"
    assert spans(text, CQ) == ["南岸区南坪街道后堡社区后堡41号"]
    assert spans("大足区铁山镇胜丰村冬虾养殖基地", CQ) == ["大足区铁山镇胜丰村"]


def test_county_then_township_short_form():
    assert spans("合川清平已成为产业集群", CQ) == ["合川清平"]


def test_names_inside_slogans_and_fixed_terms():
    assert spans("坚持和发展新时代“枫桥经验”") == ["枫桥"]
    assert spans("推进中国式现代化") == ["中国"]
    assert spans("老重庆人都知道", CQ) == ["重庆"]
    assert spans("重庆市民心中的地标", CQ) == ["重庆"]


def test_one_character_short_forms_and_nicknames_are_not_places():
    assert spans("渝企在川发展", CQ) == []
    assert spans("“山城玻璃工”打造特色", CQ) == []


def test_named_regions():
    assert spans("远销江浙地区") == ["江浙地区"]
    assert spans("深度融入成渝地区双城经济圈建设") == ["成渝地区双城经济圈"]


def test_suffix_grammar_for_bridges_parks_roads_zones():
    text = "调研解决鸣玉溪大桥桥下空间整治、人民路外墙立面整治"
    assert spans(text) == ["鸣玉溪大桥", "人民路"]
    assert spans("参观了双桥工业园区项目") == ["双桥工业园区"]
    assert spans("市内另一个国家级绿色园区长寿经开区", CQ) == ["长寿经开区"]


def test_generic_nouns_are_not_places():
    assert spans("扎实推进城乡社区治理，建设美丽乡村，拓宽道路") == []
    assert spans("在我市部分社区开展试点") == []


def test_common_word_short_forms_need_company():
    assert spans("比如合作社的发展") == []
    assert spans("俯瞰渝中、江北、南岸美景", CQ) == ["渝中", "江北", "南岸"]


def test_place_as_actor_stays_place():
    text = "民政厅、团省委、成都市、攀枝花市作交流发言"
    assert spans(text, {"region": "四川省"}) == ["成都市", "攀枝花市"]


def test_offsets_after_characters_outside_the_bmp():
    text = "𠮷😀位于大坪浮图关60号"
    got = find_places(text, CQ)
    assert [(c.start, c.end) for c in got] == [(4, 12)]
    assert text[got[0].start : got[0].end] == "大坪浮图关60号"


def test_sorted_and_disjoint_with_codes():
    got = find_places("重庆市渝中区朝天门街道和四川省成都市", CQ)
    assert all(a.end <= b.start for a, b in zip(got, got[1:]))
    assert got[-1].attrs.get("code") == "510100"
