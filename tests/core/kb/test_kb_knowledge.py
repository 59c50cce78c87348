"""The in-memory knowledge base: the real shipped file, its index and type-ahead search."""

from annotator.core.kb import default_kb
from annotator.core.kb.base import default_base


def test_default_kb_holds_the_upper_levels_and_reads_the_rest_in_place():
    kb = default_kb()
    assert len(kb) == int(default_base().meta["entries"]) > 200_000 and not kb.problems
    assert len(kb.entries) < 2000  # central and provincial entries only, in memory
    assert kb.get("cn-500000-gov-mzj").name == "重庆市民政局"
    assert kb.get("cn-130800-tw").name == "共青团承德市委员会"
    assert kb.get("nowhere") is None


def test_names_index_kinds():
    kb = default_kb()
    kinds = {a.id: kind for a, kind in kb.lookup("市民政局")}
    assert kinds["cn-500000-gov-mzj"] == "local" and set(kinds.values()) == {"local"}
    assert [(a.id, k) for a, k in kb.lookup("大足区民政局")] == [("cn-500111-gov-mzj", "global")]
    assert {a.region_code for a, _k in kb.lookup("鼓楼区委")} >= {"320106", "350102"}
    assert [a.name for a in kb.local("市民政局", ["510100", "500000"])] == [
        "成都市民政局", "重庆市民政局"]
    assert kb.local("区民政局", ["510100"]) == []  # 成都市 is a 市, not a 区
    assert ("cn-central-gov-wjw", "former") in [(a.id, k) for a, k in kb.lookup("卫生部")]


def test_search_ranks_exact_then_prefix_then_substring():
    kb = default_kb()
    assert kb.search("民政部")[0].id == "cn-central-gov-mzb"
    hits = kb.search("重庆市民政", limit=5)
    assert hits[0].name == "重庆市民政局" and len(hits) <= 5
    assert kb.search("") == []


def test_search_puts_the_documents_jurisdiction_first():
    kb = default_kb()
    assert kb.search("民政局", 5, ["500000"])[0].name == "重庆市民政局"
    assert kb.search("民政局", 5, ["510100", "510000"])[0].name == "成都市民政局"
    assert kb.search("民政局", 5)[0].name != "重庆市民政局"
