"""Linking abbreviated names by jurisdiction, and guesses for bodies the KB lacks."""

import pytest

from annotator.core.kb import NEW_PREFIX, Linker, default_kb, infer_jurisdiction


@pytest.fixture(scope="module")
def linker():
    return Linker(default_kb())


def best(linker, mention, region="", text="", **kw):
    links = linker.link(mention, infer_jurisdiction(text, {"region": region}), **kw)
    return (links[0].name, links[0].score) if links else (None, 0.0)


@pytest.mark.parametrize(
    "region, mention, name",
    [
        ("重庆市", "市民政局", "重庆市民政局"),
        ("重庆市", "市委社会工作部", "中共重庆市委社会工作部"),
        ("重庆市渝中区", "区委社会工作部", "中共重庆市渝中区委社会工作部"),
        ("重庆市渝中区", "团区委", "共青团重庆市渝中区委员会"),
        ("重庆市渝中区", "市委", "中共重庆市委员会"),
        ("四川省", "民政厅", "四川省民政厅"),
        ("四川省", "团省委", "共青团四川省委员会"),
        ("四川省成都市", "市民政局", "成都市民政局"),
        ("", "大足区民政局", "重庆市大足区民政局"),
        ("", "党中央", "中共中央"),
        ("北京市", "市经信委", "北京市经济和信息化局"),  # its name until 2018
        ("重庆市", "市卫计委", "重庆市卫生健康委员会"),
        ("", "国家卫计委", "中华人民共和国国家卫生健康委员会"),
        ("", "中央", "中共中央"),
        ("", "卫生部", "中华人民共和国国家卫生健康委员会"),
    ],
)
def test_links(linker, region, mention, name):
    found, score = best(linker, mention, region)
    assert found == name and score >= 0.8


def test_local_names_follow_text_mentions_when_meta_is_empty(linker):
    text = "渝中区深化基层治理。渝中区各街道积极推进。重庆市渝中区在全市率先。"
    assert best(linker, "区委", text=text)[0] == "中共重庆市渝中区委员会"
    sichuan = "四川省召开会议。四川省各地参加。"
    assert best(linker, "民政厅", text=sichuan)[0] == "四川省民政厅"


def test_nearest_county_named_before_wins(linker):
    text = "云阳县举行活动。" + "文字" * 50 + "忠县统计工作会议召开。县委要求……"
    j = infer_jurisdiction(text, {"region": "重庆市"})
    at = text.index("县委")
    assert linker.link("县委", j, at=at)[0].region == "重庆市忠县"
    assert linker.link("县委", j, at=text.index("文字"))[0].region == "重庆市云阳县"


def test_local_name_without_jurisdiction_gets_no_link(linker):
    assert linker.link("市民政局", infer_jurisdiction("", {})) == []


def test_bare_department_follows_the_body_named_before(linker):
    j = infer_jurisdiction("", {"region": "重庆市渝中区"})
    assert linker.link("组织部", j, near="cn-500000-party")[0].name == "中共重庆市委组织部"
    assert linker.link("组织部", j)[0].name == "中共重庆市渝中区委组织部"


def test_respelled_region_prefix(linker):
    assert best(linker, "重庆市渝中区委组织部")[0] == "中共重庆市渝中区委组织部"


@pytest.mark.parametrize(
    "region, mention, name, code",
    [
        ("重庆市渝中区", "区文物局", "重庆市渝中区文物局", "500103"),
        ("四川省", "省政府新闻办", "四川省人民政府新闻办公室", "510000"),
        ("四川省", "省数据局", "四川省数据局", "510000"),
        ("云南省", "省地震局", "云南省地震局", "530000"),
        ("辽宁省沈阳市", "市政府地方志办公室", "沈阳市人民政府地方志办公室", "210100"),
        ("", "中央网络安全委员会", "中共中央网络安全委员会", "000000"),
    ],
)
def test_bodies_the_base_lacks_are_composed_by_structure(linker, region, mention, name, code):
    links = linker.link(mention, infer_jurisdiction("", {"region": region}))
    assert links[0].name == name and links[0].score >= 0.5
    assert links[0].agency_id == f"composed:{code}:{name}"
    agency = linker.kb.get(links[0].agency_id)
    assert agency.name == name and agency.source == "composed" and agency.region_code == code


@pytest.mark.parametrize(
    "region, mention, proposal",
    [("重庆市渝中区", "区文物保护中心", "重庆市渝中区文物保护中心")],
)
def test_bodies_of_unclear_type_get_only_low_scored_guesses(linker, region, mention, proposal):
    links = linker.link(mention, infer_jurisdiction("", {"region": region}))
    assert links[0].name == proposal and links[0].agency_id == NEW_PREFIX + proposal
    assert all(link.score < 0.5 for link in links) and len(links) <= 5


@pytest.mark.parametrize("mention", ["区文物保护中心《", "“区文物保护中心", "重庆市人民政府《"])
def test_a_mention_cut_at_a_punctuation_mark_proposes_no_new_entry(linker, mention):
    """A boundary nudged onto a mark is a boundary to fix, not a body's name to create."""
    links = linker.link(mention, infer_jurisdiction("", {"region": "重庆市渝中区"}))
    assert not any(link.agency_id.startswith(NEW_PREFIX) for link in links)


@pytest.mark.parametrize(
    "region, mention, name",
    [
        ("重庆市渝中区", "朝天门街道党工委", "中共重庆市渝中区朝天门街道工作委员会"),
        ("贵州省黔东南州凯里市", "市司法局", "凯里市司法局"),
        ("贵州省黔东南州", "州委", "中共黔东南苗族侗族自治州委员会"),
        ("河北省承德市", "团市委", "共青团承德市委员会"),
        ("广西壮族自治区南宁市", "兴宁区人民政府", "南宁市兴宁区人民政府"),
        ("", "南宁市兴宁区人民政府办公室", "南宁市兴宁区人民政府办公室"),
        ("", "中共重庆市永川区来苏镇委员会", "中共重庆市永川区来苏镇委员会"),
        ("", "重庆市永川区来苏镇人民政府", "重庆市永川区来苏镇人民政府"),
        ("", "辽宁省沈阳市公安局", "沈阳市公安局"),
        ("湖北省襄阳市", "襄樊市民政局", "襄阳市民政局"),  # a former name of the division
    ],
)
def test_bodies_below_the_province_link_to_the_national_base(linker, region, mention, name):
    links = linker.link(mention, infer_jurisdiction("", {"region": region}))
    assert links[0].name == name and links[0].score >= 0.5
    assert not links[0].agency_id.startswith(NEW_PREFIX)


def test_a_name_several_cities_share_goes_by_the_documents_city(linker):
    fuzhou = linker.link("鼓楼区委", infer_jurisdiction("", {"region": "福建省福州市"}))
    nanjing = linker.link("鼓楼区委", infer_jurisdiction("", {"region": "江苏省南京市"}))
    assert fuzhou[0].name == "中共福州市鼓楼区委员会"
    assert nanjing[0].name == "中共南京市鼓楼区委员会"


def test_unnamed_town_is_not_linked(linker):
    assert linker.link("镇政府", infer_jurisdiction("", {"region": "重庆市"})) == []
