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
from .model import EntityType, KnowledgeGraph, Node, Relation, RelationType
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
    """Merge per-article extractions into one graph with stable IRIs."""
    extractions = sorted(extractions, key=lambda x: x.doc.doc_id)
    gaz = gazetteer()
    uf = _Union()
    # organisations: (doc, local key) -> global group
    by_name: dict[str, list] = defaultdict(list)
    for x in extractions:
        for key, org in x.orgs.items():
            ref = ("org", x.doc.doc_id, key)
            uf.find(ref)
            uf.union(ref, ("key", key)) if key[0] else None
            for name in org.aliases | {org.label}:
                by_name[name].append(ref)
    for refs in by_name.values():
        # one name, one organisation, unless placed organisations in different regions share it
        if len({r[2][0] for r in refs if r[2][0]}) <= 1:
            for r in refs[1:]:
                uf.union(refs[0], r)
    groups: dict = defaultdict(list)
    for x in extractions:
        for key, org in x.orgs.items():
            groups[uf.find(("org", x.doc.doc_id, key))].append((x, key, org))

    graph = KnowledgeGraph()
    iri_of: dict[tuple[str, tuple], str] = {}
    for members in groups.values():
        labels = Counter()
        for _x, key, org in members:
            labels[org.label] += 2 if key[0] else 1
        label = max(labels, key=lambda lab: (labels[lab], len(lab), lab))
        adcodes = [org.adcode for _, _, org in members if org.adcode]
        adcode = max(adcodes, key=lambda c: (len(c), c)) if adcodes else None
        types = Counter(org.type for _, _, org in members)
        etype = max(types, key=lambda t: (types[t], t.value))
        aliases = set().union(*(org.aliases | {org.label} for _, _, org in members))
        iri = org_iri(label, _county_level(adcode))
        graph.add_node(Node(iri, etype, label, aliases, adcode=_county_level(adcode)))
        for x, key, _org in members:
            iri_of[(x.doc.doc_id, ("org", key))] = iri
    for x in extractions:
        for key, alliance in x.alliances.items():
            code = _county_level(alliance.adcode)
            iri = alliance_iri(alliance.label, code)
            graph.add_node(Node(iri, EntityType.ALLIANCE, alliance.label, alliance.aliases, adcode=code))
            iri_of[(x.doc.doc_id, ("alliance", key))] = iri

    # people: by name and home organisation
    for x in extractions:
        for name, person in x.persons.items():
            home = iri_of.get((x.doc.doc_id, ("org", person.affiliation))) if person.affiliation else None
            home_label = graph.nodes[home].label if home else None
            iri = person_iri(name, home_label)
            graph.add_node(Node(iri, EntityType.PERSON, name, set(), roles=set(person.roles)))
            iri_of[(x.doc.doc_id, ("person", name))] = iri

    # documents
    for x in extractions:
        d = x.doc
        attrs = {"path": d.path, "encoding": d.encoding}
        if d.title:
            attrs["title"] = d.title
        if d.date:
            attrs["date"] = d.date
        if d.publisher:
            attrs["publisher"] = d.publisher
        graph.add_node(Node(doc_iri(d.doc_id), EntityType.DOCUMENT, d.title or d.doc_id, set(), attrs=attrs))
        iri_of[(d.doc_id, ("doc", d.doc_id))] = doc_iri(d.doc_id)

    # regions: every code referenced, with its ancestors
    codes: set[str] = set()
    for x in extractions:
        codes |= x.regions
    for code in sorted(codes):
        chain = gaz.ancestors(code)
        for r in chain:
            graph.add_node(
                Node(
                    region_iri(r.code), EntityType.REGION, r.name, set(r.shorts), adcode=r.code, level=r.level
                )
            )
        for child, parent in pairwise(chain):
            graph.add_relation(
                Relation(RelationType.PART_OF, region_iri(child.code), region_iri(parent.code))
            )

    # facts
    for x in extractions:
        doc_id = x.doc.doc_id

        def iri(ref, doc_id: str = doc_id) -> str | None:
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
                Relation(f.type, s, t, {f.evidence}, set(f.partnership_types), f.date, f.role, iri(f.lead))
            )
    return graph
