"""One list of formats: `annotator --help`, the subcommands' help, the export, release and
import dialogs all offer what the catalogue holds, in its order."""

import re

from PySide6.QtCore import Qt

from annotator.core.formats import CATALOGUE, EXPORT_FORMATS, IMPORT_FORMATS
from annotator.core.store import Project
from annotator.ui.export_dialog import ExportDialog, ReleaseDialog
from annotator.ui.import_dialog import ImportDialog
from tests.conftest import FIXTURES, run_cli

EXPORTED = [f.name for f in CATALOGUE if f.writes]
READ_WITH_FORMAT = [f.name for f in CATALOGUE if f.reads and not f.native]


def _choices(help_text: str, option: str) -> list[str]:
    """The ``{a,b,c}`` argparse prints after an option."""
    found = re.search(re.escape(option) + r" \{([^}]*)\}", help_text)
    assert found, help_text
    return found[1].split(",")


def test_the_catalogue_is_the_list_the_code_reads():
    assert list(EXPORT_FORMATS) == EXPORTED and EXPORTED[0] == "jsonl"
    assert list(IMPORT_FORMATS) == READ_WITH_FORMAT
    assert {"doccano", "label-studio", "prodigy", "brat"} <= set(READ_WITH_FORMAT)
    for info in CATALOGUE:
        assert info.en and info.zh and (info.suffixes or info.folder)


def test_command_line_help_lists_the_catalogue():
    export = run_cli("export", "--help")
    assert export.returncode == 0
    assert _choices(export.stdout, "--format") == EXPORTED
    flat = " ".join(export.stdout.split())
    for info in CATALOGUE:
        if info.writes:
            assert f"{info.name} ({' '.join(info.en.split())}" in flat

    imported = run_cli("import", "--help")
    assert _choices(imported.stdout, "--format") == READ_WITH_FORMAT
    top = " ".join(run_cli("--help").stdout.split())
    for info in CATALOGUE:
        if info.native and info.reads:
            assert " ".join(info.en.split()) in top
    release = " ".join(run_cli("release", "--help").stdout.split())
    assert ", ".join(f for f in EXPORTED if f != "jsonl") in release
    convert = run_cli("convert", "--help")
    assert _choices(convert.stdout, "") == READ_WITH_FORMAT


def test_the_dialogs_list_the_catalogue(qtbot, tmp_path):
    with Project.create(tmp_path / "p.annot") as project:
        export = ExportDialog(project)
        release = ReleaseDialog(project)
        doccano = ImportDialog(project, [FIXTURES / "tools" / "doccano" / "export.jsonl"])
        for dialog in (export, release, doccano):
            qtbot.addWidget(dialog)
        box = export.format
        assert [box.itemData(i) for i in range(box.count())] == EXPORTED
        tips = [box.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(box.count())]
        assert tips == [f.en for f in CATALOGUE if f.writes]  # in the test's language
        assert list(release.formats) == [f for f in EXPORTED if f != "jsonl"]
        chooser = doccano.format
        assert [chooser.itemData(i) for i in range(chooser.count())] == [None,
                                                                          *READ_WITH_FORMAT]
        native = chooser.itemData(0, Qt.ItemDataRole.ToolTipRole).splitlines()
        assert native == [f.en for f in CATALOGUE if f.native and f.reads]


def test_the_export_target_takes_the_catalogues_suffix(qtbot, tmp_path):
    with Project.create(tmp_path / "p.annot") as project:
        dialog = ExportDialog(project)
        qtbot.addWidget(dialog)
        for info in CATALOGUE:
            if not info.writes:
                continue
            dialog.format.setCurrentIndex(dialog.format.findData(info.name))
            name = dialog.target.text().rsplit("/", 1)[-1]
            assert name == (f"export-{info.name}" if info.folder
                            else f"export-{info.name}{info.suffix}")
