"""Stable IRIs for entities: derived from what the entity is (name, region), never from counters."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from .model import ID

__all__ = ["alliance_iri", "doc_iri", "org_iri", "person_iri", "region_iri"]


@lru_cache(maxsize=1 << 16)  # the same names and documents come back for every fact about them
def _safe(text: str) -> str:
    """Percent-encode what an IRI path segment cannot hold; Chinese characters stay readable (RFC 3987)."""
    return "".join(ch if (ord(ch) > 127 and ch.isprintable() and not ch.isspace()) else quote(ch, safe="-_.~")
                   for ch in text)


def org_iri(label: str, adcode: str | None) -> str:
    """``id/org/<adcode>/<canonical name>``; ``000000`` stands for an organisation with no known region."""
    return f"{ID}org/{adcode or '000000'}/{_safe(label)}"


def alliance_iri(label: str, adcode: str | None) -> str:
    return f"{ID}alliance/{adcode or '000000'}/{_safe(label)}"


def person_iri(name: str, affiliation_label: str | None) -> str:
    """People are told apart by name and home organisation (two 张力 at two hospitals are two people)."""
    return f"{ID}person/{_safe(name)}/{_safe(affiliation_label or '-')}"


def region_iri(code: str) -> str:
    return f"{ID}region/{code}"


def doc_iri(doc_id: str) -> str:
    return f"{ID}doc/{_safe(doc_id)}"
