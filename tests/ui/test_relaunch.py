"""Closing and reopening brings back the project, the document and the cursor."""

import argparse

from annotator.core.preferences import Preferences
from annotator.core.store import Project
from annotator.core.store import documents as docs_store
from annotator.ui.app import Shell, open_project


def test_relaunch_restores_project_document_and_cursor(qtbot, tmp_path):
    path = tmp_path / "work.annot"
    with Project.create(path) as project, project.transaction():
        docs_store.insert(project, [docs_store.NewDocument("第一篇 市民政局", {"title": "一"}),
                                    docs_store.NewDocument("第二篇 团区委 区委社会工作部",
                                                           {"title": "二"}, id="two")], None)
    prefs = Preferences.load()
    shell = Shell(prefs, "en", "wang")
    shell.show_project(open_project(argparse.Namespace(project=path, demo=False), prefs))
    qtbot.addWidget(shell.window)
    shell.window.documents.select("two")
    shell.window.workbench.view.set_cursor_offset(7)
    span_count = len(shell.window.workbench.view.spans())
    shell.window.close()
    shell.window.project.close()

    again = Preferences.load()  # a new process reads the file
    assert again.annotator == "" and again.last_project == path.resolve()
    shell = Shell(again, "en", "wang")
    shell.show_project(open_project(argparse.Namespace(project=None, demo=False), again))
    qtbot.addWidget(shell.window)
    assert shell.window.project.path.resolve() == path.resolve()
    assert shell.window.workbench.doc_id == "two"
    assert shell.window.workbench.view.cursor_offset() == 7
    assert len(shell.window.workbench.view.spans()) == span_count
    shell.window.project.close()
