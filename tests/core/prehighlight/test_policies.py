"""POLICY rule: everything between 《 and 》, brackets excluded."""

from __future__ import annotations

import pytest

from annotator.core.prehighlight.policies import find_policies, title_spans


def titles(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_policies(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "纳入市委市政府《关于加强基层治理体系和治理能力现代化建设的实施意见》内容",
            ["关于加强基层治理体系和治理能力现代化建设的实施意见"],
        ),
        ("国务院印发《“十四五”就业促进规划》,将", ["“十四五”就业促进规划"]),
        ("正在编辑制作《中国经济普查年鉴(2023)》等", ["中国经济普查年鉴(2023)"]),
        ("(下称《规划》),《实施意见》", ["规划", "实施意见"]),
        ("《关于〈条例〉的说明》", ["关于〈条例〉的说明"]),
        ("《关于修改《条例》的决定》", ["关于修改《条例》的决定"]),
        ("推动《监督\n意见》落地", ["监督\n意见"]),
    ],
)
def test_titles(text, expected):
    assert titles(text) == expected


def test_exact_offsets_after_astral_characters():
    text = "𠮷😀印发《规划》"
    (c,) = find_policies(text)
    assert (c.start, c.end, c.label, c.source) == (5, 7, "POLICY", "rule:policy")


@pytest.mark.parametrize(
    "text",
    [
        "今年政府工作报告提出",  # no brackets, no span
        "《未闭合的标题\n\n下一段》",  # never across a blank line
        "《》",
        "春节贺岁档上映《哪吒之魔童闹海》《唐探1900》《封神》3部影片",  # works, not documents
        "据《人民日报》报道",  # a newspaper is no document
    ],
)
def test_not_policies(text):
    assert titles(text) == []


def test_title_spans_include_works():
    text = "上映《封神》"
    assert title_spans(text) == [(3, 5)]
