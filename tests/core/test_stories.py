"""Splitting pages into stories at clear story starts only, and naming documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.ingest.cleanup import clean_text
from annotator.core.ingest.stories import Story, is_headline, is_lead, split_stories, title_of

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def clean_seed(prefix: str) -> str:
    (path,) = DEMO.glob(f"{prefix}_*.txt")
    return clean_text(path.read_text(encoding="utf-8")).text


def check_shape(text: str, stories: list[Story]) -> None:
    """Stories are ordered, disjoint, trimmed, and their titles are their first lines."""
    previous_end = 0
    for story in stories:
        assert previous_end <= story.start < story.end <= len(text)
        body = text[story.start:story.end]
        assert body == body.strip()
        assert body.startswith(story.title)
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
