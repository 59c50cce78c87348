"""ORG rules: media, democratic parties, suffix grammar; public authorities stay out."""

from annotator.core.prehighlight.orgs import find_orgs

CQ = {"region": "重庆市"}


def spans(text: str, meta: dict | None = None) -> list[str]:
    return [text[c.start : c.end] for c in find_orgs(text, meta or CQ)]


def test_media():
    assert spans("重庆日报讯(记者张莎)") == ["重庆日报"]
    assert spans("□ 华龙网记者 伊永军") == ["华龙网"]
    assert spans("新渝报讯(记者 崔晓玲)") == ["新渝报"]
    assert spans("发射一套中央电视台节目和一套重庆电视台节目") == ["中央电视台", "重庆电视台"]
    assert spans("(新华社北京12月26日电)") == ["新华社"]


def test_democratic_party_committees():
    text = "民建大足区委召开会议。民建重庆市委副主委汪官蜀出席"
    assert spans(text) == ["民建大足区委", "民建重庆市委"]


def test_suffix_grammar_with_place_or_level_prefix():
    assert spans("、区静水社会工作发展中心立足岗位") == ["区静水社会工作发展中心"]
    assert spans("此外，重庆市启聪学校学前至普高；渝中区培智学校建成小学到中职") == [
        "重庆市启聪学校", "渝中区培智学校",
    ]
    assert spans("建设大足区未成年人保护中心，打造品牌") == ["大足区未成年人保护中心"]
    assert spans("、四川通信管理局、省社科院有关负责同志") == ["省社科院"]


def test_companies_and_schools():
    text = "比如在重庆经开区，国家电投集团远达环保催化剂有限公司正在推进"
    assert spans(text) == ["国家电投集团远达环保催化剂有限公司"]
    assert spans("在万盛浮法玻璃公司，玻璃生产线") == ["万盛浮法玻璃公司"]
    assert spans("志愿者们走进西禅小学，为留守儿童") == ["西禅小学"]


def test_federations_charities_and_university_schools():
    text = "中国慈善联合会等社会组织；武汉大学社会学院、湖北省慈善总会为活动提供支持"
    assert spans(text) == ["中国慈善联合会", "武汉大学社会学院", "湖北省慈善总会"]
    assert spans("市红十字会、四川大学华西医院") == ["市红十字会", "四川大学华西医院"]


def test_a_rare_dictionary_entry_after_the_suffix_does_not_hide_the_name():
    assert spans("意见建议410余条。北京首开集团作为实施主体") == ["北京首开集团"]  # 团作
    assert spans("孩子们在社区活动中学习书法") == []  # 学习: the suffix starts another word


def test_hospitals_branches_and_cooperatives():
    text = "在武汉市中心医院就诊；中国农业银行河南省分行投放贷款；乌东村苗绣专业合作社"
    assert spans(text) == ["武汉市中心医院", "中国农业银行河南省分行", "乌东村苗绣专业合作社"]


def test_universities_named_after_places_and_full_school_names():
    assert spans("北京大学举办活动，重庆大学承办") == ["北京大学", "重庆大学"]
    assert spans("重庆市第一中学校、杭州日报社") == ["重庆市第一中学校", "杭州日报社"]
    assert spans("全市中学校长参加培训") == []


def test_generic_nouns_are_not_orgs():
    text = "推动全市性行业协会商会改革；建成区(县)社会工作指导中心41个；全区特困供养服务中心建设"
    assert spans(text) == []
    assert spans("高等学校、国有企业负责同志；会议集中学习了文件；该公司负责人说") == []


def test_public_authorities_are_not_orgs():
    assert spans("市民政局相关负责人介绍，区委组织部、团区委、市残联") == []


def test_offsets_after_characters_outside_the_bmp():
    text = "𠮷😀重庆日报讯"
    got = find_orgs(text, CQ)
    assert [(c.start, c.end) for c in got] == [(2, 6)]
