from annotator.core.kb.suggestions import AgencyLinks
from annotator.core.model import Document, Span

TEXT = "渝中区召开会议。区委社会工作部、团区委、区文物局作交流发言。"


def test_suggestions_search_and_a_created_entry(project):
    links = AgencyLinks(project)
    doc = Document("d", TEXT, {"region": "重庆市渝中区"})
    start = TEXT.index("区委社会工作部")
    best = links.suggest(doc, Span(start, start + 7, "AGENCY"))
    assert best[0].name == "中共重庆市渝中区委社会工作部" and len(best) <= 5
    assert any(a.name == "重庆市民政局" for a in links.search("市民政局"))
    start = TEXT.index("区文物局")
    created = links.create("重庆市渝中区文物局", "county", "重庆市渝中区", "cn-500103-gov",
                           "wang", mention="区文物局")
    again = links.suggest(doc, Span(start, start + 4, "AGENCY"))
    assert again[0].agency_id == created.id
    assert AgencyLinks(project).kb.get(created.id).source == "user:wang"  # stored in the file


def test_search_ranks_the_documents_jurisdiction_first(project):
    links = AgencyLinks(project)
    chongqing = Document("c", "重庆市召开会议。市民政局参加。", {})
    chengdu = Document("s", "成都市召开会议。市民政局参加。", {})
    assert links.search("民政局", doc=chongqing)[0].name == "重庆市民政局"
    assert links.search("民政局", doc=chengdu)[0].name == "成都市民政局"
    assert links.search("民政局")[0].name not in ("重庆市民政局", "成都市民政局")
