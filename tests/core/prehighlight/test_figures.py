"""FIGURE rule: spans, normalised values, comparators and the numbers that are not figures."""

from __future__ import annotations

import pytest

from annotator.core.prehighlight.figures import find_figures
from annotator.core.prehighlight.numerals import parse_chinese, parse_number


def figures(text: str) -> list[tuple[str, dict]]:
    return [(text[c.start : c.end], c.attrs) for c in find_figures(text)]


def only(text: str) -> tuple[int, int, dict]:
    found = find_figures(text)
    assert len(found) == 1, [text[c.start : c.end] for c in found]
    return found[0].start, found[0].end, found[0].attrs


# text, span, value, unit, approx, comparator
NORMALISATION = [
    ("目前有社工6.79万人服务群众", "6.79万人", 67900, "人", False, "="),
    ("服务群众82.4万余人次,链接", "82.4万余人次", 824000, "人次", True, "="),
    ("链接慈善等社会资源约9619余万元,有效", "9619余万元", 96190000, "元", True, "≈"),
    ("覆盖率达60.1%;村", "60.1%", 60.1, "%", False, "="),
    ("印发十五条措施", "十五条", 15, "条", False, "="),
    ("服务群众超82万人次", "82万人次", 820000, "人次", False, ">"),
    ("组织社区活动1万余场次,服务", "1万余场次", 10000, "场次", True, "="),
    ("产业营收达969.2亿元。", "969.2亿元", 96920000000, "元", False, "="),
    ("市委社会工作部等16部门印发", "16部门", 16, "部门", False, "="),
    ("建立述职评议等4项制度", "4项", 4, "项", False, "="),
    ("动态调整三级职责事项清单", "三级", 3, "级", False, "="),
    ("提出两阶段目标", "两阶段", 2, "阶段", False, "="),
    ("开展三年攻坚行动", "三年", 3, "年", False, "="),
    ("在两路口住了近40年的居民", "40年", 40, "年", True, "≈"),
    ("价格是夏季小龙虾的三至五倍,", "三至五倍", 3, "倍", True, "="),
    ("算力总规模达到40EFLOPS,培育", "40EFLOPS", 40, "EFLOPS", False, "="),
    ("处理时间缩减50%以上;", "50%", 50, "%", False, ">"),
    ("鲜湿面市场约占70%,", "70%", 70, "%", True, "≈"),
    ("还解决企业约1/4的用电需求", "1/4", 0.25, "", True, "≈"),
    ("每年可捕集二氧化碳150多吨,", "150多吨", 150, "吨", True, "="),
    ("最高温度超过500℃,", "500℃", 500, "℃", False, ">"),
    ("年工业增加值200亿元以上,", "200亿元", 20000000000, "元", False, ">"),
    ("不到20人参加", "20人", 20, "人", False, "<"),
    ("约有100人左右", "100人", 100, "人", True, "≈"),
    ("投入5至10万元用于", "5至10万元", 50000, "元", True, "="),
    ("占比达到百分之三十", "百分之三十", 30, "%", False, "="),
    ("提高2.3个百分点", "2.3个百分点", 2.3, "百分点", False, "="),
    ("服装服饰低至3折起", "3折", 3, "折", False, "="),
    ("全省共有各类电商平台企业260余家;", "260余家", 260, "家", True, "="),
    ("川渝两省市将通过", "两省市", 2, "省市", False, "="),
    ("在成都、绵阳、自贡3地启动", "3地", 3, "地", False, "="),
    ("累计获选先进典型102人(个)。", "102人", 102, "人", False, "="),
    ("建成服务阵地不少于5000个", "5000个", 5000, "个", False, ">"),
    ("按3000元至6000元给予补贴", "3000元至6000元", 3000, "元", True, "="),
    ("按每人5000元/人给予补贴", "5000元/人", 5000, "元/人", False, "="),
    ("全国60岁及以上老年人口", "60岁", 60, "岁", False, ">"),
    ("年满80周岁的老人", "80周岁", 80, "周岁", False, ">"),
    ("占比过七成", "七成", 7, "成", False, ">"),
    ("招用毕业2年内的高校毕业生", "2年", 2, "年", False, "<"),
    ("经过3年努力", "3年", 3, "年", False, "="),
    ("换回了两袋洗衣粉", "两袋", 2, "袋", False, "="),
    ("每人每年不超过3次", "3次", 3, "次", False, "<"),
    ("至少2名社工", "2名", 2, "名", False, ">"),
]


@pytest.mark.parametrize(("text", "span", "value", "unit", "approx", "comparator"), NORMALISATION)
def test_normalisation(text, span, value, unit, approx, comparator):
    start, end, attrs = only(text)
    assert (start, end) == (text.index(span), text.index(span) + len(span))
    assert attrs["value"] == value
    assert type(attrs["value"]) is type(value)  # int when integral
    assert (attrs["unit"], attrs["approx"], attrs["comparator"]) == (unit, approx, comparator)


def test_range_keeps_upper_bound():
    assert only("三至五倍")[2]["range_max"] == 5


