"""OCR repairs shown where import made them; the context menu; the language choice."""

from annotator.core.ingest.importer import import_paths
from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.ui.main_window import MainWindow

RAW = ("记者从启 动仪式上获悉,𠮷今年我市将深化完善以社区为平台、"
       "以社会组 织为载体、以社会工作者为支撑。\n")


def test_repairs_are_marked_at_the_joined_characters(qtbot, tmp_path):
    (tmp_path / "ocr.txt").write_text(RAW, encoding="utf-8")
    with Project.create(tmp_path / "p.annot") as project:
        import_paths(project, [tmp_path / "ocr.txt"])
        window = MainWindow(project, "wang")
        qtbot.addWidget(window)
        view = window.workbench.view
        window.workbench.set_show_repairs(True)
        text = view.toPlainText()
        assert "启动仪式" in text and "社会组织" in text
        clean = window.workbench.document.text
        joined = [clean.index("动仪式"), clean.index("织为载体")]
        assert [pos for pos, _ in view._repairs][:2] == joined
        assert view.repair_at(joined[0]) == " "
        marks = [s.cursor.selectedText() for s in view.extraSelections()]
        assert marks[:2] == ["动", "织"]


def test_context_menu_labels_the_selection(qtbot, tmp_path):
    with Project.create(tmp_path / "p.annot") as project:
        window = MainWindow(project, "wang")
        qtbot.addWidget(window)
        menu = window.workbench.view.context_menu()
        (label_menu,) = [a.menu() for a in menu.actions() if a.menu()]
        names = [a.text() for a in label_menu.actions()]
        assert len(names) == len(project.schema.labels)
        assert names[0].startswith("机构 / Agency")


def test_language_choice_is_kept_for_the_next_start(qtbot, tmp_path):
    prefs = Preferences.load()
    with Project.create(tmp_path / "p.annot") as project:
        window = MainWindow(project, "wang", "zh_CN", prefs)
        qtbot.addWidget(window)
        window.choose_language("en")
    assert Preferences.load().language == "en"
