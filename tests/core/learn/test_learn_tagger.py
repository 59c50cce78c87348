"""The project tagger learns spans from a few annotated documents and keeps its model as bytes."""

import subprocess
import sys

import pytest

from annotator.core.learn import tagger
from annotator.core.prehighlight.candidate import Candidate

NAMES = ["王小明", "李红", "张建国", "刘芳芳", "陈东"]
PLACES = ["重庆市", "成都市", "渝中区", "大足区", "南岸区"]


def _doc(i: int) -> tagger.TrainingDoc:
    name, place = NAMES[i % 5], PLACES[(i * 2) % 5]
    text = f"𠮷记者{name}报道：{place}开展活动，{name}出席。"
    spans = [(text.index(name), text.index(name) + len(name), "PERSON"),
             (text.index(place), text.index(place) + len(place), "PLACE"),
             (text.rindex(name), text.rindex(name) + len(name), "PERSON")]
    return tagger.TrainingDoc(text, spans)


def _found(model: tagger.Tagger, text: str, rules=()) -> list[tuple[str, str]]:
    return [(text[c.start : c.end], c.label) for c in model.predict(text, rules)]


def test_learns_tiny_documents_and_tags_them_back():
    docs = [_doc(i) for i in range(8)]
    model = tagger.load(tagger.train(docs))
    assert model.labels == ["PERSON", "PLACE"]
    for doc in docs:
        predicted = model.predict(doc.text)
        assert sorted((c.start, c.end, c.label) for c in predicted) == sorted(doc.spans)
        assert all(c.source == "model:project" and 0.5 < c.score <= 1 for c in predicted)


def test_learns_to_trust_a_source_and_keeps_its_attributes():
    def doc(text: str, word: str) -> tagger.TrainingDoc:
        at = text.index(word)
        cand = Candidate(at, at + len(word), "FIGURE", "rule:figure", 0.9, {"value": 1})
        return tagger.TrainingDoc(text, [(at, at + len(word), "FIGURE")], [cand])

    pairs = [("今年共有{}参加。", "甲乙丙"), ("去年{}完成了。", "丁戊"),
             ("其中{}已到位", "己庚辛壬"), ("会上{}发言，", "子丑寅"), ("新增{}个项目", "午未"),
             ("{}报名，", "申酉戌")]
    docs = [doc(template.format(w), w) for template, w in pairs]
    model = tagger.load(tagger.train(docs))
    text = "本月卯辰巳完成任务。"
    cand = Candidate(2, 5, "FIGURE", "rule:figure", 0.9, {"value": 7})
    (found,) = model.predict(text, [cand])
    assert (found.start, found.end, found.label, found.attrs) == (2, 5, "FIGURE", {"value": 7})
    assert model.predict(text) == []


def test_model_bytes_round_trip():
    data = tagger.train([_doc(i) for i in range(5)])
    assert isinstance(data, bytes)
    text = "记者李红报道：大足区开展活动。"
    first, second = tagger.load(data), tagger.load(bytes(data))
    assert first.predict(text) == second.predict(text)
    assert _found(first, text) == [("李红", "PERSON"), ("大足区", "PLACE")]


def test_nothing_to_learn_from_is_a_clear_error():
    with pytest.raises(ValueError, match="no annotated text"):
        tagger.train([])


def test_bio_tags_and_spans_agree():
    tags = tagger.tags_for("ab𠮷cd", [(1, 3, "PLACE"), (2, 4, "ORG")])
    assert tags == ["O", "B-PLACE", "I-PLACE", "O", "O"]
    assert tagger.spans_of(tags) == [(1, 3, "PLACE")]
    assert tagger.spans_of(["I-ORG", "I-ORG", "B-ORG", "O", "I-PLACE"]) == [
        (0, 2, "ORG"), (2, 3, "ORG"), (4, 5, "PLACE")]


def test_tagger_outlives_the_bytes_it_was_loaded_from():
    code = (
        "from tests.core.learn.test_learn_tagger import _doc\n"
        "from annotator.core.learn import tagger\n"
        "data = tagger.train([_doc(i) for i in range(5)])\n"
        "size = len(data)\n"
        "model = tagger.load(data)\n"
        "del data\n"
        "junk = [bytes([i % 251]) * size for i in range(50)]\n"
        "text = '记者李红报道：大足区开展活动。'\n"
        "print([text[c.start:c.end] for c in model.predict(text)])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['李红', '大足区']"
