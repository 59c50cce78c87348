"""The lines of a JSON Lines file as every reader takes them: numbered from 1 as an editor
shows them, a UTF-8 byte-order mark removed, blank lines passed over."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

_BOM = b"\xef\xbb\xbf"


def numbered_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw bytes) of each non-blank line; an ``OSError`` reading on is raised
    after the lines before it were given."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if number == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM):]
            if raw.strip():
                yield number, raw
