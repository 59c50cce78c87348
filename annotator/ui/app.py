"""Start-up: the application object, language, fonts, the annotator, and the project to open."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from ..core.demo import open_demo
from ..core.preferences import Preferences
from ..core.resources import resource_path
from ..core.store import Project, ProjectError
from ..core.team.package import package_info
from .dashboard import Dashboard
from .help_window import HelpWindow
from .main_window import MainWindow
from .platform_check import check_platform
from .project_actions import ProjectActions
from .workbench import GestureCommand

CJK_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                "Hiragino Sans GB", "WenQuanYi Micro Hei", "SimSun"]


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="annotator", add_help=False)
    parser.add_argument("--project", type=Path)
    parser.add_argument("--lang", choices=["zh_CN", "en"])
    parser.add_argument("--demo", action="store_true")
    return parser.parse_args(argv)


def install_language(app: QApplication, language: str) -> QTranslator | None:
    """Chinese unless English is asked for; the source strings are the English texts."""
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return None
    translator = QTranslator(app)
    if not translator.load(str(resource_path("i18n", f"annotator_{language}.qm"))):
        return None
    app.installTranslator(translator)
    # Qt's own strings (Cancel, Yes, the file dialogs), when the Qt build ships them
    qt = QTranslator(translator)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    QLocale.setDefault(QLocale(language))
    return translator


def remove_language(app: QApplication) -> None:
    """Take out every translator installed on the application (back to the English texts)."""
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
        translator.deleteLater()


def switch_language(app: QApplication, language: str) -> QTranslator | None:
    """Another interface language while running: Qt tells every widget (LanguageChange), and
    the widgets that build their strings once write them again."""
    remove_language(app)
    return install_language(app, language)


def install_fonts(app: QApplication) -> None:
    font = QFont(app.font())
    font.setFamilies([app.font().family(), *CJK_FAMILIES])
    app.setFont(font)


def open_project(args: argparse.Namespace, prefs: Preferences) -> Project:
    """The project named on the command line, else the last one, else the demo."""
    if args.project:
        return Project.open(args.project)
    if not args.demo and prefs.last_project and prefs.last_project.is_file():
        return Project.open(prefs.last_project)
    return open_demo()


def ask_annotator(prefs: Preferences) -> str:
    """Asked until answered (File → Settings changes it later); spans go to this name's
    layer and it is shown in the title bar."""
    if not prefs.annotator:
        name, ok = QInputDialog.getText(
            None, QApplication.translate("App", "Who is annotating?"),
            QApplication.translate("App", "Your name (your annotations are kept under it):"))
        if not (ok and name.strip()):
            return "annotator"  # for this time only: asked again at the next start
        prefs.annotator = name.strip()
        prefs.save()
    return prefs.annotator


class Shell:
    """Keeps one main window per open project and switches when another is opened."""

    def __init__(self, prefs: Preferences, language: str, annotator: str):
        self.prefs = prefs
        self.language = language
        self.annotator = annotator
        self.actions = ProjectActions(prefs)
        self.window: MainWindow | None = None
        self.actions.projectOpened.connect(self.show_project)
        self.actions.importFinished.connect(lambda _report: self.window and self.window.reload())

    def show_project(self, project: Project, annotator: str | None = None,
                     carry: bool = False) -> None:
        """A package made for an annotator opens under that annotator's name, so that
        collecting it finds the work where the lead expects it. ``carry``: the same project
        shown again, which takes over the open window's place, windows and undo steps."""
        old = self.window
        info = package_info(project)
        annotator = info.annotator if info else annotator or self.annotator
        self.window = MainWindow(project, annotator, self.language, self.prefs)
        self.window.languageChosen.connect(self.switch_language)
        self.actions.set_project(project)
        self.actions.attach(self.window)
        self.window.resize(1360, 860)
        if carry and old is not None:
            self.window.setGeometry(old.geometry())
            carry_over(old, self.window)
        self.window.show()
        if old is not None:
            old.close()

    def switch_language(self, language: str) -> None:
        """Install the language and show the open project in it: the main window is built
        again (at the same document, cursor and place on the screen) and takes over the open
        dashboards, agreement and guide windows, which retranslate themselves, and the steps
        that can be undone."""
        if language == self.language:
            return
        app = QApplication.instance()
        switch_language(app, language)
        self.language = language
        old = self.window
        if old is None:
            return
        old.remember_position()
        self.show_project(old.project, old.editor.name, carry=True)
        old.deleteLater()


def run_app(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    prefs = Preferences.load()
    language = args.lang or prefs.language
    if (status := check_platform(language)) is not None:  # before Qt can abort on it
        return status
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("gov-news-annotator")
    install_language(app, language)
    install_fonts(app)
    try:
        project = open_project(args, prefs)
    except ProjectError as exc:
        QMessageBox.critical(None, app.translate("App", "Cannot open the project"), str(exc))
        return 1
    shell = Shell(prefs, language, ask_annotator(prefs))
    shell.show_project(project)
    try:
        return app.exec()
    finally:
        if shell.window is not None:
            shell.window.project.close()


def carry_over(old: MainWindow, new: MainWindow) -> None:
    """The windows opened from ``old`` (dashboards, agreement, the guide) stay open, now
    belonging to ``new``; so do a search in the find bar and the steps Ctrl+Z can undo."""
    undo = old.workbench.undo_stack
    for k in range(undo.index()):  # what was undone and could be redone is left behind
        command = undo.command(k)
        if isinstance(command, GestureCommand):  # done already: pushing does not redo it
            actor = new.editor if command.actor is old.editor else command.actor
            new.workbench.undo_stack.push(
                GestureCommand(new.workbench.history, command.gesture, actor))
    for dialog in old.findChildren(QDialog, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not dialog.isVisible():
            continue
        dialog.setParent(new, dialog.windowFlags())
        if isinstance(dialog, Dashboard):
            dialog.jump.disconnect()
            dialog.jump.connect(new.jump_to)
            new.dashboard = dialog
        elif isinstance(dialog, HelpWindow):
            dialog.window_ = new
            dialog.retranslate()  # the new window's keys, in the new language
        dialog.show()
    if old.find_bar.isVisible():
        new.find_bar.open_bar(old.find_bar.edit.text(), focus=False)
