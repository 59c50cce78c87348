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


def _dict_text() -> str:
    """jieba's dictionary file; read by each cached table below, not kept (5 MB)."""
    path = _dict_path()
    return path.read_text(encoding="utf-8") if path is not None else ""


@cache
def words() -> frozenset[str]:
    """The word set, read once on first use (about 0.2 s); empty if jieba is missing."""
    return frozenset(_ENTRY.findall(_dict_text()))


_TWO = re.compile(r"^(\S{2}) (\d+) (\w+)$", re.MULTILINE)
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nz", "nt"})
_RARE = 20  # jieba's count below which a "word" is mostly noise of its corpus (团作)


@cache
def plain_pairs() -> frozenset[str]:
    """Common two-character words jieba tags as ordinary words (意见, 启动, 学习), not as
    names or places (秀英, 建国): a given name may be a word of the second kind, hardly of
    the first, and a name's last character rarely starts a word of the first with the next."""
    return frozenset(w for w, n, tag in _TWO.findall(_dict_text())
                     if tag not in _NAME_TAGS and int(n) >= _RARE)


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
