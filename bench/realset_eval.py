"""Score the pre-highlighting engine on real pages it was never written against.

The texts are the unlabelled corpus kept outside the repository (``../shared/corpus`` beside
the checkout, or ``--corpus DIR``); the repository keeps only the hand-made gold mentions in
``tests/realset/mentions`` and each text's sha256 in ``tests/realset/manifest.tsv``. A text
whose hash differs from the manifest is skipped and named, since its gold no longer fits.

Each page is treated as an import with no region given: cleaned as import cleans it, its
metadata read from the page, and the engine run on the clean text. Gold mentions are placed
on the raw page with its furniture lines blanked (so a navigation bar never takes a mention's
place), then carried to the clean text; a gold mention that clean-up deleted counts as missed.

Prints precision, recall and F1 per label and micro-averaged (exact offsets and label), AGENCY
link accuracy per level (central, province, prefecture, county, below) and per kind (the
expected body is in the base, composed by the linker from its structure, or in neither), and
FIGURE value accuracy.

    python bench/realset_eval.py [--corpus DIR] [--labels AGENCY] [--errors]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.ingest.cleanup import clean_text  # noqa: E402
from annotator.core.ingest.metadata import extract_metadata  # noqa: E402
from annotator.core.kb.jurisdiction import Jurisdiction  # noqa: E402
from annotator.core.kb.knowledge import COMPOSED_PREFIX, default_kb  # noqa: E402
from annotator.core.kb.linker import Linker  # noqa: E402
from annotator.core.prehighlight.engine import Engine  # noqa: E402
from tests.realset.gold import CORPUS_DIR, manifest, read_text, resolve_raw  # noqa: E402

FIGURE_KEYS = ("value", "unit", "approx", "comparator")


def to_clean(gold: list[dict], offsets, clean_len: int) -> tuple[list[dict], list[dict]]:
    """Carry raw gold spans onto the clean text; also return those clean-up deleted."""
    raw_to_clean = {offsets.to_raw(i): i for i in range(clean_len)}
    kept, lost = [], []
    for g in gold:
        start, last = raw_to_clean.get(g["start"]), raw_to_clean.get(g["end"] - 1)
        if start is None or last is None:
            lost.append(g)
        else:
            kept.append({**g, "start": start, "end": last + 1})
    return kept, lost


class KbNames:
    """Entry id → every name it is known by (name, global aliases, former names), read from
    the shipped knowledge base (the national base) as the links name them."""

    def __init__(self) -> None:
        self.kb = default_kb()
        self.linker = Linker(self.kb)

    def get(self, agency_id: str, default: set[str]) -> set[str]:
        agency = self.kb.get(agency_id)
        if agency is None:
            return default
        return {text for text, kind in agency.names() if kind != "local"}

    def kind(self, expected: str | None) -> str:
        """How the knowledge base knows the expected body: ``base`` (one of its names),
        ``composed`` (the linker composes exactly that name from its structure), else
        ``not_in_kb``."""
        if not expected:
            return "not_in_kb"
        if any(k != "local" for _a, k in self.kb.lookup(expected)):
            return "base"
        links = self.linker.link(expected, Jurisdiction())
        if links and links[0].agency_id.startswith(COMPOSED_PREFIX):
            return "composed" if links[0].name == expected else "not_in_kb"
        return "not_in_kb"


def kb_names() -> KbNames:
    return KbNames()


def same_body(expected: str, link, names: KbNames) -> bool:
    """The link names the expected body (民政部 and 中华人民共和国民政部 are one body)."""
    def norm(name: str) -> str:
        return name.removeprefix("中华人民共和国")
    known = {norm(n) for n in names.get(link.agency_id, {link.name})} | {norm(link.name)}
    return norm(expected) in known


def documents(corpus: Path, skipped: list[str]):
    for file in sorted(manifest()):
        raw = read_text(file, corpus)
        if raw is None:
            skipped.append(file)
            continue
        cleaned = clean_text(raw)
        gold, lost = to_clean(resolve_raw(raw, file), cleaned.offsets, len(cleaned.text))
        yield Path(file).stem, cleaned.text, extract_metadata(raw), gold, lost


def evaluate(corpus: Path, labels: set[str] | None, show: bool) -> dict:
    engine, names = Engine(), kb_names()
    tp, fp, fn, links, values = Counter(), Counter(), Counter(), Counter(), Counter()
    skipped: list[str] = []
    docs = 0
    for stem, text, meta, gold, lost in documents(corpus, skipped):
        docs += 1
        wanted = [g for g in gold if not labels or g["label"] in labels]
        for g in lost:
            if not labels or g["label"] in labels:
                fn[g["label"]] += 1
                if show:
                    print(f"  LOST {stem} {g['label']:7} {g['text']!r} (deleted by clean-up)")
        gold_by = {(g["start"], g["end"], g["label"]): g for g in wanted}
        pred_by = {(c.start, c.end, c.label): c for c in engine.run(text, meta)
                   if not labels or c.label in labels}
        for key in gold_by.keys() & pred_by.keys():
            tp[key[2]] += 1
            _score_attrs(gold_by[key], pred_by[key], names, links, values, show, stem)
        for key in sorted(pred_by.keys() - gold_by.keys()):
            fp[key[2]] += 1
            if show:
                print(f"  FP {stem} {key[2]:7} {text[key[0]:key[1]]!r}")
        for key in sorted(gold_by.keys() - pred_by.keys()):
            fn[key[2]] += 1
            if show:
                print(f"  FN {stem} {key[2]:7} {text[key[0]:key[1]]!r}")
    return {"tp": tp, "fp": fp, "fn": fn, "links": links, "values": values,
            "docs": docs, "skipped": skipped}


def _score_attrs(gold, cand, names, links: Counter, values: Counter, show: bool, stem: str):
    if gold["label"] == "AGENCY":
        expected = gold.get("agency")
        best = cand.links[0] if cand.links and cand.links[0].score >= 0.5 else None
        if expected:
            ok = best is not None and same_body(expected, best, names)
            top5 = any(same_body(expected, link, names) for link in cand.links[:5])
        else:
            ok = top5 = best is None
        kind = names.kind(expected)
        for key in ("all", f"level:{gold.get('level', '?')}", f"kind:{kind}"):
            links[(key, "total")] += 1
            links[(key, "right")] += ok
            links[(key, "top5")] += top5
        if show and not ok:
            print(f"  LINK {stem} {gold['text']!r}: {best.name if best else None!r}, "
                  f"expected {expected!r}")
    elif gold["label"] == "FIGURE":
        values["total"] += 1
        ok = all(cand.attrs.get(k) == gold.get("attrs", {}).get(k) for k in FIGURE_KEYS)
        values["right"] += ok
        if show and not ok:
            print(f"  VALUE {stem} {gold['text']!r}: {cand.attrs}, expected {gold.get('attrs')}")


def tally(gold: list[dict], lost: list[dict], predicted, tp: Counter, fp: Counter,
          fn: Counter) -> None:
    """Count one page's predictions (Candidates) against its gold: exact offsets and label;
    a gold mention clean-up deleted counts as missed."""
    gold_keys = {(g["start"], g["end"], g["label"]) for g in gold}
    pred_keys = {(c.start, c.end, c.label) for c in predicted}
    for key in gold_keys & pred_keys:
        tp[key[2]] += 1
    for key in pred_keys - gold_keys:
        fp[key[2]] += 1
    for key in gold_keys - pred_keys:
        fn[key[2]] += 1
    for g in lost:
        fn[g["label"]] += 1


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(result: dict) -> None:
    tp, fp, fn = result["tp"], result["fp"], result["fn"]
    print(f"{result['docs']} pages scored" + (
        f"; skipped (missing or changed): {', '.join(result['skipped'])}"
        if result["skipped"] else ""))
    print(f"{'label':8} {'P':>6} {'R':>6} {'F1':>6}   tp   fp   fn")
    for label in sorted(tp.keys() | fp.keys() | fn.keys()):
        p, r, f = prf(tp[label], fp[label], fn[label])
        print(f"{label:8} {p:6.3f} {r:6.3f} {f:6.3f} {tp[label]:4} {fp[label]:4} {fn[label]:4}")
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"{'micro':8} {p:6.3f} {r:6.3f} {f:6.3f}")
    links = result["links"]
    for key in sorted({k for k, _ in links}):
        total = links[(key, "total")]
        print(f"AGENCY links {key:18} {links[(key, 'right')] / total:.3f} "
              f"(top-5 {links[(key, 'top5')] / total:.3f}, n={total})")
    values = result["values"]
    if values["total"]:
        print(f"FIGURE value accuracy: {values['right'] / values['total']:.3f} "
              f"({values['right']}/{values['total']})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--labels", help="comma-separated labels to score (default: all)")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}: the texts are kept outside the repository")
    labels = set(args.labels.split(",")) if args.labels else None
    report(evaluate(args.corpus, labels, args.errors))


if __name__ == "__main__":
    main()
