"""Every annotation action on a real project file, its undo and redo."""

import pytest

from annotator.core.editing import Editor
from annotator.core.model import Span
from annotator.core.store import documents as docs_store
from annotator.core.store import events
from annotator.core.store import spans as spans_store
from annotator.core.store.spans import SpanError

TEXT = "𠮷😀市民政局发布:全市社工6.79万人,服务82.4万余人次。市民政局表示 市民政局"


@pytest.fixture
def editor(project):
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "t"}, id="d")], None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(13, 19, "FIGURE", {"value": 67900, "unit": "人", "approx": False,
                                    "comparator": "="}, origin="suggested",
                 source="rule:figure", score=0.9),
            Span(22, 30, "FIGURE", origin="suggested", source="rule:figure", score=0.9),
            Span(2, 6, "AGENCY", origin="suggested", source="gazetteer", score=0.8),
        ])
    return Editor(project, "wang")


def _state(editor):
    return [(s.start, s.end, s.label, s.origin, s.agency_id, tuple(sorted(s.attrs.items())))
            for s in editor.layer("d")]


def _by_text(editor, text):
    return next(s for s in editor.layer("d") if TEXT[s.start:s.end] == text)


def _at(editor, start):
    return next(s for s in editor.layer("d") if s.start == start)


def test_opening_seeds_the_layer_once_with_the_candidates(editor):
    layer = editor.open("d")
    assert [(s.start, s.end, s.origin) for s in layer] == [
        (2, 6, "suggested"), (13, 19, "suggested"), (22, 30, "suggested")]
    assert editor.progress("d") == (0, 3)
    editor.reject(layer[0].id)
    assert len(editor.open("d")) == 2  # not seeded again
    assert editor.progress("d") == (1, 3)


def test_each_action_undoes_and_redoes_exactly(editor):
    editor.open("d")
    actions = [
        lambda: editor.accept_all("d", "AGENCY"),
        lambda: editor.accept(_at(editor, 13).id),
        lambda: editor.reject(_at(editor, 22).id),
        lambda: editor.relabel(_at(editor, 2).id, "ORG"),
        lambda: editor.adjust(_at(editor, 13).id, 0, -1),
        lambda: editor.label("d", 6, 8, "PLACE"),
        lambda: editor.set_attrs(_at(editor, 13).id, {"value": 6.79}),
        lambda: editor.link(_at(editor, 2).id, "cn-500000-gov-mzj", "重庆市民政局"),
        lambda: editor.link(_at(editor, 2).id, None),
        lambda: editor.label_all("d", "市民政局", "AGENCY"),
    ]
    for act in actions:
        before = _state(editor)
        gesture = act()
        after = _state(editor)
        assert after != before, gesture.name
        editor.undo(gesture)
        assert _state(editor) == before, gesture.name
        editor.redo(gesture)
        assert _state(editor) == after, gesture.name


def test_accept_keeps_the_candidate_and_edits_mark_it_edited(editor):
    editor.open("d")
    figure = _by_text(editor, "6.79万人")
    editor.accept(figure.id)
    assert spans_store.get(editor.project, figure.id).origin == "accepted"
    editor.adjust(figure.id, end_delta=-1)
    span = spans_store.get(editor.project, figure.id)
    assert (TEXT[span.start:span.end], span.origin) == ("6.79万", "edited")
    assert span.attrs["value"] == 67900  # attributes survive a boundary change


def test_labelling_a_selection_trims_white_space_and_refuses_overlaps(editor):
    editor.open("d")
    space = TEXT.index(" 市民政局")
    gesture = editor.label("d", space, space + 5, "AGENCY")
    (change,) = gesture.changes
    assert TEXT[change.after["start"]:change.after["end"]] == "市民政局"
    with pytest.raises(SpanError, match="overlaps"):
        editor.label("d", 4, 8, "PLACE")


def test_label_all_occurrences_takes_free_text_and_waiting_candidates(editor):
    editor.open("d")
    preview = editor.occurrences("d", "市民政局")
    assert preview == [(2, 6), (31, 35), (38, 42)]  # the first is a candidate still waiting
    link = ("cn-500000-gov-mzj", "重庆市民政局")
    gesture = editor.label_all("d", "市民政局", "AGENCY", link)
    assert [(c.action, c.after["origin"]) for c in gesture.changes] == [
        ("update", "edited"), ("add", "manual"), ("add", "manual")]
    assert {(s.start, s.agency_id) for s in editor.layer("d") if s.label == "AGENCY"} == {
        (2, link[0]), (31, link[0]), (38, link[0])}
    assert editor.occurrences("d", "市民政局") == []
    editor.undo(gesture)
    assert _at(editor, 2).origin == "suggested" and _at(editor, 2).agency_id is None
    assert [s.start for s in editor.layer("d") if s.label == "AGENCY"] == [2]


