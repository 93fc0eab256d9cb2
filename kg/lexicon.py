"""The lexicons: data files in ``kg/data/lexicon/``, loaded once on first use.

They hold general knowledge about how Chinese news names institutions, people and partnerships
(suffixes, titles, cues, well-known short names), never rules for particular articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from .model import EntityType, PartnershipType

__all__ = ["KnownOrg", "Lexicon", "lexicon"]


@dataclass(frozen=True)
class KnownOrg:
    alias: str
    name: str
    adcode: str


@dataclass(frozen=True)
class Lexicon:
    org_suffixes: dict[str, tuple[EntityType, str]]  # suffix -> (type, canonical suffix)
    name_parts: frozenset[str]
    generic_words: frozenset[str]
    surnames: frozenset[str]
    titles: frozenset[str]
    postnominal_titles: frozenset[str]
    byline_cues: frozenset[str]
    patient_cues: frozenset[str]
    partnership_cues: dict[str, tuple[PartnershipType, bool]]  # cue -> (type, strong)
    partnership_verbs: frozenset[str]
    lead_cues: frozenset[str]
    dispatch_cues: frozenset[str]
    known_orgs: dict[str, tuple[KnownOrg, ...]]
    name_heads: dict[str, str]  # proper name heading institution names -> adcode ("" when none)
    stop_words: frozenset[str]
    specialties: frozenset[str] = frozenset()  # fields that name specialty alliances (胸痛, 卒中)
    minority_name_parts: frozenset[str] = frozenset()  # 才让, 多杰, 巴特尔: names without a surname
    known_names: frozenset[str] = frozenset()  # the full names of known_orgs
    brands: frozenset[str] = frozenset()  # names of hospital groups and brands (和睦家, 美中宜和, 京东方)

    @property
    def max_suffix(self) -> int:
        return max(map(len, self.org_suffixes))


def _lines(name: str) -> list[str]:
    text = resources.files("kg.data.lexicon").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(w for line in _lines(name) for w in line.split())


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _lines(name)]


@cache
def lexicon() -> Lexicon:
    """All lexicons, parsed."""
    suffixes = {}
    for row in _rows("org_suffixes.tsv"):
        suffixes[row[0]] = (EntityType(row[1]), row[2] if len(row) > 2 and row[2] else row[0])
    cues = {row[0]: (PartnershipType(row[1]), row[2] == "strong") for row in _rows("partnership_cues.tsv")}
    known: dict[str, list[KnownOrg]] = {}
    for row in _rows("known_orgs.tsv"):
        known.setdefault(row[0], []).append(KnownOrg(row[0], row[1], row[2]))
    return Lexicon(
        org_suffixes=suffixes,
        name_parts=_words("name_parts.txt"),
        generic_words=_words("generic_words.txt"),
        surnames=_words("surnames.txt"),
        titles=_words("titles.txt"),
        postnominal_titles=_words("postnominal_titles.txt"),
        byline_cues=_words("byline_cues.txt"),
        patient_cues=_words("patient_cues.txt"),
        partnership_cues=cues,
        partnership_verbs=_words("partnership_verbs.txt"),
        lead_cues=_words("lead_cues.txt"),
        dispatch_cues=_words("dispatch_cues.txt"),
        known_orgs={k: tuple(v) for k, v in known.items()},
        known_names=frozenset(k.name for v in known.values() for k in v),
        name_heads={row[0]: (row[1] if len(row) > 1 else "") for row in _rows("name_heads.tsv")},
        stop_words=_words("stop_words.txt"),
        specialties=_words("specialties.txt"),
        minority_name_parts=frozenset(w for w in _words("minority_name_parts.txt") if len(w) >= 2),
        brands=_words("hospital_brands.txt"),
    )
