"""The graph as RDF: ontology terms (``ontology/yilian.ttl``), one named graph per article.

What is written, for a :class:`~kg.model.KnowledgeGraph`:

- every node typed with its ``yl:`` class, ``rdfs:label "…"@zh`` and ``skos:altLabel`` for
  aliases; regions with ``yl:adcode`` and ``yl:level``; people with ``yl:role``; documents also
  as ``schema:NewsArticle`` with headline, date and publisher;
- every edge as the direct triple (``yl:partnerOf``, ``yl:locatedIn`` …; ``yl:partOf`` also as
  ``schema:containedInPlace``), exactly as in the graph;
- every edge with evidence also as a fact node (``yl:Fact``, with ``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``): a ``yl:Partnership`` for ``partnerOf`` (participants,
  lead, kinds as SKOS concepts, a typed date), an ``org:Post`` for ``affiliatedWith`` /
  ``dispatchedTo`` with a role, an ``org:Membership`` for ``memberOf`` / ``leads``;
  ``prov:wasDerivedFrom`` the article and ``yl:evidence`` a ``yl:Evidence``: a Web Annotation
  specific resource of the article with a ``oa:TextPositionSelector`` and a
  ``oa:TextQuoteSelector``. A partnership is always a node, with or without evidence.
  Edges without evidence (``partOf`` from the region gazetteer) are reference data: only the
  direct triple;
- for every ``locatedIn`` edge, the province and the prefecture of the region, materialised as
  ``yl:inProvince`` and ``yl:inPrefecture`` (reference data, default graph only), so that queries
  by province or across prefecture lines are index lookups instead of ``locatedIn/partOf*`` walks.
  They follow the graph's own ``partOf`` chain and levels, and :func:`kg.regions.gazetteer` where
  the graph stops short; a municipality (直辖市) has no prefecture above its districts, so its
  organisations have ``yl:inProvince`` only.

There are no blank nodes: fact IRIs hash the edge's key (its type and the two entity IRIs),
evidence IRIs hash the document and the offsets, so IRIs are stable across builds. Output text
is written by this module, sorted, so the same graph gives byte-identical Turtle and N-Quads.

>>> from kg.model import KnowledgeGraph, Node, EntityType
>>> g = KnowledgeGraph()
>>> _ = g.add_node(Node("https://w3id.org/yilian/id/region/420000", EntityType.REGION, "湖北省",
...                     adcode="420000", level="province"))
>>> print(turtle(g).split("\\n\\n")[-1], end="")
<https://w3id.org/yilian/id/region/420000> a yl:Region ;
    rdfs:label "湖北省"@zh ;
    yl:adcode "420000" ;
    yl:level "province" .
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TextIO

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, SDO
from rdflib.term import Node as RdfTerm

from .iris import _safe, doc_iri
from .model import ID, EntityType, Evidence, KnowledgeGraph, Node, Relation, RelationType
from .regions import gazetteer
from .vocab import OA, YL

__all__ = ["PREFIXES", "evidence_iri", "fact_iri", "nquads", "places", "to_dataset", "triples_by_graph",
           "turtle", "write_nquads", "write_turtle"]

PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "yl": str(YL),
}

Triple = tuple[URIRef, URIRef, RdfTerm]
DEFAULT = None  # the key of the default graph in :func:`triples_by_graph`

_FACT_KIND = {
    RelationType.PARTNER_OF: "partnership",
    RelationType.AFFILIATED_WITH: "post",
    RelationType.DISPATCHED_TO: "post",
    RelationType.MEMBER_OF: "membership",
    RelationType.LEADS: "membership",
}
_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


# URIRef() checks its text every time; the same few IRIs come back for every fact about an entity
_uri = lru_cache(maxsize=1 << 17)(URIRef)


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]


def fact_iri(rel: Relation) -> URIRef:
    """The fact node of an edge: ``id/<partnership|post|membership|fact>/<hash of the edge's key>``."""
    kind = _FACT_KIND.get(rel.type, "fact")
    if kind == "post" and not rel.role:
        kind = "fact"
    return URIRef(f"{ID}{kind}/{_hash(*rel.key)}")


@lru_cache(maxsize=1 << 17)
def evidence_iri(ev: Evidence) -> URIRef:
    """``id/evidence/<hash of document and offsets>``: one node per sentence, for every fact it supports."""
    return URIRef(f"{ID}evidence/{_hash(ev.doc, ev.start, ev.end)}")