def test_label_all_accepts_a_candidate_it_agrees_with(editor):
    editor.open("d")
    gesture = editor.label_all("d", "市民政局", "AGENCY")
    assert [c.after["origin"] for c in gesture.changes] == ["accepted", "manual", "manual"]
    gesture = editor.label_all("d", "6.79万人", "FIGURE")
    assert [c.after["origin"] for c in gesture.changes] == ["accepted"]
    assert _at(editor, 13).attrs["value"] == 67900


def test_accept_all_of_one_label_is_one_action_and_counts_as_progress(editor):
    editor.open("d")
    gesture = editor.accept_all("d", "FIGURE")
    assert len(gesture.changes) == 2
    assert editor.progress("d") == (2, 3)
    editor.undo(gesture)
    assert editor.progress("d") == (0, 3)


def test_every_action_is_in_the_event_log_with_its_author(editor):
    editor.open("d")
    editor.accept(_by_text(editor, "6.79万人").id)
    editor.mark_done("d", undecided="reject")
    log = events.history(editor.project.db, "d")
    assert [e["action"] for e in log[:5]] == ["set_status", "set_annotator_status",
                                              "delete_span", "delete_span", "update_span"]
    assert {e["annotator"] for e in log[:5]} == {"wang"}
    assert docs_store.get(editor.project, "d").status == "annotated"


def _statuses(editor):
    mine = docs_store.annotator_statuses(editor.project, "d").get("wang")
    return mine, docs_store.get(editor.project, "d").status


def test_marking_done_with_undecided_candidates_is_refused_and_changes_nothing(editor):
    from annotator.core.editing import UndecidedCandidates

    editor.open("d")
    editor.accept(_by_text(editor, "6.79万人").id)
    before, n_events = _state(editor), len(events.history(editor.project.db, "d"))
    with pytest.raises(UndecidedCandidates) as refused:
        editor.mark_done("d")
    assert refused.value.count == 2
    assert _state(editor) == before and _statuses(editor) == ("in_progress", "suggested")
    assert len(events.history(editor.project.db, "d")) == n_events


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_deciding_every_candidate_and_marking_done_is_one_undoable_action(editor, decision):
    editor.open("d")
    editor.reject(_by_text(editor, "市民政局").id)
    before = _state(editor)
    gesture = editor.mark_done("d", undecided=decision)
    assert len(gesture.changes) == 2  # the two candidates still undecided
    after = _state(editor)
    kept = {"accept": ["accepted", "accepted"], "reject": []}[decision]
    assert [s[3] for s in after] == kept
    assert _statuses(editor) == ("done", "annotated")
    assert editor.undecided("d") == [] and editor.progress("d") == (3, 3)
    editor.undo(gesture)
    assert _state(editor) == before and _statuses(editor) == ("in_progress", "suggested")
    assert len(editor.undecided("d")) == 2
    editor.redo(gesture)
    assert _state(editor) == after and _statuses(editor) == ("done", "annotated")
    log = [e["action"] for e in events.history(editor.project.db, "d")]
    assert log[:2] == ["set_status", "set_annotator_status"]


def test_resolving_candidates_alone_leaves_the_status(editor):
    editor.open("d")
    gesture = editor.resolve_candidates("d", "accept")
    assert [s[3] for s in _state(editor)] == ["accepted"] * 3
    assert _statuses(editor) == ("in_progress", "suggested") and gesture.statuses == ()
    editor.undo(gesture)
    assert [s[3] for s in _state(editor)] == ["suggested"] * 3


def test_an_imported_layer_is_not_replaced_by_the_candidates_on_opening(editor):
    with editor.project.transaction():
        spans_store.replace_layer(editor.project, "d", editor.me,
                                  [Span(2, 6, "ORG", origin="edited")])
    assert [(s.start, s.label, s.origin) for s in editor.open("d")] == [(2, "ORG", "edited")]
