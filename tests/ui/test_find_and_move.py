"""Finding in the document and moving by sentence, from the keyboard, on a real project file.

The text holds characters outside the BMP (𠮷 and an emoji) before the hits, so a position
counted in UTF-16 rather than code points would shade and select the wrong characters.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.store import spans as spans_store
from annotator.ui.main_window import MainWindow
from annotator.ui.text_moves import paragraph_starts, sentence_starts

TEXT = ("𠮷😀市民政局发布通知。全市社工6.79万人！“团区委”参加了吗？\n"
        "第二段：市民政局和团区委召开会议。\n\n第三段，市民政局。")
OTHER = "另一篇：市民政局。"


@pytest.fixture
def window(qtbot, tmp_path):
    project = Project.create(tmp_path / "p.annot")
    with project.transaction():
        docs_store.insert(project, [docs_store.NewDocument(TEXT, {"title": "一"}, id="d"),
                                    docs_store.NewDocument(OTHER, {"title": "二"}, id="e")],
                          None)
        spans_store.replace_layer(project, "d", project.machine_id(), [
            Span(2, 6, "AGENCY", origin="suggested", source="gazetteer", score=0.8)])
    win = MainWindow(project, "wang", "en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.documents.select("d")
    win.workbench.view.setFocus()
    yield win
    win.close()
    project.close()


def press(qtbot, widget, sequence) -> None:
    """Press a key sequence (a standard key or "Ctrl+F") as the user would."""
    keys = QKeySequence(sequence) if isinstance(sequence, str) else QKeySequence(sequence)
    combo = keys[0]
    qtbot.keyClick(QApplication.focusWidget() or widget, combo.key(), combo.keyboardModifiers())


def type_chinese(widget, text: str) -> None:
    """Type as a Chinese input method does: the composed characters are committed."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def shaded(view) -> list[str]:
    """The texts the find bar has shaded, as the widget draws them."""
    return [s.cursor.selectedText() for s in view.extraSelections()
            if s.format.background().color().alpha() and not s.format.fontUnderline()]


def hits(n: int) -> list[tuple[int, int]]:
    return [(m, m + 2) for m in [i for i in range(len(TEXT)) if TEXT.startswith("民政", i)][:n]]


def test_ctrl_f_shades_every_hit_and_steps_between_them(qtbot, window):
    view, bar = window.workbench.view, window.find_bar
    press(qtbot, view, QKeySequence.StandardKey.Find)
    assert bar.isVisible() and bar.edit.hasFocus()
    type_chinese(bar.edit, "民政")
    assert bar.count.text() == "1/3"
    assert shaded(view) == ["民政"] * 3
    assert view.selection() == hits(1)[0] == (3, 5)  # code points, after 𠮷 and the emoji
    assert view.textCursor().selectedText() == "民政"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2/3" and view.selection() == hits(2)[1]
    press(qtbot, view, QKeySequence.StandardKey.FindNext)  # F3
    assert bar.count.text() == "3/3" and view.selection() == hits(3)[2]
    press(qtbot, view, QKeySequence.StandardKey.FindNext)  # round the end
    assert bar.count.text() == "1/3"
    press(qtbot, view, QKeySequence.StandardKey.FindPrevious)  # Shift+F3
    assert bar.count.text() == "3/3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "2/3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and shaded(view) == []
    assert view.hasFocus() and view.textCursor().selectedText() == "民政"


def test_a_word_not_in_the_text_says_so(qtbot, window):
    view, bar = window.workbench.view, window.find_bar
    press(qtbot, view, QKeySequence.StandardKey.Find)
    type_chinese(bar.edit, "教育局")
    assert bar.count.text() == "no hits" and shaded(view) == []


def test_the_hit_found_can_be_labelled_at_once(qtbot, window):
    """Esc leaves the hit selected, so a label key labels it and the label is saved."""
    view, bar = window.workbench.view, window.find_bar
    press(qtbot, view, QKeySequence.StandardKey.Find)
    type_chinese(bar.edit, "团区委")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_A)
    start = TEXT.index("团区委")
    mine = spans_store.layer(window.project, "d", window.editor.me)
    labelled = [(s.start, s.end, s.label) for s in mine if s.origin == "manual"]
    assert labelled == [(start, start + 3, "AGENCY")]


def test_a_document_opened_from_a_list_search_shows_its_hits(qtbot, window):
    window.documents.search.setText("市民政局")
    qtbot.keyClick(window.documents.search, Qt.Key.Key_Return)
    window.documents.select("e")
    qtbot.waitUntil(lambda: window.find_bar.isVisible())
    view = window.workbench.view
    assert shaded(view) == ["市民政局"]
    assert window.find_bar.count.text() == "1/1"
    window.documents.select("d")
    qtbot.waitUntil(lambda: window.find_bar.count.text() == "1/3")
    assert shaded(view) == ["市民政局"] * 3


def test_sentence_and_paragraph_keys_move_the_cursor(qtbot, window):
    view = window.workbench.view
    sentences = sentence_starts(TEXT)
    assert [TEXT[s] for s in sentences] == ["𠮷", "全", "“", "第", "第"]
    assert [TEXT[s] for s in paragraph_starts(TEXT)] == ["𠮷", "第", "第"]
    view.set_cursor_offset(0)
    press(qtbot, view, "Alt+Down")
    assert view.cursor_offset() == TEXT.index("全市")
    cursor = view.textCursor()  # the widget's own cursor, past the two astral characters
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 2)
    assert cursor.selectedText() == "全市"
    press(qtbot, view, "Alt+Down")
    press(qtbot, view, "Alt+Down")
    assert view.cursor_offset() == TEXT.index("第二段")
    press(qtbot, view, "Alt+Up")
    assert view.cursor_offset() == TEXT.index("“团区委")
    press(qtbot, view, "Ctrl+Down")
    assert view.cursor_offset() == TEXT.index("第二段")
    press(qtbot, view, "Ctrl+Down")
    assert view.cursor_offset() == TEXT.index("第三段")
    press(qtbot, view, "Ctrl+Up")
    press(qtbot, view, "Ctrl+Up")
    assert view.cursor_offset() == 0


def test_sentence_starts_after_closing_quotes_and_blank_lines():
    text = "他说：“好！”大家鼓掌。  \n\n  新的一段?Yes. 最后"
    assert [text[s:s + 2] for s in sentence_starts(text)] == ["他说", "大家", "新的", "Ye"]
    assert sentence_starts("") == [] and paragraph_starts("\n\n") == []
