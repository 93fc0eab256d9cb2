"""Plain data passed between the stages of the pipeline.

Every offset is a half-open ``[start, end)`` index. ``Document.text`` is the text as read
from disk; the extractors work on ``Document.norm`` (normalised) and map their spans back
with :meth:`Document.raw_span`, so evidence always indexes the original text.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, fields
from enum import Enum
from operator import attrgetter
from typing import TypeVar

__all__ = [
    "NOTHING",
    "NS",
    "ORG_TYPES",
    "Document",
    "EntityType",
    "Evidence",
    "KnowledgeGraph",
    "Node",
    "PartnershipType",
    "Relation",
    "RelationType",
    "frozen",
    "pickled_by_fields",
]

_T = TypeVar("_T", bound=type)


def pickled_by_fields(cls: _T) -> _T:
    """Pickle a slotted dataclass as a call of its constructor with its fields in order.

    A slotted dataclass is otherwise pickled by ``__getstate__`` / ``__setstate__`` methods that
    look its fields up again for every object, and unpickling the articles' extractions was the
    largest part of resolution. This way unpickling is 2.1x faster and pickling 2.4x; the fields
    are read in one C call (``attrgetter``).
    """
    names = [f.name for f in fields(cls) if f.init]
    if len(names) != len(fields(cls)):
        raise TypeError(f"{cls.__name__}: every field must be an __init__ argument to pickle it by fields")
    get = attrgetter(*names)
    one = len(names) == 1  # attrgetter of one name gives the value, not a tuple

    def __reduce__(self):
        return cls, ((get(self),) if one else get(self))

    cls.__reduce__ = __reduce__
    return cls

NS = "https://w3id.org/yilian/"
ONTOLOGY = NS + "ontology#"
ID = NS + "id/"


class EntityType(str, Enum):
    """Node types; the values are the ontology's local names (CONTRACT.md)."""

    HOSPITAL = "Hospital"
    PRIMARY_CARE = "PrimaryCareInstitution"
    PUBLIC_HEALTH = "PublicHealthInstitution"
    AUTHORITY = "HealthAuthority"
    ACADEMIC = "AcademicInstitution"
    ORGANIZATION = "Organization"
    ALLIANCE = "Alliance"
    PERSON = "Person"
    REGION = "Region"
    DOCUMENT = "Document"

    def __str__(self) -> str:
        return self.value


ORG_TYPES = frozenset(
    {
        EntityType.HOSPITAL,
        EntityType.PRIMARY_CARE,
        EntityType.PUBLIC_HEALTH,
        EntityType.AUTHORITY,
        EntityType.ACADEMIC,
        EntityType.ORGANIZATION,
    }
)


class RelationType(str, Enum):
    """Edge types; the values are the ontology's property local names."""

    PARTNER_OF = "partnerOf"
    MEMBER_OF = "memberOf"
    LEADS = "leads"
    AFFILIATED_WITH = "affiliatedWith"
    DISPATCHED_TO = "dispatchedTo"
    LOCATED_IN = "locatedIn"
    PART_OF = "partOf"
    MENTIONED_IN = "mentionedIn"

    def __str__(self) -> str:
        return self.value


