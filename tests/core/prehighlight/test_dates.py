"""DATE rule: absolute dates and numbered periods, with exact offsets."""

from __future__ import annotations

import pytest

from annotator.core.prehighlight.dates import find_dates


def dates(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("重庆日报讯(记者张莎)3月17日,2022年全国社会工作", ["3月17日", "2022年"]),
        ("2024年12月05日 星期四", ["2024年12月05日"]),
        ("2024 年 12 月 05 日 星期", ["2024 年 12 月 05 日"]),
        ("2021年12 \n月,中央办公厅", ["2021年12 \n月"]),
        ("今年1-10月的1130.1亿元", ["1-10月"]),
        ("规划(2021-2025年)提出", ["2021-2025年"]),
        ("新华社北京12月26日电", ["12月26日"]),
        ("自从今年5月沙坪坝区创建", ["5月"]),
        ("2021年8月30日中央全面深化改革委员会", ["2021年8月30日"]),
        ("刚获评2022年度国家级绿色园区", ["2022年度"]),
        ("二〇二三年十二月五日", ["二〇二三年十二月五日"]),
        ("2023年3月至5月", ["2023年3月至5月"]),
        ("2024年1-10月", ["2024年1-10月"]),
        ("2024-12-05发布", ["2024-12-05"]),
        ("全力推动一季度“开门红”,今年前三季度", ["一季度", "前三季度"]),
        ("记者26日获悉", ["26日"]),
        ("重庆日报讯(记者夏元)3月20 市规上", ["3月20"]),
        ("截至2024年底,10月初和9月中下旬", ["2024年底", "10月初", "9月中下旬"]),
        ("2024年初步建成", ["2024年"]),
    ],
)
def test_dates(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "今年,上个月,近年来,当天,日前",
        "在两路口住了近40年的居民",
        "开展三年攻坚行动",
        "用时3个月,30日内办结",
        "《大足区政协2023年工作要点》",
        "《中国经济普查年鉴(2023)》",
        "证号为51222319631204001543",
        "历时1500年",
    ],
)
def test_not_dates(text):
    assert dates(text) == []


def test_offsets_after_astral_characters():
    text = "𠮷😀2月8日,区委社会工作会议召开"
    found = find_dates(text)
    assert [(c.start, c.end) for c in found] == [(2, 6)]
    assert text[2:6] == "2月8日"
    assert (found[0].label, found[0].source) == ("DATE", "rule:date")


def test_attributes():
    (c,) = find_dates("1-9月")
    assert c.attrs == {"granularity": "month", "range": True}
    (c,) = find_dates("3月17日")
    assert c.attrs == {"granularity": "day", "range": False}
