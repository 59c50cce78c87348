"""Code points (the core's offsets) to Qt's UTF-16 positions and back, at the widget edge only."""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Offsets of one text; cheap when the text has no characters outside the BMP."""

    def __init__(self, text: str):
        starts = [m.start() for m in _ASTRAL.finditer(text)]
        self._cp = starts  # code-point index of each astral character
        self._u16 = [cp + k for k, cp in enumerate(starts)]  # its UTF-16 index
        self.length = len(text) + len(starts)

    def to_qt(self, cp: int) -> int:
        return cp + bisect_left(self._cp, cp)

    def from_qt(self, pos: int) -> int:
        """The code point at a UTF-16 position; inside a surrogate pair, the pair's start."""
        before = bisect_left(self._u16, pos - 1)  # pairs that end before ``pos``
        if before < len(self._u16) and self._u16[before] == pos - 1:
            return pos - 1 - before
        return pos - before
