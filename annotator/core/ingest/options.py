"""What an import reads and how: options and the formats known by their suffix.

Kept apart from the readers so that the window can offer these without loading the
clean-up and its dictionaries.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}
KNOWN_SUFFIXES = ARTICLE_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | set(TABLE_SUFFIXES)


@dataclass
class Options:
    split_stories: bool = False
    region: str | None = None
    text_column: str = "text"
    annotator: str | None = None  # layer for spans in JSONL input
    with_spans: bool = True  # False: JSONL lines are read for id, text and meta only
    labels: tuple[str, ...] | None = None  # the project's labels; spans with others are refused
