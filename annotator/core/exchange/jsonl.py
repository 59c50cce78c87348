"""Writing JSONL files: every line whole, the file replaced only when complete. The lines
themselves are ``jsonl_line``'s."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..atomic import atomic_text


def write_lines(out: Path, lines: Iterable[str]) -> int:
    """One line per item, written whole or not at all; returns how many."""
    count = 0
    with atomic_text(out) as fh:
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= 1000:
                fh.write("\n".join(buffer) + "\n")
                count += len(buffer)
                buffer.clear()
        if buffer:
            fh.write("\n".join(buffer) + "\n")
            count += len(buffer)
    return count
