"""Readers for each input format; each yields documents or raises for one bad record."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..jsonl_line import LineError, check_document, is_blank, parse_document
from ..jsonlines import numbered_lines
from ..store.documents import NewDocument
from .cleanup import Cleaned, clean_text
from .decode import DecodeError, decode
from .metadata import extract_metadata, story_metadata
from .options import (
    MAX_ARTICLE_BYTES,
    TABLE_SUFFIXES,
    Options,
)
from .problems import InputError
from .stories import Story, page_region, split_stories, title_of


@dataclass
class Record:
    """One document read from a file, with the spans it brought and who made them."""

    doc: NewDocument
    annotators: list[str]
    line: int | None = None


def read_article_bytes(
    data: bytes, name: str, options: Options, html: bool = False
) -> list[Record]:
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"the file is {len(data) / 2**20:.1f} MB; an article over "
            f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MB is not imported as one document "
            "(split it, or import it as JSONL or CSV)"
        )
    try:
        raw, _encoding = decode(data)
    except DecodeError as exc:
        raise InputError(str(exc)) from None
    title_hint = None
    if html:
        raw, title_hint = html_visible_text(raw)
    return article_records(raw, name, options, title_hint)


def article_records(
    raw: str, name: str, options: Options, title_hint: str | None = None
) -> list[Record]:
    cleaned = clean_text(raw)
    text = cleaned.text
    if not text.strip():
        raise InputError(
            "no text in the file" if not raw.strip() else "only page furniture, no article text"
        )
    meta = extract_metadata(raw)
    meta["region"] = meta.get("region") or options.region
    meta["file"] = name
    if options.split_stories:
        stories = split_stories(text)
        if len(stories) > 1:  # each story keeps the page's region
            meta["region"] = page_region(text, meta)
    else:
        stories = [Story(0, len(text), title_hint or title_of(text))]
    records = []
    for k, story in enumerate(stories):
        whole = (story.start, story.end) == (0, len(text))  # then it keeps the page's edges
        offsets = cleaned.offsets if whole else cleaned.offsets.slice(story.start, story.end)
        story_meta = {**meta, "title": story.title}
        if not whole:
            story_meta.update(story_metadata(raw[_raw_bounds(cleaned, stories, k)]))
        doc = NewDocument(
            text[story.start : story.end], story_meta, raw=raw, offsets=offsets, origin=name
        )
        records.append(Record(doc, []))
    return records


def _raw_bounds(cleaned: Cleaned, stories: list[Story], k: int) -> slice:
    """The raw text of story ``k``: up to the next story, so a credit the clean-up dropped
    between them still counts for the story it closes."""
    start = cleaned.offsets.to_raw(stories[k].start) if k else 0
    end = cleaned.offsets.to_raw(stories[k + 1].start) if k + 1 < len(stories) else None
    return slice(start, end)


def html_visible_text(markup: str) -> tuple[str, str | None]:
    """What a reader sees of a page: no scripts, styles or head; one line per block."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(strip=True) if soup.title else None
    for tag in soup(["script", "style", "noscript", "template", "head", "svg"]):
        tag.decompose()
    for tag in soup.find_all(_hidden):
        if not tag.decomposed:  # inside a hidden element already gone
            tag.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n\n".join(line for line in lines if line), title or None


_HIDING_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)


def _hidden(tag: Any) -> bool:
    """Elements a browser does not show (or hides from screen readers too): their text is
    not the article's."""
    attrs = tag.attrs
    return (
        "hidden" in attrs
        or str(attrs.get("aria-hidden", "")).strip().lower() == "true"
        or bool(_HIDING_STYLE.search(str(attrs.get("style", ""))))
    )


def iter_jsonl(path: Path, options: Options) -> Iterator[Record | InputError]:
    number = 0
    try:
        for number, raw_line in numbered_lines(path):
            try:
                yield _jsonl_record(raw_line, number, path.name, options)
            except InputError as exc:
                yield exc
    except OSError as exc:  # the lines before it stay imported
        yield InputError(f"cannot read: {exc.strerror or exc}", number or None)


def _jsonl_record(raw_line: bytes, number: int, name: str, options: Options) -> Record:
    if len(raw_line) > MAX_ARTICLE_BYTES:
        raise InputError("the line is longer than an article may be", number)
    try:
        obj = json.loads(raw_line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (bad byte at {exc.start})", number) from None
    except ValueError as exc:
        raise InputError(f"malformed JSON: {exc}", number) from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply", number) from None
    if not options.with_spans and isinstance(obj, dict):
        obj = {k: obj[k] for k in ("id", "text", "meta") if k in obj}
    try:
        check_document(obj, options.labels)
        doc, spans, annotators = parse_document(obj)
    except LineError as exc:
        raise InputError(str(exc), number) from None
    meta = dict(doc.meta)
    meta.setdefault("file", name)
    if options.region and not meta.get("region"):
        meta["region"] = options.region
    new = NewDocument(
        doc.text, meta, id=doc.id or None, status=doc.status, spans=spans, origin=f"{name}:{number}"
    )
    return Record(new, annotators, number)


def iter_table(path: Path, data: bytes, options: Options) -> Iterator[Record | InputError]:
    csv.field_size_limit(max(csv.field_size_limit(), MAX_ARTICLE_BYTES))  # an article per cell
    try:
        text, _ = decode(data)
    except DecodeError as exc:
        yield InputError(str(exc))
        return
    reader = csv.DictReader(
        io.StringIO(text, newline=""), delimiter=TABLE_SUFFIXES[path.suffix.lower()]
    )
    try:
        yield from _table_rows(reader, path, options)
    except csv.Error as exc:  # the rows after it cannot be told apart
        # the reader counts a line once it is parsed: the failing one is the next
        yield InputError(
            f"malformed {path.suffix.lower()[1:].upper()}: {exc}", reader.line_num + 1
        )


def _table_rows(
    reader: csv.DictReader, path: Path, options: Options
) -> Iterator[Record | InputError]:
    columns = reader.fieldnames or []
    if options.text_column not in columns:
        yield InputError(
            f"no column {options.text_column!r} (columns: {', '.join(columns) or 'none'}); "
            "name the text column with --text-column",
            1,
        )
        return
    for row in reader:
        line = reader.line_num
        body = (row.get(options.text_column) or "").strip()
        if is_blank(body):
            yield InputError(f"empty {options.text_column!r} cell", line)
            continue
        meta = {k: v for k, v in row.items() if k and k != options.text_column and v}
        doc_id = meta.pop("id", None)
        try:
            check_document({"id": doc_id, "text": body, "meta": meta})
        except LineError as exc:
            yield InputError(str(exc), line)
            continue
        meta.setdefault("file", path.name)
        if options.region and not meta.get("region"):
            meta["region"] = options.region
        meta.setdefault("title", title_of(body))
        yield Record(NewDocument(body, meta, id=doc_id, origin=f"{path.name}:{line}"), [], line)
