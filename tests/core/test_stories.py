"""Splitting pages into stories at clear story starts only, and naming documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.ingest.cleanup import clean_text
from annotator.core.ingest.stories import (
    Story,
    is_continuation,
    is_headline,
    is_lead,
    split_stories,
    title_of,
)

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def clean_seed(prefix: str) -> str:
    (path,) = DEMO.glob(f"{prefix}_*.txt")
    return clean_text(path.read_text(encoding="utf-8")).text


def check_shape(text: str, stories: list[Story]) -> None:
    """Stories are ordered, disjoint, trimmed, and titled by their first line (after a mark
    that continues them from another page)."""
    previous_end = 0
    for story in stories:
        assert previous_end <= story.start < story.end <= len(text)
        body = text[story.start:story.end]
        assert body == body.strip()
        first, _, rest = body.partition("\n")
        assert body.startswith(story.title) or (
            is_continuation(first) and rest.lstrip().startswith(story.title)
        )
        previous_end = story.end


def test_page_000_splits_into_its_five_stories():
    text = clean_seed("000")
    stories = split_stories(text)
    check_shape(text, stories)
    titles = [s.title for s in stories]
    assert len(stories) >= 5
    for topic in ("五社联动", "李心国调研", "十四五", "春茶采摘", "统计监督"):
        assert sum(topic in t for t in titles) == 1, (topic, titles)
    assert titles[0].startswith('今年重庆将深化推广基层"五社联动"机制')
    assert stories[0].start == 0
    assert text[stories[-1].start:stories[-1].end].endswith("提供有力的统")
    # each story holds its lead
    chunks = [text[s.start:s.end] for s in stories]
    assert "重庆日报讯(记者张莎)" in chunks[0]
    assert "本报讯(记者周冰娥)" in chunks[1]


def test_sub_headings_do_not_split_a_story():
    text = clean_seed("002")
    stories = split_stories(text)
    check_shape(text, stories)
    titles = [s.title for s in stories]
    first = text[stories[0].start:stories[0].end]
    for heading in ("区委组织部", "迭代智治体系 提升基本能力", "团区委", "区静水社会工作发展中心"):
        assert heading in first
        assert not any(t.startswith(heading) for t in titles)
    assert "重庆广播电视发射塔纳入我区新发现不可移动文物线索" in titles
    assert "以“六区一高地”为新重庆画像" in titles


def test_web_page_with_sub_headings_is_one_story():
    text = clean_seed("001")
    stories = split_stories(text)
    assert stories == [Story(0, len(text), "重庆奋力打造社会工作“金名片”")]


def test_leads_and_bylines_start_stories_in_a_district_paper():
    text = clean_seed("003")
    titles = [s.title for s in split_stories(text)]
    assert titles[0] == "贯彻党的二十大精神——“敢闯敢干 唯实争先”大家谈"
    assert "大足区人大常委会 召开镇街人大工作座谈会" in titles
    assert "大足区政协党组会议召开" in titles
    assert "政策向绿 持续推动产业绿色转型" not in titles  # a sub-heading without a lead


def test_one_story_page_is_one_story():
    text = "标题一行\n\n正文第一段，说明情况。\n\n正文第二段。"
    assert split_stories(text) == [Story(0, len(text), "标题一行")]
    assert split_stories("") == []
    assert split_stories("\n\n  ") == []


def test_headline_with_lead_splits_and_blank_lines_do_not_when_everywhere():
    text = ("第一篇的标题\n\n本报讯 正文，一些内容。\n\n"
            "第二篇的标题\n\n本报讯(记者 王五)正文，另一些内容。")
    stories = split_stories(text)
    assert [s.title for s in stories] == ["第一篇的标题", "第二篇的标题"]
    assert text[stories[1].start:stories[1].end].startswith("第二篇的标题\n\n本报讯(记者 王五)")
    spaced = "标题甲\n\n\n正文一段，内容。\n\n\n小标题乙\n\n\n正文二段，内容。"
    assert len(split_stories(spaced)) == 1  # two blank lines everywhere carry no signal


def test_line_classes():
    assert is_lead("重庆日报讯(记者张莎)3月17日,…")
    assert is_lead("本报讯 (记者 黄清娟)2月10日")
    assert is_lead("(上接1版)")
    assert is_lead("□ 华龙网记者 伊永军")
    assert not is_lead("据了解,重庆广播电视发射塔位于大坪浮图关60号。")
    assert is_headline("夯基固本 多元共治")
    assert not is_headline("相关链接>>>")
    assert not is_headline("《规划》提出,到2025年:")
    assert not is_headline("记者 徐 潇")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n\n  重庆奋力打造社会工作“金名片”  \n\n正文。", "重庆奋力打造社会工作“金名片”"),
        ("——\n\n12\n\n标题在这里\n正文", "标题在这里"),
        ("长" * 200, "长" * 80),
        ("", ""),
    ],
)
def test_title_of(text, title):
    assert title_of(text) == title


def test_page_004_splits_at_each_of_its_stories():
    text = clean_seed("004")
    stories = split_stories(text)
    check_shape(text, stories)
    titles = [s.title for s in stories]
    assert len(titles) == 3, titles
    assert titles[0].startswith("王晓晖在省委社会工作工作会议上强调")
    assert titles[1].startswith("省政府新闻办举行《关于加快数字经济高质量发展的实施意见》")
    assert titles[2] == "推动普查数据取之于民、用之于民"
    chunks = [text[s.start:s.end] for s in stories]
    assert chunks[0].endswith("等在主场参加会议。")
    assert chunks[1].endswith("华西都市报-封面新闻记者 马晓玉")
    assert "提出两阶段目标" in chunks[1] and "“平台经济”作支撑" in chunks[1]  # sub-headings stay
    assert chunks[2].startswith("(上接03版)\n\n推动普查数据")


def test_every_seed_splits_into_stories_that_cover_the_page():
    for prefix in ("000", "001", "002", "003", "004"):
        text = clean_seed(prefix)
        stories = split_stories(text)
        check_shape(text, stories)
        assert stories[0].start == 0 and stories[-1].end == len(text)
        assert all(s.title and not is_continuation(s.title) for s in stories)


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        # a headline whose story opens with the day it reports
        ("甲标题\n\n本报讯 正文，内容。\n\n乙会议召开 部署工作\n\n3月5日，乙会议在成都召开。",
         ["甲标题", "乙会议召开 部署工作"]),
        ("甲标题\n\n本报讯 正文。\n\n乙会议召开\n\n11月，省政府印发意见。"
         "\n\n12月26日，发布会举行。", ["甲标题", "乙会议召开"]),
        # a continuation from another page after a finished story
        ("甲标题\n\n本报讯 正文。\n\n(上接2版)\n\n乙标题\n\n正文继续，内容。",
         ["甲标题", "乙标题"]),
        # a credit closes a story; the headline after it starts the next
        ("甲标题\n\n本报讯 正文。 本报记者 王五\n\n乙标题\n\n正文，内容。", ["甲标题", "乙标题"]),
        ("甲标题\n\n本报讯 正文。(新华社北京3月5日电)\n\n乙标题\n\n正文，内容。",
         ["甲标题", "乙标题"]),
        ("甲标题\n\n本报讯 正文。(下转3版)\n\n乙标题\n\n正文，内容。", ["甲标题", "乙标题"]),
        # a news lead whose headline is missing from the page
        ("甲标题\n\n本报讯 正文。\n\n新渝报讯(记者 李四)正文，内容。",
         ["甲标题", "新渝报讯(记者 李四)正文，内容。"]),
    ],
)
def test_story_starts_a_page_shows(text, titles):
    stories = split_stories(text)
    assert [s.title for s in stories] == titles
    assert stories[-1].end == len(text)


@pytest.mark.parametrize(
    "text",
    [
        # sub-headings over paragraphs that do not open with a date
        "甲标题\n\n本报讯 正文。\n\n小标题一\n\n近年来，工作推进。\n\n小标题二\n\n今年4月，考察。",
        # a lead or continuation mark inside a broken sentence is column noise, not a story
        "甲标题\n\n本报讯 正文，其中我市将通过实\n\n重庆日报讯(记者夏元)3月20 市规上工业",
        "甲标题\n\n本报讯 正文，其中我市将通\n\n(上接2版)\n\n正文继续。",
    ],
)
def test_no_story_start_without_evidence(text):
    assert len(split_stories(text)) == 1


def test_a_byline_under_a_headline_does_not_close_a_story():
    text = "甲标题\n\n记者 张三\n\n小标题\n\n正文，内容，继续。"
    assert [s.title for s in split_stories(text)] == ["甲标题"]


def test_a_split_story_keeps_its_pages_region():
    """The source line sits in the first story; the second is about the same city."""
    from annotator.core.ingest.options import Options
    from annotator.core.ingest.readers import article_records

    page = ("团市委开展志愿服务活动\n\n信息来源:池州团市委\n"
            "本报讯(记者 王某)3月5日,团市委组织青年志愿者走进社区开展服务。\n\n\n"
            "市民政局部署养老服务工作\n\n本报讯(记者 李某)3月6日,"
            "市民政局召开会议部署养老服务工作。\n")
    records = article_records(page, "page.txt", Options(split_stories=True))
    assert len(records) == 2
    assert [r.doc.meta["region"] for r in records] == ["安徽省池州市"] * 2