def role_iri(role: str) -> URIRef:
    return URIRef(f"{ID}role/{_safe(role)}")


def typed_date(value: str) -> Literal:
    """``YYYY-MM-DD`` as ``xsd:date``, ``YYYY-MM`` as ``xsd:gYearMonth``, ``YYYY`` as ``xsd:gYear``.

    >>> typed_date("2025-07").datatype
    rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')
    """
    datatype = _DATE_TYPES.get(len(value))
    return Literal(value, datatype=datatype) if datatype else Literal(value)


def _node_triples(node: Node) -> Iterable[Triple]:
    s = _uri(node.iri)
    yield s, RDF.type, YL[node.type.value]
    yield s, RDFS.label, Literal(node.label, lang="zh")
    for alias in sorted(node.aliases - {node.label}):
        yield s, SKOS.altLabel, Literal(alias, lang="zh")
    if node.adcode:
        yield s, YL.adcode, Literal(node.adcode)
    if node.level:
        yield s, YL.level, Literal(node.level)
    for role in sorted(node.roles):
        yield s, YL.role, Literal(role, lang="zh")
    if node.type is EntityType.DOCUMENT:
        yield s, RDF.type, SDO.NewsArticle
        attrs = node.attrs
        if attrs.get("title"):
            yield s, SDO.headline, Literal(attrs["title"], lang="zh")
        if attrs.get("date"):
            yield s, SDO.datePublished, typed_date(attrs["date"])
        if attrs.get("publisher"):
            yield s, SDO.publisher, Literal(attrs["publisher"], lang="zh")
        for key in ("url", "source"):
            if attrs.get(key, "").startswith(("http://", "https://")):
                yield s, SDO.url, URIRef(attrs[key])
        if attrs.get("path"):
            yield s, DCTERMS.source, Literal(attrs["path"])


@lru_cache(maxsize=1 << 16)  # a sentence is the evidence of several facts
def _evidence_triples(ev: Evidence) -> tuple[Triple, ...]:
    e = evidence_iri(ev)
    position, quote = URIRef(f"{e}/position"), URIRef(f"{e}/quote")
    return (
        (e, RDF.type, YL.Evidence),
        (e, OA.hasSource, _uri(doc_iri(ev.doc))),
        (e, OA.hasSelector, position),
        (e, OA.hasSelector, quote),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(ev.start, datatype=XSD.nonNegativeInteger)),
        (position, OA.end, Literal(ev.end, datatype=XSD.nonNegativeInteger)),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, Literal(ev.text)),
    )


def _fact_triples(rel: Relation, labels: dict[str, str]) -> Iterable[Triple]:
    s, o, p = _uri(rel.source), _uri(rel.target), YL[rel.type.value]
    f = fact_iri(rel)
    yield f, RDF.type, YL.Fact
    yield f, RDF.subject, s
    yield f, RDF.predicate, p
    yield f, RDF.object, o
    if rel.type is RelationType.PARTNER_OF:
        yield f, RDF.type, YL.Partnership
        label = f"{labels.get(rel.source, rel.source)} — {labels.get(rel.target, rel.target)}"
        yield f, RDFS.label, Literal(label, lang="zh")
        yield f, YL.participant, s
        yield f, YL.participant, o
        if rel.lead:
            yield f, YL.lead, _uri(rel.lead)
        for kind in sorted(rel.partnership_types):
            yield f, YL.partnershipType, YL[kind.value]
        if rel.date:
            yield f, YL.date, typed_date(rel.date)
    elif rel.type in (RelationType.AFFILIATED_WITH, RelationType.DISPATCHED_TO) and rel.role:
        role = role_iri(rel.role)
        yield f, RDF.type, ORG.Post
        yield f, RDFS.label, Literal(f"{labels.get(rel.target, rel.target)}{rel.role}", lang="zh")
        yield f, ORG.heldBy, s
        yield f, ORG.postIn, o
        yield f, ORG.role, role
        yield role, RDF.type, ORG.Role
        yield role, RDFS.label, Literal(rel.role, lang="zh")
        yield role, SKOS.prefLabel, Literal(rel.role, lang="zh")
    elif rel.type in (RelationType.MEMBER_OF, RelationType.LEADS):
        yield f, RDF.type, ORG.Membership
        yield f, ORG.member, s
        yield f, ORG.organization, o
        yield f, ORG.role, YL.LeadRole if rel.type is RelationType.LEADS else YL.MemberRole


