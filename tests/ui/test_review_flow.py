"""The whole team flow: two packages annotated, collected, disagreements settled by keyboard,
gold exported."""

import json

from PySide6.QtCore import Qt

from annotator.core.editing import Editor
from annotator.core.exchange.export import Selection, export_jsonl
from annotator.core.model import Span
from annotator.core.store import Project, events
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.core.team.assign import assign
from annotator.core.team.collect import collect
from annotator.core.team.package import pack
from annotator.ui.agreement_dialog import AgreementDialog
from annotator.ui.review_window import ReviewWindow

TEXT = "𠮷市民政局发布:全市社工6.79万人,团区委参加。"


def _annotate(path, name, label_of_tuanquwei):
    with Project.open(path) as package:
        editor = Editor(package, name)
        layer = editor.open("d")
        for span in layer:
            editor.accept(span.id)
        editor.label("d", 19, 22, label_of_tuanquwei)
        editor.mark_done("d")


def test_two_packages_reviewed_by_keyboard_into_gold(qtbot, tmp_path):
    master_path = tmp_path / "master.annot"
    with Project.create(master_path) as master:
        with master.transaction():
            docs_store.insert(master, [docs_store.NewDocument(TEXT, {"title": "t"}, id="d")],
                              None)
            spans_store.replace_layer(master, "d", master.machine_id(), [
                Span(1, 5, "AGENCY", origin="suggested", source="gazetteer", score=0.9),
                Span(12, 18, "FIGURE", {"value": 67900, "unit": "人", "approx": False,
                                        "comparator": "="}, origin="suggested",
                     source="rule:figure", score=0.9)])
        assign(master, ["wang", "li"], overlap=1.0, k=2)
        pack(master, "wang", tmp_path / "wang.annot")
        pack(master, "li", tmp_path / "li.annot")
    _annotate(tmp_path / "wang.annot", "wang", "AGENCY")
    _annotate(tmp_path / "li.annot", "li", "ORG")

    master = Project.open(master_path)
    collect(master, tmp_path / "wang.annot")
    collect(master, tmp_path / "li.annot")
    dialog = AgreementDialog(master, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pairs.rowCount() == 1, timeout=10_000)
    assert dialog.pairs.item(0, 2).text() == "0.667"  # 2 of 3 spans the same
    assert dialog.documents.rowCount() == 1 and dialog.documents.item(0, 1).text() == "0.667"

    window = ReviewWindow(master, "liu", "d")
    qtbot.addWidget(window)
    window.show()
    assert len(window.queue) == 1 and window.queue[0].kinds == ("label",)
    cluster = window.queue[0]
    assert window.view.marked == (cluster.start, cluster.end)  # shaded where it is
    assert len(window._gold()) == 2  # agreed spans are in gold already
    names = list(window.queue[0].versions)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1 + names.index("li"))  # li's ORG...
    window.view.set_cursor_offset(19)
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # ...corrected in gold to AGENCY by the reviewer
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    out = tmp_path / "gold.jsonl"
    assert export_jsonl(master, out, Selection(gold=True)) == 1
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["status"] == "gold"
    assert [(s["text"], s["label"]) for s in line["spans"]] == [
        ("市民政局", "AGENCY"), ("6.79万人", "FIGURE"), ("团区委", "AGENCY")]
    assert line["annotators"] == ["reviewer:liu", "ann:li", "ann:wang"]
    relabel = next(e for e in events.history(master.db, "d") if e["action"] == "update_span")
    assert relabel["annotator"] == "liu" and relabel["after"]["label"] == "AGENCY"
    master.close()


def test_review_opens_only_with_two_annotators_and_leaves_the_reviewer_out(qtbot, tmp_path):
    from annotator.ui.main_window import MainWindow

    with Project.create(tmp_path / "p.annot") as project:
        with project.transaction():
            docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "t"}, id="d")],
                              None)
            spans_store.replace_layer(project, "d", project.machine_id(), [
                Span(1, 5, "AGENCY", origin="suggested", source="gazetteer", score=0.9)])
        wang = Editor(project, "wang")
        for span in wang.open("d"):
            wang.accept(span.id)
        wang.mark_done("d")
        window = MainWindow(project, "liu")
        qtbot.addWidget(window)
        window.show()
        assert window.documents.select("d") or window.workbench.doc_id == "d"
        window.review()
        assert getattr(window, "review_window", None) is None
        assert "two or more annotators" in window.statusBar().currentMessage()
        li = Editor(project, "li")
        for span in li.open("d"):
            li.reject(span.id)
        li.mark_done("d")
        window.review()
        qtbot.addWidget(window.review_window)
        (cluster,) = window.review_window.queue  # li rejected what wang kept
        assert cluster.kinds == ("missing",) and set(cluster.versions) == {"li", "wang"}
        assert window.review_window._gold() == []
