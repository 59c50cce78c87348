"""Character-level agreement: Cohen's kappa per pair and Krippendorff's alpha (nominal).

Every character of a document gets one category per annotator: the label of the span that
covers it, or ``UNLABELLED`` (code 0), which is a category like any other. Offsets are code
points, so a character outside the BMP (𠮷) is one character here, as everywhere else.

Everything is computed from per-document confusion matrices (one ``bincount`` per pair over
the concatenated characters), so ten thousand documents take well under a second.

Krippendorff's alpha is computed from the coincidence matrix. An annotator either annotated
a whole document or not at all, so every character of a document is coded by the same
``m`` annotators and contributes ``(C + Cᵀ) / (m - 1)`` for each pair's confusion matrix
``C``; documents coded by one annotator are not pairable and contribute nothing.

A coefficient is undefined (None) when there is nothing to compare, or when only one
category occurs at all (e.g. no spans anywhere): chance agreement is then 1 and the
coefficient is 0/0. Identical layers with at least one span give exactly 1.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

from .spans import Layer

UNLABELLED = 0

NO_CHARS = "no characters to compare"
ONE_CATEGORY = (
    "only one category occurs (e.g. no spans at all): chance agreement is 1, so the "
    "coefficient is 0/0"
)


def codes(layer: Layer, n_chars: int, k: int) -> np.ndarray:
    """The category of every character (``UNLABELLED`` outside spans) from one layer's
    spans in global coordinates. Spans of one layer do not overlap (the store refuses it);
    if some did, the characters they share would take one of their labels."""
    dtype = np.int8 if k < 128 else np.int32
    out = np.zeros(n_chars, dtype=dtype)
    widths = layer.end - layer.start
    if len(widths):
        steps = np.arange(int(widths.sum())) - np.repeat(np.cumsum(widths) - widths, widths)
        out[np.repeat(layer.start, widths) + steps] = np.repeat(layer.label, widths)
    return out


def doc_confusions(
    a: np.ndarray, b: np.ndarray, doc_of_char: np.ndarray, n_docs: int, k: int
) -> np.ndarray:
    """Confusion matrices per document, shape (n_docs, k, k): rows ``a``, columns ``b``."""
    flat = (doc_of_char * k + a) * k + b
    return np.bincount(flat, minlength=n_docs * k * k).reshape(n_docs, k, k)


def kappa(conf: np.ndarray) -> tuple[float | None, str | None]:
    """Cohen's kappa of one confusion matrix, in exact integer arithmetic until the end."""
    n = int(conf.sum())
    if n == 0:
        return None, NO_CHARS
    chance = sum(int(r) * int(c) for r, c in zip(conf.sum(axis=1), conf.sum(axis=0)))
    denom = n * n - chance
    if denom == 0:
        return None, ONE_CATEGORY
    return (n * int(np.trace(conf)) - chance) / denom, None


def kappa_many(conf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Kappa of each matrix in a stack (d, k, k): values (NaN where undefined) and a code
    per matrix: 0 defined, 1 no characters, 2 one category."""
    conf = conf.astype(np.int64)
    n = conf.sum(axis=(1, 2))
    chance = (conf.sum(axis=2) * conf.sum(axis=1)).sum(axis=1)
    agreed = np.trace(conf, axis1=1, axis2=2)
    denom = n * n - chance
    ok = denom > 0
    values = np.full(len(conf), np.nan)
    values[ok] = (n[ok] * agreed[ok] - chance[ok]) / denom[ok]
    why = np.where(n == 0, 1, np.where(ok, 0, 2))
    return values, why


def alpha(coincidence: np.ndarray) -> tuple[float | None, str | None]:
    """Krippendorff's alpha (nominal) from a coincidence matrix."""
    n = float(coincidence.sum())
    if n <= 1:
        return None, NO_CHARS
    totals = coincidence.sum(axis=1)
    if np.count_nonzero(totals) < 2:
        return None, ONE_CATEGORY
    observed = n - float(np.trace(coincidence))
    expected = (n * n - float((totals**2).sum())) / (n - 1)
    return 1.0 - observed / expected, None


def alpha_many(coincidence: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Alpha of each coincidence matrix in a stack (d, k, k), with codes as ``kappa_many``."""
    n = coincidence.sum(axis=(1, 2))
    totals = coincidence.sum(axis=2)
    ok = (n > 1) & (np.count_nonzero(totals, axis=1) >= 2)
    observed = n - np.trace(coincidence, axis1=1, axis2=2)
    values = np.full(len(coincidence), np.nan)
    expected = (n[ok] ** 2 - (totals[ok] ** 2).sum(axis=1)) / (n[ok] - 1)
    values[ok] = 1.0 - observed[ok] / expected
    why = np.where(n <= 1, 1, np.where(ok, 0, 2))
    return values, why


def binary(matrix: np.ndarray, code: int) -> np.ndarray:
    """Collapse a (k, k) matrix to 2×2: this category against every other."""
    rest = [c for c in range(matrix.shape[0]) if c != code]
    inside = matrix[code, code]
    row = matrix[code, rest].sum()
    col = matrix[rest, code].sum()
    other = matrix[np.ix_(rest, rest)].sum()
    return np.array([[inside, row], [col, other]])


def alpha_nominal(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Alpha straight from reliability data: one row per coder, one column per unit, None
    where a coder gave no value. For checks and small tables; projects use ``alpha``."""
    values = sorted({v for row in data for v in row if v is not None}, key=repr)
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for unit in zip(*data):
        coded = [index[v] for v in unit if v is not None]
        if len(coded) < 2:
            continue
        for i, x in enumerate(coded):
            for j, y in enumerate(coded):
                if i != j:
                    o[x, y] += 1 / (len(coded) - 1)
    return alpha(o)[0]
