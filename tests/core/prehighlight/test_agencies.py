"""AGENCY candidates: KB names, the grammar for bodies the KB lacks, and the links they carry."""


import pytest

from annotator.core.kb import NEW_PREFIX, default_kb
from annotator.core.prehighlight.agencies import AgencyFinder
from annotator.core.prehighlight.engine import Engine


@pytest.fixture(scope="module")
def finder():
    return AgencyFinder(default_kb())


def spans(finder, text, region="重庆市"):
    return [text[c.start : c.end] for c in finder(text, {"region": region})]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("区委社会工作部牵头推进。", ["区委社会工作部"]),
        ("朝天门街道党工委创新工作方法。", ["朝天门街道党工委"]),
        ("石油路街道党工委、大坪街道浮图关社区党委交流发言。",
         ["石油路街道党工委", "大坪街道浮图关社区党委"]),
        ("团省委、团市委、团区委和团县委参加。", ["团省委", "团市委", "团区委", "团县委"]),
        ("县统计局发布数据。", ["县统计局"]),
        ("记者从市经信委获悉。", ["市经信委"]),
        ("区律师行业党委坚持党建引领。", ["区律师行业党委"]),
        ("大足区人大常委会和大足区政协召开会议。", ["大足区人大常委会", "大足区政协"]),
        ("纳入市委市政府重点工作。", ["市委", "市政府"]),
        ("在区委、区政府的领导下。", ["区委", "区政府"]),
        ("坚持党中央集中统一领导。", ["党中央"]),
        ("中国共产党始终把人民放在心上。", ["中国共产党"]),
        ("认真落实中央部署。", ["中央"]),
        ("上个月,中央首次召开社会工作会议。", ["中央"]),
        ("学习中央社会工作会议精神。", ["中央"]),
        ("区委社会工作会议召开。", ["区委"]),
        ("市委六届二次全会提出。", ["市委"]),
        ("大足区民政局党委书记、局长。", ["大足区民政局"]),
        ("省委书记出席。", ["省委"]),
        ("重庆市民政局、四川省民政厅联合发文。", ["重庆市民政局", "四川省民政厅"]),
        ("国家统计局和国家疾控局发布。", ["国家统计局", "国家疾控局"]),
        ("街道办事处和镇政府负责落实。", ["街道办事处", "镇政府"]),
        ("省委副书记、组织部部长出席。", ["省委", "组织部"]),
        ("区委社会工作部、区民政局联合举办培训班。", ["区委社会工作部", "区民政局"]),
        ("市委宣传部主办,市文明办承办。", ["市委宣传部", "市文明办"]),
        ("市委市政府主办,区妇联承办。", ["市委", "市政府", "区妇联"]),
        ("县委和县政府高度重视。", ["县委", "县政府"]),
        ("县统计局和县财政局联合发布。", ["县统计局", "县财政局"]),
    ],
)  # fmt: skip
def test_positives(finder, text, expected):
    assert spans(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "有关部门和相关部门要加强协作。",
        "组建社会工作部门,各级党委要高度重视。",
        "省直有关部门负责同志参加。",
        "成都市、攀枝花市作交流发言。",
        "朝天门街道深入学习贯彻会议精神。",
        "全部干部到城市管理一线,领导干部带头。",
        "城市委员会和社区居民参加。",
        "民建重庆市委副主委出席。",
        "后堡社区党委书记杨莉介绍。",
        "中央空调和中央厨房。",
        "今年重庆市政府工作报告提出。",
        "服务实现跨省通办。",
        "各设区市委社会工作部要加强指导。",
    ],
)
def test_negatives(finder, text):
    assert spans(finder, text) == []


def test_candidates_are_sorted_disjoint_and_well_formed(finder):
    text = "市委市政府高度重视,市民政局、市经信委、区委组织部和朝天门街道党工委共同推进。" * 3
    found = finder(text, {"region": "重庆市渝中区"})
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    for c in found:
        assert c.label == "AGENCY" and 0 <= c.score <= 1 and len(c.links) <= 5
        assert c.source in ("gazetteer", "rule:agency")
        assert [x.score for x in c.links] == sorted((x.score for x in c.links), reverse=True)


def _best(finder, text, meta):
    return {text[c.start : c.end]: (c.links[0].name if c.links else None)
            for c in finder(text, meta)}  # fmt: skip


def test_chongqing_daily(finder):
    text = "市民政局相关负责人介绍,市委社会工作部等16部门印发通知。"
    got = _best(finder, text, {"source": "重庆日报", "region": "重庆市"})
    assert got == {"市民政局": "重庆市民政局", "市委社会工作部": "中共重庆市委社会工作部"}


def test_yuzhong_paper_by_meta_and_by_text(finder):
    text = "区委社会工作部、团区委、朝天门街道党工委交流发言。"
    want = {
        "区委社会工作部": "中共重庆市渝中区委社会工作部",
        "团区委": "共青团重庆市渝中区委员会",
        "朝天门街道党工委": "中共重庆市渝中区朝天门街道工作委员会",
    }
    assert _best(finder, text, {"region": "重庆市渝中区"}) == want
    mentions = "渝中区是重庆的母城。渝中区各街道、重庆市渝中区各部门积极行动。"
    assert _best(finder, mentions + text, {}) == want


