"""``annotator --selftest [--gui]``: proves that an installed or frozen app is whole.

A frozen build starts even when a data file, jieba's dictionary or a Qt plugin was left
out; the gap shows only when the code that reads it runs, often as fewer candidates rather
than an error. So each check runs the real code once, on one bundled sample article, in a
temporary folder (the user's projects and settings are never touched), and says PASS or
FAIL. The exit status is 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REGION = "重庆市"  # the demo articles come from Chongqing papers
MIN_WORDS = 300_000  # jieba 0.42's dict.txt gives about 330,000 words; a stub gives far fewer
NEEDED_FILES = (  # what the app reads at run time; build scripts and sources stay out
    ("schemas", "gov-news-zh.json"),
    ("schemas", "gov-news-zh.guidelines.md"),
    ("kb", "base.sqlite"),
    ("gazetteer", "divisions.tsv"),
    ("lexicon", "surnames.txt"),
    ("lexicon", "lead_words.txt"),
    ("i18n", "annotator_zh_CN.qm"),
    ("newspapers.json",),
)


class CheckError(Exception):
    """A check's expectation that did not hold; the message is the report line."""


def expect(condition: object, message: str) -> None:
    if not condition:
        raise CheckError(message)


@dataclass
class State:
    """What the checks hand on to each other: the temporary folder and the project in it."""

    work: Path
    project_path: Path | None = None
    raw_texts: dict[str, str] = field(default_factory=dict)
    gold_lines: list[dict] = field(default_factory=list)


def check_resources(state: State) -> str:
    from annotator.core.resources import resource_path, resources_root

    missing = [os.path.join(*p) for p in NEEDED_FILES if not resource_path(*p).is_file()]
    expect(not missing, f"missing under {resources_root()}: {', '.join(missing)}")
    seeds = sorted(resource_path("demo").glob("*.txt"))
    expect(seeds, f"no demo articles under {resource_path('demo')}")
    return f"{len(NEEDED_FILES)} data files and {len(seeds)} demo articles in {resources_root()}"


def check_dictionary(state: State) -> str:
    """Clean-up and place names rely on the word list; without it they quietly do less."""
    from annotator.core.lexicon import _dict_path, words

    path = _dict_path()
    expect(path is not None, "jieba's dict.txt was not found beside the jieba package")
    count = len(words())
    expect(count >= MIN_WORDS, f"{path} holds {count} words, expected at least {MIN_WORDS}")
    return f"{count} words from {path}"


def check_import(state: State) -> str:
    """Import one sample article into a new project, pre-highlighting it on the way in."""
    from annotator.core.ingest.importer import import_paths
    from annotator.core.ingest.options import Options
    from annotator.core.prehighlight.runner import project_engine
    from annotator.core.resources import resource_path
    from annotator.core.store import Project
    from annotator.core.store import documents as docs_store

    seed = min(resource_path("demo").glob("*.txt"), key=lambda p: (p.stat().st_size, p.name))
    state.project_path = state.work / "selftest.annot"
    with Project.create(state.project_path) as project:
        engine = project_engine(project, REGION)
        report = import_paths(project, [seed], Options(split_stories=True, region=REGION),
                              engine=engine)
        expect(report.ok, f"import problems: {'; '.join(map(str, report.problems))}")
        expect(report.created >= 1, f"{seed.name}: no document was created")
        for doc_id in report.document_ids:
            doc = docs_store.get(project, doc_id)
            offsets = docs_store.offsets_of(project, doc_id)
            state.raw_texts[doc_id] = offsets.raw_text(doc.text) if offsets else doc.text
    return f"{seed.name}: {report.created} document(s), {report.candidates} candidates"


