"""The gazetteer of China's administrative divisions: names, codes, levels, parents, centroids.

Loaded once, on first use, from ``kg/data/regions.tsv`` (derived by ``scripts/derive_regions.py``).
Townships are only looked up inside counties the caller names, since the same township name
recurs across the country (石佛寺镇 is in Hubei and in Henan).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["CONJUNCTIONS", "LEVEL_RANK", "Gazetteer", "Region", "RegionMention", "gazetteer"]

LEVEL_RANK = {"province": 1, "city": 2, "county": 3, "township": 4}


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    shorts: tuple[str, ...]
    level: str
    parent: str | None
    lon: float | None
    lat: float | None

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self.level]


@dataclass(frozen=True, slots=True)
class RegionMention:
    start: int
    end: int
    surface: str
    candidates: tuple[Region, ...]


class Gazetteer:
    """Look regions up by code or name; find region names in text."""

    def __init__(self, rows: Iterable[Region], also_known_as: dict[str, str] | None = None) -> None:
        self.by_code: dict[str, Region] = {}
        self._names: dict[str, list[Region]] = defaultdict(list)  # province/city/county full + short
        self._full_names: dict[str, list[Region]] = defaultdict(list)
        self._townships: dict[str, dict[str, list[Region]]] = defaultdict(lambda: defaultdict(list))
        for r in rows:
            self.by_code[r.code] = r
            if r.level == "township":
                for n in (r.name, *r.shorts):
                    self._townships[r.parent or ""][n].append(r)
                continue
            self._names[r.name].append(r)
            self._full_names[r.name].append(r)
            for alt in _level_forms(r):  # 甘孜藏族自治州 is written 甘孜州, 长阳土家族自治县 长阳县
                self._names[alt].append(r)
                self._full_names[alt].append(r)
            for s in r.shorts:
                if len(s) >= 2:
                    self._names[s].append(r)
        self._known_as: dict[str, list[str]] = defaultdict(list)
        for form, full in (also_known_as or {}).items():  # 博州, 阿左旗 (place_short_names.tsv)
            places = [r for r in self._full_names.get(full, ()) if r.level != "township"]
            if len(places) != 1:
                raise ValueError(f"place_short_names.tsv: {full} names {len(places)} places, not one")
            self._names[form].append(places[0])
            if form[-1] in _LEVEL_CHARS:  # (with its level: the place named whole)
                self._full_names[form].append(places[0])
                self._known_as[places[0].code].append(form)
        self._first: dict[str, list[int]] = defaultdict(list)
        for name in self._names:
            self._first[name[0]].append(len(name))
        for k in self._first:
            self._first[k] = sorted(set(self._first[k]), reverse=True)
        # the characters a name can start with: the scan of an article jumps from one to the next
        # in C (seven characters in ten of news text, seeds and the benchmark corpus alike, are not)
        self._starts = re.compile("[" + "".join(re.escape(c) for c in sorted(self._first)) + "]")

    def get(self, code: str | None) -> Region | None:
        return self.by_code.get(code) if code else None

    def ancestors(self, code: str) -> list[Region]:
        """The region itself, then its parent, up to the province."""
        chain: list[Region] = []
        r = self.by_code.get(code)
        while r is not None and r not in chain:  # guard: a unit listed as its own parent ends the chain
            chain.append(r)
            r = self.by_code.get(r.parent) if r.parent and r.parent != r.code else None
        return chain

    def is_within(self, code: str, ancestor: str) -> bool:
        return any(r.code == ancestor for r in self.ancestors(code))

    def province_of(self, code: str) -> Region | None:
        chain = self.ancestors(code)
        return chain[-1] if chain else None

    def city_of(self, code: str) -> Region | None:
        """The prefecture-level unit containing ``code`` (or the province for 直辖 units)."""
        for r in self.ancestors(code):
            if r.level == "city":
                return r
        return None

    def lookup(self, name: str, full_only: bool = False) -> list[Region]:
        """Province, city and county units called ``name`` (full name, or a short name)."""
        return list((self._full_names if full_only else self._names).get(name, ()))

    def lookup_full_names(self, region: Region) -> tuple[str, ...]:
        """The official name and its everyday full forms (甘孜藏族自治州, 甘孜州, 阿拉善左旗 阿左旗)."""
        return (region.name, *_level_forms(region), *self._known_as.get(region.code, ()))

    def townships(self, name: str, within: Iterable[str]) -> list[Region]:
        """Townships called ``name`` (full or short) inside any of the counties ``within``."""
        found: list[Region] = []
        for county in within:
            found.extend(self._townships.get(county, {}).get(name, ()))
        return found

    def county_codes_under(self, code: str) -> list[str]:
        """``code`` itself if it is a county, or its counties if it is a city."""
        r = self.by_code.get(code)
        if r is None:
            return []
        if r.level == "county":
            return [code]
        if r.level == "city":
            return [c.code for c in self.by_code.values() if c.level == "county" and c.parent == code]
        return []

    def match_at(self, text: str, i: int) -> tuple[int, list[Region]] | None:
        """The longest region name (province/city/county, full or short) starting at ``text[i]``."""
        for length in self._first.get(text[i], ()):
            cand = text[i : i + length]
            if len(cand) == length and cand in self._names:
                return length, self._names[cand]
        return None

    def find_mentions(self, text: str, shorts: bool = False) -> list[RegionMention]:
        """Region names in ``text``, longest first, not overlapping.

        Full names (and the everyday forms of autonomous units: 都安县, 甘孜州) only, and the short
        names of provinces (湖北, 新疆); with ``shorts``, every short
        name too. Short names of cities and counties hide inside ordinary words (汉中心, 新建), so
        free text is read with full names.
        """
        found = []
        i, n = 0, len(text)
        starts = self._starts
        while i < n:
            start = starts.search(text, i)
            if start is None:
                break
            i = start.start()
            hit = self.match_at(text, i)
            if hit is not None and not shorts:
                length, cands = hit
                full = self._full_names.get(text[i : i + length], ())  # 都安瑶族自治县 or 都安县
                cands = [c for c in cands if c in full or c.level == "province"]
                hit = (length, cands) if cands else None
            if hit is None:
                i += 1
                continue
            length, cands = hit
            if (length == 2 and text[i] in CONJUNCTIONS and i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff"
                    and text[i - 1] not in _LEVEL_CHARS and not (found and found[-1].end == i)):
                i += 1  # 县卫生健康局和县人民医院: 和 joins two names here; 和县 (Anhui) is after a place
                continue
            name = text[i : i + length]
            if name in _NAMED_BY_KIND:
                # 老城区, 新城区: the old or new part of a town, unless right after the city (洛阳市老城区)
                before = found[-1] if found and found[-1].end == i else None
                cands = [c for c in cands if before and any(c.parent == b.code for b in before.candidates)]
                if not cands:
                    i += length
                    continue
            found.append(RegionMention(i, i + length, name, tuple(cands)))
            i += length
        return found

    def choose(self, candidates: Iterable[Region], context: Iterable[str] = ()) -> Region | None:
        """Pick one of ``candidates``: the one inside (or containing) a context region, else the highest.

        ``context`` are codes already established in the article, most relevant first.
        """
        cands = list(candidates)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        for ctx in context:
            inside = [c for c in cands if self.is_within(c.code, ctx) or self.is_within(ctx, c.code)]
            if inside:
                return min(inside, key=lambda c: (c.rank, c.code))
        # no context: prefer the higher level (a province short name over a county of the same name)
        best_rank = min(c.rank for c in cands)
        top = [c for c in cands if c.rank == best_rank]
        return top[0] if len(top) == 1 else None


_AUTONOMOUS = {"自治州": "州", "自治县": "县", "自治旗": "旗", "地区": "地区"}
# districts named by a kind of place, which running text uses as common nouns
_NAMED_BY_KIND = frozenset({"老城区", "新城区", "城区", "郊区", "矿区", "城中区", "市中区"})
CONJUNCTIONS = "和与及随"  # the first character of 和县 (随县) joins words (follows) as well
_LEVEL_CHARS = "省市县区州旗盟"  # 马鞍山市和县, 安徽和县: after a place, 和县 is the county


def _level_forms(r: Region) -> list[str]:
    """Everyday full forms of autonomous units: the short name with the bare level (甘孜州)."""
    for suffix, level in _AUTONOMOUS.items():
        if r.name.endswith(suffix) and suffix != level:
            return [s + level for s in r.shorts if len(s) >= 2 and s + level != r.name]
    return []


def _parse(line: str) -> Region:
    code, name, short, level, parent, lon, lat = line.rstrip("\n").split("\t")
    return Region(
        code,
        name,
        tuple(s for s in short.split("|") if s),
        level,
        parent or None,
        float(lon) if lon else None,
        float(lat) if lat else None,
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded on first use."""
    forms = resources.files("kg.data").joinpath("lexicon", "place_short_names.tsv").read_text("utf-8")
    also_known_as = dict(line.split("\t") for line in forms.splitlines() if line and not line.startswith("#"))
    with resources.files("kg.data").joinpath("regions.tsv").open(encoding="utf-8") as f:
        next(f)
        return Gazetteer((_parse(line) for line in f), also_known_as)
