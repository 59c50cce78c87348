"""Agreement between the layers of a project: pairwise, overall, per label, per document.

Which layers: by default every human layer (roles ``annotator`` and ``reviewer``), imported
ones included; machine and gold layers only when named. A layer is compared as it stands
in the project (what ``export --annotator`` writes), whatever the origin of its spans.

Which documents: a document is *annotated* by an annotator when it has a ``doc_status`` row
for them (they opened it, even if they then removed every span) or their layer holds a span
in it (an imported layer has no status rows); not when their only part in it was reviewing
(review writes the reviewer a status row), and people who only reviewed are left out of the
default selection. A pair is compared over the documents both
annotated; alpha over the documents at least two annotated, an annotator who did not
annotate a document counting as a missing value (Krippendorff's treatment of missing data;
with complete data this is simply "all annotated").

Every figure that cannot be computed is None, with the reason under ``null_reasons``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any, NamedTuple

import numpy as np

from ..layers import people, reviewing_only
from ..model import parse_layer_ref
from ..store import Project, figures, streams
from ..store import annotators as annotators_store
from ..store import documents as docs_store
from . import chars
from .spans import NO_LINK, Counts, Layer, count, f1, ratio

FEWER_THAN_TWO = "fewer than two annotators to compare"
NO_COMMON_DOCS = "no document annotated by both"
NO_PAIRABLE_DOCS = "no document annotated by two or more of them"
NO_SPANS = "no spans in either layer"
NO_SPANS_A = "the first layer has no spans"
NO_SPANS_B = "the second layer has no spans"
NO_LINKS = "no matched pair of linkable spans where either is linked"
NO_KAPPAS = "no pair has a defined kappa"
_CHAR_REASONS = {1: chars.NO_CHARS, 2: chars.ONE_CATEGORY}

METHOD = {
    "annotated": "a doc_status row for the annotator, or any span in their layer; "
    "not for reviewing it",
    "exact": "same start, end and label",
    "overlap": "same label, any shared character; one-to-one, greedy by overlap size",
    "precision_recall": "b read against a",
    "chars": "one category per character: its span's label, or unlabelled",
    "alpha": "nominal, over documents annotated by two or more; missing values allowed",
    "links": "overlap-matched linkable spans where either is linked: share of same id",
}


class AgreementError(ValueError):
    """A selection that names no such annotator or label; the message is for the user."""


@dataclass
class Inputs:
    """The layers being compared, read once from the project."""

    names: list[str]
    doc_ids: list[str]
    titles: list[str]
    lengths: np.ndarray  # code points per document
    annotated: np.ndarray  # (documents, annotators) bool
    layers: list[Layer]  # per annotator; document index into doc_ids, offsets in the document
    labels: list[str]  # category i + 1; 0 is unlabelled
    linkable: np.ndarray  # bool per category


# -- reading the project -------------------------------------------------------------------
def _annotators(project: Project, names: Sequence[str] | None) -> list[tuple[int, str]]:
    if names is None:
        return people(project)
    out: list[tuple[int, str]] = []
    for ref in names:
        name = parse_layer_ref(ref)[0]
        found = annotators_store.find(project, name)
        if found is None:
            raise AgreementError(f"no annotator {ref!r} in this project")
        if all(name != n for _, n in out):
            out.append((found, name))
    return out


def _labels(project: Project, seen: set[str], wanted: Sequence[str] | None) -> list[str]:
    """Schema order, then labels only the layers use; or the ones asked for."""
    schema = project.schema.names()
    if wanted is None:
        return [lab for lab in schema if lab in seen] + sorted(seen - set(schema))
    unknown = [lab for lab in wanted if lab not in schema and lab not in seen]
    if unknown:
        raise AgreementError(f"unknown label(s): {', '.join(unknown)}")
    return list(dict.fromkeys(wanted))


def _codes(values: Sequence[Any], code: dict[Any, int], missing: int) -> np.ndarray:
    return np.array([code.get(v, missing) for v in values], dtype=np.int64)


class _Spans(NamedTuple):
    """The spans of the chosen layers as columns; ``label`` indexes ``labels`` (the labels
    seen, in order of first appearance), links are coded already."""

    doc: np.ndarray
    owner: np.ndarray
    start: np.ndarray
    end: np.ndarray
    labels: list[str]
    link: np.ndarray
    label: np.ndarray


def _read_spans(project: Project, ids: list[int], position: dict[str, int],
                column: dict[int, int], reviewed: set[tuple[str, int]]) -> _Spans:
    """Read a chunk of rows at a time into integer columns: a project's spans are never
    held as Python rows all at once."""
    labels: dict[str, int] = {}
    links: dict[Any, int] = {}  # every link value (None too) by first appearance
    parts: list[tuple[np.ndarray, ...]] = []
    for rows in streams.span_chunks(project, ids):
        if reviewed:  # a reviewer's own layer, seeded when they opened the document, is no view
            rows = [r for r in rows if (r[0], r[1]) not in reviewed]
        if not rows:
            continue
        doc_ids, who, starts, ends, span_labels, span_links = zip(*rows)
        parts.append((
            _codes(doc_ids, position, -1), _codes(who, column, -1),
            np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64),
            np.array([labels.setdefault(x, len(labels)) for x in span_labels], dtype=np.int64),
            np.array([links.setdefault(x, len(links)) for x in span_links], dtype=np.int64),
        ))  # fmt: skip
    empty = np.zeros(0, dtype=np.int64)
    cols = [np.concatenate(c) for c in zip(*parts)] if parts else [empty] * 6
    link_code = np.array([i if x else NO_LINK for x, i in links.items()], dtype=np.int64)
    link = link_code[cols[5]] if len(link_code) else cols[5]
    return _Spans(cols[0], cols[1], cols[2], cols[3], list(labels), link, cols[4])


def load(
    project: Project, annotators: Sequence[str] | None = None, labels: Sequence[str] | None = None
) -> Inputs:
    """Documents, who annotated which, and the spans of the chosen layers, read in one pass
    per table (a query per document would dominate the run time)."""
    chosen = _annotators(project, annotators)
    ids = [i for i, _ in chosen]
    reviewed = reviewing_only(project)
    docs = list(docs_store.outlines(project))  # lengths, not texts
    position = {r[0]: d for d, r in enumerate(docs)}
    column = {a: k for k, a in enumerate(ids)}
    annotated = np.zeros((len(docs), len(ids)), dtype=bool)
    for doc_id, person in figures.status_pairs(project, ids):
        annotated[position[doc_id], column[person]] = (doc_id, person) not in reviewed
    spans = _read_spans(project, ids, position, column, reviewed)
    doc, owner, start, end, link = spans.doc, spans.owner, spans.start, spans.end, spans.link
    cats = _labels(project, set(spans.labels), labels)
    category = {lab: i + 1 for i, lab in enumerate(cats)}
    label = np.array([category.get(lab, 0) for lab in spans.labels], dtype=np.int64)[spans.label]
    annotated[doc, owner] = True  # a span of any label: the document was annotated
    layers = []
    for k in range(len(ids)):
        keep = (owner == k) & (label > 0)  # spans of labels left out are not compared
        layers.append(Layer(doc[keep], start[keep], end[keep], label[keep], link[keep]))
    linkable = {lab.name for lab in project.schema.labels if lab.linkable} or {"AGENCY"}
    inputs = Inputs(
        [n for _, n in chosen],
        [r[0] for r in docs],
        [r[1] or "" for r in docs],
        np.array([r[2] for r in docs], dtype=np.int64),
        annotated,
        layers,
        cats,
        np.array([False] + [lab in linkable for lab in cats]),
    )
    if annotators is not None:
        return inputs
    return _without_reviewers(inputs, {column[w] for _, w in reviewed if w in column})


def _without_reviewers(inputs: Inputs, reviewers: set[int]) -> Inputs:
    """Drop, from the default selection, people (by column) who reviewed documents and
    annotated none: they would only add pairs with nothing in common."""
    keep = [k for k in range(len(inputs.names))
            if k not in reviewers or inputs.annotated[:, k].any()]
    return replace(inputs, names=[inputs.names[k] for k in keep],
                   annotated=inputs.annotated[:, keep], layers=[inputs.layers[k] for k in keep])


# -- the computation -----------------------------------------------------------------------
@dataclass
class _Scope:
    """The documents annotated by two or more, laid end to end."""

    docs: np.ndarray  # document indices
    lengths: np.ndarray
    offsets: np.ndarray
    annotated: np.ndarray  # (scope, annotators)
    k: int

    @property
    def chars(self) -> int:
        return int(self.lengths.sum())


def _in_scope(layer: Layer, where: np.ndarray, scope: _Scope) -> Layer:
    """The spans of compared documents, clipped to their text, in global coordinates."""
    pos = where[layer.doc]
    kept = layer.take(pos >= 0)
    pos = pos[pos >= 0]
    start = np.clip(kept.start, 0, scope.lengths[pos])
    end = np.clip(kept.end, 0, scope.lengths[pos])
    ok = start < end
    base = scope.offsets[pos]
    return Layer(pos[ok], (base + start)[ok], (base + end)[ok], kept.label[ok], kept.link[ok])


CHUNK_DOCS = 2048  # documents whose characters are coded at once


def _confusions(scope: _Scope, layers: list[Layer],
                pair_ids: list[tuple[int, int]]) -> list[np.ndarray]:
    """Each pair's character confusion matrix per document, (scope, k, k).

    The characters are coded a chunk of documents at a time, so the per-character arrays
    never span the whole project.
    """
    n = len(scope.docs)
    out = [np.zeros((n, scope.k, scope.k), dtype=np.int64) for _ in pair_ids]
    order = [np.argsort(layer.doc, kind="stable") for layer in layers]
    sorted_docs = [layer.doc[idx] for layer, idx in zip(layers, order)]
    for d0 in range(0, n, CHUNK_DOCS):
        d1 = min(n, d0 + CHUNK_DOCS)
        base = int(scope.offsets[d0])
        size = int(scope.offsets[d1 - 1] + scope.lengths[d1 - 1]) - base
        codes = [chars.codes(_chunk(layer, idx, at, d0, d1, base), size, scope.k)
                 for layer, idx, at in zip(layers, order, sorted_docs)]
        doc_of_char = np.repeat(np.arange(d1 - d0, dtype=np.int64), scope.lengths[d0:d1])
        for conf, (i, j) in zip(out, pair_ids):
            conf[d0:d1] = chars.doc_confusions(codes[i], codes[j], doc_of_char, d1 - d0,
                                               scope.k)
    return out


def _chunk(layer: Layer, order: np.ndarray, docs: np.ndarray, d0: int, d1: int,
           base: int) -> Layer:
    """The layer's spans in documents ``d0`` to ``d1`` (``order`` sorts the layer by
    document, ``docs`` are its documents so sorted), in the chunk's coordinates."""
    lo, hi = np.searchsorted(docs, [d0, d1])
    part = layer.take(order[lo:hi])
    return Layer(part.doc - d0, part.start - base, part.end - base, part.label, part.link)


