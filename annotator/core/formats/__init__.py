"""The formats other annotation and training tools speak, in and out of docs/FORMAT.md lines.

Every format works on document objects shaped as docs/FORMAT.md's lines (``id``, ``text``,
``meta``, ``spans``, ``status``, ...): export reads them from a project through the gold
JSONL exporter, so the layer chosen for a document is the same in every format; import
turns a foreign file into such objects, which the ordinary JSONL importer stores.
Offsets are Python ``str`` positions (code points) in every format written and read here.

What a format cannot carry is counted in a ``Notes`` and said, never dropped silently.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..exchange.export import Selection, iter_documents
from ..exchange.jsonl import write_lines
from ..ingest.options import ARTICLE_SUFFIXES, HTML_SUFFIXES, JSONL_SUFFIXES, TABLE_SUFFIXES
from ..ingest.problems import InputError
from ..jsonl_line import dumps
from ..jsonlines import numbered_lines
from ..store import Project


@dataclass(frozen=True)
class FormatInfo:
    """One row of the catalogue: what the command line's help and the app's dialogs offer.

    ``suffixes`` are the file suffixes the format is known by (the first is what an export is
    named with; none when it is a folder). ``folder``: the format is a folder of files, not one
    file. ``pii``: the file holds the text as it is, so personal identifiers travel unmasked
    (an export warns; a release masks or drops them). ``native``: this tool's own input,
    recognised by suffix without ``--format``.
    """

    name: str
    en: str
    zh: str
    suffixes: tuple[str, ...] = ()
    folder: bool = False
    pii: bool = True
    reads: bool = False
    writes: bool = False
    native: bool = False

    @property
    def suffix(self) -> str:
        return self.suffixes[0] if self.suffixes else ""

    def description(self, chinese: bool = False) -> str:
        return self.zh if chinese else self.en


# The one list of formats, in the order they are offered (native input first, then export).
CATALOGUE = (
    FormatInfo("text", "articles as plain text or Markdown", "纯文本或 Markdown 文章",
               tuple(sorted(ARTICLE_SUFFIXES)), reads=True, native=True),
    FormatInfo("html", "web pages (the article is cut out of the page)", "网页（从页面中提取正文）",
               tuple(sorted(HTML_SUFFIXES)), reads=True, native=True),
    FormatInfo("table", "CSV/TSV tables, one document per row", "CSV/TSV 表格，每行一篇文档",
               tuple(TABLE_SUFFIXES), reads=True, native=True),
    FormatInfo("jsonl", "gold JSONL document lines (docs/FORMAT.md)",
               "金标准 JSONL 文档行（docs/FORMAT.md）", tuple(sorted(JSONL_SUFFIXES)),
               reads=True, writes=True, native=True),
    FormatInfo("doccano", "doccano sequence-labelling JSONL", "doccano 序列标注 JSONL",
               (".jsonl",), reads=True, writes=True),
    FormatInfo("label-studio", "Label Studio JSON tasks", "Label Studio JSON 任务",
               (".json",), reads=True, writes=True),
    FormatInfo("prodigy", "Prodigy JSONL", "Prodigy JSONL", (".jsonl",), reads=True,
               writes=True),
    FormatInfo("spacy", "spaCy JSONL of Doc.to_json entities", "spaCy JSONL（Doc.to_json 实体）",
               (".jsonl",), writes=True),
    FormatInfo("brat", "brat standoff: a folder of .txt and .ann files",
               "brat 标注：.txt 与 .ann 文件的文件夹", (".ann",), folder=True, reads=True,
               writes=True),
    FormatInfo("bio", "BIO tags, one character per line", "BIO 标签，每行一个字符", (".bio",),
               writes=True),
    FormatInfo("bmes", "BMES tags, one character per line", "BMES 标签，每行一个字符",
               (".bmes",), writes=True),
)
EXPORT_FORMATS = tuple(f.name for f in CATALOGUE if f.writes)
# what ``import --format`` reads: other tools' files (this tool's own are known by suffix)
IMPORT_FORMATS = tuple(f.name for f in CATALOGUE if f.reads and not f.native)


def format_info(name: str) -> FormatInfo:
    """The catalogue's row for ``name``; a ``FormatError`` for a name it does not hold."""
    for info in CATALOGUE:
        if info.name == name:
            return info
    raise FormatError(f"unknown format {name!r} (known: {', '.join(EXPORT_FORMATS)})")


