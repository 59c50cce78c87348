"""Regenerate ``divisions.tsv``: China's administrative divisions for place recognition.

Reads the division list shipped in the ``jionlp`` package (the same source as the agency
knowledge base: see ``../kb/PROVENANCE.md``) without importing it. Every province,
prefecture and county is kept with its code and short form; every township and subdistrict
with its county's code. Run ``python resources/gazetteer/build_gazetteer.py [--out FILE]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEVELS = ("province", "prefecture", "county", "township")


def _kb_builder():
    spec = importlib.util.spec_from_file_location("build_kb", HERE.parent / "kb" / "build_kb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_kb"] = module
    spec.loader.exec_module(module)
    return module


def rows(text: str) -> list[tuple[str, str, str, str, str]]:
    """(code, name, short, level, parent code); townships take their county's code."""
    out = []
    parents: list[str] = []
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3:
            continue
        parts = line.strip("\t").split("\t")
        parent = parents[depth - 1] if depth else ""
        if depth < 3:
            if len(parts) != 3:
                continue
            name, code, short = parts
            del parents[depth:]
            parents.append(code)
            out.append((code, name, short.split("/")[0], LEVELS[depth], parent))
        elif parts[0]:
            out.append((parent, parts[0], "", LEVELS[3], parent))
    return out


def render(text: str, version: str) -> str:
    header = (
        f"# divisions from jionlp {version} china_location.txt\n"
        "code\tname\tshort\tlevel\tparent\n"
    )
    seen = set()
    lines = []
    for row in rows(text):
        if row in seen:
            continue
        seen.add(row)
        lines.append("\t".join(row))
    return header + "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=HERE / "divisions.tsv")
    args = parser.parse_args()
    text, version = _kb_builder().division_text()
    args.out.write_text(render(text, version), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