def _fact_evidence_triples(rel: Relation, evidence: Iterable[Evidence]) -> Iterable[Triple]:
    f = fact_iri(rel)
    for ev in evidence:
        yield f, PROV.wasDerivedFrom, _uri(doc_iri(ev.doc))
        yield f, YL.evidence, evidence_iri(ev)
        yield from _evidence_triples(ev)


def _needs_fact(rel: Relation) -> bool:
    return bool(rel.evidence) or rel.type is RelationType.PARTNER_OF or (
        rel.type in (RelationType.AFFILIATED_WITH, RelationType.DISPATCHED_TO) and bool(rel.role))


def places(graph: KnowledgeGraph) -> dict[str, tuple[set[str], set[str]]]:
    """The provinces and prefectures (region IRIs) of everything with a ``locatedIn`` edge.

    From each ``locatedIn`` region up its ``partOf`` chain in the graph (a region's level is its
    node's ``level``); where the chain stops below a province, the gazetteer's ancestors of the last
    region's code continue it, as long as those regions are nodes of the graph. Only nodes of the
    graph are ever named, so every ``yl:inProvince`` / ``yl:inPrefecture`` object has its label.
    """
    gaz = gazetteer()
    parents: dict[str, list[str]] = defaultdict(list)
    located: dict[str, list[str]] = defaultdict(list)
    for rel in graph.relations.values():
        if rel.type is RelationType.PART_OF:
            parents[rel.source].append(rel.target)
        elif rel.type is RelationType.LOCATED_IN:
            located[rel.source].append(rel.target)
    by_code = {n.adcode: iri for iri, n in graph.nodes.items() if n.type is EntityType.REGION and n.adcode}
    cache: dict[str, tuple[set[str], set[str]]] = {}

    def up(region: str) -> tuple[set[str], set[str]]:
        if region in cache:
            return cache[region]
        cache[region] = (set(), set())  # a cycle ends here
        node = graph.nodes.get(region)
        level = node.level if node is not None else None
        provinces: set[str] = {region} if level == "province" else set()
        cities: set[str] = {region} if level == "city" else set()
        if level != "province":
            above = parents.get(region, [])
            if not above and node is not None and node.adcode:
                chain = [by_code.get(r.code) for r in gaz.ancestors(node.adcode)[1:]]
                above = [iri for iri in chain if iri][:1]
            for parent in above:
                p, c = up(parent)
                provinces |= p
                cities |= c
        cache[region] = (provinces, cities)
        return provinces, cities

    out: dict[str, tuple[set[str], set[str]]] = {}
    for source, regions in located.items():
        provinces, cities = set(), set()
        for region in regions:
            p, c = up(region)
            provinces |= p
            cities |= c
        if provinces or cities:
            out[source] = (provinces, cities)
    return out


def _place_triples(graph: KnowledgeGraph) -> Iterable[Triple]:
    for source, (provinces, cities) in places(graph).items():
        s = URIRef(source)
        for p in provinces:
            yield s, YL.inProvince, URIRef(p)
        for c in cities:
            yield s, YL.inPrefecture, URIRef(c)


def triples_by_graph(graph: KnowledgeGraph) -> dict[URIRef | None, set[Triple]]:
    """The triples of each graph: ``None`` is the default graph (everything), an article's IRI its graph.

    An article's graph holds the article's description and every fact read from it, with the
    direct triple, the fact node and the evidence.
    """
    out: dict[URIRef | None, set[Triple]] = defaultdict(set)
    everything = out[DEFAULT]
    labels = {iri: node.label for iri, node in graph.nodes.items()}
    for node in graph.sorted_nodes():
        triples = set(_node_triples(node))
        everything |= triples
        if node.type is EntityType.DOCUMENT:
            out[URIRef(node.iri)] |= triples
    for rel in graph.sorted_relations():
        s, o = _uri(rel.source), _uri(rel.target)
        core = {(s, YL[rel.type.value], o)}
        if rel.type is RelationType.PART_OF:
            core.add((s, SDO.containedInPlace, o))
        fact = _needs_fact(rel)
        if fact:
            core |= set(_fact_triples(rel, labels))
        everything |= core
        by_doc: dict[str, list[Evidence]] = defaultdict(list)
        for ev in rel.evidence:
            by_doc[ev.doc].append(ev)
        for doc, evs in by_doc.items():
            # an article's graph gets the fact and only the evidence read from that article
            part = set(_fact_evidence_triples(rel, evs)) if fact else set()
            everything |= part
            out[_uri(doc_iri(doc))] |= core | part
    everything.update(_place_triples(graph))
    return dict(out)


