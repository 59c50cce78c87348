"""Read the real-page gold: the manifest of texts (file, sha256) and each page's mentions.

A mention file lists one page's mentions in document order (the dev-set format) and ends with
``{"furniture_lines": [...]}``, the 1-based raw lines its annotator treated as page furniture.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from tests.devset.resolve import mask_lines, resolve

REALSET_DIR = Path(__file__).resolve().parent
CORPUS_DIR = REALSET_DIR.parents[2] / "shared" / "corpus"


def manifest() -> dict[str, str]:
    """File name → sha256 of the text the gold was made on."""
    with open(REALSET_DIR / "manifest.tsv", encoding="utf-8", newline="") as fh:
        return {row["file"]: row["sha256"] for row in csv.DictReader(fh, delimiter="\t")}


def load_gold(file: str) -> tuple[list[dict[str, Any]], set[int]]:
    """The mentions of one page and the lines its annotator treated as furniture."""
    path = REALSET_DIR / "mentions" / f"{Path(file).stem}.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    furniture = {n for row in rows if "furniture_lines" in row for n in row["furniture_lines"]}
    return [row for row in rows if "furniture_lines" not in row], furniture


def read_text(file: str, corpus: Path = CORPUS_DIR) -> str | None:
    """The page's text, or None when it is absent or no longer the text the gold was made on."""
    path = corpus / file
    if not path.exists():
        return None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != manifest()[file]:
        return None
    return data.decode("utf-8")


def resolve_raw(raw: str, file: str) -> list[dict[str, Any]]:
    """Gold spans on the raw page; furniture lines cannot take a mention's place."""
    mentions, furniture = load_gold(file)
    masked = mask_lines(raw, tuple((n, n) for n in sorted(furniture)))
    return resolve(masked, mentions)
