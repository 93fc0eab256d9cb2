"""The node-link projection of the graph (``graph.json``), as CONTRACT.md specifies it.

It is the format of :func:`networkx.node_link_data` with ``"edges"`` as the edge key, built
directly so that key order, node order and edge order are fixed and builds are byte-identical.
"""

from __future__ import annotations

import io
import json
from typing import Any, TextIO

import networkx as nx

from .model import KnowledgeGraph, Node, Relation, RelationType

__all__ = ["dumps", "node_link", "to_networkx", "write_json"]


def _node_dict(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": node.iri,
        "type": node.type.value,
        "label": node.label,
        "aliases": sorted(node.aliases - {node.label}),
    }
    if node.adcode:
        data["adcode"] = node.adcode
    if node.level:
        data["level"] = node.level
    if node.roles:
        data["roles"] = sorted(node.roles)
    for key in sorted(node.attrs):
        data[key] = node.attrs[key]
    return data


def _edge_dict(rel: Relation, max_evidence: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"source": rel.source, "target": rel.target, "type": rel.type.value}
    if rel.type is RelationType.PARTNER_OF:
        data["partnershipTypes"] = sorted(t.value for t in rel.partnership_types)
        if rel.date:
            data["date"] = rel.date
        if rel.lead:
            data["lead"] = rel.lead
    if rel.role:
        data["role"] = rel.role
    evidence = sorted(rel.evidence)
    if max_evidence is not None and len(evidence) > max_evidence:
        data["evidenceCount"] = len(evidence)
        evidence = evidence[:max_evidence]
    data["evidence"] = [e.as_dict() for e in evidence]
    return data


_HEAD: dict[str, Any] = {"directed": True, "multigraph": False, "graph": {"name": "yilian"}}


def node_link(graph: KnowledgeGraph, skip: frozenset[RelationType] = frozenset(),
              max_evidence: int | None = None, consume: bool = False) -> dict[str, Any]:
    """The graph as a node-link dictionary, sorted so that equal graphs give equal output.

    For a reader that needs less (the views): edges of the types in ``skip`` left out, and at
    most ``max_evidence`` evidence entries per edge, the first in order, with ``evidenceCount``
    saying how many there are. At 100 MB the whole dictionary took over a gigabyte, mostly
    evidence, and half of it ``mentionedIn`` edges that no page draws.

    With ``consume`` the edges are taken out of ``graph`` as they are made (which leaves it with
    its nodes only): the memory of each edge goes to its dictionary, rather than both being held.
    """
    take = graph.relations.pop if consume else graph.relations.__getitem__
    edges = []
    for key in sorted(graph.relations):
        rel = take(key)
        if rel.type not in skip:
            edges.append(_edge_dict(rel, max_evidence))
    return {**_HEAD, "nodes": [_node_dict(n) for n in graph.sorted_nodes()], "edges": edges}



def dumps(graph: KnowledgeGraph | dict[str, Any]) -> str:
    """``graph.json`` as text: UTF-8 Chinese kept readable, one node or edge per line.

    Takes the graph or its :func:`node_link` dictionary (when the caller has made it already).
    """
    buffer = io.StringIO()
    write_json(buffer, graph)
    return buffer.getvalue()


def write_json(out: TextIO, graph: KnowledgeGraph | dict[str, Any]) -> None:
    """:func:`dumps` into ``out``, item by item.

    One line per node and per edge rather than an indented tree: as readable and as easy to diff,
    and each line is encoded by the json module's C encoder (an indented dump runs its pure-Python
    encoder, the slowest part of writing ``graph.json`` at scale).
    """
    if isinstance(graph, KnowledgeGraph):  # made item by item as written, never all at once
        data: dict[str, Any] = {**_HEAD, "nodes": map(_node_dict, graph.sorted_nodes()),
                                "edges": map(_edge_dict, graph.sorted_relations())}
    else:
        data = graph
    encode = json.JSONEncoder(ensure_ascii=False).encode
    lists = [key for key in ("nodes", "edges", "links") if key in data]
    head = {k: v for k, v in data.items() if k not in lists}
    out.write("{" + encode(head)[1:-1])
    for i, key in enumerate(lists):
        out.write(("," if head or i else "") + f"\n {encode(key)}: [")
        first = True
        for item in data[key]:
            out.write(("\n  " if first else ",\n  ") + encode(item))
            first = False
        out.write("\n ]" if not first else "]")
    out.write("\n}\n")


def to_networkx(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Load a node-link dictionary (as written to ``graph.json``) into networkx for analysis."""
    g = nx.MultiDiGraph()
    for n in data["nodes"]:
        g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    for e in data.get("edges", data.get("links", [])):
        g.add_edge(e["source"], e["target"], key=e["type"], **{k: v for k, v in e.items()
                                                              if k not in ("source", "target")})
    return g