class PartnershipType(str, Enum):
    """Kinds of partnership (the SKOS concept scheme of the ontology)."""

    MEDICAL_ALLIANCE = "MedicalAlliance"
    TIGHT_MEDICAL_ALLIANCE = "TightMedicalAlliance"
    COUNTY_MEDICAL_COMMUNITY = "CountyMedicalCommunity"
    SPECIALTY_ALLIANCE = "SpecialtyAlliance"
    TRUSTEESHIP = "Trusteeship"
    PAIRED_ASSISTANCE = "PairedAssistance"
    PARTY_BUILDING = "PartyBuilding"
    TELEMEDICINE = "Telemedicine"
    REFERRAL = "Referral"
    TEACHING_BASE = "TeachingBase"
    JOINT_ACTIVITY = "JointActivity"

    def __str__(self) -> str:
        return self.value


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """One article: the text as read from disk plus the normalised text the extractors read.

    ``offsets[i]`` is the index in ``text`` of ``norm[i]``; it has one extra entry,
    ``len(text)``, so that an end offset maps too.
    """

    doc_id: str
    path: str
    text: str
    norm: str
    offsets: tuple[int, ...]
    encoding: str = "utf-8"
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    site: str | None = None  # a web page's site (a hospital's own news: 我院 is that hospital)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``norm`` to the same span of ``text``."""
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the normalised span ``[start, end)``, quoting the original text."""
        raw_start, raw_end = self.raw_span(start, end)
        return Evidence(self.doc_id, raw_start, raw_end, self.text[raw_start:raw_end])


@pickled_by_fields
@dataclass(frozen=True, order=True, slots=True)
class Evidence:
    """Where a fact was read: a sentence of a document, by offsets into the text as read from disk."""

    doc: str
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, object]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


NOTHING: frozenset = frozenset()  # one empty set for every node without aliases or roles


def frozen(items: Iterable[str]) -> AbstractSet[str]:
    """``items`` as a frozenset, or the shared :data:`NOTHING` when there are none."""
    return frozenset(items) or NOTHING


def _union(kept: AbstractSet, new: AbstractSet) -> AbstractSet:
    """``kept | new``, without a new set when ``new`` adds nothing (most merges)."""
    return kept if new <= kept else kept | new


@pickled_by_fields
@dataclass(slots=True)
class Node:
    """A resolved entity: one per real thing, across all documents.

    ``aliases`` and ``roles`` are replaced, never changed in place, when nodes merge: most are
    empty, and share :data:`NOTHING` (an empty set of their own took 216 bytes each).
    """

    iri: str
    type: EntityType
    label: str
    aliases: AbstractSet[str] = NOTHING
    adcode: str | None = None  # regions: their code; organisations: the most specific known region
    level: str | None = None  # regions: province, city, county, township
    roles: AbstractSet[str] = NOTHING  # persons: titles and posts as written
    attrs: dict[str, str] = field(default_factory=dict)  # documents: title, date, publisher, path


@pickled_by_fields
@dataclass(slots=True)
class Relation:
    """A resolved, typed edge between two nodes (by IRI), with the sentences that support it."""

    type: RelationType
    source: str
    target: str
    # a tuple while one sentence backs the edge (most do: a set of one takes 216 bytes, a tuple 48),
    # a set once evidence is merged in
    evidence: set[Evidence] | tuple[Evidence, ...] = ()
    # frozen: most edges have none, and an empty set takes 216 bytes (a quarter GB at 100 MB)
    partnership_types: frozenset[PartnershipType] = frozenset()
    date: str | None = None
    role: str | None = None
    lead: str | None = None  # partnerships: IRI of the leading party when known

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of the edge; partnerships are unordered."""
        if self.type is RelationType.PARTNER_OF:
            a, b = sorted((self.source, self.target))
            return (self.type.value, a, b)
        return (self.type.value, self.source, self.target)


@dataclass
class KnowledgeGraph:
    """The whole resolved graph: what every writer (JSON, RDF, views, store) reads."""

    nodes: dict[str, Node] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], Relation] = field(default_factory=dict)

    def add_node(self, node: Node) -> Node:
        """Add ``node`` or merge it into the node with the same IRI; returns the node kept."""
        kept = self.nodes.get(node.iri)
        if kept is None:
            self.nodes[node.iri] = node
            return node
        kept.aliases = _union(kept.aliases, node.aliases)
        kept.roles = _union(kept.roles, node.roles)
        kept.adcode = kept.adcode or node.adcode
        kept.level = kept.level or node.level
        for k, v in node.attrs.items():
            kept.attrs.setdefault(k, v)
        return kept

    def add_relation(self, rel: Relation) -> Relation:
        """Add ``rel`` or merge its evidence, kinds, date and role into the edge already there."""
        kept = self.relations.get(rel.key)
        if kept is None:
            self.relations[rel.key] = rel
            return rel
        if isinstance(kept.evidence, set):
            kept.evidence.update(rel.evidence)
        elif rel.evidence:
            kept.evidence = {*kept.evidence, *rel.evidence}
        kept.partnership_types = _union(kept.partnership_types, rel.partnership_types)
        if rel.date and (not kept.date or len(rel.date) > len(kept.date)):
            kept.date = rel.date
        kept.role = kept.role or rel.role
        if rel.lead and not kept.lead:
            kept.lead = rel.lead
            if kept.type is RelationType.PARTNER_OF and kept.source != rel.lead:
                kept.source, kept.target = kept.target, kept.source
        return kept

    def sorted_nodes(self) -> list[Node]:
        return [self.nodes[k] for k in sorted(self.nodes)]

    def sorted_relations(self) -> list[Relation]:
        return [self.relations[k] for k in sorted(self.relations)]
