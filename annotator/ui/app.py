"""Start-up: the application object, language, fonts, and the project to open."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.demo import open_demo
from ..core.resources import resource_path
from ..core.store import Project, ProjectError
from .main_window import MainWindow

CJK_FAMILIES = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "SimSun",
]


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="annotator", add_help=False)
    parser.add_argument("--project", type=Path)
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--demo", action="store_true")
    return parser.parse_args(argv)


def install_language(app: QApplication, language: str) -> QTranslator | None:
    """Chinese unless English is asked for; the source strings are the English texts."""
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(str(resource_path("i18n", f"annotator_{language}.qm"))):
        return None
    app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    return translator


def install_fonts(app: QApplication) -> None:
    font = QFont(app.font())
    font.setFamilies([app.font().family(), *CJK_FAMILIES])
    app.setFont(font)


def open_project(args: argparse.Namespace) -> Project:
    if args.project:
        return Project.open(args.project)
    return open_demo()


def run_app(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("gov-news-annotator")
    install_language(app, args.lang)
    install_fonts(app)
    try:
        project = open_project(args)
    except ProjectError as exc:
        QMessageBox.critical(None, app.translate("App", "Cannot open the project"), str(exc))
        return 1
    window = MainWindow(project, "annotator", args.lang)
    window.resize(1360, 860)
    window.show()
    try:
        return app.exec()
    finally:
        project.close()
