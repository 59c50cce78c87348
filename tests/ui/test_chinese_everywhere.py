"""The Chinese interface speaks Chinese everywhere: every text a user can see on the main window,
its menus and the dialogs it opens without input, and the words of the edits it undoes."""

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from annotator.core.formats import CATALOGUE, EXPORT_FORMATS
from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.main_window import MainWindow
from tests.conftest import chinese_interface

TEXT = "市民政局发布通知。团区委召开会议，团区委负责人出席。"
# words that stay as they are in Chinese: the personal identifier label's code, the knowledge
# base's abbreviation, the OCR that repairs are named after, the other language's own name, and
# the names of keys as printed on the keyboard, and the toolkit's own name in the About box
ALLOWED = {"PII", "KB", "OCR", "English", "Ctrl", "Shift", "Tab", "Enter", "Esc", "Qt",
           "PySide"}
WORD = re.compile(r"[A-Za-z]{2,}")
TAG = re.compile(r"<[^>]*>")  # rich text's markup is not shown


@pytest.fixture
def window(qtbot, tmp_path):
    with chinese_interface():
        project = Project.create(tmp_path / "通知.annot")
        with project.transaction():
            docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "通知"}, id="d")],
                              None)
            spans_store.replace_layer(project, "d", project.machine_id(), [
                Span(0, 4, "AGENCY", origin="suggested", source="gazetteer", score=0.8)])
        win = MainWindow(project, "王芳")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        yield win
        win.close()
        project.close()


def action_texts(actions: list[QAction]) -> list[str]:
    texts = []
    for action in actions:
        texts += [action.text(), action.toolTip(), action.statusTip()]
        if action.menu() is not None:
            texts += action_texts(action.menu().actions())
    return texts


def item_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model: one column, and no public count of it
        columns = 1
    texts = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)]
    for row in range(model.rowCount(QModelIndex())):
        for column in range(columns):
            index = model.index(row, column)
            texts += [index.data(), index.data(Qt.ItemDataRole.ToolTipRole)]
    return texts


def visible_texts(top: QWidget) -> list[str]:
    """Every text the widget and its children show or tell on hovering."""
    texts = [top.windowTitle()]
    for widget in [top, *top.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.statusTip(), widget.whatsThis()]
        texts += action_texts(widget.actions())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts += [widget.placeholderText()]
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView):
            texts += item_texts(widget)
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, (QGroupBox, QDockWidget)):
            texts.append(widget.title() if isinstance(widget, QGroupBox) else widget.windowTitle())
        if isinstance(widget, QMenu):
            texts.append(widget.title())
    return [t for t in texts if isinstance(t, str) and t]


def english(texts: list[str]) -> list[str]:
    return sorted({t for t in texts
                   if any(w not in ALLOWED for w in WORD.findall(TAG.sub("", t)))})


def test_main_window_and_menus_say_nothing_in_english(window):
    texts = visible_texts(window) + action_texts(window.menuBar().actions())
    texts.append(window.statusBar().currentMessage())
    leaks = english(texts)
    assert leaks == [], "\n".join(leaks)


def edit_menu(win: MainWindow) -> list[str]:
    menu = win.menuBar().actions()[0].menu()
    return [a.text() for a in menu.actions()[:2]]


def test_undo_and_redo_say_the_edit_in_chinese(qtbot, window):
    view = window.workbench.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # onto the candidate 市民政局
    qtbot.keyClick(view, Qt.Key.Key_O)  # relabel it as an organisation
    assert edit_menu(window)[0] == "撤销 更改标签"
    window.workbench.undo_stack.undo()
    assert edit_menu(window)[1] == "重做 更改标签"
    window.workbench.undo_stack.redo()
    window.workbench.perform(lambda: window.editor.accept_all("d", "AGENCY"))
    window.workbench.perform(lambda: window.editor.mark_done("d"))
    assert edit_menu(window)[0] == "撤销 标记完成"


def test_label_all_asks_with_the_label_name(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()))
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda _p, _t, _x, names, current, _e: (names[current], True))
    view = window.workbench.view
    window.workbench.perform(lambda: window.editor.label("d", 9, 12, "ORG"))
    view.select_span(next(s for s in view.spans() if s.start == 9))
    window.label_all_occurrences()
    assert len(asked) == 1 and "组织" in asked[0] and "ORG" not in asked[0]


def test_dialogs_opened_from_the_menus_say_nothing_in_english(qtbot, window):
    from annotator.core.editing import Editor
    from annotator.ui.about import about_box
    from annotator.ui.agreement_dialog import AgreementDialog
    from annotator.ui.export_dialog import ExportDialog, ReleaseDialog
    from annotator.ui.proposals_dialog import ProposalsDialog
    from annotator.ui.team_dialogs import AssignDialog, PackDialog
    from annotator.ui.undecided_dialog import UndecidedBox

    for who in ("王芳", "李明"):  # two versions, so the document can be reviewed
        editor = Editor(window.project, who)
        editor.accept(editor.open("d")[0].id)
    about = about_box(window)
    AgreementDialog(window.project, window).show()
    window.show_dashboard()
    window.review()
    project = window.project
    dialogs = [about, *window.findChildren(AgreementDialog), window.dashboard,
               window.review_window, UndecidedBox(2, window), ExportDialog(project, window),
               ReleaseDialog(project, window), ProposalsDialog(project, "王芳", window),
               AssignDialog(project, window), PackDialog(project, window)]
    texts = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        texts += visible_texts(dialog)
        if isinstance(dialog, QMessageBox):
            texts += [dialog.text(), dialog.informativeText(), dialog.detailedText()]
    # the export formats are file formats' own names, and their Chinese descriptions name the
    # tools (doccano, brat …); exports write label codes, so the export's label choices show
    # each code beside its name (机构 AGENCY)
    kept = {*EXPORT_FORMATS, *(f.zh for f in CATALOGUE),
            *(f"{lab.zh} {lab.name}" for lab in project.schema.labels)}
    leaks = english([t for t in texts if t not in kept])
    assert leaks == [], "\n".join(leaks)
