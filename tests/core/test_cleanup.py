"""Clean-up of imported newspaper text: furniture, OCR repairs, and exact offsets back to raw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.ingest.cleanup import Cleaned, clean_text

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
SEEDS = {
    "000": "000_19474ce4e30e8f21.txt",
    "001": "001_9afe2dadbca104e8.txt",
    "002": "002_db291272fdbffc3d.txt",
    "003": "003_df2b423246b40527.txt",
    "004": "004_9957b0e7124b68c7.txt",
}


def raw_seed(key: str) -> str:
    return (DEMO / SEEDS[key]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned() -> dict[str, tuple[str, Cleaned]]:
    return {key: (raw_seed(key), clean_text(raw_seed(key))) for key in SEEDS}


def squeeze(s: str) -> str:
    return "".join(s.split())


def assert_faithful(raw: str, result: Cleaned) -> None:
    """Every clean character is the raw character it maps to."""
    text, offsets = result.text, result.offsets
    assert offsets.clean_len == len(text)
    for i, ch in enumerate(text):
        assert raw[offsets.to_raw(i)] == ch


# --- furniture -------------------------------------------------------------------------------
def test_web_page_furniture_is_removed(cleaned):
    raw, result = cleaned["001"]
    text = result.text
    for furniture in ("上一版", "下一版", "上一篇", "下一篇", "放大", "缩小", "第002版", "版权所有",
                      "未经书面授权", "邮编", "技术支持", "报业集团主办", "政务简报"):
        assert furniture not in text, furniture
    assert text.startswith("重庆奋力打造社会工作“金名片”\n\n(上接1版)\n\n聚焦纵深推进")
    assert text.endswith("为强国建设、民族复兴伟业作出新的更大贡献。")
    # the story's sub-headings and body stay
    assert "\n\n夯基固本 多元共治\n\n" in text
    assert "欲筑室者,先治其基。" in text
    header, footer = result.furniture[0], result.furniture[-1]
    assert header[0] == 0 and "上一版 下一版" in raw[header[0]:header[1]]
    footer_text = raw[footer[0]:footer[1]]
    assert "版权所有" in footer_text and footer_text.endswith("方正电子有限公司")
    assert_faithful(raw, result)


def test_app_prompt_is_removed_but_story_text_stays(cleaned):
    raw, result = cleaned["002"]
    assert "扫码关注重庆渝中APP图文报道" not in result.text
    assert [raw[s:e] for s, e in result.furniture] == ["扫码关注重庆渝中APP图文报道"]
    assert "具有较高的艺术价值。" in result.text


def test_furniture_patterns_never_take_sentences():
    raw = ("市民可扫描二维码报名参加，活动地址:重庆市渝中区解放碑。\n\n"
           "版权所有的问题也被提出来讨论了很久，各方意见不一。\n\n"
           "版权所有者权益如何保护\n\n本次活动由市民政局主办")
    result = clean_text(raw)
    assert result.text == raw
    assert result.furniture == ()


def test_footer_lines_are_removed():
    raw = ("正文第一段。\n\n上一篇 下一篇\n重庆日报版权所有 未经书面授权 不得复制\n"
           "地址:重庆市渝北区同茂大道416号 邮编:401120\n技术支持:某公司\n渝ICP备05009108号\n")
    result = clean_text(raw)
    assert result.text == "正文第一段。"
    assert len(result.furniture) == 1


# --- whitespace and OCR repairs -----------------------------------------------------------------
def test_pdf_wrap_spaces_are_repaired(cleaned):
    text = cleaned["000"][1].text
    assert "主题宣传" in text and "主 题" not in text
    assert "记者从启动仪式上获悉" in text
    assert "民办社会工作服务机构446家" in text
    assert "村(社区)社会工作室6192个" in text
    assert cleaned["000"][1].repairs > 50


def test_unsure_spaces_stay(cleaned):
    assert '"五社联动"机制 目前有社工6.79万人' in cleaned["000"][1].text  # a headline's gap
    assert "着力解决城市管理突出问题 李心国调研相关工作" in cleaned["000"][1].text
    assert "本报讯 (记者 黄清娟)" in cleaned["002"][1].text
    assert "大足区人大常委会 召开镇街人大工作座谈会" in cleaned["003"][1].text
    assert "产业向绿 园区更美更低碳更智能" in cleaned["003"][1].text


def test_navigation_with_a_home_link_is_removed():
    for raw in ("首页 上一版 下一版\n\n正文第一段。", "正文第一段。\n\n首页 | 上一篇 | 下一篇",
                "首页\n\n正文第一段。\n\n返回首页"):
        result = clean_text(raw)
        assert result.text == "正文第一段。", raw
        assert_faithful(raw, result)
    assert clean_text("首页新闻回顾。\n\n正文。").text == "首页新闻回顾。\n\n正文。"


def test_dated_page_header_is_removed_but_a_date_alone_stays():
    raw = "2025年11月20日 星期四 第3版\n\n社区议事会议出新变化\n\n本报讯 正文。"
    result = clean_text(raw)
    assert result.text == "社区议事会议出新变化\n\n本报讯 正文。"
    assert [raw[s:e] for s, e in result.furniture] == ["2025年11月20日 星期四 第3版"]
    assert clean_text("2024年12月05日 第002版:要闻\n\n正文。").text == "正文。"
    notice = "特此通知。\n\n江阴市民政局\n\n2025年12月1日"
    assert clean_text(notice).text == notice  # the date under a signature


def test_web_page_navigation_does_not_reach_the_document(tmp_path):
    from tests.conftest import run_cli

    page = ("<html><body><div><a>首页</a> <a>上一版</a> <a>下一版</a></div>"
            "<h1>社区治理见成效</h1><p>本报讯 市民政局召开会议。</p>"
            "<div><a>首页</a> <a>上一篇</a> <a>下一篇</a></div></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    project, out = tmp_path / "p.annot", tmp_path / "e.jsonl"
    assert run_cli("import", tmp_path / "page.html", "--project", project).returncode == 0
    assert run_cli("export", "--project", project, "-o", out).returncode == 0
    (doc,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert doc["text"] == "社区治理见成效\n\n本报讯 市民政局召开会议。"


def test_a_byline_name_spaced_to_align_is_closed(cleaned):
    assert "\n记者 徐潇\n" in cleaned["002"][1].text
    for raw, text in [
        ("正文。\n\n记者 徐 潇", "正文。\n\n记者 徐潇"),
        ("正文。\n\n新渝报记者 黄 舒 摄", "正文。\n\n新渝报记者 黄舒 摄"),
        ("本报讯(记者 徐　潇 通讯员 王小明)正文。", "本报讯(记者 徐潇 通讯员 王小明)正文。"),
        ("正文。\n\n记者 黄舒 摄", "正文。\n\n记者 黄舒 摄"),  # nothing to close
        ("正文。\n\n记者 李 小 明", "正文。\n\n记者 李 小 明"),  # unsure: left as written
        ("正文。\n\n他是 徐 潇", "正文。\n\n他是 徐 潇"),  # no credit, no repair
    ]:
        result = clean_text(raw)
        assert result.text == text, raw
        assert_faithful(raw, result)


def test_a_credit_word_is_never_glued_to_the_name_before_it():
    """On an OCR'd page stray spaces are closed where a word crosses them; 畅 通讯员 is no
    such word, though 畅通 is one."""
    raw = (Path(__file__).parents[1] / "heldout" / "articles" / "h01.txt").read_text(
        encoding="utf-8")
    result = clean_text(raw)
    assert "(记者 刘畅 通讯员 王雪梅)" in result.text
    assert_faithful(raw, result)


def test_latin_words_keep_their_space(cleaned):
    assert "从City Walk到Park Walk" in cleaned["002"][1].text
    assert clean_text("他说 City Walk 很火").text == "他说 City Walk 很火"


def test_broken_paragraphs_are_joined(cleaned):
    text003 = cleaned["003"][1].text
    assert "一蹴而就、一帆风顺的" in text003
    assert "治理能力现代化，这就为今后" in text003
    assert "“渝馨家园”阵地建设" in text003
    text002 = cleaned["002"][1].text
    assert "坚持问题导向,健全完善诉求收集办理机制" in text002
    assert "很有名,和跳伞塔" in text002
    assert "已经承担了9套调频广播" in text002
    assert "“星星班”" in text002
    text004 = cleaned["004"][1].text
    assert "群众路线,更好协调社会关系" in text004


def test_hard_wrapped_lines_are_joined():
    raw = (
        "今年重庆将深化推广基层五社联动机制\n\n"
        "重庆日报讯(记者张莎)3月17日,2022年全国社会工作主\n"
        "题宣传暨第六届巴渝社会工作宣传周活动线上启动。记者从启\n"
        "动仪式上获悉,今年我市将深化完善以社区为平台、以社会组\n"
        "织为载体、以社会工作者为支撑、以社区志愿者为辅助、以社会\n"
        "慈善资源为助推的五社联动机制,力争全面建立起融合发展\n"
        "运转有效的机制。\n"
        "据了解,重庆五社联动是三社联动升级版,已在我市部分社区\n"
        "开展试点。"
    )
    text = clean_text(raw).text
    assert text.startswith("今年重庆将深化推广基层五社联动机制\n\n重庆日报讯")
    assert "社会工作主题宣传" in text and "以社会组织为载体" in text
    assert "融合发展运转有效的机制。\n据了解" in text  # a paragraph end stays
    assert text.endswith("已在我市部分社区开展试点。")


def test_real_paragraph_breaks_and_headlines_stay(cleaned):
    text003 = cleaned["003"][1].text
    assert "完成党和人民赋予的历史使命。\n\n江山就是人民" in text003
    assert "大足区政协党组会议召开\n\n新渝报讯(记者 谭显全 余杰)" in text003
    assert "从四个方面明确24项重点任务：\n\n共同完善市场基础设施" in text003
    text000 = cleaned["000"][1].text
    assert "统计执法队\n\n三、运用信息技术" in text000  # a numbered section starts a paragraph
    assert "带来不\n\n(上接1版)" in text003  # a continuation mark is never glued on


def test_full_and_half_width_punctuation_are_kept(cleaned):
    raw, result = cleaned["003"]
    assert "新渝报讯(记者" in result.text and "，" in result.text and "（居）" in result.text
    assert squeeze(result.text).count("，") == squeeze(raw).count("，")


def test_layout_whitespace():
    raw = "\ufeff  标题\r\n\r\n\u3000\u3000第一段。  \r\n\r\n\r\n\r\n\r\n\xa0第二段。\r\n"
    result = clean_text(raw)
    assert result.text == "标题\n\n第一段。\n\n\n第二段。"
    assert result.repairs == 0


def test_empty_and_blank_input():
    assert clean_text("").text == ""
    blank = clean_text(" \n\u3000\n\r\n")
    assert blank.text == "" and blank.offsets.clean_len == 0


def test_every_seed_maps_back_exactly(cleaned):
    for raw, result in cleaned.values():
        assert_faithful(raw, result)
        kept = squeeze(result.text)
        removed = "".join(raw[s:e] for s, e in result.furniture)
        assert len(kept) + len(squeeze(removed)) == len(squeeze(raw))


# --- offsets: a property over random text ---------------------------------------------------
ALPHABET = (
    list("重庆日报社会工作主题宣传一蹴而就城市管理民政局区委版权上下一篇放大缩小默认记者讯")
    + list("abcXYZ0123456789")
    + list("，。、；：？！“”（）《》,.;:!?()-●□>")
    + [" ", " ", "\u3000", "\xa0", "\t", "\n", "\n", "\n", "\r\n"]
    + ["𠮷", "😀"]
)


def _without(raw: str, a: int, b: int, ranges: tuple[tuple[int, int], ...]) -> str:
    """``raw[a:b]`` minus page-furniture ranges, the only non-space text clean-up deletes."""
    keep = [True] * (b - a)
    for s, e in ranges:
        for k in range(max(s, a), min(e, b)):
            keep[k - a] = False
    return "".join(ch for ch, k in zip(raw[a:b], keep) if k)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.sampled_from(ALPHABET), max_size=160),
    data=st.data(),
)
def test_offset_map_is_exact_for_any_span(pieces, data):
    raw = "".join(pieces)
    result = clean_text(raw)
    clean, offsets = result.text, result.offsets
    for i, ch in enumerate(clean):
        assert raw[offsets.to_raw(i)] == ch
    if not clean:
        return
    s = data.draw(st.integers(0, len(clean) - 1))
    e = data.draw(st.integers(s + 1, len(clean)))
    a, b = offsets.span_to_raw(s, e)
    assert squeeze(_without(raw, a, b, result.furniture)) == squeeze(clean[s:e])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([c for c in ALPHABET if c not in "上下放缩默版权>"]), max_size=120))
def test_whole_text_differs_from_raw_only_in_whitespace(pieces):
    """Without the characters page furniture is recognised by (its words, a breadcrumb's
    arrows), nothing is furniture and the text is the raw text up to whitespace."""
    raw = "".join(pieces)
    result = clean_text(raw)
    assert result.furniture == ()
    assert squeeze(result.text) == squeeze(raw)
    if result.text:
        a, b = result.offsets.span_to_raw(0, len(result.text))
        assert squeeze(raw[a:b]) == squeeze(result.text)


BODY = "本报讯 全市开展安全检查，共检查企业120家。"


@pytest.mark.parametrize("line", [
    "您当前的位置 : 示例新闻网 >> 本地新闻 >> 时政",
    "示例网>>四川频道",
    "新闻中心 > 国内新闻 > 正文",
    "池州市 宣城市 六安市 滁州市 宿州市 阜阳市 黄山市",
    "本站概况 | 关于我们 | 联系我们 | 法律声明 | 网站地图",
    "来源:示例日报 时间:2022-06-03 21:02:48 热度:397",
    "发布时间:2021-01-28 浏览次数:107870",
    "时间:2024-06-13 02:05 作者:本站 点击: 27 次",
    "[ 发布机构 ] 市应急局",
    "成文日期: 2021-03-11",
    "2025年05月28日 15:53",
    "2025-01-07 19:32:20",
])
def test_page_furniture_of_web_portals_is_removed(line):
    raw = f"{line}\n\n{BODY}"
    result = clean_text(raw)
    assert result.text == BODY, line
    assert [raw[s:e] for s, e in result.furniture] == [line]
    assert_faithful(raw, result)


@pytest.mark.parametrize("line", [
    "发布日期:2022-04-18 16:54 来源: 计划财务处",  # a source line names who published it
    "重庆 成都 西安三地联合开展检查，覆盖企业120家",  # a sentence that lists places
    "记者从市应急局获悉：全市 > 90%的企业已完成自查",
    "2024-11-22",  # a date alone, once: the date under a signature
    "甲>乙>丙",  # single characters between arrows link nowhere
])
def test_lines_that_look_like_furniture_but_are_text_stay(line):
    raw = f"{BODY}\n\n{line}"
    assert clean_text(raw).text == raw


def test_a_date_repeated_alone_on_its_lines_is_a_list_of_links():
    raw = f"{BODY}\n\n2024-11-22\n\n2024-11-22\n\n2024-11-22"
    assert clean_text(raw).text == BODY