# what a document object can hold that a format may not; see Notes.check
FEATURES = {
    "id": "document ids",
    "meta": "document metadata (title, source, date, ...)",
    "status": "document statuses",
    "annotators": "who annotated (the annotators list)",
    "schema": "the schema reference",
    "agency": "agency links of AGENCY spans",
    "attrs": "span attributes (FIGURE value, unit, approx, comparator, ...)",
    "provenance": "span source and score of machine candidates",
    "undecided": "undecided machine candidates of people's layers (only decisions are exported)",
}


Numbered = tuple[int, dict] | InputError


class FormatError(ValueError):
    """A format or an output that cannot be used as asked."""


@dataclass
class Notes:
    """What a conversion could not carry, counted; turned into lines for people to read."""

    format: str
    lost: Counter = field(default_factory=Counter)
    remarks: list[str] = field(default_factory=list)

    def check(self, doc: dict, carries: frozenset[str]) -> None:
        """Count what ``doc`` holds that a format carrying only ``carries`` leaves out."""
        if "meta" not in carries and any(v is not None for v in (doc.get("meta") or {}).values()):
            self.lost["meta"] += 1
        for key in ("id", "status", "annotators", "schema"):
            if key not in carries and doc.get(key):
                self.lost[key] += 1
        spans = doc.get("spans")
        if not spans:
            return
        # exported spans hold these keys only when set: counting keys is enough, and fast
        counts = {
            "agency": "agency" not in carries and sum("agency" in s for s in spans),
            "attrs": "attrs" not in carries and sum("attrs" in s for s in spans),
            "provenance": "provenance" not in carries
            and sum("source" in s or "score" in s for s in spans),
        }
        for key, n in counts.items():
            if n:
                self.lost[key] += n

    def remark(self, text: str) -> None:
        if text not in self.remarks:
            self.remarks.append(text)

    def lines(self) -> list[str]:
        out = [
            f"{self.format}: not carried: {FEATURES.get(key, key)} ({n})"
            for key, n in sorted(self.lost.items())
            if n
        ]
        return out + [f"{self.format}: {text}" for text in self.remarks]

    def text(self) -> str:
        body = self.lines() or [f"{self.format}: nothing was left out"]
        return "\n".join(body) + "\n"


@dataclass
class Result:
    documents: int
    notes: Notes
    paths: list[Path]
    pii_spans: int = 0  # written as they are: people must be told before the file travels


class _Writer(Protocol):
    def __call__(self, docs: Iterable[dict], out: Path, notes: Notes, fmt: str) -> list[Path]: ...


def _write_jsonl(docs: Iterable[dict], out: Path, notes: Notes, fmt: str) -> list[Path]:
    """Gold JSONL itself (the release writes its splits with this)."""
    write_lines(out, map(dumps, docs))
    return [out]