def check_prehighlight(state: State) -> str:
    """Candidates of the schema's labels; agencies linked to the knowledge base, places found
    through the gazetteer: the data files are not only present but read."""
    from annotator.core.store import Project
    from annotator.core.store import spans as spans_store

    expect(state.project_path, "not run: the import failed")
    with Project.open(state.project_path) as project:
        known = {label.name for label in project.schema.labels}
        machine = project.machine_id()
        spans = [s for doc_id in state.raw_texts
                 for s in spans_store.layer(project, doc_id, machine)]
    labels = Counter(s.label for s in spans)
    expect(spans, "no candidates at all")
    expect(set(labels) <= known, f"labels outside the schema: {sorted(set(labels) - known)}")
    for needed in ("AGENCY", "PLACE", "FIGURE", "DATE"):
        expect(labels[needed], f"no {needed} candidate (counts: {dict(labels)})")
    linked = sum(1 for s in spans if s.label == "AGENCY" and s.agency_id)
    expect(linked, "no AGENCY candidate is linked to a knowledge-base entry")
    counts = ", ".join(f"{name} {n}" for name, n in sorted(labels.items()))
    return f"{len(spans)} candidates ({counts}); {linked} agencies linked"


def check_general_model(state: State) -> str:
    """The optional general model: its weights load and tag, or it says it is not installed."""
    from annotator.core.prehighlight.general_model import GeneralModel, available

    if not available():
        return "not installed (optional: pip install gov-news-annotator[model]); rules only"
    text = "记者王小明报道，重庆市民政局开展活动。"
    found = {(text[c.start:c.end], c.label) for c in GeneralModel().run(text)}
    expect(("王小明", "PERSON") in found, f"the general model found {sorted(found)}")
    labels = ", ".join(sorted(label for _, label in found))
    return f"{len(found)} candidates on a sample sentence ({labels})"


def check_project_model(state: State) -> str:
    """A tiny project model: trained on the imported documents' candidates, stored in the
    project, and used by its engine (crfsuite, the features and the merge, end to end)."""
    from annotator.core.learn import tagger
    from annotator.core.prehighlight.runner import project_engine
    from annotator.core.store import Project
    from annotator.core.store import models as models_store
    from annotator.core.store import spans as spans_store

    expect(state.project_path, "not run: the import failed")
    with Project.open(state.project_path) as project:
        machine = project.machine_id()
        docs = [tagger.TrainingDoc(text, [s.key() for s in spans_store.layer(
                    project, doc_id, machine)])
                for doc_id, text in _texts(project, state)]
        body = tagger.train(docs, {"max_iterations": 20})
        models_store.save(project, body, {"documents": len(docs), "policy": {}})
        engine = project_engine(project, REGION)
        expect(engine.project is not None, "the project's engine does not use its model")
        learnt = engine.project.predict(docs[0].text)
    expect(learnt, "the tiny model proposes nothing on a document it was trained on")
    return f"{len(body)} bytes from {len(docs)} document(s); {len(learnt)} candidates back"


def _texts(project, state: State) -> list[tuple[str, str]]:
    from annotator.core.store import documents as docs_store

    return [(doc_id, doc.text) for doc_id in state.raw_texts
            if (doc := docs_store.get(project, doc_id)) is not None]


def check_gold_export(state: State) -> str:
    """Accept every candidate, adjudicate into gold, export through the command line."""
    from annotator.cli.main import run as run_cli
    from annotator.core.editing import Editor
    from annotator.core.review import Reviewer
    from annotator.core.store import Project

    expect(state.project_path, "not run: the import failed")
    with Project.open(state.project_path) as project:
        editor = Editor(project, "selftest")
        reviewer = Reviewer(project, "selftest-reviewer")
        for doc_id in state.raw_texts:
            for label in {s.label for s in editor.open(doc_id)}:
                editor.accept_all(doc_id, label)
            editor.mark_done(doc_id)
            reviewer.start(doc_id)
            reviewer.finish(doc_id)
    out = state.work / "gold.jsonl"
    args = ["export", "--project", str(state.project_path), "-o", str(out), "--gold",
            "--raw-offsets"]
    with contextlib.redirect_stderr(io.StringIO()) as err:
        status = run_cli(args)
    expect(status == 0, f"annotator {' '.join(args)} exited with {status}: {err.getvalue()}")
    state.gold_lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expect(len(state.gold_lines) == len(state.raw_texts),
           f"{len(state.gold_lines)} lines exported for {len(state.raw_texts)} documents")
    return f"{len(state.gold_lines)} gold lines, {out.stat().st_size} bytes"


