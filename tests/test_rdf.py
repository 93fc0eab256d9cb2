"""kg.rdf: the graph as RDF (graph.ttl, graph.nq)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE_TEXTS, make_sample_graph
from rdflib import RDF, RDFS, SKOS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, PROV, SDO

from kg.iris import doc_iri, org_iri, person_iri, region_iri
from kg.model import Evidence, KnowledgeGraph, PartnershipType, Relation, RelationType
from kg.rdf import evidence_iri, fact_iri, nquads, to_dataset, turtle, typed_date
from kg.vocab import OA, YL

A = URIRef(org_iri("武汉市第一医院", "420100"))
B = URIRef(org_iri("阳新县中医医院", "420222"))
P = URIRef(person_iri("张力", "武汉市第一医院"))
DOC = URIRef(doc_iri("sample.txt"))

DATES = [("2025", XSD.gYear), ("2025-07", XSD.gYearMonth), ("2025-07-02", XSD.date)]


@pytest.fixture
def ttl_graph(sample_graph) -> Graph:
    return Graph().parse(data=turtle(sample_graph), format="turtle")


def _partnership(g: Graph) -> URIRef:
    (node,) = set(g.subjects(RDF.type, YL.Partnership))
    return node


def test_rdf_turtle_is_byte_identical_for_the_same_graph(sample_graph):
    assert turtle(sample_graph) == turtle(make_sample_graph())
    assert nquads(sample_graph) == nquads(make_sample_graph())


def test_rdf_turtle_is_byte_identical_across_processes():
    code = "import sys; sys.path.insert(0, 'tests'); from conftest import make_sample_graph; " \
           "from kg.rdf import turtle, nquads; sys.stdout.buffer.write((turtle(make_sample_graph()) + " \
           "nquads(make_sample_graph())).encode())"
    outs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1


def test_rdf_turtle_does_not_depend_on_insertion_order(sample_graph):
    reordered = KnowledgeGraph()
    for iri in reversed(list(sample_graph.nodes)):
        reordered.add_node(sample_graph.nodes[iri])
    for key in reversed(list(sample_graph.relations)):
        reordered.add_relation(sample_graph.relations[key])
    assert turtle(reordered) == turtle(sample_graph)


def test_rdf_turtle_written_subject_by_subject_equals_the_sorted_triples(sample_graph):
    from kg.rdf import triples_by_graph

    # the build writes Turtle subject by subject; with graph.nq it sorts the triples it has made
    assert turtle(sample_graph) == turtle(sample_graph, triples_by_graph(sample_graph))
    assert turtle(sample_graph).count("a yl:Evidence") == 2  # each sentence once, whatever it supports


def test_rdf_turtle_equals_the_dataset_default_graph(sample_graph, ttl_graph):
    ds = to_dataset(sample_graph)
    assert isomorphic(ttl_graph, ds.default_graph)


def test_rdf_nquads_has_a_named_graph_per_article(sample_graph, ttl_graph):
    ds = Dataset()
    ds.parse(data=nquads(sample_graph), format="nquads")
    names = {g.identifier for g in ds.graphs()} - {ds.default_graph.identifier}
    assert names == {DOC}
    assert isomorphic(ds.default_graph, ttl_graph)
    article = ds.graph(DOC)
    assert (A, YL.partnerOf, B) in article
    assert (DOC, RDF.type, SDO.NewsArticle) in article
    assert (URIRef(region_iri("420200")), YL.partOf, URIRef(region_iri("420000"))) not in article


def test_rdf_has_no_blank_nodes(ttl_graph):
    assert not any(isinstance(t, BNode) for triple in ttl_graph for t in triple)


@pytest.mark.parametrize(("node", "cls"), [(A, YL.Hospital), (B, YL.Hospital), (P, YL.Person),
                                           (DOC, YL.Document), (URIRef(region_iri("420222")), YL.Region)])
def test_rdf_nodes_are_typed_with_ontology_classes(ttl_graph, node, cls):
    assert (node, RDF.type, cls) in ttl_graph
    assert any(lit.language == "zh" for lit in ttl_graph.objects(node, RDFS.label))


def test_rdf_labels_and_aliases_are_chinese_literals(ttl_graph):
    assert (A, RDFS.label, Literal("武汉市第一医院", lang="zh")) in ttl_graph
    assert (A, SKOS.altLabel, Literal("武汉市中西医结合医院", lang="zh")) in ttl_graph


def test_rdf_regions_have_code_level_and_containment(ttl_graph):
    yangxin, huangshi = URIRef(region_iri("420222")), URIRef(region_iri("420200"))
    assert (yangxin, YL.adcode, Literal("420222")) in ttl_graph
    assert (yangxin, YL.level, Literal("county")) in ttl_graph
    assert (yangxin, YL.partOf, huangshi) in ttl_graph
    assert (yangxin, SDO.containedInPlace, huangshi) in ttl_graph


def test_rdf_direct_edges_as_in_the_graph(sample_graph, ttl_graph):
    for rel in sample_graph.relations.values():
        assert (URIRef(rel.source), YL[rel.type.value], URIRef(rel.target)) in ttl_graph
    assert (B, YL.partnerOf, A) not in ttl_graph  # symmetric by the ontology, written once


def test_rdf_partnership_node(ttl_graph):
    node = _partnership(ttl_graph)
    assert set(ttl_graph.objects(node, YL.participant)) == {A, B}
    assert ttl_graph.value(node, YL.lead) == A
    assert set(ttl_graph.objects(node, YL.partnershipType)) == {YL.TightMedicalAlliance}
    assert ttl_graph.value(node, YL.date) == Literal("2025-07-02", datatype=XSD.date)
    assert ttl_graph.value(node, PROV.wasDerivedFrom) == DOC
    assert (node, RDF.subject, A) in ttl_graph and (node, RDF.predicate, YL.partnerOf) in ttl_graph


@pytest.mark.parametrize(("value", "datatype"), DATES)
def test_rdf_dates_typed_by_length(value, datatype):
    assert typed_date(value) == Literal(value, datatype=datatype)


def test_rdf_partnership_without_evidence_is_still_a_node():
    g = KnowledgeGraph()
    kinds = {PartnershipType.REFERRAL}
    g.add_relation(Relation(RelationType.PARTNER_OF, str(A), str(B), partnership_types=kinds))
    out = Graph().parse(data=turtle(g), format="turtle")
    assert (_partnership(out), YL.partnershipType, YL.Referral) in out


def test_rdf_post_for_dispatch_with_role(ttl_graph):
    posts = set(ttl_graph.subjects(ORG.postIn, B))
    (post,) = posts
    assert (post, RDF.type, ORG.Post) in ttl_graph
    assert ttl_graph.value(post, ORG.heldBy) == P
    role = ttl_graph.value(post, ORG.role)
    assert (role, RDF.type, ORG.Role) in ttl_graph
    assert ttl_graph.value(role, SKOS.prefLabel) == Literal("副院长", lang="zh")


def test_rdf_membership_for_alliance_edges():
    alliance = "https://w3id.org/yilian/id/alliance/420100/武汉市第一医院医联体"
    g = KnowledgeGraph()
    ev = make_sample_graph().sorted_relations()[0].evidence
    g.add_relation(Relation(RelationType.LEADS, str(A), alliance, set(ev)))
    out = Graph().parse(data=turtle(g), format="turtle")
    (m,) = set(out.subjects(RDF.type, ORG.Membership))
    assert out.value(m, ORG.member) == A and out.value(m, ORG.role) == YL.LeadRole


def test_rdf_evidence_selectors_quote_the_text(sample_graph, ttl_graph):
    facts = set(ttl_graph.subjects(RDF.type, YL.Fact))
    assert len(facts) == sum(1 for r in sample_graph.relations.values() if r.evidence)
    for fact in facts:
        for ev in ttl_graph.objects(fact, YL.evidence):
            doc = ttl_graph.value(ev, OA.hasSource)
            assert doc == DOC
            text = SAMPLE_TEXTS["sample.txt"]
            selectors = list(ttl_graph.objects(ev, OA.hasSelector))
            pos = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in ttl_graph)
            quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in ttl_graph)
            start, end = int(ttl_graph.value(pos, OA.start)), int(ttl_graph.value(pos, OA.end))
            assert text[start:end] == str(ttl_graph.value(quote, OA.exact))


def test_rdf_fact_iris_are_stable_and_distinct(sample_graph):
    iris = [fact_iri(r) for r in sample_graph.sorted_relations()]
    assert len(set(iris)) == len(iris)
    assert [fact_iri(r) for r in make_sample_graph().sorted_relations()] == iris


def test_rdf_document_metadata(ttl_graph):
    assert ttl_graph.value(DOC, SDO.headline) == Literal("样例", lang="zh")
    assert ttl_graph.value(DOC, SDO.datePublished) == Literal("2025-07-02", datatype=XSD.date)


def test_rdf_literals_with_quotes_and_newlines_round_trip():
    g = make_sample_graph()
    g.nodes[str(A)].aliases.add('带"引号"\n和\\反斜杠')
    out = Graph().parse(data=turtle(g), format="turtle")
    assert (A, SKOS.altLabel, Literal('带"引号"\n和\\反斜杠', lang="zh")) in out


def test_rdf_article_graph_holds_only_its_own_evidence():
    g = KnowledgeGraph()
    e1, e2 = Evidence("a.txt", 0, 5, "甲乙合作。"), Evidence("b.txt", 3, 8, "甲乙签约。")
    g.add_relation(Relation(RelationType.PARTNER_OF, str(A), str(B), {e1, e2}, {PartnershipType.REFERRAL}))
    ds = Dataset()
    ds.parse(data=nquads(g), format="nquads")
    a_graph = ds.graph(URIRef(doc_iri("a.txt")))
    assert (A, YL.partnerOf, B) in a_graph
    assert set(a_graph.objects(None, YL.evidence)) == {evidence_iri(e1)}
    assert set(ds.default_graph.objects(None, YL.evidence)) == {evidence_iri(e1), evidence_iri(e2)}


# ---------------------------------------------------------------- materialised province and prefecture


def _region(g: KnowledgeGraph, code: str, name: str, level: str) -> None:
    from kg.model import EntityType, Node

    g.add_node(Node(region_iri(code), EntityType.REGION, name, adcode=code, level=level))


def test_rdf_province_and_prefecture_are_materialised(ttl_graph):
    hubei, wuhan, huangshi = (URIRef(region_iri(c)) for c in ("420000", "420100", "420200"))
    assert set(ttl_graph.objects(A, YL.inProvince)) == {hubei}
    assert set(ttl_graph.objects(A, YL.inPrefecture)) == {wuhan}  # located in the prefecture itself
    assert set(ttl_graph.objects(B, YL.inProvince)) == {hubei}
    assert set(ttl_graph.objects(B, YL.inPrefecture)) == {huangshi}  # a county: its prefecture
    assert set(ttl_graph.objects(P, YL.inProvince)) == set()  # people have no locatedIn


def test_rdf_materialised_places_agree_with_the_partof_path(ttl_graph):
    q = """PREFIX yl: <https://w3id.org/yilian/ontology#>
           SELECT ?o ?level ?r WHERE { ?o yl:locatedIn/yl:partOf* ?r . ?r yl:level ?level
                                       FILTER (?level IN ("province", "city")) }"""
    by_path = {(o, str(level), r) for o, level, r in ttl_graph.query(q)}
    materialised = {(o, "province", r) for o, r in ttl_graph.subject_objects(YL.inProvince)}
    materialised |= {(o, "city", r) for o, r in ttl_graph.subject_objects(YL.inPrefecture)}
    assert materialised == by_path and len(by_path) == 4


def test_rdf_places_fall_back_on_the_gazetteer_and_skip_municipal_prefectures():
    from kg.model import EntityType, Node
    from kg.rdf import places

    g = KnowledgeGraph()
    for code, name, level in [("420000", "湖北省", "province"), ("420200", "黄石市", "city"),
                              ("420222", "阳新县", "county"), ("110000", "北京市", "province"),
                              ("110105", "朝阳区", "county")]:
        _region(g, code, name, level)
    a = g.add_node(Node(org_iri("阳新县中医医院", "420222"), EntityType.HOSPITAL, "阳新县中医医院"))
    b = g.add_node(Node(org_iri("朝阳医院", "110105"), EntityType.HOSPITAL, "朝阳医院"))
    g.add_relation(Relation(RelationType.LOCATED_IN, a.iri, region_iri("420222")))
    g.add_relation(Relation(RelationType.LOCATED_IN, b.iri, region_iri("110105")))
    g.add_relation(Relation(RelationType.PART_OF, region_iri("110105"), region_iri("110000")))
    # no partOf edges for 阳新县: the gazetteer gives 黄石市, then 湖北省
    assert places(g) == {a.iri: ({region_iri("420000")}, {region_iri("420200")}),
                         b.iri: ({region_iri("110000")}, set())}
    assert "yl:inPrefecture" not in turtle(g).split(f"<{b.iri}>")[1].split(" .\n")[0]
