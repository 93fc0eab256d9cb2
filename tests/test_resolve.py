"""Resolution across articles: one node per real institution."""

from __future__ import annotations

from kg.corpus import normalise
from kg.extract import extract_document
from kg.model import Document, EntityType
from kg.resolve import resolve


def article(doc_id: str, text: str):
    norm, offsets = normalise(text)
    return extract_document(Document(doc_id, doc_id, text, norm, offsets))


def test_resolve_a_short_name_two_well_known_hospitals_share_keeps_them_apart() -> None:
    qingdao = article("a.txt", "青岛大学附属医院与平度市人民医院签约，青大附院将派出专家。")
    xining = article("b.txt", "青海大学附属医院与囊谦县人民医院签约，青大附院每季度派出专家到囊谦驻点。")
    graph = resolve([qingdao, xining])
    hospitals = {n.label: n for n in graph.nodes.values() if n.type is EntityType.HOSPITAL}
    assert {"青岛大学附属医院", "青海大学附属医院"} <= set(hospitals)
    assert "青大附院" in hospitals["青海大学附属医院"].aliases  # read as the Qinghai one in a Qinghai article
    assert "青大附院" in hospitals["青岛大学附属医院"].aliases


def test_resolve_a_well_known_hospital_written_with_and_without_its_province_is_one() -> None:
    graph = resolve([
        article("a.txt", "广西医科大学第一附属医院专家到靖西义诊。"),
        article("b.txt", "南宁市民说，广西医科大学第一附属医院的专家每周来社区坐诊。"),
    ])
    labels = [n.label for n in graph.nodes.values() if n.type is EntityType.HOSPITAL]
    assert labels.count("广西医科大学第一附属医院") == 1
