"""Map offsets in a cleaned text back to the raw text it was cut from.

Clean-up only ever deletes characters from the raw text, so the map is a list of kept
runs, ``(clean_start, raw_start)`` pairs, each run copied verbatim, plus the text deleted
before, between and after the runs. That keeps the map small and exact, and together with
the clean text it *is* the raw text: nothing clean-up removed is lost.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OffsetMap:
    """Kept runs of a deletion-only edit; ``clean_len`` closes the last run.

    ``gaps[k]`` is the raw text deleted just before run ``k``; ``gaps[-1]`` follows the
    last run, so ``len(gaps) == len(clean_starts) + 1``.
    """

    clean_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]
    clean_len: int
    gaps: tuple[str, ...] = ()

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((0,), (0,), length, ("", ""))

    @classmethod
    def from_deletions(
        cls, raw: str, deletions: Iterable[tuple[int, int]]
    ) -> tuple[str, OffsetMap]:
        """Delete raw ranges ``[start, end)`` (any order, may overlap); return text and map."""
        merged: list[list[int]] = []
        for start, end in sorted(deletions):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        pieces: list[str] = []
        clean_starts: list[int] = []
        raw_starts: list[int] = []
        gaps: list[str] = []
        pos = clean_pos = 0
        pending = ""
        for start, end in [*merged, [len(raw), len(raw)]]:
            if start > pos:
                clean_starts.append(clean_pos)
                raw_starts.append(pos)
                gaps.append(pending)
                pieces.append(raw[pos:start])
                clean_pos += start - pos
                pending = ""
            pending += raw[max(pos, start) : end]
            pos = max(pos, end)
        if not clean_starts:
            clean_starts, raw_starts, gaps = [0], [len(raw)], [pending]
            pending = ""
        gaps.append(pending)
        return "".join(pieces), cls(tuple(clean_starts), tuple(raw_starts), clean_pos, tuple(gaps))

    def is_identity(self) -> bool:
        return self.raw_starts == (0,) and not any(self.gaps)

    def to_raw(self, pos: int) -> int:
        """Raw offset of the clean character at ``pos`` (``pos < clean_len``)."""
        k = bisect_right(self.clean_starts, pos) - 1
        return self.raw_starts[k] + pos - self.clean_starts[k]

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering the clean span; deleted noise inside it is included."""
        if end <= start:
            raw = self.to_raw(start) if start < self.clean_len else self.raw_end()
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def raw_end(self) -> int:
        return self.raw_starts[-1] + self.clean_len - self.clean_starts[-1]

    def raw_text(self, clean: str) -> str:
        """The raw text this map was made from (for a slice: the raw text of its extent)."""
        bounds = [*self.clean_starts[1:], self.clean_len]
        parts = []
        for k, (start, end) in enumerate(zip(self.clean_starts, bounds)):
            parts += [self.gaps[k], clean[start:end]]
        parts.append(self.gaps[-1])
        return "".join(parts)

    def repairs(self) -> list[tuple[int, str]]:
        """Clean offsets where raw text was deleted, with that text (to show repairs)."""
        out = [(c, g) for c, g in zip(self.clean_starts, self.gaps) if g]
        if self.gaps[-1]:
            out.append((self.clean_len, self.gaps[-1]))
        return out

    def slice(self, start: int, end: int) -> OffsetMap:
        """The map of ``clean[start:end]`` as a text of its own (raw offsets unchanged).

        What was deleted before its first and after its last character belongs to its
        neighbours, so a slice's outer gaps are empty.
        """
        k0 = bisect_right(self.clean_starts, start) - 1
        clean_starts = [0]
        raw_starts = [self.raw_starts[k0] + start - self.clean_starts[k0]]
        gaps = [""]
        for k in range(k0 + 1, len(self.clean_starts)):
            if self.clean_starts[k] >= end:
                break
            clean_starts.append(self.clean_starts[k] - start)
            raw_starts.append(self.raw_starts[k])
            gaps.append(self.gaps[k])
        gaps.append("")
        return OffsetMap(tuple(clean_starts), tuple(raw_starts), end - start, tuple(gaps))

    def to_json(self) -> dict[str, Any]:
        return {
            "runs": [[c, r] for c, r in zip(self.clean_starts, self.raw_starts)],
            "len": self.clean_len,
            "gaps": list(self.gaps),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OffsetMap:
        runs = data["runs"]
        return cls(
            tuple(c for c, _ in runs), tuple(r for _, r in runs), data["len"], tuple(data["gaps"])
        )
