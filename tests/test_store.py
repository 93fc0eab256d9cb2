"""kg.store: the Oxigraph store in OUT/store."""

from __future__ import annotations

import pytest
from conftest import make_sample_graph
from pyoxigraph import NamedNode

from kg.rdf import triples_by_graph
from kg.store import StoreMissing, load_store, open_store, store_path


def _count(store, query: str) -> int:
    return int(next(iter(store.query(query)))[0].value)


def test_store_holds_the_graph_and_the_ontology(tmp_path, sample_graph):
    path = load_store(sample_graph, tmp_path)
    assert path == tmp_path / "store"
    store = open_store(tmp_path)
    data = len(triples_by_graph(sample_graph)[None])
    onto = _count(store, "SELECT (COUNT(*) AS ?n) { GRAPH <https://w3id.org/yilian/ontology> {?s ?p ?o} }")
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == data + onto
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {"https://w3id.org/yilian/ontology"}  # the articles' graphs are in graph.nq only


def test_store_subclass_queries_work_with_the_ontology(tmp_path, sample_graph):
    load_store(sample_graph, tmp_path)
    store = open_store(tmp_path)
    q = """PREFIX yl: <https://w3id.org/yilian/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           PREFIX schema: <https://schema.org/>
           SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a/rdfs:subClassOf* schema:MedicalOrganization }"""
    assert _count(store, q) == 2


def test_store_rebuild_replaces_the_old_store(tmp_path, sample_graph):
    load_store(sample_graph, tmp_path)
    smaller = make_sample_graph()
    del smaller.nodes[next(iter(smaller.nodes))]
    load_store(smaller, tmp_path)
    store = open_store(tmp_path)
    doc = NamedNode("https://w3id.org/yilian/id/doc/sample.txt")
    assert not list(store.quads_for_pattern(doc, None, None, None))
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no temporary or old folder left


def test_store_path_accepts_out_or_the_store_folder(tmp_path, sample_graph):
    load_store(sample_graph, tmp_path)
    assert store_path(tmp_path) == store_path(tmp_path / "store") == tmp_path / "store"


def test_store_missing_says_to_build(tmp_path):
    with pytest.raises(StoreMissing, match="run `kg build` first"):
        open_store(tmp_path)


def test_store_built_without_graph_nq_leaves_no_nquads_behind(tmp_path):
    from pathlib import Path

    from kg.build import BuildOptions, build

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    (tmp_path / "graph.nq").write_text("# from an older build\n")
    build([seeds], tmp_path, BuildOptions(store=True, views=False))
    names = {p.name for p in tmp_path.iterdir()}
    assert "store" in names and not any(n.endswith(".nq") or n.startswith(".graph") for n in names)
    assert bool(open_store(tmp_path).query("ASK { ?p a <https://w3id.org/yilian/ontology#Partnership> }"))


def test_store_loads_graph_ttl_in_pieces_cut_between_subjects(tmp_path, sample_graph, monkeypatch):
    import kg.store
    from kg.rdf import PREFIXES, turtle

    text = turtle(sample_graph).encode("utf-8")
    path = tmp_path / "graph.ttl"
    path.write_bytes(text)
    header = b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in PREFIXES.items()) + b"\n"
    pieces = list(kg.store._turtle_chunks(path, size=500))
    assert len(pieces) > 3 and all(p.startswith(header) for p in pieces)
    assert header + b"".join(p[len(header):] for p in pieces) == text  # every piece once, in order
    assert all(p.endswith(b" .\n\n") or p == pieces[-1] for p in pieces)

    whole, cut = tmp_path / "whole", tmp_path / "cut"
    load_store(sample_graph, whole)
    monkeypatch.setattr(kg.store, "CHUNK_BYTES", 500)
    load_store(sample_graph, cut, turtle_file=path)
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert _count(open_store(cut), everything) == _count(open_store(whole), everything) > 100
    assert set(open_store(cut)) == set(open_store(whole))
