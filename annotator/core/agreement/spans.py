"""Span-level agreement between two layers, over many documents at once.

Two matchings are counted:

- **exact**: same start, end and label (a span duplicated in one layer matches at most as
  many times as it occurs in the other);
- **overlapping**: same label and at least one shared character. Each span is matched at most
  once, greedily, largest overlap first (ties: earlier start in the first layer, then in the
  second). Greedy rather than an optimal assignment: the result is easy to explain to the
  people being compared, and within a layer spans do not overlap, so it rarely differs.

Precision and recall read the second layer against the first (``b`` against ``a``); F1 is
symmetric. Link agreement is counted on overlap-matched pairs of linkable labels (AGENCY):
of the pairs where at least one span carries a link, those where both carry the same one.

Spans are held as parallel numpy arrays in *global* coordinates (the document's offset in
the concatenated compared documents plus the span's offset), so spans of different
documents can never overlap and every step is one vectorised pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

NO_LINK = -1


class Item(NamedTuple):
    """A span as agreement sees it: bounds, label, and the agency it links to, if any."""

    start: int
    end: int
    label: str
    link: str | None = None


@dataclass(frozen=True)
class Layer:
    """One annotator's spans: document position, global start and end, category, link code."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    label: np.ndarray
    link: np.ndarray

    def __len__(self) -> int:
        return len(self.doc)

    def take(self, index: np.ndarray) -> Layer:
        return Layer(*(a[index] for a in (self.doc, self.start, self.end, self.label, self.link)))


def layer_of(items: Sequence[Item], labels: Sequence[str], links: dict[str, int]) -> Layer:
    """The spans of one document (document 0, offset 0); categories are 1 + label index."""
    code = {lab: i + 1 for i, lab in enumerate(labels)}
    for s in items:
        if s.link is not None:
            links.setdefault(s.link, len(links))
    columns = (
        [0] * len(items),
        [s.start for s in items],
        [s.end for s in items],
        [code[s.label] for s in items],
        [NO_LINK if s.link is None else links[s.link] for s in items],
    )
    return Layer(*(np.array(c, dtype=np.int64) for c in columns))


@dataclass
class Counts:
    """Per document and label (shape (documents, labels + 1), column 0 unused): spans in
    each layer and matched spans; per document: links compared and agreed."""

    spans_a: np.ndarray
    spans_b: np.ndarray
    exact: np.ndarray
    overlap: np.ndarray
    links_compared: np.ndarray
    links_agreed: np.ndarray


def _grid(layer_doc: np.ndarray, label: np.ndarray, n_docs: int, k: int) -> np.ndarray:
    return np.bincount(layer_doc * k + label, minlength=n_docs * k).reshape(n_docs, k)


def exact_matches(a: Layer, b: Layer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(document, category, times) for every (start, end, label) present in both layers."""
    both = Layer(*(np.concatenate((x, y)) for x, y in zip(_columns(a), _columns(b))))
    rows = np.stack((both.start, both.end, both.label), axis=1)
    keys, first, inverse = np.unique(rows, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    in_a = np.bincount(inverse[: len(a)], minlength=len(keys))
    in_b = np.bincount(inverse[len(a) :], minlength=len(keys))
    times = np.minimum(in_a, in_b)
    hit = times > 0
    return both.doc[first[hit]], keys[hit, 2], times[hit]


def _columns(layer: Layer) -> tuple[np.ndarray, ...]:
    return (layer.doc, layer.start, layer.end, layer.label, layer.link)


def _candidates(a: Layer, b: Layer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(index in a, index in b, shared characters) for every same-label overlapping pair."""
    if not len(a) or not len(b):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    order = np.argsort(b.start, kind="stable")
    starts = b.start[order]
    longest = int((b.end - b.start).max())
    lo = np.searchsorted(starts, a.start - longest + 1, side="left")
    hi = np.searchsorted(starts, a.end, side="left")
    width = np.maximum(hi - lo, 0)
    ia = np.repeat(np.arange(len(a)), width)
    steps = np.arange(int(width.sum())) - np.repeat(np.cumsum(width) - width, width)
    ib = order[np.repeat(lo, width) + steps]
    shared = np.minimum(a.end[ia], b.end[ib]) - np.maximum(a.start[ia], b.start[ib])
    keep = (shared > 0) & (a.label[ia] == b.label[ib])
    return ia[keep], ib[keep], shared[keep]


def overlap_matches(a: Layer, b: Layer) -> tuple[np.ndarray, np.ndarray]:
    """One-to-one pairs (indices in ``a`` and ``b``), greedy by overlap size.

    A candidate whose two spans have no other candidate is taken as it is; only the rest —
    spans that could pair in more than one way — go through the sequential greedy loop.
    """
    ia, ib, shared = _candidates(a, b)
    order = np.lexsort((b.start[ib], a.start[ia], -shared))
    ia, ib = ia[order], ib[order]
    alone = (np.bincount(ia, minlength=len(a))[ia] == 1) & (
        np.bincount(ib, minlength=len(b))[ib] == 1
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for n, (i, j) in enumerate(zip(ia[~alone].tolist(), ib[~alone].tolist())):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            chosen.append(n)
    rest = np.flatnonzero(~alone)[chosen]
    take = np.sort(np.concatenate((np.flatnonzero(alone), rest)))
    return ia[take], ib[take]


def count(a: Layer, b: Layer, n_docs: int, k: int, linkable: np.ndarray) -> Counts:
    """Match two layers over ``n_docs`` documents and count, per document and category.

    ``linkable`` is a boolean per category: whose matched pairs count for link agreement.
    """
    exact = np.zeros((n_docs, k), dtype=np.int64)
    doc, label, times = exact_matches(a, b)
    np.add.at(exact, (doc, label), times)
    ia, ib = overlap_matches(a, b)
    overlap = _grid(a.doc[ia], a.label[ia], n_docs, k)
    la, lb = a.link[ia], b.link[ib]
    compared = linkable[a.label[ia]] & ((la != NO_LINK) | (lb != NO_LINK))
    agreed = compared & (la == lb)
    return Counts(
        _grid(a.doc, a.label, n_docs, k),
        _grid(b.doc, b.label, n_docs, k),
        exact,
        overlap,
        np.bincount(a.doc[ia][compared], minlength=n_docs),
        np.bincount(a.doc[ia][agreed], minlength=n_docs),
    )


def f1(matched: int, n_a: int, n_b: int) -> float | None:
    """2·matched / (|a| + |b|); undefined (None) when neither layer has a span."""
    total = n_a + n_b
    return 2 * matched / total if total else None


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None
