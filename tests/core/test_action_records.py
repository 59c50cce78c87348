"""Every action, its undo and its redo return the record of what they changed in the store:
spans before and after, and the statuses read back once the transaction is committed."""

import pytest

from annotator.core.editing import Editor, attribute_values
from annotator.core.kb.model import Agency
from annotator.core.model import Span
from annotator.core.review import Reviewer, reviewable
from annotator.core.schema import load_schema, schema_from_json
from annotator.core.store import agencies as agencies_store
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.core.store.changes import StatusChange
from annotator.core.store.spans import SpanError

TEXT = "市民政局发布通知,全市投入6.79万元。"
NOTE = TEXT.index("通知")


@pytest.fixture
def project(project):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "t"}, id="d")], None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(0, 4, "AGENCY", origin="suggested", source="gazetteer", score=0.8)])
    return project


def test_mark_done_its_undo_and_redo_say_which_statuses_moved(project):
    wang = Editor(project, "wang")
    started = wang.begin("d")
    assert started.statuses == (StatusChange("d", wang.me, None, "in_progress"),)
    assert wang.begin("d").statuses == ()  # only the first opening starts it
    done = wang.mark_done("d", "accept")
    assert done.statuses == (StatusChange("d", wang.me, "in_progress", "done"),
                             StatusChange("d", None, "suggested", "annotated"))
    undone = wang.undo(done)
    assert undone.statuses == (StatusChange("d", wang.me, "done", "in_progress"),
                               StatusChange("d", None, "annotated", "suggested"))
    assert [(c.before["origin"], c.after["origin"]) for c in undone.changes] == [
        ("accepted", "suggested")]
    assert docs_store.status_of(project, "d") == "suggested"
    assert wang.redo(done).statuses == done.statuses


def test_a_review_decision_undone_is_open_again_and_redone_is_settled(project):
    for name, label in (("wang", "AGENCY"), ("li", "ORG")):
        editor = Editor(project, name)
        editor.open("d")
        editor.label("d", NOTE, NOTE + 2, label)
        editor.mark_done("d", "accept")
    liu = Reviewer(project, "liu")
    liu.start("d")
    (cluster,) = liu.queue("d")
    picked = liu.pick("d", cluster, "li")
    assert [(c.action, c.after["label"]) for c in picked.changes] == [("add", "ORG")]
    assert liu.decided("d") == {(NOTE, NOTE + 2)}
    undone = liu.undo(picked)
    assert [c.action for c in undone.changes] == ["delete"]
    assert liu.decided("d") == set()
    liu.redo(picked)
    assert liu.decided("d") == {(NOTE, NOTE + 2)}
    finished = liu.finish("d")
    assert StatusChange("d", None, "annotated", "gold") in finished.statuses
    liu.undo(finished)
    assert docs_store.status_of(project, "d") == "annotated"


def test_one_annotator_may_take_their_own_document_into_gold_nobody_else_alone(project):
    wang = Editor(project, "wang")
    wang.open("d")
    wang.mark_done("d", "accept")
    assert reviewable(project, "d", "wang") and not reviewable(project, "d", "liu")
    with pytest.raises(SpanError):
        Reviewer(project, "liu").mark_gold("d")
    record = Reviewer(project, "wang").mark_gold("d")
    assert StatusChange("d", None, "annotated", "gold") in record.statuses
    assert [c.after["label"] for c in record.changes] == ["AGENCY"]


def test_a_new_agency_undone_goes_only_when_nothing_uses_it(project):
    wang = Editor(project, "wang")
    (span,) = wang.open("d")
    agency = Agency("user-test", "重庆市民政局", "city", None, "重庆市", None, None, (),
                    source="user:wang")
    created = wang.link_new_agency(span.id, agency)
    assert [a.agency_id for a in created.agencies] == ["user-test"]
    wang.undo(created)
    assert not agencies_store.exists(project, "user-test")
    wang.redo(created)
    assert agencies_store.exists(project, "user-test")
    other = Editor(project, "li")
    (theirs,) = other.open("d")
    other.link(theirs.id, "user-test", "重庆市民政局")
    wang.undo(created)  # li's span still links to it: the entry stays
    assert agencies_store.exists(project, "user-test")
    assert spans_store.get(project, span.id).agency_id is None


def test_attribute_values_are_read_as_the_schema_says():
    schema, _ = load_schema()
    figure = schema.label("FIGURE")
    assert attribute_values(figure, {"value": "6.79万", "approx": 1, "comparator": "≈",
                                     "unit": " 元 "}) == {
        "value": 67900, "approx": True, "comparator": "≈", "unit": "元"}
    with pytest.raises(SpanError):
        attribute_values(figure, {"value": "nan"})
    with pytest.raises(SpanError):
        attribute_values(figure, {"comparator": "!"})
    # a copy of the shipped schema stored before labels had attributes takes them from it
    old = {"name": "gov-news-zh", "labels": [{"name": "FIGURE"}, {"name": "ORG"}]}
    assert schema_from_json(old).label("FIGURE").attributes == figure.attributes
    assert schema_from_json(old).label("ORG").attributes == ()