@dataclass
class _Pair:
    i: int
    j: int
    both: np.ndarray  # (scope,) bool
    conf: np.ndarray  # (scope, k, k) character confusion per document
    counts: Counts


def agreement(
    project: Project, annotators: Sequence[str] | None = None, labels: Sequence[str] | None = None
) -> dict[str, Any]:
    """Every agreement figure of a project, as the JSON-ready dict ``--json`` prints."""
    return compute(load(project, annotators, labels))


def compute(inputs: Inputs) -> dict[str, Any]:
    """The figures for layers already read."""
    m_doc = inputs.annotated.sum(axis=1)
    docs = np.flatnonzero(m_doc >= 2)
    lengths = inputs.lengths[docs]
    offsets = np.cumsum(lengths) - lengths
    scope = _Scope(docs, lengths, offsets, inputs.annotated[docs], len(inputs.labels) + 1)
    where = np.full(len(inputs.doc_ids), -1, dtype=np.int64)
    where[docs] = np.arange(len(docs))
    layers = [_in_scope(layer, where, scope) for layer in inputs.layers]
    pair_ids = list(combinations(range(len(inputs.names)), 2))
    confusions = _confusions(scope, layers, pair_ids)
    weight = 1.0 / np.maximum(m_doc[docs] - 1, 1)
    coincidence = np.zeros((len(docs), scope.k, scope.k))
    pairs = []
    for (i, j), conf in zip(pair_ids, confusions):
        both = scope.annotated[:, i] & scope.annotated[:, j]
        conf[~both] = 0
        coincidence += (conf + conf.transpose(0, 2, 1)) * weight[:, None, None]
        a, b = (layers[x].take(both[layers[x].doc]) for x in (i, j))
        pairs.append(_Pair(i, j, both, conf, count(a, b, len(docs), scope.k, inputs.linkable)))
    pair_entries = [_pair_entry(inputs, p) for p in pairs]
    return {
        "annotators": inputs.names,
        "labels": inputs.labels,
        "documents": {
            "total": len(inputs.doc_ids),
            "compared": len(docs),
            "annotated_by": {
                n: int(inputs.annotated[:, k].sum()) for k, n in enumerate(inputs.names)
            },
        },
        "method": METHOD,
        "pairs": pair_entries,
        "overall": _overall(inputs, scope, coincidence.sum(axis=0), pairs, pair_entries),
        "per_label": _per_label(inputs, scope, coincidence.sum(axis=0), pairs, layers),
        "per_document": _per_document(inputs, scope, coincidence, pairs, layers),
    }


