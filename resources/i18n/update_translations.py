"""Refresh the Qt Linguist files from the UI sources and compile them.

``python resources/i18n/update_translations.py`` runs one batched ``pyside6-lupdate`` over
``annotator/ui`` (keeping existing translations, dropping obsolete ones, so diffs stay
small), then ``pyside6-lrelease`` to build the ``.qm`` files the app loads. Translate
new strings in the ``.ts`` files with Qt Linguist (``pyside6-linguist``) in between.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ["zh_CN"]


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "annotator" / "ui").rglob("*.py"))
    for lang in LANGUAGES:
        ts = HERE / f"annotator_{lang}.ts"
        subprocess.run(
            [
                "pyside6-lupdate",
                *sources,
                "-no-obsolete",
                "-locations",
                "none",
                "-target-language",
                lang,
                "-ts",
                str(ts),
            ],
            check=True,
            cwd=ROOT,
        )
        subprocess.run(
            ["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, cwd=ROOT
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
