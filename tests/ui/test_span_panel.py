"""The span panel: a figure's attributes and an agency's link, on a real project file."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.main_window import MainWindow
from annotator.ui.span_panel import NewAgencyDialog

TEXT = "渝中区召开会议,区委社会工作部、区文物局作交流发言,投入6.79万元。"


@pytest.fixture
def window(qtbot, tmp_path):
    project = Project.create(tmp_path / "p.annot")
    a = TEXT.index("区委社会工作部")
    b = TEXT.index("区文物局")
    c = TEXT.index("6.79万元")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(
            TEXT, {"title": "渝中", "region": "重庆市渝中区"}, id="d")], None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(a, a + 7, "AGENCY", origin="suggested", source="rule:agency", score=0.9),
            Span(b, b + 4, "AGENCY", origin="suggested", source="rule:agency", score=0.6),
            Span(c, c + 6, "FIGURE", {"value": 67900, "unit": "元", "approx": False,
                                      "comparator": "="}, origin="suggested",
                 source="rule:figure", score=0.9),
        ])
    win = MainWindow(project, "wang")
    qtbot.addWidget(win)
    yield win
    project.close()


def _layer(win):
    return {s.start: s for s in spans_store.layer(win.project, "d", win.editor.me)}


def test_agency_link_chosen_from_the_ranked_candidates(qtbot, window):
    view, panel = window.workbench.view, window.span_panel
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert panel.agency.isVisibleTo(window) and panel.choices.count() >= 1
    first = panel.choices.item(0).data(Qt.ItemDataRole.UserRole)
    assert first[1] == "中共重庆市渝中区委社会工作部"
    panel._link_item(panel.choices.item(0))
    span = _layer(window)[TEXT.index("区委社会工作部")]
    assert span.agency_name == "中共重庆市渝中区委社会工作部" and span.origin == "edited"
    window.workbench.undo_stack.undo()
    assert _layer(window)[TEXT.index("区委社会工作部")].agency_id is None


def test_search_then_create_a_new_agency_and_link_it(qtbot, window, monkeypatch):
    view, panel = window.workbench.view, window.span_panel
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # 区文物局: not in the knowledge base
    panel.search.setText("市民政局")
    panel._search("市民政局")
    assert any("重庆市民政局" in panel.choices.item(i).text() for i in range(panel.choices.count()))

    def fill(dialog):
        dialog.name.setText("重庆市渝中区文物局")
        dialog.level.setCurrentText("county")
        dialog.region.setText("重庆市渝中区")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewAgencyDialog, "exec", fill)
    panel.create_agency()
    span = _layer(window)[TEXT.index("区文物局")]
    assert span.agency_name == "重庆市渝中区文物局" and span.agency_id.startswith("user-")
    stored = window.project.db.execute(
        "SELECT source, region_code FROM agencies WHERE id = ?", [span.agency_id]).fetchone()
    assert stored == ("user:wang", "500103")


def test_not_in_kb_is_explicit(qtbot, window):
    qtbot.keyClick(window.workbench.view, Qt.Key.Key_Tab)
    window.span_panel._not_in_kb()
    span = _layer(window)[TEXT.index("区委社会工作部")]
    assert span.attrs == {"not_in_kb": True} and span.agency_id is None


def test_figure_attributes_are_edited_in_place(qtbot, window):
    view, panel = window.workbench.view, window.span_panel
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    fields = panel.fields["FIGURE"]  # the schema's attributes of the label
    assert panel.attribute_boxes["FIGURE"].isVisibleTo(window)
    assert fields["value"].text() == "67900"
    fields["value"].setText("68000")
    fields["approx"].setChecked(True)
    fields["comparator"].setCurrentText("≈")
    panel._save_attributes()
    span = _layer(window)[TEXT.index("6.79万元")]
    assert span.attrs == {"value": 68000, "unit": "元", "approx": True, "comparator": "≈"}


def test_a_figure_value_is_read_by_the_core_in_chinese_or_refused(qtbot, window):
    view, panel = window.workbench.view, window.span_panel
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    fields = panel.fields["FIGURE"]
    fields["value"].setText("6.8万")
    panel._save_attributes()
    assert _layer(window)[TEXT.index("6.79万元")].attrs["value"] == 68000
    fields["value"].setText("很多")
    with qtbot.waitSignal(window.workbench.failed) as refused:
        panel._save_attributes()
    assert "很多" in refused.args[0]
    assert _layer(window)[TEXT.index("6.79万元")].attrs["value"] == 68000  # nothing written
