"""Drive the real application under an X server, as an annotator would, and check the
project file's event log afterwards: every edit must land on the document on screen.

Needs Xvfb, a window manager, xdotool, xwininfo, a CJK font and ImageMagick's ``import``
(Debian: ``apt-get install xvfb xdotool x11-utils openbox fonts-noto-cjk imagemagick``).

    python scripts/xvfb_session.py [--out DIR]

For each screen (1600×1000, then 1280×720) it starts Xvfb and openbox, a fresh HOME, a
project built from the demo articles, and ``python -m annotator --project FILE`` with
QT_QPA_PLATFORM=xcb; then types Tab, Enter, a label key, switches document by Ctrl+PgDown
and by a click in the list, labels again, undoes twice (the second undo goes back to the
other document), redoes with Ctrl+Y, undoes, redoes with Ctrl+Shift+Z and labels once
more; closes the window; and compares the events table with what was done. Screenshots of
the root window go to DIR (default: xvfb-session in the temporary folder). Exit status 0
when every check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENS = ((1600, 1000), (1280, 720))
SPAN_ACTIONS = ("add_span", "update_span", "delete_span")


def run(*args: str, env: dict | None = None, check: bool = True) -> str:
    return subprocess.run(args, env=env, capture_output=True, text=True, check=check).stdout


class Display:
    """An Xvfb server with openbox, for the time of a ``with`` block."""

    def __init__(self, number: int, width: int, height: int):
        self.name = f":{number}"
        self.size = (width, height)
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> Display:
        width, height = self.size
        self.procs.append(subprocess.Popen(
            ["Xvfb", self.name, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        deadline = time.monotonic() + 15
        while run("xdpyinfo", "-display", self.name, check=False) == "":
            if time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb did not start on {self.name}")
            time.sleep(0.2)
        self.procs.append(subprocess.Popen(["openbox"], env=self.env(),
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(1)
        return self

    def __exit__(self, *_exc) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
            proc.wait(10)

    def env(self, **extra: str) -> dict:
        return {**os.environ, "DISPLAY": self.name, **extra}

    def xdo(self, *args: str, check: bool = True) -> str:
        return run("xdotool", *args, env=self.env(), check=check)

    def key(self, *keys: str, pause: float = 0.6) -> None:
        for key in keys:
            self.xdo("key", "--clearmodifiers", key)
            time.sleep(pause)

    def screenshot(self, path: Path) -> None:
        run("import", "-window", "root", str(path), env=self.env())


def fresh_home(base: Path) -> dict:
    """HOME and XDG folders of a first start, with the annotator's name already given."""
    home = base / "home"
    dirs = {"HOME": home, "XDG_CONFIG_HOME": home / ".config",
            "XDG_DATA_HOME": home / ".local" / "share", "XDG_CACHE_HOME": home / ".cache"}
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
    env = {key: str(value) for key, value in dirs.items()}
    run(sys.executable, "-c", "from annotator.core.preferences import Preferences\n"
        "p = Preferences.load(); p.annotator = 'tester'; p.save()",
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)})
    return env


def build_project(path: Path) -> None:
    """The demo articles, imported and pre-highlighted, in a project of their own."""
    run(sys.executable, "-c", "import sys\nfrom pathlib import Path\n"
        "from annotator.core.demo import build_demo\nbuild_demo(Path(sys.argv[1])).close()",
        str(path), env={**os.environ, "PYTHONPATH": str(ROOT)})


def listing(path: Path) -> list[str]:
    """Document ids in the order the list shows them (import order)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [row[0] for row in db.execute("SELECT id FROM documents ORDER BY seq")]


def span_events(path: Path) -> list[tuple[str, str, int, str | None, str | None]]:
    """(action, doc id, span id, label before, label after) of every span edit."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT action, doc_id, span_id, before, after FROM events WHERE action IN "
            "(?, ?, ?) ORDER BY id", SPAN_ACTIONS).fetchall()
    label = lambda record: json.loads(record)["label"] if record else None  # noqa: E731
    return [(action, doc, span, label(before), label(after))
            for action, doc, span, before, after in rows]


