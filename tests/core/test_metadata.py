"""Metadata read from the raw page: paper, date, page, reporters, region."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.ingest.metadata import extract_metadata

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"


def seed_meta(prefix: str) -> dict[str, str | None]:
    (path,) = DEMO.glob(f"{prefix}_*.txt")
    return extract_metadata(path.read_text(encoding="utf-8"))


def test_web_page_header_and_footer():
    assert seed_meta("001") == {
        "source": "重庆日报",
        "date": "2024-12-05",
        "page": "第002版:要闻",
        "reporter": None,
        "region": "重庆市",
    }


def test_lead_gives_paper_and_reporter_but_body_dates_are_not_the_date():
    meta = seed_meta("000")
    assert meta["source"] == "重庆日报"
    assert meta["reporter"] == "张莎"
    assert meta["region"] == "重庆市"
    assert meta["date"] is None  # "2021年8月30日" in the body is not a publication date
    assert meta["page"] is None


def test_district_paper():
    meta = seed_meta("003")
    assert meta["source"] == "新渝报"
    assert meta["region"] == "重庆市大足区"
    assert meta["reporter"] == "熊敏秀、赵元元"  # the photo credit before it names a photographer


def test_paper_before_a_credit():
    meta = seed_meta("004")
    assert meta["source"] == "华西都市报"
    assert meta["region"] == "四川省"
    assert meta["reporter"] == "付真卿、张立东"


def test_unknown_paper_has_no_source():
    meta = seed_meta("002")
    assert meta["source"] is None and meta["region"] is None


@pytest.mark.parametrize(
    ("raw", "reporter"),
    [
        ("新渝报讯(记者 崔晓玲 晏曼玮)2月20日，会议召开。", "崔晓玲、晏曼玮"),
        ("本报讯 (记者 黄清娟)2月10日", "黄清娟"),
        ("正文。\n\n记者 徐 潇\n", "徐潇"),
        ("本报讯(记者 王小明 通讯员 李四)正文", "王小明"),
        ("(本报记者 张三、李四)", "张三、李四"),
        ("新渝报记者 黄舒 摄\n", None),
        ("没有署名的一段文字。", None),
    ],
)
def test_reporters(raw, reporter):
    assert extract_metadata(raw)["reporter"] == reporter


@pytest.mark.parametrize(
    ("raw", "date"),
    [
        ("重庆日报\n2024 年 12 月 05 日 星期四\n正文", "2024-12-05"),
        ("发布时间：2023-02-21 10:30\n正文", "2023-02-21"),
        ("2月20日，大足区召开会议。", None),
        ("2022年3月17日,全国社会工作主题宣传周启动。", None),
        ("2024年13月40日\n", None),
    ],
)
def test_dates(raw, date):
    assert extract_metadata(raw)["date"] == date


def test_page_label_is_normalised():
    assert extract_metadata("第 003 版 ： 综合新闻\n正文")["page"] == "第003版:综合新闻"
    assert extract_metadata("刊登于第3版的文章")["page"] is None


def test_missing_everything():
    assert extract_metadata("") == dict.fromkeys(("source", "date", "page", "reporter", "region"))


def test_newspaper_list():
    data = json.loads((ROOT / "resources" / "newspapers.json").read_text(encoding="utf-8"))
    assert data["_provenance"]
    assert data["重庆日报"] == "重庆市"
    assert data["新渝报"] == "重庆市大足区"
    assert data["渝中报"] == "重庆市渝中区"
    assert data["华西都市报"] == data["四川日报"] == "四川省"
    assert all(isinstance(v, str) and v for v in data.values())


def _export_split(tmp_path: Path, *seeds: str) -> list[dict]:
    """Import seed pages with --split-stories and export them, as a user would on the console."""
    from tests.conftest import run_cli

    pages = tmp_path / "pages"
    pages.mkdir(parents=True)
    for prefix in seeds:
        (path,) = DEMO.glob(f"{prefix}_*.txt")
        (pages / path.name).write_bytes(path.read_bytes())
    project, out = tmp_path / "p.annot", tmp_path / "e.jsonl"
    result = run_cli("import", pages, "--project", project, "--split-stories", "--quiet")
    assert result.returncode == 0, result.stderr
    result = run_cli("export", "--project", project, "-o", out)
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["meta"] for line in lines]


def test_each_split_story_names_its_own_reporter_and_keeps_the_page_fields(tmp_path):
    metas = _export_split(tmp_path, "000", "001")
    by_title = {m["title"]: m for m in metas}
    reporter = {t[:8]: m["reporter"] for t, m in by_title.items()}
    assert reporter["今年重庆将深化推"] == "张莎"
    assert reporter["着力解决城市管理"] == "周冰娥"
    assert reporter["重庆出台\"十四五"] == "夏元"
    assert reporter["提升统计监督效能"] is None  # an official's article names no reporter
    for meta in metas:
        page = {k: meta[k] for k in ("source", "date", "page", "region", "file")}
        if meta["file"].startswith("000_"):
            assert page == {"source": "重庆日报", "date": None, "page": None,
                            "region": "重庆市", "file": "000_19474ce4e30e8f21.txt"}
        else:
            assert page["source"] == "重庆日报" and page["page"] == "第002版:要闻"
            assert page["date"] == "2024-12-05"
    stories_004 = _export_split(tmp_path / "b", "004")
    assert stories_004[0]["reporter"] == "付真卿、张立东"
    assert stories_004[1]["reporter"] == "马晓玉"  # a credit closing the story names it
    assert all(m["source"] == "华西都市报" and m["region"] == "四川省" for m in stories_004)


def test_story_metadata_reads_only_story_level_fields():
    from annotator.core.ingest.metadata import story_metadata

    story = "标题\n\n本报讯(记者 周冰娥)3月21日,副县长李心国带领相关部门。"
    assert story_metadata(story) == {"reporter": "周冰娥"}
    assert story_metadata("没有署名的一段文字。") == {"reporter": None}
