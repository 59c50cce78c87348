"""``annotator`` opens the app; ``annotator COMMAND ...`` runs the command line;
``annotator --version`` prints the version."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # the packaged app's pre-highlighting workers start here
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("--version", "-V"):
        from annotator import __version__

        print(f"annotator {__version__}")
        return 0
    if argv and argv[0] == "--selftest":
        from annotator.selftest import run

        return run(argv[1:])
    if not argv or argv[0] in ("--project", "--lang", "--demo"):
        from annotator.ui.app import run_app

        return run_app(argv)
    from annotator.cli.main import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
