"""Resolution across articles: one node per real thing, every fact with all its evidence.

Organisations merge when their keys match (region code + rest of the name) or when a name one
article uses is a name another article uses for a placed organisation. People are told apart by
name and home organisation. Regions get their ancestors and ``partOf`` edges.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import pairwise

from .extract import DocumentExtraction
from .iris import alliance_iri, doc_iri, org_iri, person_iri, region_iri
from .lexicon import lexicon
from .model import EntityType, KnowledgeGraph, Node, Relation, RelationType, frozen
from .packed import Packed
from .regions import gazetteer

__all__ = ["resolve"]


class _Union:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _county_level(code: str | None) -> str | None:
    if not code:
        return None
    for r in gazetteer().ancestors(code):
        if r.level != "township":
            return r.code
    return None


def resolve(extractions: Iterable[DocumentExtraction]) -> KnowledgeGraph:
    """Merge per-article extractions into one graph with stable IRIs.

    Two passes over the extractions in the order of their documents: the organisations of all
    articles first (they merge across articles), then each article's alliances, people, document
    and facts. ``extractions`` may be :class:`~kg.packed.Packed` (by document id); anything else
    is sorted into a list.
    """
    if not isinstance(extractions, Packed):
        extractions = sorted(extractions, key=lambda x: x.doc.doc_id)
    gaz = gazetteer()
    uf = _Union()
    # organisations: (doc, local key) -> global group
    orgs_of: list[tuple[str, dict]] = [(x.doc.doc_id, x.orgs) for x in extractions]
    by_name: dict[str, list] = defaultdict(list)
    for doc_id, orgs in orgs_of:
        for key, org in orgs.items():
            ref = ("org", doc_id, key)
            uf.find(ref)
            uf.union(ref, ("key", key)) if key[0] else None
            for name in org.aliases | {org.label}:
                by_name[name].append(ref)
    known = lexicon().known_names
    for refs in by_name.values():
        # one name, one organisation, unless placed organisations in different regions share it, or
        # two well-known ones (青大附院 is 青岛大学附属医院 in Qingdao's news, 青海大学附属医院 in Xining's)
        regions = {r[2][0] for r in refs if r[2][0]}
        if len(regions) <= 1 and len({r[2][1] for r in refs if not r[2][0] and r[2][1] in known}) <= 1:
            for r in refs[1:]:
                uf.union(refs[0], r)
    groups: dict = defaultdict(list)
    for doc_id, orgs in orgs_of:
        for key, org in orgs.items():
            groups[uf.find(("org", doc_id, key))].append((doc_id, key, org))
    del orgs_of, by_name

    graph = KnowledgeGraph()
    iri_of: dict[tuple[str, tuple], str] = {}
    for members in groups.values():
        labels = Counter()
        for _doc_id, key, org in members:
            labels[org.label] += 2 if key[0] else 1
        label = max(labels, key=lambda lab: (labels[lab], len(lab), lab))
        adcodes = [org.adcode for _, _, org in members if org.adcode]
        adcode = max(adcodes, key=lambda c: (len(c), c)) if adcodes else None
        types = Counter(org.type for _, _, org in members)
        etype = max(types, key=lambda t: (types[t], t.value))
        aliases = set().union(*(org.aliases | {org.label} for _, _, org in members))
        iri = org_iri(label, _county_level(adcode))
        graph.add_node(Node(iri, etype, label, frozen(aliases), adcode=_county_level(adcode)))
        for doc_id, key, _org in members:
            iri_of[(doc_id, ("org", key))] = iri
    del groups

    # then article by article (what they name apart from organisations never merges across kinds,
    # and facts of one article only name its own entities)
    codes: set[str] = set()
    for x in extractions:
        _add_article(graph, x, iri_of)
        codes |= x.regions

    # regions: every code referenced, with its ancestors
    for code in sorted(codes):
        chain = gaz.ancestors(code)
        for r in chain:
            graph.add_node(
                Node(region_iri(r.code), EntityType.REGION, r.name, frozen(r.shorts),
                     adcode=r.code, level=r.level)
            )
        for child, parent in pairwise(chain):
            graph.add_relation(
                Relation(RelationType.PART_OF, region_iri(child.code), region_iri(parent.code))
            )
    return graph


def _add_article(graph: KnowledgeGraph, x: DocumentExtraction, iri_of: dict[tuple[str, tuple], str]) -> None:
    """One article's alliances, people (by name and home organisation), document and facts."""
    doc_id = x.doc.doc_id
    for key, alliance in x.alliances.items():
        code = _county_level(alliance.adcode)
        iri = alliance_iri(alliance.label, code)
        graph.add_node(Node(iri, EntityType.ALLIANCE, alliance.label, frozen(alliance.aliases), adcode=code))
        iri_of[(doc_id, ("alliance", key))] = iri

    for name, person in x.persons.items():
        home = iri_of.get((doc_id, ("org", person.affiliation))) if person.affiliation else None
        home_label = graph.nodes[home].label if home else None
        iri = person_iri(name, home_label)
        graph.add_node(Node(iri, EntityType.PERSON, name, roles=frozen(person.roles)))
        iri_of[(doc_id, ("person", name))] = iri

    d = x.doc
    attrs = {"path": d.path, "encoding": d.encoding}
    if d.title:
        attrs["title"] = d.title
    if d.date:
        attrs["date"] = d.date
    if d.publisher:
        attrs["publisher"] = d.publisher
    graph.add_node(Node(doc_iri(doc_id), EntityType.DOCUMENT, d.title or doc_id, attrs=attrs))
    iri_of[(doc_id, ("doc", doc_id))] = doc_iri(doc_id)

    def iri(ref) -> str | None:
        if ref is None:
            return None
        if ref[0] == "region":
            return region_iri(ref[1])
        return iri_of.get((doc_id, ref))

    for f in x.facts:
        s, t = iri(f.source), iri(f.target)
        if not s or not t or s == t:
            continue
        graph.add_relation(
            Relation(f.type, s, t, (f.evidence,), frozenset(f.partnership_types), f.date, f.role, iri(f.lead))
        )