# -- figures with reasons ------------------------------------------------------------------
def _put(out: dict, key: str, value: float | None, reason: str) -> None:
    out[key] = value
    if value is None:
        out.setdefault("null_reasons", {})[key] = reason


def _spans_block(out: dict, exact: int, overlap: int, n_a: int, n_b: int, empty: str) -> None:
    """Matched counts, precision and recall (b against a) and F1, exact and overlapping."""
    for kind, matched in (("exact", exact), ("overlap", overlap)):
        out[f"matched_{kind}"] = matched
        _put(out, f"precision_{kind}", ratio(matched, n_b), NO_SPANS_B if n_a else empty)
        _put(out, f"recall_{kind}", ratio(matched, n_a), NO_SPANS_A if n_b else empty)
        _put(out, f"span_f1_{kind}", f1(matched, n_a, n_b), empty)


def _f1_block(out: dict, exact: int, overlap: int, spans: int, empty: str) -> None:
    """F1 alone, pooled over pairs: precision and recall need an order of the layers."""
    out["matched_exact"], out["matched_overlap"] = exact, overlap
    _put(out, "span_f1_exact", f1(exact, spans, 0), empty)
    _put(out, "span_f1_overlap", f1(overlap, spans, 0), empty)


def _links(out: dict, compared: int, agreed: int, empty: str) -> None:
    out["links_compared"] = compared
    _put(out, "link_agreement", ratio(agreed, compared), empty)


