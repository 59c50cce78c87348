"""Jurisdiction from metadata, from the places a text names, and from the default region."""

from annotator.core.kb import infer_jurisdiction
from annotator.core.kb.jurisdiction import resolve_region


def test_region_chains_resolve():
    from annotator.core.gazetteer import default_gazetteer

    g = default_gazetteer()
    assert resolve_region("重庆市渝中区", g) == "500103"
    assert resolve_region("四川省", g) == "510000"
    assert resolve_region("四川省成都市", g) == "510100"
    assert resolve_region("", g) is None


def test_meta_region_and_the_divisions_above_it():
    j = infer_jurisdiction("", {"region": "重庆市大足区"})
    assert [c for c, _ in j.codes] == ["500111", "500000"]


def test_newspaper_name_when_region_missing():
    assert infer_jurisdiction("", {"source": "华西都市报"}).primary == "510000"


def test_text_mentions_when_meta_is_empty():
    text = "渝中区召开会议。渝中区各街道参加。重庆市有关方面出席。解放碑在渝中区。"
    j = infer_jurisdiction(text, {})
    assert j.weight("500103") > 0 and j.weight("500000") > 0
    assert {c for _, c in j.mentions} >= {"500103", "500000"}


def test_default_region_is_a_weak_fallback():
    j = infer_jurisdiction("四川省成都市的会议", {"default_region": "重庆市"})
    assert j.weight("510000") > j.weight("500000") > 0


def test_a_pages_source_line_names_its_jurisdiction():
    page = "首页 / 团务工作\n信息来源:池州团市委 发布时间:2023-02-17\n团市委多措并举。"
    assert infer_jurisdiction(page, {}).primary == "341700"
    paper = "来源:四川日报\n省委召开会议。"
    assert infer_jurisdiction(paper, {}).primary == "510000"
    assert infer_jurisdiction("来源:新华社\n会议召开。", {}).primary is None  # national


def test_outlets_named_after_their_division():
    assert infer_jurisdiction("", {"source": "池州日报"}).primary == "341700"
    assert infer_jurisdiction("", {"source": "安徽新闻网"}).primary == "340000"


def test_an_autonomous_county_written_short_is_its_county():
    text = "中共秀山自治县委社会工作部举行揭牌仪式。县委书记出席。"
    assert infer_jurisdiction(text, {}).primary == "500241"


def test_a_national_outlet_implies_no_jurisdiction():
    from annotator.core.gazetteer import default_gazetteer
    from annotator.core.kb.jurisdiction import NATIONAL, outlet_regions

    assert outlet_regions(default_gazetteer())["人民日报"] == NATIONAL
    assert infer_jurisdiction("来源:人民日报\n会议召开。", {"source": "人民日报"}).primary is None