def _module(fmt: str) -> Any:
    # imported here, not at the top: each module imports its helpers from this package
    from . import bio, brat, doccano, label_studio, prodigy, spacy

    modules = {"doccano": doccano, "label-studio": label_studio, "prodigy": prodigy,
               "spacy": spacy, "brat": brat, "bio": bio, "bmes": bio}  # fmt: skip
    if fmt not in modules:
        raise FormatError(f"unknown format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    return modules[fmt]


def write(docs: Iterable[dict], fmt: str, out: str | Path) -> Result:
    """Write document objects in ``fmt``; ``out`` is a file, or a folder for brat."""
    notes = Notes(fmt)
    counted = _Counted(docs)
    writer: _Writer = _write_jsonl if fmt == "jsonl" else _module(fmt).write
    with without_cycle_collection():
        paths = writer(counted, Path(out), notes, fmt)
    return Result(counted.n, notes, paths, counted.pii)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while building many small, acyclic objects.

    A conversion makes hundreds of thousands of dicts that reference counting frees on its
    own; left on, the collector rescans every live object again and again (seconds).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def export(
    project: Project, fmt: str, out: str | Path, selection: Selection | None = None
) -> Result:
    """Export a project's documents (the selection's layer) in ``fmt``."""
    left_out: Counter = Counter()
    result = write(iter_documents(project, selection, left_out), fmt, out)
    result.notes.lost.update(+left_out)  # only what was left out
    return result


def read_numbered(fmt: str, path: str | Path, notes: Notes | None = None) -> Iterator[Numbered]:
    """(record number, document object) of a foreign file; an ``InputError`` per bad record.

    The number is the record's line in JSONL formats, the task's place in a Label Studio
    array, the file's place (by name) in a brat folder.
    """
    if fmt not in IMPORT_FORMATS:
        raise FormatError(f"cannot import {fmt!r} (importable: {', '.join(IMPORT_FORMATS)})")
    return _module(fmt).read(Path(path), notes or Notes(fmt))


def read(fmt: str, path: str | Path, notes: Notes | None = None) -> Iterator[dict | InputError]:
    """Document objects (docs/FORMAT.md lines) of a foreign file; an ``InputError`` per bad
    record."""
    for item in read_numbered(fmt, path, notes):
        yield item if isinstance(item, InputError) else item[1]


class _Counted:
    """An iterable that counts what passed through it (writers stream; nothing is listed)."""

    def __init__(self, items: Iterable[dict]):
        self.items = items
        self.n = 0
        self.pii = 0

    def __iter__(self) -> Iterator[dict]:
        for item in self.items:
            self.n += 1
            self.pii += sum(s["label"] == "PII" for s in item.get("spans") or ())
            yield item


# -- helpers the format modules share --------------------------------------------------------
def plain_meta(doc: dict) -> dict:
    """A document's id and non-empty metadata as one flat object (``doc_id`` first)."""
    meta = {"doc_id": doc["id"]} if doc.get("id") else {}
    meta.update((k, v) for k, v in (doc.get("meta") or {}).items() if v is not None)
    return meta


def split_meta(meta: Any) -> tuple[str | None, dict]:
    """The inverse of ``plain_meta``: (id, metadata)."""
    if not isinstance(meta, dict):
        return None, {}
    meta = dict(meta)
    doc_id = meta.pop("doc_id", None)
    return (str(doc_id) if doc_id not in (None, "") else None), meta


def document(
    text: str,
    spans: list[dict],
    *,
    doc_id: str | None = None,
    meta: dict | None = None,
    status: str = "annotated",
) -> dict:
    """A docs/FORMAT.md line for the importer (``id`` left out when the file has none)."""
    out: dict[str, Any] = {"text": text, "meta": meta or {}, "spans": spans, "status": status}
    if doc_id:
        out["id"] = doc_id
    return out


def span(text: str, start: Any, end: Any, label: Any, index: int, **extra: Any) -> dict:
    """A docs/FORMAT.md span, checked against the text so a bad offset names its record."""
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        raise InputError(f"span {index}: start and end must be integers")
    if not isinstance(label, str) or not label:
        raise InputError(f"span {index}: no label")
    if not 0 <= start < end <= len(text):
        raise InputError(f"span {index}: [{start}, {end}) is outside the text (length {len(text)})")
    out = {"start": start, "end": end, "label": label, "text": text[start:end]}
    out.update((k, v) for k, v in extra.items() if v is not None)
    return out


def write_records(
    docs: Iterable[dict], out: Path, notes: Notes, carries: frozenset[str], shape: Any
) -> list[Path]:
    """A JSONL format: one ``shape(doc)`` per line, what it cannot carry noted."""

    def lines() -> Iterator[str]:
        for doc in docs:
            notes.check(doc, carries)
            yield dumps(shape(doc))

    write_lines(out, lines())
    return [out]


def iter_json_lines(path: Path) -> Iterator[tuple[int, Any] | InputError]:
    """(line number, parsed object) of a JSONL file; a bad line is an ``InputError``."""
    for number, raw in numbered_lines(path):
        try:
            yield number, json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield InputError(f"not UTF-8 (bad byte at {exc.start})", number)
        except ValueError as exc:
            yield InputError(f"malformed JSON: {exc}", number)
