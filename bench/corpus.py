"""A synthetic corpus for benchmarks: articles made by shuffling the seed paragraphs."""

from __future__ import annotations

import random
from pathlib import Path

from annotator.core.resources import resource_path


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(resource_path("demo").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        paragraphs += [p for p in raw.split("\n\n") if len(p.strip()) > 20]
    return paragraphs


def make_articles(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct articles of 4–10 seed paragraphs each, raw (OCR noise and all)."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    articles = []
    for i in range(n):
        body = rng.sample(paragraphs, rng.randint(4, 10))
        articles.append(f"第{i}号稿件 测试标题\n\n" + "\n\n".join(body) + "\n")
    return articles


def write_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(make_articles(n)):
        path = folder / f"a{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