def main_window(display: Display, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = display.xdo("search", "--onlyvisible", "--name", "session",
                            check=False).split()
        if found:
            time.sleep(2)  # let the first document paint
            return found[-1]
        time.sleep(0.5)
    raise RuntimeError("the main window did not appear")


def geometry(display: Display, window: str) -> tuple[int, int, int, int]:
    """Where the window's contents are on the screen (xdotool's own figure counts the
    window manager's frame offset twice)."""
    info = run("xwininfo", "-id", window, env=display.env())
    values = {key.strip(): value.strip() for key, _, value in
              (line.partition(":") for line in info.splitlines()) if value}
    return (int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"]),
            int(values["Width"]), int(values["Height"]))


def click_list_row(display: Display, window: str, row: int) -> None:
    """A click on the document list's row ``row`` (0-based), in its source column."""
    # menu bar, search box, filter row and header come first; rows are the font's height
    # plus 8 px apart, 25 px with Noto Sans CJK at the default size (the screenshots show
    # where the click went)
    display.xdo("mousemove", "--window", window, "80", str(124 + 25 * row))
    time.sleep(0.3)
    display.xdo("click", "1")
    time.sleep(1)


def session(width: int, height: int, number: int, out: Path) -> list[str]:
    """One run on one screen size; returns the problems found."""
    problems: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="xvfb-session-"))
    try:
        env = fresh_home(base)
        project = base / "session.annot"
        build_project(project)
        docs = listing(project)
        with Display(number, width, height) as display:
            app = subprocess.Popen(
                [sys.executable, "-m", "annotator", "--project", str(project)],
                env=display.env(**env, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT)),
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            try:
                window = main_window(display)
                x, y, w, h = geometry(display, window)
                if x < 0 or y < 0 or x + w > width or y + h > height:
                    problems.append(f"window {w}×{h} at ({x}, {y}) leaves the {width}×{height} "
                                    "screen")
                display.screenshot(out / f"start-{width}x{height}.png")
                display.key("Tab", "Return", "o")  # accept one candidate, relabel the next
                display.key("ctrl+Next", "Tab", "p")  # next document: relabel its first
                click_list_row(display, window, 3)  # the fourth document, by mouse
                display.screenshot(out / f"clicked-{width}x{height}.png")
                display.key("Tab", "l")
                display.screenshot(out / f"labelled-{width}x{height}.png")
                display.key("ctrl+z", "ctrl+z")  # the second goes back to the second document
                display.key("ctrl+y", "ctrl+z", "ctrl+shift+z")  # both redo keys
                display.key("d")  # keys act at once on the span redone
                display.screenshot(out / f"after-redo-{width}x{height}.png")
                display.xdo("windowactivate", "--sync", window)
                display.key("alt+F4", pause=2)
            finally:
                if app.poll() is None:
                    app.terminate()
                log = app.communicate(timeout=20)[0]
        if "Ambiguous" in log or "Traceback" in log:
            problems.append(f"the application said:\n{log}")
        problems += check_events(span_events(project), docs)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return problems


def check_events(events: list[tuple], docs: list[str]) -> list[str]:
    """The log must read: two edits in the first document, one in the second, one in the
    fourth, its undo, the second document's undo, redo, undo, redo, one more edit there."""
    where = [doc for _action, doc, *_rest in events]
    expected = [docs[0], docs[0], docs[1], docs[3], docs[3], *[docs[1]] * 5]
    problems = []
    if where != expected:
        problems.append(f"edits landed on documents {[docs.index(d) + 1 for d in where]} of "
                        f"the list, expected {[docs.index(d) + 1 for d in expected]}")
    elif not all(action == "update_span" for action, *_rest in events):
        problems.append(f"unexpected actions: {events}")
    else:
        labels = [after for *_rest, after in events]
        if [labels[i] for i in (2, 3, 6, 8, 9)] != ["PERSON", "PLACE", "PERSON", "PERSON",
                                                     "DATE"]:
            problems.append(f"labels: {events}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "xvfb-session")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    failed = False
    for number, (width, height) in enumerate(SCREENS, start=91):
        problems = session(width, height, number, args.out)
        print(f"{width}×{height}: " + ("ok" if not problems else "FAILED"))
        for problem in problems:
            print("  " + problem)
        failed = failed or bool(problems)
    print(f"screenshots in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
