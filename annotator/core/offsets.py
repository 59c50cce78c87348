"""Map offsets in a cleaned text back to the raw text it was cut from.

Clean-up only ever deletes characters from the raw text, so the map is a list of
kept runs: ``(clean_start, raw_start)`` pairs, each run copied verbatim. That keeps
the map small, exact and easy to verify: every clean character *is* a raw character.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class OffsetMap:
    """Kept runs of a deletion-only edit; ``clean_len`` closes the last run."""

    clean_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]
    clean_len: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((0,), (0,), length)

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
        pos = clean_pos = 0
        for start, end in [*merged, [len(raw), len(raw)]]:
            if start > pos:
                clean_starts.append(clean_pos)
                raw_starts.append(pos)
                pieces.append(raw[pos:start])
                clean_pos += start - pos
            pos = max(pos, end)
        if not clean_starts:
            clean_starts, raw_starts = [0], [0]
        return "".join(pieces), cls(tuple(clean_starts), tuple(raw_starts), clean_pos)

    def is_identity(self) -> bool:
        return self.clean_starts == (0,) and self.raw_starts == (0,)

    def to_raw(self, pos: int) -> int:
        """Raw offset of the clean character at ``pos`` (``pos < clean_len``)."""
        k = bisect_right(self.clean_starts, pos) - 1
        return self.raw_starts[k] + pos - self.clean_starts[k]

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering the clean span; deleted noise inside it is included."""
        if end <= start:
            raw = self.to_raw(start) if start < self.clean_len else self._raw_end()
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def _raw_end(self) -> int:
        return self.raw_starts[-1] + self.clean_len - self.clean_starts[-1]

    def repaired_positions(self) -> list[int]:
        """Clean offsets where deleted raw text sat just before them (for showing repairs)."""
        out = []
        for k in range(1, len(self.clean_starts)):
            out.append(self.clean_starts[k])
        if self.raw_starts and self.raw_starts[0] > 0:
            out.insert(0, 0)
        return out

    def slice(self, start: int, end: int) -> OffsetMap:
        """The map of ``clean[start:end]`` as a text of its own (raw offsets unchanged)."""
        k0 = bisect_right(self.clean_starts, start) - 1
        clean_starts = [0]
        raw_starts = [self.raw_starts[k0] + start - self.clean_starts[k0]]
        for k in range(k0 + 1, len(self.clean_starts)):
            if self.clean_starts[k] >= end:
                break
            clean_starts.append(self.clean_starts[k] - start)
            raw_starts.append(self.raw_starts[k])
        return OffsetMap(tuple(clean_starts), tuple(raw_starts), end - start)

    def to_json(self) -> list[list[int]]:
        return [[c, r] for c, r in zip(self.clean_starts, self.raw_starts)] + [[self.clean_len]]

    @classmethod
    def from_json(cls, data: Sequence[Sequence[int]]) -> OffsetMap:
        *runs, (clean_len,) = data
        return cls(tuple(c for c, _ in runs), tuple(r for _, r in runs), clean_len)