def test_sichuan_paper(finder):
    text = "民政厅、团省委、成都市、攀枝花市作交流发言。"
    want = {"民政厅": "四川省民政厅", "团省委": "共青团四川省委员会"}
    assert _best(finder, text, {"source": "华西都市报", "region": "四川省"}) == want
    assert _best(finder, "四川省召开会议,四川省各市州参加。" + text, {}) == want


def test_not_in_kb_is_composed_by_its_structure(finder):
    [c] = finder("区文物局相关负责人表示。", {"region": "重庆市渝中区"})
    assert c.source == "rule:agency" and not c.links[0].agency_id.startswith(NEW_PREFIX)
    assert c.links[0].agency_id == "composed:500103:重庆市渝中区文物局"
    assert c.links[0].score >= 0.5


def test_engine_runs_agencies_with_the_other_families():
    engine = Engine()
    text = "市委市政府印发《关于加强基层治理的实施意见》,市民政局2024年投入6.79万元。" * 20
    found = engine.run(text, {"region": "重庆市"})
    assert {c.label for c in found} >= {"AGENCY", "POLICY", "FIGURE", "DATE"}
    first = [c for c in found if c.label == "AGENCY"][:3]
    assert [text[c.start:c.end] for c in first] == ["市委", "市政府", "市民政局"]
    assert first[2].links[0].name == "重庆市民政局"


def test_a_mass_organisation_stays_an_agency_where_org_grammar_also_matches():
    engine = Engine()
    text = "重庆市妇女联合会与中国慈善联合会共同发起"
    found = [(text[c.start:c.end], c.label) for c in engine.run(text, {"region": "重庆市"})]
    assert found == [("重庆市妇女联合会", "AGENCY"), ("中国慈善联合会", "ORG")]


@pytest.mark.parametrize(
    "text, region, expected",
    [
        ("团长春市委召开会议。", "吉林省长春市", [("团长春市委", "共青团长春市委员会")]),
        ("共青团青岛市委发布通知。", "山东省青岛市", [("共青团青岛市委", "共青团青岛市委员会")]),
        ("中共奉节县委召开常委会。", "重庆市奉节县", [("中共奉节县委", "中共重庆市奉节县委员会")]),
        ("省十三届人大一次会议开幕。", "江苏省", [("省十三届人大", "江苏省人民代表大会")]),
        ("厦门市第十六届人大常委会召开会议。", "福建省厦门市",
         [("厦门市第十六届人大常委会", "厦门市人民代表大会常务委员会")]),
        ("来苏镇党委书记讲话。中共重庆市永川区来苏镇委员会召开会议。", "重庆市永川区",
         [("中共重庆市永川区来苏镇委员会", "中共重庆市永川区来苏镇委员会")]),
        ("省地震局派出工作组。", "云南省", [("省地震局", "云南省地震局")]),
    ],
)
def test_names_below_the_province_open_and_close_where_written(finder, text, region, expected):
    found = [(text[c.start : c.end], c.links[0].name) for c in finder(text, {"region": region})]
    assert found == expected


@pytest.mark.parametrize(
    "text, region",
    [
        ("与灾区民政部门联系,财政部门要负责。", "云南省"),
        ("印发各镇人民政府,各街道办事处。", "广西壮族自治区南宁市"),
        ("重庆法院坚持依法公正。", "重庆市"),
        ("副市长、公安局长杨某任总指挥。", "辽宁省沈阳市"),
        ("来源:重庆市人民政府网", "重庆市"),
    ],
)
def test_generic_mentions_titles_and_websites_are_no_bodies(finder, text, region):
    assert spans(finder, text, region) == []


def test_a_survey_team_of_the_statistics_bureau_is_one_body(finder):
    text = "四川省统计局、国家统计局四川调查总队发布数据。"
    assert spans(finder, text, "四川省") == ["四川省统计局", "国家统计局四川调查总队"]
    assert spans(finder, "最高法院发布案例。", "") == ["最高法院"]


@pytest.mark.parametrize(
    "text, region, expected",
    [
        ("市委党史研究室编写。", "辽宁省沈阳市", [("市委党史研究室", "中共沈阳市委党史研究室")]),
        ("团市委联合市文明办开展活动。", "河北省承德市",
         [("团市委", "共青团承德市委员会"), ("市文明办", "承德市文明办公室")]),
        ("江西省防总启动应急响应。", "江西省", [("江西省防总", "江西省防汛抗旱总指挥部")]),
        ("青海省省委高度重视。", "青海省", [("青海省省委", "中共青海省委员会")]),
        ("中共秀山自治县委社会工作部揭牌。", "",
         [("中共秀山自治县委社会工作部", "中共重庆市秀山土家族苗族自治县委社会工作部")]),
        ("中国地震局派出工作组。", "", [("中国地震局", "中国地震局")]),
    ],
)
def test_offices_abbreviations_and_regions_written_twice(finder, text, region, expected):
    found = [(text[c.start : c.end], c.links[0].name) for c in finder(text, {"region": region})]
    assert found == expected


def test_courts_named_by_a_short_form(finder):
    text = "宜兴法院和建湖法院审理。成都中院发布。"
    found = [(text[c.start : c.end], c.links[0].name) for c in finder(text, {"region": "江苏省"})]
    assert found == [("宜兴法院", "宜兴市人民法院"), ("建湖法院", "建湖县人民法院"),
                     ("成都中院", "成都市中级人民法院")]
    text = "重庆高院指出,重庆法院坚持依法公正。"
    assert spans(finder, text, "重庆市") == ["重庆高院"]  # 重庆法院: the courts of a place
