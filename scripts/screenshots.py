"""Render the main views to PNG, as users see them, for the README and for review.

Needs a display: run under Xvfb with a CJK font installed, e.g.
    xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshots.py
(Debian: ``apt-get install xvfb fonts-noto-cjk``). Uses a throwaway demo project.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()  # never touch the real demo project
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from annotator.core.demo import open_demo
    from annotator.ui.app import install_fonts, install_language
    from annotator.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    install_fonts(app)
    OUT.mkdir(parents=True, exist_ok=True)
    with open_demo() as project:
        for language, row in (("zh_CN", 0), ("en", 5)):
            translator = install_language(app, language)
            window = MainWindow(project, "演示" if language == "zh_CN" else "demo", language)
            window.resize(1400, 860)
            window.show()
            window.documents.table.selectRow(row)
            window.workbench.go(1)
            app.processEvents()
            path = OUT / f"main-{language}.png"
            window.grab().save(str(path))
            print(f"wrote {path}")
            window.close()
            if translator:
                for installed in (translator, *translator.findChildren(QTranslator)):
                    app.removeTranslator(installed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
