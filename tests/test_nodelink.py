"""kg.nodelink: graph.json, written item by item."""

from __future__ import annotations

import io
import json

import networkx as nx
from conftest import make_sample_graph

from kg.nodelink import node_link, write_json


def test_graph_json_from_the_graph_equals_its_dictionary_and_reads_as_node_link() -> None:
    graph = make_sample_graph()
    streamed, whole = io.StringIO(), io.StringIO()
    write_json(streamed, graph)  # as the build writes it: each node and edge made as it is written
    write_json(whole, node_link(graph))
    assert streamed.getvalue() == whole.getvalue()
    data = json.loads(streamed.getvalue())
    assert data == node_link(graph)
    g = nx.node_link_graph(data, edges="edges")
    assert g.number_of_nodes() == len(graph.nodes) and g.number_of_edges() == len(graph.relations)


def test_node_link_can_take_the_edges_out_of_a_graph_it_is_done_with() -> None:
    from kg.model import RelationType

    skip = frozenset({RelationType.MENTIONED_IN})
    kept = node_link(make_sample_graph(), skip, max_evidence=1)
    graph = make_sample_graph()
    assert node_link(graph, skip, max_evidence=1, consume=True) == kept
    assert not graph.relations and graph.nodes  # its edges went into the dictionary
