from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.core.team.assign import assign
from annotator.core.team.package import pack
from annotator.ui.app import Shell


def test_a_package_opens_under_its_annotators_name(qtbot, tmp_path):
    with Project.create(tmp_path / "m.annot") as master:
        with master.transaction():
            docs_store.insert(master, [docs_store.NewDocument("团区委开展活动", id="d")], None)
        assign(master, ["wang"])
        pack(master, "wang", tmp_path / "wang.annot")
    shell = Shell(Preferences.load(), "en", "someone-else")
    shell.show_project(Project.open(tmp_path / "wang.annot"))
    qtbot.addWidget(shell.window)
    assert shell.window.editor.name == "wang" and "wang" in shell.window.windowTitle()
    shell.window.project.close()
