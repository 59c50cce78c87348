"""Place the hand-annotated development-set mentions on a document text.

Each file in ``mentions/`` lists the mentions of one seed article in document order, one JSON
object a line: ``label``, ``text`` (the span as it reads, with OCR white space left out) and the
label's extra fields (``attrs`` for FIGURE, ``agency``/``not_in_kb`` for AGENCY, optional
``note``). :func:`resolve` finds them, in order, in a text of that article -- the raw seed or a
cleaned version of it -- ignoring white space, so a mention may cross a stray space or line
break of the text. Offsets are Python ``str`` indices (code points), ``end`` exclusive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEVSET_DIR = Path(__file__).resolve().parent
MENTIONS_DIR = DEVSET_DIR / "mentions"
SEEDS_DIR = DEVSET_DIR / "seeds"

# Page furniture of the raw seeds (1-based, inclusive line ranges): navigation, contents,
# masthead and copyright/address lines that clean-up removes and that hold no gold mentions.
FURNITURE_LINES: dict[str, tuple[tuple[int, int], ...]] = {
    "001_9afe2dadbca104e8": ((1, 16), (65, 69)),
    "002_db291272fdbffc3d": ((101, 101),),
}

# Characters that never carry meaning inside a span: Unicode white space plus the zero-width
# characters some scanned-newspaper exports leave behind.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


class MentionNotFoundError(LookupError):
    """A mention of the list does not occur after the previous one in the text."""

    def __init__(self, index: int, mention: dict[str, Any], offset: int) -> None:
        self.index = index
        self.mention = mention
        self.offset = offset
        super().__init__(
            f"mention #{index} {mention.get('label')} {mention.get('text')!r} "
            f"not found at or after offset {offset}"
        )


def is_gap(ch: str) -> bool:
    """True for characters ignored when matching (white space and zero-width marks)."""
    return ch.isspace() or ch in _INVISIBLE


def _squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` without gap characters, and the offset in ``text`` of each kept character."""
    kept = [i for i, ch in enumerate(text) if not is_gap(ch)]
    return "".join(text[i] for i in kept), kept


def resolve(text: str, mentions: list[dict[str, Any]], start: int = 0) -> list[dict[str, Any]]:
    """Find each mention in ``text``, in order, each search starting where the previous match ended.

    ``start`` is where the first search begins (the offset of the article body when ``text``
    still holds page furniture before it). Returns one span per mention: ``start``, ``end``,
    ``label``, ``text`` (always ``text[start:end]``, so it may hold the white space the
    mention crossed) and the mention's other fields. Spans start and end on non-white-space
    characters. Raises :class:`MentionNotFoundError` naming the first mention that is missing.
    """
    squeezed, kept = _squeeze(text)
    pos = next((k for k, i in enumerate(kept) if i >= start), len(kept))
    spans: list[dict[str, Any]] = []
    for index, mention in enumerate(mentions):
        needle = "".join(ch for ch in mention["text"] if not is_gap(ch))
        found = squeezed.find(needle, pos) if needle else -1
        if found < 0:
            raise MentionNotFoundError(index, mention, kept[pos] if pos < len(kept) else len(text))
        pos = found + len(needle)
        span_start, span_end = kept[found], kept[pos - 1] + 1
        span: dict[str, Any] = {
            "start": span_start,
            "end": span_end,
            "label": mention["label"],
            "text": text[span_start:span_end],
        }
        span.update((k, v) for k, v in mention.items() if k not in ("label", "text"))
        spans.append(span)
    return spans


def mask_lines(text: str, ranges: tuple[tuple[int, int], ...]) -> str:
    """``text`` with the characters of the given lines (1-based, inclusive) turned into spaces.

    Offsets are unchanged, so spans resolved in the masked text are spans of ``text``; the
    masked lines can no longer capture a mention meant for the body.
    """
    lines = text.splitlines(keepends=True)
    for first, last in ranges:
        for k in range(first - 1, min(last, len(lines))):
            body = lines[k].rstrip("\r\n")
            lines[k] = " " * len(body) + lines[k][len(body) :]
    return "".join(lines)


def load_seed_body(stem: str) -> str:
    """The raw seed with its page furniture masked (same length and offsets as the raw seed)."""
    return mask_lines(load_seed(stem), FURNITURE_LINES.get(stem, ()))


def load_mentions(stem: str, folder: Path = MENTIONS_DIR) -> list[dict[str, Any]]:
    """The mentions of the article ``stem`` (file name without ``.txt``), in document order."""
    path = folder / f"{stem}.jsonl"
    mentions: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                mentions.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not a JSON object: {exc}") from exc
    return mentions


def stems() -> list[str]:
    """Stems of all mention files, sorted."""
    return sorted(p.stem for p in MENTIONS_DIR.glob("*.jsonl"))


def load_seed(stem: str) -> str:
    """The raw seed text copied next to the mentions (read as UTF-8, newlines kept as written)."""
    return (SEEDS_DIR / f"{stem}.txt").read_bytes().decode("utf-8")