def _total(a: np.ndarray) -> int:
    return int(a.sum())


def _pair_entry(inputs: Inputs, pair: _Pair) -> dict:
    c, docs = pair.counts, int(pair.both.sum())
    entry: dict = {
        "a": inputs.names[pair.i],
        "b": inputs.names[pair.j],
        "documents": docs,
        "chars": _total(pair.conf),
        "spans_a": _total(c.spans_a),
        "spans_b": _total(c.spans_b),
    }
    empty = NO_SPANS if docs else NO_COMMON_DOCS
    n_a, n_b = entry["spans_a"], entry["spans_b"]
    _spans_block(entry, _total(c.exact), _total(c.overlap), n_a, n_b, empty)
    value, why = chars.kappa(pair.conf.sum(axis=0))
    _put(entry, "kappa_char", value, (why or "") if docs else NO_COMMON_DOCS)
    _links(entry, _total(c.links_compared), _total(c.links_agreed), NO_LINKS if docs else empty)
    entry["per_label"] = {}
    for code, label in enumerate(inputs.labels, start=1):
        la, lb = _total(c.spans_a[:, code]), _total(c.spans_b[:, code])
        figures: dict = {"spans_a": la, "spans_b": lb}
        ex, ov = _total(c.exact[:, code]), _total(c.overlap[:, code])
        _spans_block(figures, ex, ov, la, lb, empty)
        entry["per_label"][label] = figures
    return entry


