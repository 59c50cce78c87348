from annotator.core.store import documents as docs_store
from annotator.core.store import fulltext

TEXTS = ["重庆市民政局发布通知", "区委社会工作部召开会议𠮷", "团区委开展\"志愿服务\"活动"]


def _add(project, texts):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(t, {"title": t[:3]}) for t in texts],
                          None)


def test_search_finds_substrings_of_any_length(project):
    _add(project, TEXTS)
    assert fulltext.pending(project) == 3
    assert len(fulltext.search(project, "社会工作部")) == 1
    assert fulltext.pending(project) == 0
    assert len(fulltext.search(project, "区委")) == 2  # shorter than a trigram
    assert len(fulltext.search(project, '"志愿服务"')) == 1  # quotes are searched literally
    assert len(fulltext.search(project, "工作部召开会议𠮷")) == 1
    assert fulltext.search(project, "不存在的词") == []


def test_documents_added_later_are_found(project):
    _add(project, TEXTS[:1])
    assert fulltext.search(project, "民政局")
    _add(project, ["大足区民政局召开会议"])
    assert len(fulltext.search(project, "民政局")) == 2


def test_imported_documents_are_indexed_in_the_import_itself(project, tmp_path):
    from annotator.core.ingest.importer import import_paths

    for i, text in enumerate(TEXTS):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    import_paths(project, [tmp_path])
    assert fulltext.pending(project) == 0  # the first search has nothing left to index
    indexed = project.db.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
    assert indexed == 3
    assert len(fulltext.search(project, "社会工作部")) == 1
