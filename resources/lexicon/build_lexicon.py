"""Regenerate the generated word lists of this folder (see ``PROVENANCE.md``).

* ``world_places.txt``: foreign countries (short and full names), capitals and major cities,
  from the world list shipped in the ``jionlp`` package (read as a data file, not imported).
* ``place_stop.txt``: short forms of counties (and generic township-level names) that are
  also common Chinese words in jieba's dictionary (合作, 比如, 南部, 城区 …); place rules accept
  them only where other places stand beside them in a list.
* ``lead_words.txt``: frequent verbs, prepositions, adverbs, conjunctions and pronouns of
  jieba's dictionary; a name never begins with one, so rules trim them off the left of a span.

Run ``python resources/lexicon/build_lexicon.py``. Output is sorted and deterministic.
"""

from __future__ import annotations

import csv
import sys
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

HERE = Path(__file__).resolve().parent
GAZETTEER = HERE.parent / "gazetteer" / "divisions.tsv"
NAME_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "j"}
LEAD_TAGS = {"v", "p", "d", "c", "r", "ad", "vd", "u", "t", "f", "m", "q", "y", "e", "o"}
STOP_FREQ = 300  # a county short form this frequent as a plain word is ambiguous
LEAD_FREQ = 200
FULL_ENDS = ("市", "县", "旗", "镇", "乡", "街道")


def jieba_dict() -> dict[str, tuple[int, str]]:
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise SystemExit("jieba is required")
    out = {}
    for line in (Path(spec.origin).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split(" ")
        out[word] = (int(freq), tag)
    return out


def jionlp_file(name: str) -> str:
    dist = metadata.distribution("jionlp")
    return Path(str(dist.locate_file(f"jionlp/dictionary/{name}"))).read_text(encoding="utf-8")


def world_places(words: dict[str, tuple[int, str]]) -> list[str]:
    names: set[str] = set()
    for line in jionlp_file("world_location.txt").splitlines():
        parts = line.strip().split("\t")
        if len(parts) < 3 or parts[0] == "中国":
            if parts and parts[0] == "中国":
                names.update(parts[:2])
            continue
        names.update(parts[:3])
        if len(parts) > 3:
            names.update(parts[3].split("/"))
    # a name that is also a plain word (not a place) would fire on ordinary text
    return sorted(
        n for n in names
        if len(n) >= 2 and not (n in words and words[n][1] not in NAME_TAGS)
    )


def place_stop(words: dict[str, tuple[int, str]]) -> list[str]:
    out: set[str] = set()
    with open(GAZETTEER, encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        for row in rows:
            keys = [row["short"]] if row["level"] == "county" else []
            if row["level"] == "township" or (
                row["level"] == "county" and not row["name"].endswith(FULL_ENDS)
            ):
                keys.append(row["name"])
            for key in keys:
                freq, tag = words.get(key, (0, ""))
                if freq >= STOP_FREQ and tag != "ns":
                    out.add(key)
    return sorted(out)


def lead_words(words: dict[str, tuple[int, str]]) -> list[str]:
    return sorted(
        w for w, (freq, tag) in words.items()
        if 2 <= len(w) <= 3 and freq >= LEAD_FREQ and tag in LEAD_TAGS
    )


def main() -> int:
    words = jieba_dict()
    for name, items in (
        ("world_places.txt", world_places(words)),
        ("place_stop.txt", place_stop(words)),
        ("lead_words.txt", lead_words(words)),
    ):
        (HERE / name).write_text("\n".join(items) + "\n", encoding="utf-8")
        print(f"wrote {name}: {len(items)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