def test_ocr_gaps_inside_a_figure():
    text = "累计开展个案服务2.8 \n万个、走访24.5万户,企业突 破 100 家"
    found = figures(text)
    assert [s for s, _ in found] == ["2.8 \n万个", "24.5万户", "100 家"]
    assert found[0][1]["value"] == 28000
    assert found[2][1]["comparator"] == ">"  # 突 破 split by OCR


def test_offsets_after_astral_characters():
    text = "𠮷😀目前有社工6.79万人,服务群众超82万人次"
    found = find_figures(text)
    assert [(c.start, c.end) for c in found] == [(7, 13), (19, 24)]
    assert [text[c.start : c.end] for c in found] == ["6.79万人", "82万人次"]


NOT_FIGURES = [
    "第六届巴渝社会工作宣传周",
    "第二次会议,第五次全国经济普查",
    "大足区委三届五次全会,市委六届二次全会",
    "实施“十四五”规划,为科学制定十五五规划",
    "全面提升“141”基层智治体系,构建“11355”工作体系",
    "累计获选全国志愿服务“4个100”先进典型",
    "坚持“五个法治化”工作规范",
    "2022年全国社会工作主题宣传",
    "3月17日,2021年12月,1-10月,2021-2025年",
    "到2025年实现万亿级产业规模,500亿级产业集群,千亿级产业集群",
    "第002版:要闻 (上接1版)",
    "在过去的几十年里,数十家企业",
    "春节贺岁档上映《唐探1900》",
    "《打造新就业群体“友好城市”十五条措施》",
    "举行“1号茶叙日”",
    "家住后堡社区后堡41号的陈叔叔,大坪浮图关60号",
    "盛世融城A区10栋电梯",
    "证号为51222319631204001543;编号为K500169801",
    "科技厅二级巡视员王建伟,居全国第7位,排名前10位的企业",
    "这是领导干部主动下访的一个缩影,一批低碳园区",
    "关系着千家万户的切身利益,百万方城市综合体,千万元规模以上",
    "确保说一件、干一件、成一件。",
    "二次开发,一季度,前三季度",
    "邮编:401120 地址:同茂大道416号",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text):
    assert figures(text) == []


def test_size_class_next_to_a_count():
    assert [s for s, _ in figures("先进材料4个 500亿级产业集群")] == ["4个"]


def test_quoted_measure_is_a_figure_quoted_count_is_not():
    assert [s for s, _ in figures("“最后100米”难题,“15分钟高品质生活服务圈”")] == [
        "100米",
        "15分钟",
    ]
    assert figures("“两个维护”,“三个作用”") == []


def test_long_quotation_is_not_a_slogan():
    text = "“《实施意见》提出两阶段目标。”"
    assert [s for s, _ in figures(text)] == ["两阶段"]


def test_paired_one_is_a_count():
    text = "该塔仅负责发射一套中央电视台节目和一套重庆电视台节目。"
    assert [s for s, _ in figures(text)] == ["一套", "一套"]
    assert [s for s, _ in figures("换回了一桶食用油和两袋洗衣粉。")] == ["一桶", "两袋"]
    assert [s for s, _ in figures("一批项目和3个园区")] == ["3个"]


def test_year_after_counting_word_is_a_duration():
    assert [s for s, _ in figures("历时1500年")] == ["1500年"]
    assert figures("建于1970年") == []


def test_percent_growth_and_money():
    text = "今年前三季度全省人工智能产业营收达969.2亿元、同比增长32.9%。"
    assert [(s, a["value"]) for s, a in figures(text)] == [
        ("969.2亿元", 96920000000),
        ("32.9%", 32.9),
    ]


def test_results_are_sorted_disjoint_and_trimmed():
    text = "6192 个,覆盖率达55.3%;培育组织13家、机构446家、人才6.79万人,2.8 万个"
    found = find_figures(text)
    assert found == sorted(found, key=lambda c: c.start)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    for c in found:
        span = text[c.start : c.end]
        assert span == span.strip()
        assert (c.label, c.source) == ("FIGURE", "rule:figure")
        assert 0 < c.score <= 1


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("十五", 15), ("两", 2), ("一百零五", 105), ("三十五万", 350000), ("一亿二千万", 120000000)],
)
def test_chinese_numerals_agree_with_cn2an(numeral, value):
    cn2an = pytest.importorskip("cn2an")
    assert parse_chinese(numeral) == value == cn2an.cn2an(numeral, "smart")


def test_plan_names_are_not_numerals():
    assert parse_chinese("十四五") is None
    assert parse_number("十五五") is None


def test_parse_number_table():
    assert parse_number("6.79万") == (67900, False, 10000)
    assert parse_number("9619余万") == (96190000, True, 10000)
    assert parse_number("82.4万余") == (824000, True, 10000)
    assert parse_number("十几") == (10, True, 1)
    assert parse_number("1,300") == (1300, False, 1)
    assert parse_number("千万") is None  # a bare multiplier is vague
    assert parse_number("一") is None
