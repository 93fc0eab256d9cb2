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
    # no temporary or old folder left; beside the store, the digest of the Turtle it holds
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store-source", "store"]


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


def _quads(location) -> set[str]:
    return {str(q) for q in open_store(location)}


def _turtle_file(path, graph):
    from kg.rdf import turtle

    path.write_text(turtle(graph), encoding="utf-8")
    return path


def _two_files(folder, graph):
    return _turtle_file(folder / "old.ttl", graph), _turtle_file(folder / "new.ttl", _changed_graph())


def _changed_graph():
    """The sample graph less its expert (and his posts) and with a new alias: subjects removed,
    changed and kept."""
    g = make_sample_graph()
    gone = next(iri for iri, n in g.nodes.items() if n.label == "张力")
    del g.nodes[gone]
    for key in [k for k, r in g.relations.items() if gone in (r.source, r.target)]:
        del g.relations[key]
    first = next(n for n in g.nodes.values() if n.label == "武汉市第一医院")
    first.aliases = first.aliases | {"市一医院"}
    return g


def test_update_store_in_place_holds_what_a_new_load_holds(tmp_path, sample_graph):
    from kg.store import update_store

    old, new = _two_files(tmp_path, sample_graph)
    load_store(None, tmp_path / "out", turtle_file=old)
    changed = update_store(tmp_path / "out", old, new)
    subjects = old.read_text("utf-8").count("\n\n")  # one block per subject, after the prefixes
    assert changed is not None and 0 < changed < subjects / 2
    load_store(None, tmp_path / "fresh", turtle_file=new)
    assert _quads(tmp_path / "out") == _quads(tmp_path / "fresh")
    store = open_store(tmp_path / "out")
    assert bool(store.query('ASK { ?h <http://www.w3.org/2004/02/skos/core#altLabel> "市一医院"@zh }'))
    assert not bool(store.query('ASK { ?h ?p "张力"@zh }'))


def test_update_store_keeps_the_ontology_where_the_old_graph_said_the_same(tmp_path):
    from kg.rdf import PREFIXES
    from kg.store import update_store

    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n"
    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    hospital = "<https://w3id.org/yilian/ontology#Hospital>"
    said = f'{hospital} a owl:Class ;\n    rdfs:comment "said by the graph too" .\n'
    old.write_text(header + said, "utf-8")
    new.write_text(header, "utf-8")
    load_store(None, tmp_path, turtle_file=old)
    assert update_store(tmp_path, old, new) == 1
    store = open_store(tmp_path)
    # the ontology says it too
    assert bool(store.query(f"ASK {{ {hospital} a <http://www.w3.org/2002/07/owl#Class> }}"))
    assert not bool(store.query(f'ASK {{ {hospital} ?p "said by the graph too" }}'))


def test_update_store_gives_way_to_a_new_load_when_the_store_is_not_from_that_file(tmp_path, sample_graph):
    from kg.store import SOURCE_FILE, update_store

    old, new = _two_files(tmp_path, sample_graph)
    assert update_store(tmp_path, old, new) is None  # no store yet
    load_store(None, tmp_path, turtle_file=old)
    edited = tmp_path / "edited.ttl"
    edited.write_bytes(old.read_bytes().replace("武汉市".encode(), "鄂州市".encode()))
    assert update_store(tmp_path, edited, new) is None  # the store holds old.ttl, not this file
    broken = tmp_path / "broken.ttl"
    broken.write_bytes(old.read_bytes() + b"\nnonsense\n")
    assert update_store(tmp_path, broken, new) is None  # a damaged file: load anew, do not fail
    (tmp_path / SOURCE_FILE).unlink()  # what an interrupted update leaves
    assert update_store(tmp_path, old, new) is None


def test_update_store_loads_anew_when_the_ontology_changed(tmp_path, sample_graph, monkeypatch):
    import kg.store
    from kg.vocab import ontology_path

    old = _turtle_file(tmp_path / "old.ttl", sample_graph)
    load_store(None, tmp_path, turtle_file=old)
    assert kg.store.update_store(tmp_path, old, old) == 0  # nothing changed
    newer = tmp_path / "yilian.ttl"  # a new version of the package, say, with a class more
    newer.write_bytes(ontology_path().read_bytes() + b"\n<https://w3id.org/yilian/ontology#Clinic> a "
                      b"<http://www.w3.org/2002/07/owl#Class> .\n")
    monkeypatch.setattr(kg.store, "ontology_path", lambda: newer)
    assert kg.store.update_store(tmp_path, old, old) is None  # the store has the old ontology


@pytest.mark.parametrize("bound", ["UPDATE_UP_TO", "_MAX_UPDATE_BYTES"])  # a share of the file, a size
def test_update_store_loads_anew_when_much_has_changed(tmp_path, sample_graph, monkeypatch, bound):
    import kg.store
    from kg.model import KnowledgeGraph

    old = _turtle_file(tmp_path / "old.ttl", sample_graph)
    new = _turtle_file(tmp_path / "new.ttl", KnowledgeGraph())
    load_store(None, tmp_path, turtle_file=old)
    assert kg.store.update_store(tmp_path, old, new) is not None  # small: in place whatever the share
    load_store(None, tmp_path, turtle_file=old)
    monkeypatch.setattr(kg.store, "_MIN_UPDATE_LIMIT", 100)
    monkeypatch.setattr(kg.store, bound, 0)
    assert kg.store.update_store(tmp_path, old, new) is None


def test_update_store_failure_leaves_no_source_so_the_next_build_loads_anew(tmp_path, sample_graph,
                                                                           monkeypatch):
    import pyoxigraph

    from kg.store import SOURCE_FILE, update_store

    old, new = _two_files(tmp_path, sample_graph)
    load_store(None, tmp_path, turtle_file=old)

    def broken(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pyoxigraph.Store, "update", broken, raising=False)
    with pytest.raises(OSError, match="disk full"):
        update_store(tmp_path, old, new)
    assert not (tmp_path / SOURCE_FILE).exists()
    monkeypatch.undo()
    assert update_store(tmp_path, old, new) is None
