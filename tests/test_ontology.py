"""The ontology (ontology/yilian.ttl), the vocabulary module and the SHACL shapes."""

from __future__ import annotations

import re

import pyshacl
import pytest
from conftest import ROOT, make_sample_graph
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import ORG, SDO

from kg.model import EntityType, PartnershipType, RelationType
from kg.rdf import turtle
from kg.vocab import NOT_EMITTED, YL, ontology_path, shapes_path

KINDS_ZH = [
    ("MedicalAlliance", "医联体"),
    ("TightMedicalAlliance", "紧密型医联体"),
    ("CountyMedicalCommunity", "县域医共体"),
    ("SpecialtyAlliance", "专科联盟"),
    ("Trusteeship", "托管"),
    ("PairedAssistance", "对口帮扶"),
    ("PartyBuilding", "党建共建"),
    ("Telemedicine", "远程医疗协作"),
    ("Referral", "双向转诊"),
    ("TeachingBase", "教学基地"),
    ("JointActivity", "联合活动"),
]

ALIGNMENTS = [
    (YL.Organization, RDFS.subClassOf, ORG.Organization),
    (YL.Hospital, RDFS.subClassOf, SDO.Hospital),
    (YL.Hospital, RDFS.subClassOf, SDO.MedicalOrganization),
    (YL.Alliance, RDFS.subClassOf, ORG.OrganizationalCollaboration),
    (YL.Alliance, RDFS.subClassOf, SDO.Consortium),
    (YL.Person, RDFS.subClassOf, SDO.Person),
    (YL.Document, RDFS.subClassOf, SDO.NewsArticle),
    (YL.partOf, RDFS.subPropertyOf, SDO.containedInPlace),
    (YL.inProvince, RDFS.subPropertyOf, SDO.location),
    (YL.inPrefecture, RDFS.subPropertyOf, SDO.location),
    (YL.memberOf, RDFS.subPropertyOf, ORG.memberOf),
    (YL.partnerOf, RDF.type, OWL.SymmetricProperty),
    (YL.partOf, RDF.type, OWL.TransitiveProperty),
    (YL.Evidence, RDFS.subClassOf, URIRef("http://www.w3.org/ns/oa#SpecificResource")),
    (YL.Fact, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")),
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_path())


def _yl_terms(graph: Graph) -> set[str]:
    ns = str(YL)
    return {str(t)[len(ns):] for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(ns)}


@pytest.mark.parametrize("value", [e.value for e in EntityType])
def test_ontology_declares_every_entity_type_as_class(onto, value):
    assert (YL[value], RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("value", [r.value for r in RelationType])
def test_ontology_declares_every_relation_type_as_object_property(onto, value):
    assert (YL[value], RDF.type, OWL.ObjectProperty) in onto


@pytest.mark.parametrize(("value", "zh"), KINDS_ZH)
def test_ontology_partnership_kinds_are_concepts_of_the_scheme(onto, value, zh):
    assert value in {k.value for k in PartnershipType}
    assert (YL[value], RDF.type, SKOS.Concept) in onto
    assert (YL[value], SKOS.inScheme, YL.PartnershipTypes) in onto
    assert (YL[value], SKOS.prefLabel, Literal(zh, lang="zh")) in onto


def test_ontology_scheme_has_exactly_the_model_kinds(onto):
    concepts = {str(c)[len(str(YL)):] for c in onto.subjects(SKOS.inScheme, YL.PartnershipTypes)}
    assert concepts == {k.value for k in PartnershipType}


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: f"{t[0]} {t[2]}".split("/")[-1])
def test_ontology_aligns_with_reused_vocabularies(onto, triple):
    assert triple in onto


def test_ontology_every_term_has_labels_and_definition(onto):
    missing = []
    for term in sorted(_yl_terms(onto)):
        labels = {lit.language for lit in onto.objects(YL[term], RDFS.label)}
        if not {"zh", "en"} <= labels or onto.value(YL[term], SKOS.definition) is None:
            missing.append(term)
    assert missing == []


def test_vocab_namespace_matches_ontology(onto):
    declared = set(YL.__annotations__)
    assert declared == _yl_terms(onto)


def test_vocab_fails_on_a_mistyped_term():
    with pytest.raises(AttributeError):
        _ = YL.Hospitl


def test_vocab_every_term_is_used_by_rdf_or_documented(onto):
    source = (ROOT / "kg" / "rdf.py").read_text(encoding="utf-8")
    used = set(re.findall(r"\bYL\.([A-Za-z]+)", source)) | set(re.findall(r'\byl\("([A-Za-z]+)"\)', source))
    used |= {e.value for e in EntityType} | {r.value for r in RelationType}
    used |= {k.value for k in PartnershipType}
    assert _yl_terms(onto) - used - set(NOT_EMITTED) == set()


def test_ontology_folder_at_the_top_is_the_shipped_one():
    assert (ROOT / "ontology" / "yilian.ttl").resolve() == ontology_path().resolve()
    assert (ROOT / "ontology" / "shapes.ttl").resolve() == shapes_path().resolve()


def test_ontology_declares_every_term_used_in_graph_ttl(onto):
    data = Graph().parse(data=turtle(make_sample_graph()), format="turtle")
    assert _yl_terms(data) - _yl_terms(onto) == set()


# ---------------------------------------------------------------- SHACL


def _validate(data: Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(data, shacl_graph=str(shapes_path()), ont_graph=str(ontology_path()),
                                         inference="rdfs", advanced=True)
    return conforms, text


def test_shapes_sample_graph_conforms():
    conforms, text = _validate(Graph().parse(data=turtle(make_sample_graph()), format="turtle"))
    assert conforms, text


def _drop(pred, subject_filter=None):
    def edit(g: Graph) -> None:
        for s, p, o in list(g.triples((None, pred, None))):
            if subject_filter is None or subject_filter in str(s):
                g.remove((s, p, o))
    return edit


def _swap(pred, old, new):
    def edit(g: Graph) -> None:
        for s, p, o in list(g.triples((None, pred, None))):
            if str(o).endswith(old):
                g.remove((s, p, o))
                g.add((s, p, URIRef(str(o)[: -len(old)] + new)))
    return edit


BROKEN = [
    ("region without adcode", _drop(YL.adcode, "/region/")),
    ("region without level", _drop(YL.level)),
    ("entity without label", _drop(RDFS.label, "/org/")),
    ("partnership without kind", _drop(YL.partnershipType)),
    ("partnership with one participant", _drop(YL.participant, "")),
    ("fact without evidence", _drop(YL.evidence)),
    ("evidence without quote", _drop(URIRef("http://www.w3.org/ns/oa#exact"))),
    ("post without role", _drop(ORG.role, "/post/")),
    ("province that is a prefecture", _swap(YL.inProvince, "420000", "420100")),
    ("prefecture not on the partOf chain", _swap(YL.inPrefecture, "420200", "420100")),
]


@pytest.mark.parametrize(("name", "edit"), BROKEN, ids=[b[0] for b in BROKEN])
def test_shapes_reject_broken_graph(name, edit):
    data = Graph().parse(data=turtle(make_sample_graph()), format="turtle")
    edit(data)
    conforms, _ = _validate(data)
    assert not conforms, name
