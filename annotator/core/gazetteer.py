"""China's administrative divisions: names, short forms, codes and the chain above each.

Loaded from ``resources/gazetteer/divisions.tsv`` (see its build script for the source).
Place recognition matches the names; jurisdiction inference climbs the chains.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .resources import resource_path


@dataclass(frozen=True)
class Division:
    code: str  # six digits; a township carries its county's code
    name: str  # 重庆市, 渝中区, 朝天门街道
    short: str  # 重庆, 渝中; empty for townships
    level: str  # province | prefecture | county | township
    parent: str  # code of the division above; empty for a province

    @property
    def written(self) -> tuple[str, ...]:
        """Its full name and the usual written form of an autonomous prefecture or county:
        黔东南州 and 石柱县 are what papers print, as names in their own right."""
        for kind, level in (("自治州", "州"), ("自治县", "县")):
            if self.name.endswith(kind) and self.short and not self.short.endswith(level):
                return self.name, self.short + level
        return (self.name,)


class Gazetteer:
    def __init__(self, divisions: list[Division]):
        self.divisions = divisions
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        for div in divisions:
            if div.level != "township":
                self.by_code.setdefault(div.code, div)
            for key in {*div.written, div.short} - {""}:
                if len(key) >= 2:
                    self.by_name.setdefault(key, []).append(div)

    def lookup(self, name: str) -> list[Division]:
        """Divisions called ``name`` (full name or short form); several where names repeat."""
        return self.by_name.get(name, [])

    def chain(self, code: str) -> list[Division]:
        """The division with this code and those above it, widest first."""
        out: list[Division] = []
        div = self.by_code.get(code)
        while div is not None and div not in out:
            out.append(div)
            div = self.by_code.get(div.parent) if div.parent != div.code else None
        return out[::-1]


def conjunction_misread(text: str, start: int, end: int) -> bool:
    """和县 in 县委和县政府 is 和 + 县政府: a two-character division name that opens with a
    conjunction counts only at the start of a phrase or right after its province or city."""
    name = text[start:end]
    if len(name) != 2 or name[0] not in "和与及或从于向在对" or name[1] not in "县区市":
        return False
    before = text[start - 1] if start else ""
    return "\u4e00" <= before <= "\u9fff" and before not in "省市州"


@cache
def default_gazetteer() -> Gazetteer:
    return load(resource_path("gazetteer", "divisions.tsv"))


def load(path: Path) -> Gazetteer:
    """Plain splitting, not the csv module: this file is read at every start-up."""
    divisions = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "code\t")):
                continue
            code, name, short, level, parent = line.rstrip("\n").split("\t")
            divisions.append(Division(code, name, short, level, parent))
    return Gazetteer(divisions)
