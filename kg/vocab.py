"""The ontology's namespace as an rdflib :class:`~rdflib.namespace.DefinedNamespace`, and where the
shipped ontology files are.

A mistyped term fails at once instead of writing a term the ontology does not declare:

>>> YL.Hospital
rdflib.term.URIRef('https://w3id.org/yilian/ontology#Hospital')
>>> YL.Hospitl
Traceback (most recent call last):
  ...
AttributeError: term 'Hospitl' not in namespace 'https://w3id.org/yilian/ontology#'
"""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from .model import ID, ONTOLOGY

__all__ = ["ID_NS", "NOT_EMITTED", "OA", "ONTOLOGY_DIR", "ONTOLOGY_IRI", "YL",
           "ontology_path", "queries_dir", "shapes_path"]

ONTOLOGY_DIR = Path(__file__).resolve().parent / "data" / "ontology"
"""The ontology files shipped in the package (``ontology/`` at the top of the repository links here)."""

ONTOLOGY_IRI = URIRef(ONTOLOGY.rstrip("#"))
ID_NS = Namespace(ID)
OA = Namespace("http://www.w3.org/ns/oa#")


def ontology_path() -> Path:
    """``yilian.ttl``, the OWL ontology."""
    return ONTOLOGY_DIR / "yilian.ttl"


def shapes_path() -> Path:
    """``shapes.ttl``, the SHACL shapes the build output must pass."""
    return ONTOLOGY_DIR / "shapes.ttl"


def queries_dir() -> Path:
    """The saved SPARQL queries, one ``NAME.rq`` each."""
    return ONTOLOGY_DIR / "queries"


class YL(DefinedNamespace):
    """Terms of ``https://w3id.org/yilian/ontology#`` (ontology/yilian.ttl)."""

    _NS = Namespace(ONTOLOGY)
    _fail = True

    AcademicInstitution: URIRef  # academic institution
    Alliance: URIRef  # alliance
    CountyMedicalCommunity: URIRef  # county medical community
    Document: URIRef  # article
    Evidence: URIRef  # evidence
    Fact: URIRef  # fact
    HealthAuthority: URIRef  # health authority
    Hospital: URIRef  # hospital
    JointActivity: URIRef  # joint activity
    LeadRole: URIRef  # lead
    MedicalAlliance: URIRef  # medical alliance
    MemberRole: URIRef  # member
    Organization: URIRef  # organisation
    PairedAssistance: URIRef  # paired assistance
    Partnership: URIRef  # partnership
    PartnershipTypes: URIRef  # partnership types
    PartyBuilding: URIRef  # joint Party building
    Person: URIRef  # person
    PrimaryCareInstitution: URIRef  # primary care institution
    PublicHealthInstitution: URIRef  # public health institution
    Referral: URIRef  # two-way referral
    Region: URIRef  # administrative division
    SpecialtyAlliance: URIRef  # specialty alliance
    TeachingBase: URIRef  # teaching base
    Telemedicine: URIRef  # telemedicine collaboration
    TightMedicalAlliance: URIRef  # tight medical alliance
    Trusteeship: URIRef  # trusteeship
    adcode: URIRef  # administrative division code
    affiliatedWith: URIRef  # affiliated with
    date: URIRef  # date
    dispatchedTo: URIRef  # dispatched to
    evidence: URIRef  # evidence
    inPrefecture: URIRef  # in prefecture
    inProvince: URIRef  # in province
    lead: URIRef  # lead
    leads: URIRef  # leads
    level: URIRef  # administrative level
    locatedIn: URIRef  # located in
    memberOf: URIRef  # member of
    mentionedIn: URIRef  # mentioned in
    partOf: URIRef  # part of
    participant: URIRef  # participant
    partnerOf: URIRef  # partner of
    partnershipType: URIRef  # partnership type
    role: URIRef  # role


NOT_EMITTED: dict[str, str] = {
    "PartnershipTypes": "the SKOS concept scheme itself; the build emits its concepts (yl:partnershipType)",
}
"""Ontology terms that :mod:`kg.rdf` never writes, with the reason they are declared anyway."""