def check_formats(state: State) -> str:
    """Gold in every other tool's format, the importable ones read back, and a release."""
    from annotator.core import formats
    from annotator.core.exchange.export import Selection
    from annotator.core.release import ReleaseOptions, make_release
    from annotator.core.store import Project

    expect(state.gold_lines, "not run: the gold export failed")
    spans = sum(len(line["spans"]) for line in state.gold_lines)
    with Project.open(state.project_path) as project:
        for fmt in formats.EXPORT_FORMATS:
            out = state.work / f"gold-{fmt}"
            result = formats.export(project, fmt, out, Selection(gold=True))
            expect(result.documents == len(state.gold_lines), f"{fmt}: {result.documents} docs")
            if fmt in formats.IMPORT_FORMATS:
                back = [d for d in formats.read(fmt, out) if isinstance(d, dict)]
                got = sum(len(d["spans"]) for d in back)
                expect(got == spans, f"{fmt}: {got} spans read back of {spans}")
        release = make_release(project, state.work / "release", ReleaseOptions(pii="mask"))
    files = len(release.manifest["files"])
    return f"{len(formats.EXPORT_FORMATS)} formats, {spans} spans each; release of {files} files"


def check_offsets(state: State) -> str:
    """Every exported span reads back from its text and, white space aside, from the raw file."""
    from annotator.core.jsonl_line import parse_document
    from annotator.core.store.documents import sha256

    expect(state.gold_lines, "not run: the export failed")
    spans = 0
    for line in state.gold_lines:
        parse_document(line)  # the strict reader every import uses
        doc_id, text = line["id"], line["text"]
        expect(line["status"] == "gold", f"{doc_id}: status {line['status']!r}, expected 'gold'")
        expect(line["spans"], f"{doc_id}: the gold line has no spans")
        raw = state.raw_texts[doc_id]
        if line["meta"].get("raw_sha256"):
            expect(line["meta"]["raw_sha256"] == sha256(raw), f"{doc_id}: raw_sha256 differs")
        for span in line["spans"]:
            start, end = span["start"], span["end"]
            where = f"{doc_id} [{start}, {end}) {span['label']}"
            expect(0 <= start < end <= len(text), f"{where}: outside the text")
            expect(text[start:end] == span["text"], f"{where}: text is {text[start:end]!r}")
            rs, re_ = span["raw_start"], span["raw_end"]
            expect("".join(raw[rs:re_].split()) == "".join(span["text"].split()),
                   f"{where}: raw[{rs}:{re_}] is {raw[rs:re_]!r}, not {span['text']!r}")
            spans += 1
    return f"{spans} spans: text[start:end] and raw[raw_start:raw_end] match"


