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
    assert graphs == {"https://w3id.org/yilian/ontology", "https://w3id.org/yilian/id/doc/sample.txt"}


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
    build([seeds], tmp_path, BuildOptions(nquads=False, store=True, views=False))
    names = {p.name for p in tmp_path.iterdir()}
    assert "store" in names and not any(n.endswith(".nq") or "for-store" in n for n in names)
    assert bool(open_store(tmp_path).query("ASK { ?p a <https://w3id.org/yilian/ontology#Partnership> }"))


def test_store_loads_the_nquads_file_in_pieces_cut_at_line_ends(tmp_path, sample_graph, monkeypatch):
    import kg.store
    from kg.rdf import nquads

    text = nquads(sample_graph).encode("utf-8")
    path = tmp_path / "graph.nq"
    path.write_bytes(text)
    pieces = list(kg.store._line_chunks(path, size=500))
    assert len(pieces) > 3 and b"".join(pieces) == text
    assert all(p.endswith(b"\n") for p in pieces)

    whole, cut = tmp_path / "whole", tmp_path / "cut"
    load_store(sample_graph, whole, nquads_file=path)
    monkeypatch.setattr(kg.store, "CHUNK_BYTES", 500)
    load_store(sample_graph, cut, nquads_file=path)
    everything = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(open_store(cut), everything) == _count(open_store(whole), everything) > 100
    assert set(open_store(cut)) == set(open_store(whole))
