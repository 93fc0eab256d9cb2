"""kg.model: merging what several articles say about one thing."""

from __future__ import annotations

from kg.model import NOTHING, EntityType, Evidence, KnowledgeGraph, Node, Relation, RelationType

A, B = "https://w3id.org/yilian/id/org/a", "https://w3id.org/yilian/id/org/b"
ONE = Evidence("d1.txt", 0, 10, "甲医院与乙医院签约。")
TWO = Evidence("d2.txt", 5, 20, "乙医院与甲医院共建医联体。")


def test_an_edge_read_once_keeps_its_sentence_and_gathers_more_when_merged() -> None:
    g = KnowledgeGraph()
    kept = g.add_relation(Relation(RelationType.PARTNER_OF, A, B, (ONE,)))
    assert list(kept.evidence) == [ONE]
    g.add_relation(Relation(RelationType.PARTNER_OF, B, A, (TWO,)))
    g.add_relation(Relation(RelationType.PARTNER_OF, A, B, (ONE,)))  # the same sentence again
    assert sorted(g.relations[kept.key].evidence) == [ONE, TWO]
    assert len(g.relations) == 1


def test_merged_nodes_gather_aliases_and_roles_from_every_article() -> None:
    g = KnowledgeGraph()
    person = g.add_node(Node("https://w3id.org/yilian/id/person/x", EntityType.PERSON, "张伟"))
    assert person.roles is NOTHING  # no set of its own until it has roles
    g.add_node(Node(person.iri, EntityType.PERSON, "张伟", roles=frozenset({"主任医师"})))
    g.add_node(Node(person.iri, EntityType.PERSON, "张伟", aliases={"张主任"}, roles={"副院长"}))
    assert person.roles == {"主任医师", "副院长"} and person.aliases == {"张主任"}


def test_a_merge_that_adds_nothing_keeps_the_sets_it_had() -> None:
    g = KnowledgeGraph()
    located = g.add_relation(Relation(RelationType.LOCATED_IN, A, B, (ONE,)))
    kinds = located.partnership_types  # none, shared by every such edge
    g.add_relation(Relation(RelationType.LOCATED_IN, A, B, (TWO,)))
    assert located.partnership_types is kinds  # not a new empty set per merge
    org = g.add_node(Node(A, EntityType.HOSPITAL, "甲医院", frozenset({"甲院"})))
    aliases = org.aliases
    g.add_node(Node(A, EntityType.HOSPITAL, "甲医院", frozenset({"甲院"})))
    assert org.aliases is aliases


def test_the_pipelines_records_pickle_as_a_constructor_call_and_come_back_equal() -> None:
    import pickle

    from kg.extract import Fact, LocalPerson
    from kg.localorgs import LocalOrg
    from kg.model import Document, PartnershipType

    records = [
        ONE,
        Document("d1.txt", "seeds/d1.txt", "甲医院", "甲医院", (0, 1, 2, 3), title="标题"),
        Node(A, EntityType.HOSPITAL, "甲医院", frozenset({"甲院"}), adcode="420100"),
        Relation(RelationType.PARTNER_OF, A, B, (ONE, TWO), frozenset({PartnershipType.TRUSTEESHIP}), "2025"),
        Fact(RelationType.PARTNER_OF, ("org", "a"), ("org", "b"), ONE, date="2025-05"),
        LocalOrg(("420100", "甲医院"), "甲医院", EntityType.HOSPITAL, "420100", {"甲院"}, [(0, 3)]),
        LocalPerson("张伟", {"主任医师"}, ("420100", "甲医院"), [(5, 7)]),
    ]
    for record in records:
        cls, args = record.__reduce__()  # no per-object __setstate__ walking the fields again
        assert cls is type(record) and cls(*args) == record
        assert pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)) == record