def check_gui(state: State) -> str:
    """Qt's platform plugin, the translation and the main window, on the self-test project."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from annotator.ui.platform_check import missing_libraries, packages_for, uses_xcb, xcb_plugin

    missing = missing_libraries(xcb_plugin(os.environ)) if uses_xcb(os.environ) else []
    expect(not missing, f"Qt's xcb plugin cannot load without {' '.join(missing)}: apt-get "
                        f"install {' '.join(packages_for(missing))}")  # Qt would abort here
    from PySide6.QtWidgets import QApplication

    from annotator.core.store import Project
    from annotator.ui.app import install_language
    from annotator.ui.main_window import MainWindow

    expect(state.project_path, "not run: the import failed")
    app = QApplication.instance() or QApplication([sys.argv[0] or "annotator"])
    wanted = os.environ["QT_QPA_PLATFORM"].split(":")[0]
    expect(app.platformName() == wanted, f"Qt platform {app.platformName()!r}, not {wanted!r}")
    translator = install_language(app, "zh_CN")
    expect(translator is not None, "the Chinese translation (annotator_zh_CN.qm) did not load")
    with Project.open(state.project_path) as project:
        window = MainWindow(project, "selftest")
        try:
            window.resize(1200, 800)
            window.show()
            app.processEvents()
            expect("中文新闻标注工具" in window.windowTitle(),
                   f"the window title is not translated: {window.windowTitle()!r}")
            rows = window.documents.model.rowCount()
            expect(rows == len(state.raw_texts), f"the document list shows {rows} rows")
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            app.removeTranslator(translator)
    return (f"platform {app.platformName()!r}, Qt {_qt_version()}, "
            f"main window listing {rows} document(s)")


def check_charts(state: State) -> str:
    """A dashboard chart drawn and saved as PNG: pyqtgraph and Qt's image writer."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from annotator.ui.dashboard import Chart

    expect(state.gold_lines, "not run: the export failed")
    expect(QApplication.instance(), "not run: Qt did not start")
    labels = Counter(s["label"] for line in state.gold_lines for s in line["spans"])
    chart = Chart("self-test", "spans", "label")
    try:
        chart.resize(640, 400)
        chart.bars({"gold": dict(labels)}, sorted(labels))
        out = state.work / "chart.png"
        chart.save(out)
    finally:
        chart.deleteLater()
    image = QImage(str(out))
    expect(not image.isNull(), f"{out} is not a readable PNG")
    return f"{len(labels)} labels plotted, {image.width()}x{image.height()} PNG"


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()


CHECKS: list[tuple[str, Callable[[State], str]]] = [
    ("resources", check_resources),
    ("dictionary", check_dictionary),
    ("import", check_import),
    ("prehighlight", check_prehighlight),
    ("general model", check_general_model),
    ("project model", check_project_model),
    ("gold export", check_gold_export),
    ("offsets", check_offsets),
    ("formats", check_formats),
]


def run(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="annotator --selftest",
                                     description="Check that this build of the app works.")
    parser.add_argument("--gui", action="store_true",
                        help="also start Qt (offscreen unless QT_QPA_PLATFORM says otherwise), "
                             "open a main window and save a chart")
    parser.add_argument("--verbose", action="store_true", help="print tracebacks of failures")
    args = parser.parse_args(list(argv))
    for stream in (sys.stdout, sys.stderr):  # a report line must never fail on a code page
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    checks = CHECKS + ([("gui", check_gui), ("charts", check_charts)] if args.gui else [])

    from annotator import __version__

    frozen = "frozen" if getattr(sys, "frozen", False) else "not frozen"
    print(f"annotator {__version__} self-test ({frozen}; {platform.platform()}; "
          f"Python {platform.python_version()})", flush=True)
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="annotator-selftest-",
                                     ignore_cleanup_errors=True) as tmp:
        state = State(Path(tmp))
        for name, check in checks:
            began = time.perf_counter()
            try:
                detail, ok = check(state), True
            except Exception as exc:  # a self-test reports every failure and goes on
                ok = False
                detail = str(exc) if isinstance(exc, CheckError) else f"{type(exc).__name__}: {exc}"
                if args.verbose and not isinstance(exc, CheckError):
                    traceback.print_exc()
            seconds = time.perf_counter() - began
            if not ok:
                failed.append(name)
            print(f"{'PASS' if ok else 'FAIL'}  {name:<13} {seconds:5.2f}s  {detail}", flush=True)
    if failed:
        print(f"FAIL: {len(failed)} of {len(checks)} checks failed ({', '.join(failed)})")
        return 1
    print(f"PASS: all {len(checks)} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
