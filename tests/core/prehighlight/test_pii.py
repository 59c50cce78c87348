"""PII rule: ID, certificate, phone and bank numbers; scores follow the evidence."""

from __future__ import annotations

import json

import pytest

from annotator.core.prehighlight.pii import find_pii, id_checksum_ok, luhn_ok

VALID_ID = "11010519491231002X"
BAD_CHECK_ID = "110105194912310021"
WIDE_ID = VALID_ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})  # full width


def pii(text: str) -> list[tuple[str, str, float]]:
    return [(text[c.start : c.end], c.attrs["kind"], c.score) for c in find_pii(text)]


def test_checksums():
    assert id_checksum_ok(VALID_ID)
    assert not id_checksum_ok(BAD_CHECK_ID)
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")


def test_lost_certificate_notice():
    text = (
        "王万树遗失残疾人证,证号为51222319631204001543;何燕遗失刘蒙的出生医学证明,"
        "编号为K500169801;罗宣翠遗失残疾人证,证号为51222319670525218212。声明作废"
    )
    found = find_pii(text)
    assert [text[c.start : c.end] for c in found] == [
        "51222319631204001543",
        "K500169801",
        "51222319670525218212",
    ]
    assert found[0].start == text.index("5122231963")
    assert all(c.label == "PII" and c.source == "rule:pii" for c in found)


def test_id_scores_reflect_checksum():
    (good,) = find_pii(f"号码{VALID_ID}。")
    (bad,) = find_pii(f"号码{BAD_CHECK_ID}。")
    assert good.attrs["checksum_ok"] and not bad.attrs["checksum_ok"]
    assert good.score > bad.score


def test_keyword_raises_the_score():
    (bare,) = find_pii(f"是{VALID_ID}")
    (keyed,) = find_pii(f"身份证号:{VALID_ID}")
    assert keyed.score >= bare.score


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("请拨打13812345678咨询", "13812345678", "mobile"),
        ("请拨打138-1234-5678咨询", "138-1234-5678", "mobile"),
        ("办公室023-63891234", "023-63891234", "landline"),
        ("办公室(028)86001234", "(028)86001234", "landline"),
        ("联系电话:63891234", "63891234", "phone"),
        ("卡号6222020200112233445", "6222020200112233445", "bank_account"),
        ("卡号4111111111111111", "4111111111111111", "bank_account"),
        ("身份证号码:110105491231002", "110105491231002", "id_card"),
        ("邮箱 someone@example.cn", "someone@example.cn", "email"),
    ],
)
def test_kinds(text, expected, kind):
    assert [(s, k) for s, k, _ in pii(text)] == [(expected, kind)]


def test_luhn_decides_bank_score():
    (good,) = find_pii("卡号4111111111111111")
    (bad,) = find_pii("卡号4111111111111112")
    assert good.score > bad.score


@pytest.mark.parametrize(
    "text",
    [
        "邮编:401120",
        "市民服务热线12345",
        "全市注册志愿者687万人",
        "2024年12月05日",
        "以电视电话会议形式",
        "文件编号为渝府发〔2022〕12号",
        "51222319631204001543",  # 20 digits and no keyword: not an ID number
    ],
)
def test_not_pii(text):
    assert pii(text) == []


def test_offsets_after_astral_characters():
    text = "𠮷😀手机13812345678"
    (c,) = find_pii(text)
    assert (c.start, c.end) == (4, 15)


# -- the forms papers print: grouped, with area codes, full width ------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("请拨打138 1234 5678咨询", "138 1234 5678", "mobile"),
        ("请拨打１３８１２３４５６７８咨询", "１３８１２３４５６７８", "mobile"),
        ("请拨打１３８－１２３４－５６７８咨询", "１３８－１２３４－５６７８", "mobile"),
        ("请拨打１３８　１２３４　５６７８咨询", "１３８　１２３４　５６７８", "mobile"),
        ("办公室023-6388 1234。", "023-6388 1234", "landline"),
        ("办公室(023)63881234。", "(023)63881234", "landline"),
        ("办公室（０２３）６３８８１２３４。", "（０２３）６３８８１２３４", "landline"),
        ("办公室０２３—６３８８１２３４。", "０２３—６３８８１２３４", "landline"),
        ("办公室0851-85801234。", "0851-85801234", "landline"),
        ("来信请寄ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ。", "ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ", "email"),
        (f"号码{WIDE_ID}。", WIDE_ID, "id_card"),
        ("联系电话：６３８９１２３４", "６３８９１２３４", "phone"),
    ],
)
def test_printed_forms(text, expected, kind):
    assert [(s, k) for s, k, _ in pii(text)] == [(expected, kind)]


def test_a_full_width_id_number_keeps_its_checksum_score():
    (found,) = find_pii(f"是{WIDE_ID}")
    assert found.attrs["checksum_ok"] and found.score == find_pii(f"是{VALID_ID}")[0].score


@pytest.mark.parametrize(
    "before",
    ["𠮷😀", "㈠㈡", "ﬃ㎡", "👨‍👩‍👧", "①②③", "𝟏𝟐"],  # astral, and characters NFKC expands
)
def test_offsets_stay_on_the_original_text(before):
    phone = "１３８ １２３４ ５６７８"
    text = f"{before}手机{phone}，另见{before}邮箱ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ"
    found = find_pii(text)
    assert [text[c.start : c.end] for c in found] == [phone, "ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ"]


def test_office_numbers_are_pii_as_the_guidelines_say():
    """The PII rule names phone numbers without exception for an office's; a service code
    has no phone-number shape."""
    text = "群众可拨打省民政厅咨询电话0851-85801234或举报电话(023)63881234,也可拨打12345热线。"
    assert [s for s, _k, _ in pii(text)] == ["0851-85801234", "(023)63881234"]


@pytest.mark.parametrize(
    "text", ["２０２１—２０２５年", "面积１２０㎡", "第１２３４５６７号", "拨打１２３４５"]
)
def test_full_width_numbers_that_are_not_pii(text):
    assert pii(text) == []


def test_a_release_masks_full_width_identifiers_nobody_labelled(tmp_path):
    from annotator.core.release import MASK, ReleaseOptions, make_release
    from annotator.core.store import Project
    from annotator.core.store import documents as docs_store

    text = "𠮷😀来信人电话１３８ １２３４ ５６７８，邮箱ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ。"
    with Project.create(tmp_path / "p.annot") as project:
        with project.transaction():
            docs_store.insert(project, [docs_store.NewDocument(text, id="d", status="gold")],
                              None)  # fmt: skip
        release = make_release(project, tmp_path / "rel", ReleaseOptions(pii="mask"))
    released = [line for name in ("train", "dev", "test")
                for line in (tmp_path / "rel" / f"{name}.jsonl").read_text("utf-8").splitlines()]
    (doc,) = [json.loads(line) for line in released]
    assert len(doc["text"]) == len(text)
    assert doc["text"] == text.replace("１３８ １２３４ ５６７８", MASK * 13).replace(
        "ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ", MASK * 15)
    assert release.manifest["pii"]["spans_masked"] == 2
