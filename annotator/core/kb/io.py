"""Reading and writing agency lists as JSONL (the shipped format) or CSV (for spreadsheets).

CSV columns, header required, order free; only ``id`` and ``name`` must be present:

    id, name, level, region_code, region, type, parent,
    aliases        ``;``-separated ``text|scope`` (scope ``global`` or ``local``; default global)
    former_names   ``;``-separated ``name|from|to`` (years optional: ``卫生部||2013``)
    established    a year or empty
    generated      true/false (also 1/0, yes/no)
    source         free text

A bad record is reported as an ``InputError`` carrying its line; the rest still loads.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..atomic import atomic_text
from ..problems import InputError
from .model import Agency, FormerName

CSV_COLUMNS = (
    "id", "name", "level", "region_code", "region", "type", "parent",
    "aliases", "former_names", "established", "generated", "source",
)  # fmt: skip
_TRUE = {"1", "true", "yes", "y", "t"}


def read_agencies(path: str | Path) -> Iterator[Agency | InputError]:
    """Agencies of a ``.jsonl`` or ``.csv`` file, with an ``InputError`` for each bad line."""
    path = Path(path)
    if _is_csv(path):
        yield from _read_csv(path)
    else:
        yield from _read_jsonl(path)


def write_agencies(agencies: Iterable[Agency], path: str | Path) -> None:
    """Write sorted by id, replacing ``path`` atomically so a crash never leaves half a file."""
    path = Path(path)
    ordered = sorted(agencies, key=lambda a: a.id)
    body = _csv_text(ordered) if _is_csv(path) else _jsonl_text(ordered)
    with atomic_text(path, newline="") as fh:
        fh.write(body)


def _is_csv(path: Path) -> bool:
    return path.suffix.lower() in (".csv", ".tsv")


# -- JSONL -----------------------------------------------------------------------------------
def _read_jsonl(path: Path) -> Iterator[Agency | InputError]:
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield Agency.from_json(json.loads(line))
            except json.JSONDecodeError as exc:
                yield InputError(f"{path}:{number}: not valid JSON ({exc.msg})", number)
            except ValueError as exc:
                yield InputError(f"{path}:{number}: {exc}", number)


def _jsonl_text(agencies: list[Agency]) -> str:
    return "".join(json.dumps(a.to_json(), ensure_ascii=False) + "\n" for a in agencies)


# -- CSV -------------------------------------------------------------------------------------
def _read_csv(path: Path) -> Iterator[Agency | InputError]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        reader = csv.DictReader(fh, delimiter=delimiter)
        missing = {"id", "name"} - set(reader.fieldnames or ())
        if missing:
            yield InputError(f"{path}:1: missing column(s) {', '.join(sorted(missing))}", 1)
            return
        for row in reader:
            number = reader.line_num
            try:
                yield Agency.from_json(_row_to_json(row))
            except ValueError as exc:
                yield InputError(f"{path}:{number}: {exc}", number)


def _row_to_json(row: dict[str, Any]) -> dict[str, Any]:
    if None in row:
        raise ValueError("more cells than columns")
    obj: dict[str, Any] = {k: (v or "").strip() for k, v in row.items() if k}
    obj["aliases"] = [_split_alias(item) for item in _items(obj.get("aliases", ""))]
    obj["former_names"] = [_split_former(item) for item in _items(obj.get("former_names", ""))]
    obj["generated"] = obj.get("generated", "").lower() in _TRUE
    return obj


def _items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def _split_alias(item: str) -> dict[str, str]:
    text, _, scope = item.partition("|")
    return {"text": text.strip(), "scope": scope.strip() or "global"}


def _split_former(item: str) -> dict[str, Any]:
    parts = [p.strip() for p in item.split("|")] + ["", ""]
    return {"name": parts[0], "from": parts[1] or None, "to": parts[2] or None}


def _csv_text(agencies: list[Agency]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in agencies:
        writer.writerow([
            a.id, a.name, a.level or "", a.region_code or "", a.region or "", a.type or "",
            a.parent or "",
            ";".join(f"{x.text}|{x.scope}" for x in a.aliases),
            ";".join(_former_cell(f) for f in a.former_names),
            "" if a.established is None else a.established,
            "true" if a.generated else "false",
            a.source or "",
        ])  # fmt: skip
    return buf.getvalue()


def _former_cell(former: FormerName) -> str:
    years = ["" if y is None else str(y) for y in (former.from_, former.to)]
    return "|".join([former.name, *years]).rstrip("|")
