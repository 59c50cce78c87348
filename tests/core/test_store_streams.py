"""Whole-project reads stream a document at a time and still pair every document with its
own layers and statuses, whatever lies between and whatever the filter."""

from annotator.core.model import Span
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.core.store import streams


def _project(project):
    """Six documents; every other one has spans, two are annotated, one has a status row."""
    docs = [docs_store.NewDocument(f"第{i}篇：市民政局发布通知。", id=f"d{i}",
                                   status="annotated" if i in (2, 5) else None)
            for i in range(6)]  # fmt: skip
    wang = project.annotator_id("wang")
    with project.transaction():
        docs_store.insert(project, docs, None)
        for i in (0, 2, 4, 5):
            spans_store.replace_layer(project, f"d{i}", wang, [Span(4, 8, "AGENCY"),
                                                               Span(i, i + 1, "FIGURE")])
    docs_store.set_annotator_status(project, "d5", wang, "done")
    return wang


def test_each_document_comes_with_its_own_layers_in_import_order(project):
    wang = _project(project)
    seen = [(doc.id, {a: [r[:3] for r in rows] for a, rows in layers.items()}, done)
            for doc, layers, done in streams.documents_with_layers(project)]
    assert [s[0] for s in seen] == [f"d{i}" for i in range(6)]
    for doc_id, layers, _done in seen:
        i = int(doc_id[1:])
        expected = sorted([(4, 8, "AGENCY"), (i, i + 1, "FIGURE")])
        assert layers == ({wang: expected} if i in (0, 2, 4, 5) else {})
    assert [s[2] for s in seen] == [{}, {}, {}, {}, {}, {wang: "done"}]


def test_a_status_filter_keeps_documents_and_their_rows_together(project):
    wang = _project(project)
    seen = list(streams.documents_with_layers(project, "annotated"))
    assert [doc.id for doc, _layers, _done in seen] == ["d2", "d5"]
    assert [sorted(r[:2] for r in layers[wang]) for _doc, layers, _done in seen] == [
        [(2, 3), (4, 8)], [(4, 8), (5, 6)]]
    assert [done for _doc, _layers, done in seen] == [{}, {wang: "done"}]
