"""Shared fixtures: a small hand-made graph, the seed build, and the offset check."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.iris import doc_iri, org_iri, person_iri, region_iri
from kg.model import (
    EntityType,
    Evidence,
    KnowledgeGraph,
    Node,
    PartnershipType,
    Relation,
    RelationType,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold_seeds.json"


def assert_evidence_indexes_text(graph_json: dict, texts: dict[str, str]) -> None:
    """Every evidence of every edge quotes exactly ``text[start:end]`` of its document."""
    for edge in graph_json["edges"]:
        for ev in edge["evidence"]:
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"], (edge["type"], ev)


def make_sample_graph() -> KnowledgeGraph:
    """Two hospitals in two cities, a partnership, an expert sent from one to the other, regions, a doc."""
    g = KnowledgeGraph()
    text = SAMPLE_TEXTS["sample.txt"]
    doc = "sample.txt"
    hubei, wuhan, huangshi, yangxin = "420000", "420100", "420200", "420222"
    g.add_node(
        Node(
            doc_iri(doc),
            EntityType.DOCUMENT,
            "sample.txt",
            attrs={"title": "样例", "date": "2025-07-02", "path": "seeds/sample.txt"},
        )
    )
    for code, name, level in [
        (hubei, "湖北省", "province"),
        (wuhan, "武汉市", "city"),
        (huangshi, "黄石市", "city"),
        (yangxin, "阳新县", "county"),
    ]:
        g.add_node(Node(region_iri(code), EntityType.REGION, name, adcode=code, level=level))
    a = g.add_node(
        Node(
            org_iri("武汉市第一医院", wuhan),
            EntityType.HOSPITAL,
            "武汉市第一医院",
            {"武汉市中西医结合医院"},
            adcode=wuhan,
        )
    )
    b = g.add_node(
        Node(
            org_iri("阳新县中医医院", yangxin),
            EntityType.HOSPITAL,
            "阳新县中医医院",
            {"黄石市阳新县中医医院"},
            adcode=yangxin,
        )
    )
    p = g.add_node(Node(person_iri("张力", "武汉市第一医院"), EntityType.PERSON, "张力", roles={"副院长"}))
    s1 = Evidence(doc, 0, text.index("。") + 1, text[: text.index("。") + 1])
    s2 = Evidence(doc, s1.end, len(text), text[s1.end :])
    g.add_relation(
        Relation(
            RelationType.PARTNER_OF,
            a.iri,
            b.iri,
            {s1},
            {PartnershipType.TIGHT_MEDICAL_ALLIANCE},
            date="2025-07-02",
            lead=a.iri,
        )
    )
    g.add_relation(Relation(RelationType.AFFILIATED_WITH, p.iri, a.iri, {s2}, role="专家"))
    g.add_relation(Relation(RelationType.DISPATCHED_TO, p.iri, b.iri, {s2}, role="副院长"))
    g.add_relation(Relation(RelationType.LOCATED_IN, a.iri, region_iri(wuhan), {s1}))
    g.add_relation(Relation(RelationType.LOCATED_IN, b.iri, region_iri(yangxin), {s1}))
    g.add_relation(Relation(RelationType.PART_OF, region_iri(wuhan), region_iri(hubei)))
    g.add_relation(Relation(RelationType.PART_OF, region_iri(huangshi), region_iri(hubei)))
    g.add_relation(Relation(RelationType.PART_OF, region_iri(yangxin), region_iri(huangshi)))
    for node in (a, b, p):
        g.add_relation(
            Relation(RelationType.MENTIONED_IN, node.iri, doc_iri(doc), {s1 if node is not p else s2})
        )
    return g


SAMPLE_TEXTS = {
    "sample.txt": "2025年7月2日，武汉市第一医院与阳新县中医医院签约共建紧密型医联体。"
    "派驻专家张力挂职阳新县中医医院副院长。"
}


@pytest.fixture
def sample_graph() -> KnowledgeGraph:
    return make_sample_graph()
