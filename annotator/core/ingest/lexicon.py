"""A plain Chinese word set, used as evidence that a stray break cuts a word in two.

jieba's own dictionary is the source: it ships with the package, so the check works offline
and agrees with the segmenter used elsewhere. Only the words are kept, not jieba's model.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

# Words of 2-4 Han characters: longer entries are rare phrases that add little evidence.
_ENTRY = re.compile(r"^([\u3400-\u9fff]{2,4}) ", re.M)
MAX_WORD = 4
# (characters from the left, characters from the right) of a crossing word, by minimum length.
_SPLITS = {
    n: tuple(
        (k, m) for k in range(1, MAX_WORD) for m in range(1, MAX_WORD) if n <= k + m <= MAX_WORD
    )
    for n in range(2, MAX_WORD + 1)
}


def _dict_path() -> Path | None:
    spec = find_spec("jieba")  # locate without importing: jieba's import prints and is slow
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


@cache
def words() -> frozenset[str]:
    """The word set, read once on first use (about 0.2 s); empty if jieba is missing."""
    path = _dict_path()
    if path is None:
        return frozenset()
    return frozenset(_ENTRY.findall(path.read_text(encoding="utf-8")))


def crossing_word(left: str, right: str, min_len: int = 2) -> str | None:
    """A dictionary word made of the end of ``left`` and the start of ``right``, if any.

    Both sides must contribute, so the word really spans the gap between them.
    """
    vocab = words()
    nl, nr = len(left), len(right)
    for k, m in _SPLITS[min(max(min_len, 2), MAX_WORD)]:
        if k <= nl and m <= nr:
            word = left[nl - k :] + right[:m]
            if word in vocab:
                return word
    return None
