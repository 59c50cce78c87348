"""The in-memory knowledge base: the real shipped file, its index and type-ahead search."""

from annotator.core.kb import default_kb


def test_default_kb_loads_everything():
    kb = default_kb()
    assert len(kb) == 3847 and not kb.problems
    assert kb.get("cn-500000-gov-mzj").name == "重庆市民政局"


def test_names_index_kinds():
    kb = default_kb()
    kinds = {a.id: kind for a, kind in kb.lookup("市民政局")}
    assert kinds["cn-500000-gov-mzj"] == "local" and set(kinds.values()) == {"local"}
    assert [(a.id, k) for a, k in kb.lookup("大足区民政局")] == [("cn-500111-gov-mzj", "global")]
    assert ("cn-central-gov-wjw", "former") in [(a.id, k) for a, k in kb.lookup("卫生部")]


def test_search_ranks_exact_then_prefix_then_substring():
    kb = default_kb()
    assert kb.search("民政部")[0].id == "cn-central-gov-mzb"
    hits = kb.search("重庆市民政", limit=5)
    assert hits[0].name == "重庆市民政局" and len(hits) <= 5
    assert kb.search("") == []