def _overall(
    inputs: Inputs, scope: _Scope, total: np.ndarray, pairs: list[_Pair], entries: list[dict]
) -> dict:
    docs = len(scope.docs)
    out: dict = {"annotators": len(inputs.names), "documents": docs, "chars": scope.chars}
    missing = FEWER_THAN_TWO if len(inputs.names) < 2 else NO_PAIRABLE_DOCS
    value, why = chars.alpha(total)
    _put(out, "alpha_char", value, (why or "") if docs else missing)
    kappas = [e["kappa_char"] for e in entries if e["kappa_char"] is not None]
    _put(out, "kappa_char_mean", sum(kappas) / len(kappas) if kappas else None,
         NO_KAPPAS if docs else missing)
    spans = sum(_total(p.counts.spans_a) + _total(p.counts.spans_b) for p in pairs)
    exact = sum(_total(p.counts.exact) for p in pairs)
    overlap = sum(_total(p.counts.overlap) for p in pairs)
    _f1_block(out, exact, overlap, spans, NO_SPANS if docs else missing)
    compared = sum(_total(p.counts.links_compared) for p in pairs)
    agreed = sum(_total(p.counts.links_agreed) for p in pairs)
    _links(out, compared, agreed, NO_LINKS if docs else missing)
    return out


def _per_label(
    inputs: Inputs, scope: _Scope, total: np.ndarray, pairs: list[_Pair], layers: list[Layer]
) -> dict:
    """Per label: F1 pooled over pairs and a binary alpha (this label against the rest)."""
    missing = FEWER_THAN_TWO if len(inputs.names) < 2 else NO_PAIRABLE_DOCS
    docs = len(scope.docs)
    per_layer = [np.bincount(layer.label, minlength=scope.k) for layer in layers]
    out = {}
    for code, label in enumerate(inputs.labels, start=1):
        figures: dict = {"spans": {n: int(c[code]) for n, c in zip(inputs.names, per_layer)}}
        spans = sum(_total(p.counts.spans_a[:, code] + p.counts.spans_b[:, code]) for p in pairs)
        exact = sum(_total(p.counts.exact[:, code]) for p in pairs)
        overlap = sum(_total(p.counts.overlap[:, code]) for p in pairs)
        _f1_block(figures, exact, overlap, spans, NO_SPANS if docs else missing)
        value, why = chars.alpha(chars.binary(total, code))
        _put(figures, "alpha_char", value, (why or "") if docs else missing)
        out[label] = figures
    return out


def _per_document(
    inputs: Inputs,
    scope: _Scope,
    coincidence: np.ndarray,
    pairs: list[_Pair],
    layers: list[Layer],
) -> list[dict]:
    """One entry per compared document: its alpha, pooled F1 and each pair's figures."""
    alphas, why = chars.alpha_many(coincidence)
    n = len(scope.docs)
    spans_per = [np.bincount(layer.doc, minlength=n).tolist() for layer in layers]
    rows = [_doc_pair_rows(inputs, p) for p in pairs]
    out = []
    for p, d in enumerate(scope.docs.tolist()):
        who = [k for k in range(len(inputs.names)) if scope.annotated[p, k]]
        entry: dict = {
            "doc_id": inputs.doc_ids[d],
            "title": inputs.titles[d],
            "chars": int(scope.lengths[p]),
            "annotators": [inputs.names[k] for k in who],
            "spans": {inputs.names[k]: spans_per[k][p] for k in who},
        }
        doc_pairs = [r[p] for pair, r in zip(pairs, rows) if pair.both[p]]
        exact = sum(e["matched_exact"] for e in doc_pairs)
        overlap = sum(e["matched_overlap"] for e in doc_pairs)
        spans = sum(e.pop("_spans") for e in doc_pairs)
        _f1_block(entry, exact, overlap, spans, NO_SPANS)
        _put(entry, "alpha_char", _number(alphas[p]), _CHAR_REASONS.get(int(why[p]), ""))
        entry["pairs"] = doc_pairs
        out.append(entry)
    return out


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _doc_pair_rows(inputs: Inputs, pair: _Pair) -> list[dict]:
    """This pair's figures for every compared document (used where both annotated it)."""
    c = pair.counts
    kappas, why = chars.kappa_many(pair.conf)
    columns = zip(
        c.exact.sum(axis=1).tolist(),
        c.overlap.sum(axis=1).tolist(),
        (c.spans_a.sum(axis=1) + c.spans_b.sum(axis=1)).tolist(),
        kappas.tolist(),
        why.tolist(),
    )
    rows = []
    for exact, overlap, spans, kappa, reason in columns:
        row: dict = {"a": inputs.names[pair.i], "b": inputs.names[pair.j], "_spans": spans}
        _f1_block(row, exact, overlap, spans, NO_SPANS)
        _put(row, "kappa_char", _number(kappa), _CHAR_REASONS.get(reason, ""))
        rows.append(row)
    return rows