def to_dataset(graph: KnowledgeGraph) -> Dataset:
    """The graph as an rdflib :class:`~rdflib.Dataset`: the default graph holds everything,
    and each article has a named graph (named by the article's IRI) with what was read from it."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    for name, triples in triples_by_graph(graph).items():
        target = ds.default_graph if name is None else ds.graph(name)
        for t in triples:
            target.add(t)
    return ds


# ------------------------------------------------------------------ deterministic writers

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_STRING_ESCAPE = re.compile(r'[\\"\n\r\t\b\f]')


def _iri(value: str) -> str:
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", value) + ">"


def _qname(value: str) -> str | None:
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and _LOCAL.match(value[len(ns):]):
            return f"{prefix}:{value[len(ns):]}"
    return None


def _literal(lit: Literal, compact: bool) -> str:
    text = '"' + _STRING_ESCAPE.sub(lambda m: _STRING_ESCAPES[m.group()], str(lit)) + '"'
    if lit.language:
        return f"{text}@{lit.language}"
    if lit.datatype and lit.datatype != XSD.string:
        dt = _qname(str(lit.datatype)) if compact else None
        return f"{text}^^{dt or _iri(str(lit.datatype))}"
    return text


@lru_cache(maxsize=1 << 18)
def _term(term: RdfTerm, compact: bool) -> str:
    if isinstance(term, Literal):
        return _literal(term, compact)
    if isinstance(term, URIRef):
        return (compact and _qname(str(term))) or _iri(str(term))
    raise TypeError(f"no blank nodes in yilian RDF: {term!r}")


def _sort_key(term: RdfTerm) -> tuple:
    if isinstance(term, Literal):
        return (1, str(term.datatype or ""), term.language or "", str(term))
    return (0, str(term))


def _write_triples(out: TextIO, triples: set[Triple]) -> None:
    by_subject: dict[URIRef, dict[URIRef, list[RdfTerm]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    first = True
    for s in sorted(by_subject, key=str):
        preds = by_subject[s]
        lines = []
        for p in sorted(preds, key=lambda p: (p != RDF.type, str(p))):
            objects = ", ".join(_term(o, True) for o in sorted(preds[p], key=_sort_key))
            lines.append(f"{'a' if p == RDF.type else _term(p, True)} {objects}")
        out.write(("" if first else "\n") + _term(s, True) + " " + " ;\n    ".join(lines) + " .\n")
        first = False


def write_turtle(out: TextIO, graph: KnowledgeGraph, triples: dict | None = None) -> None:
    """The default graph (everything) as Turtle into ``out``, sorted: byte-identical for the same graph.

    ``triples`` is :func:`triples_by_graph` of ``graph`` when the caller has it already.
    """
    out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n")
    _write_triples(out, (triples or triples_by_graph(graph))[DEFAULT])


def write_nquads(out: TextIO, graph: KnowledgeGraph, triples: dict | None = None) -> None:
    """Every graph as N-Quads into ``out``: the default graph first (lines without a graph name),
    then each article's graph in the order of their IRIs, each sorted line by line.

    Graph by graph, so that only one graph's lines are ever held as text at a time.
    """
    by_graph = triples or triples_by_graph(graph)
    for name in sorted(by_graph, key=lambda n: "" if n is None else str(n)):
        suffix = " .\n" if name is None else f" {_iri(str(name))} .\n"
        lines = sorted(f"{_term(s, False)} {_term(p, False)} {_term(o, False)}{suffix}"
                       for s, p, o in by_graph[name])
        out.writelines(lines)


def turtle(graph: KnowledgeGraph, triples: dict | None = None) -> str:
    """:func:`write_turtle` as a string."""
    buffer = io.StringIO()
    write_turtle(buffer, graph, triples)
    return buffer.getvalue()


def nquads(graph: KnowledgeGraph, triples: dict | None = None) -> str:
    """:func:`write_nquads` as a string."""
    buffer = io.StringIO()
    write_nquads(buffer, graph, triples)
    return buffer.getvalue()
