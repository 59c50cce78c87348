import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "resources" / "demo"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project_path(tmp_path):
    return tmp_path / "test.annot"


@pytest.fixture
def project(project_path):
    from annotator.core.store import Project

    with Project.create(project_path) as p:
        yield p


def run_cli(*args: str, cwd=None):
    """Run the real console entry point in a subprocess, as a user would."""
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=300,
    )


@contextmanager
def chinese_interface():
    """The interface in Chinese inside the block, as the app starts by default; the
    translators are taken out and the language before it restored after."""
    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import install_language

    app = QApplication.instance()
    before = QLocale()
    translator = install_language(app, "zh_CN")
    assert translator is not None, "the Chinese translation did not load"
    try:
        yield translator
    finally:
        for installed in (translator, *translator.findChildren(QTranslator)):
            app.removeTranslator(installed)
        QLocale.setDefault(before)
