"""Answers to the questions researchers ask of a build, as pandas DataFrames and networkx graphs.

For notebooks and scripts: load a build folder (``graph.json`` and the SPARQL store), then ask who
partners with whom, which institutions are hubs, which partnerships cross prefecture or province
lines, when agreements were signed, who sends experts where, and how complete the facts are.

pandas is optional (``pip install -e '.[notebook]'``); it is imported on first use.

    from kg.analysis import load_build, partners, hubs, sparql

    b = load_build("out")                       # a folder written by `kg build`
    partners(b, "武汉市中西医结合医院")          # by label or alias
    hubs(b, top=10)                             # degree and betweenness
    sparql("partners", b, hospital="武汉市第一医院")  # a saved query, parameters bound
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .errors import KgError
from .nodelink import to_networkx
from .regions import gazetteer
from .viewstyle import EDGE_KINDS, ORG_TYPES

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AnalysisError",
    "Build",
    "MissingDependency",
    "alliances",
    "communities",
    "coverage",
    "cross_region",
    "evidence",
    "expert_flows",
    "find_org",
    "flow_graph",
    "flow_summary",
    "graph_of",
    "hubs",
    "inline_page",
    "kind_counts",
    "kind_name",
    "load_build",
    "organisations",
    "overview",
    "partners",
    "partnership_graph",
    "partnerships",
    "place_of",
    "province_code",
    "saved_query_table",
    "sparql",
    "timeline",
    "within_province",
]

MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})  # 直辖市: their own prefecture
LEVELS = ("institution", "prefecture", "province")


class MissingDependency(KgError):
    """An optional dependency of the analysis functions is not installed."""


class AnalysisError(KgError):
    """A question that cannot be answered as asked: an unknown institution, an unknown level."""


def _pd():
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependency(
            "kg.analysis returns pandas DataFrames, and pandas is not installed; "
            "install the notebook extra: pip install -e '.[notebook]'"
        ) from exc
    return pd


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return _pd().DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------------------------
# loading


def graph_of(data: dict[str, Any]) -> nx.MultiDiGraph:
    """The networkx graph of a node-link dictionary (``graph.json``): see :func:`kg.nodelink.to_networkx`."""
    return to_networkx(data)


@dataclass
class Build:
    """A build folder: ``graph.json`` as data and as a networkx graph, and its SPARQL store."""

    path: Path
    data: dict[str, Any]

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        return graph_of(self.data)

    @cached_property
    def store(self) -> Any:
        """The Oxigraph store of the build, opened read-only (:class:`kg.store.StoreMissing` if none)."""
        from .store import open_store

        return open_store(self.path)

    def page(self, name: str = "graph.html") -> Path:
        """A view page of the build, e.g. ``graph.html`` or ``views/province/420000.html``."""
        path = self.path / name
        if not path.is_file():
            raise AnalysisError(f"{path}: no such page; build with views (the default) to write it")
        return path


def load_build(out: str | Path) -> Build:
    """Load the build in ``out`` (a folder written by ``kg build``)."""
    out = Path(out)
    path = out / "graph.json"
    if not path.is_file():
        raise AnalysisError(f"{out}: no graph.json there; run `kg build -o {out}` first")
    return Build(out, json.loads(path.read_text(encoding="utf-8")))


def _graph(g: nx.MultiDiGraph | Build) -> nx.MultiDiGraph:
    return g.graph if isinstance(g, Build) else g


# ---------------------------------------------------------------------------------------------
# SPARQL


def _value(term: Any) -> Any:
    from pyoxigraph import Literal, NamedNode

    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal):
        kind = term.datatype.value.rsplit("#", 1)[-1]
        if kind in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
            return int(term.value)
        if kind in ("decimal", "double", "float"):
            return float(term.value)
        if kind == "boolean":
            return term.value == "true"
        return term.value
    return str(term)


def sparql(query: str, store: Build | str | Path | Any, **params: str) -> pd.DataFrame:
    """Run ``query`` (SPARQL text, a ``.rq`` file or a saved query's name) into a DataFrame.

    ``store`` is a :class:`Build`, a build folder, or an open pyoxigraph store; ``params`` bind
    the query's variables exactly as ``kg query NAME name=value`` does (never pasted into the text).
    SELECT gives one column per variable (IRIs as text, numbers as numbers); ASK one column
    ``ask``; CONSTRUCT and DESCRIBE the columns ``subject``, ``predicate``, ``object``.
    """
    from pyoxigraph import QueryBoolean, QuerySolutions

    from .query import _bindings, execute, resolve_query
    from .store import open_store

    resolved = resolve_query(query)
    values = _bindings(resolved, tuple(f"{k}={v}" for k, v in params.items()))
    if isinstance(store, Build):
        db = store.store
    elif isinstance(store, (str, Path)):
        db = open_store(store)
    else:
        db = store
    results = execute(db, resolved.text, values)
    pd = _pd()
    if isinstance(results, QueryBoolean):
        return pd.DataFrame({"ask": [bool(results)]})
    if isinstance(results, QuerySolutions):
        names = [v.value for v in results.variables]
        rows = [[_value(s[v]) for v in results.variables] for s in results]
        return pd.DataFrame(rows, columns=names)
    triples = [[_value(t.subject), _value(t.predicate), _value(t.object)] for t in results]
    return pd.DataFrame(triples, columns=["subject", "predicate", "object"])


def saved_query_table() -> pd.DataFrame:
    """The saved queries of ``ontology/queries/``: name, the question it answers, its parameters."""
    from .query import saved_queries

    rows = [{"name": q.name, "question": q.question, "params": ", ".join(q.params)}
            for q in saved_queries().values()]
    return _frame(rows, ["name", "question", "params"])


# ---------------------------------------------------------------------------------------------
# places


@dataclass(frozen=True)
class Place:
    """Where an organisation is, as far as known: its region, prefecture and province."""

    code: str | None
    region: str | None
    prefecture: str | None
    province: str | None
    lon: float | None
    lat: float | None
    source: str  # "graph" (its locatedIn region), "name" (a province named in its name) or ""


def _place(code: str | None, source: str) -> Place:
    gaz = gazetteer()
    chain = gaz.ancestors(code) if code else []
    if not chain:
        return Place(None, None, None, None, None, None, "")
    province = chain[-1]
    city = next((r for r in chain if r.level == "city"), None)
    if city is None and province.code in MUNICIPALITIES:
        city = province
    lonlat = next(((r.lon, r.lat) for r in chain if r.lon is not None and r.lat is not None), (None, None))
    return Place(chain[0].code, chain[0].name, city.name if city else None, province.name,
                 lonlat[0], lonlat[1], source)


def place_of(g: nx.MultiDiGraph | Build, node: str, infer: bool = True) -> Place:
    """Where ``node`` is: its region in the graph (``adcode`` or ``locatedIn``), else, with ``infer``,
    the one province the name itself names (浙江大学医学院附属妇产科医院 -> 浙江省)."""
    g = _graph(g)
    data = g.nodes[node]
    code = data.get("adcode")
    if not code:
        for _, target, key in g.out_edges(node, keys=True):
            if key == "locatedIn":
                code = g.nodes[target].get("adcode")
                break
    if code:
        return _place(code, "graph")
    if infer:
        named = {c.code for m in gazetteer().find_mentions(data.get("label", ""))
                 for c in m.candidates if c.level == "province"}
        if len(named) == 1:
            return _place(named.pop(), "name")
    return _place(None, "")


def _crosses(a: Place, b: Place) -> str:
    """``province`` or ``prefecture`` when the two places are known to differ at that level, else ``""``."""
    if a.province and b.province and a.province != b.province:
        return "province"
    if a.prefecture and b.prefecture and a.prefecture != b.prefecture:
        return "prefecture"
    return ""


def province_code(name: str) -> str:
    """The code of the province called ``name`` (full or short name: 湖北省 or 湖北).

    >>> province_code("湖北省")
    '420000'
    """
    hits = [r for r in gazetteer().lookup(name) if r.level == "province"]
    if len(hits) != 1:
        every = sorted(r.name for r in gazetteer().by_code.values() if r.level == "province")
        raise AnalysisError(f"{name!r} is not a province; provinces: {'、'.join(every)}")
    return hits[0].code


def within_province(g: nx.MultiDiGraph | Build, province: str, neighbours: bool = True,
                    infer: bool = True) -> nx.MultiDiGraph:
    """The part of the graph about one province, for the same analysis on a smaller scale.

    Keeps the organisations in ``province`` (name or code) and, with ``neighbours``, the
    organisations they partner with or exchange experts with elsewhere; then the people, alliances,
    regions and articles linked to what is kept.
    """
    g = _graph(g)
    code = province if province.isdigit() else province_code(province)
    name = gazetteer().by_code[code].name
    inside = {n for n, d in g.nodes(data=True) if _is_org(d) and place_of(g, n, infer).province == name}
    keep = set(inside)
    people = {u for u, v, k in g.edges(keys=True) if k in ("affiliatedWith", "dispatchedTo") and v in inside}
    keep |= people
    if neighbours:
        for u, v, k in g.edges(keys=True):
            if k == "partnerOf" and (u in inside or v in inside):
                keep |= {u, v}
            if k in ("affiliatedWith", "dispatchedTo") and u in people:
                keep.add(v)
    linked = {v for u, v, k in g.edges(keys=True)
              if u in keep and k in ("memberOf", "leads", "locatedIn", "mentionedIn")}
    keep |= linked
    regions = {n for n in keep if g.nodes[n].get("type") == "Region"}
    for r in list(regions):
        keep |= nx.descendants(nx.subgraph_view(g, filter_edge=lambda u, v, k: k == "partOf"), r)
    return g.subgraph(keep).copy()


# ---------------------------------------------------------------------------------------------
# entities


def _is_org(data: dict[str, Any]) -> bool:
    return data.get("type") in ORG_TYPES


def _label(g: nx.MultiDiGraph, node: str | None) -> str | None:
    return g.nodes[node].get("label", node) if node is not None and node in g else node


def find_org(g: nx.MultiDiGraph | Build, name: str) -> str:
    """The id of the organisation or alliance called ``name`` (its label or one of its aliases)."""
    g = _graph(g)
    kinds = ORG_TYPES | {"Alliance"}
    hits = sorted(n for n, d in g.nodes(data=True) if d.get("type") in kinds and d.get("label") == name)
    if not hits:
        hits = sorted(n for n, d in g.nodes(data=True)
                      if d.get("type") in kinds and name in (d.get("aliases") or ()))
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AnalysisError(f"{name!r} names {len(hits)} organisations: "
                            + ", ".join(f"{_label(g, h)} ({h})" for h in hits) + "; pass one of their ids")
    near = sorted({d["label"] for d in (g.nodes[n] for n in g) if d.get("type") in kinds
                   and (name in d.get("label", "") or d.get("label", "x") in name)})
    hint = f"; similar names: {', '.join(near[:5])}" if near else ""
    raise AnalysisError(f"no organisation called {name!r} in this graph{hint}")


def _resolve(g: nx.MultiDiGraph, name_or_id: str) -> str:
    return name_or_id if name_or_id in g else find_org(g, name_or_id)


def organisations(g: nx.MultiDiGraph | Build, infer: bool = True) -> pd.DataFrame:
    """One row per organisation: its type, place (region, prefecture, province, lon/lat) and partners."""
    g = _graph(g)
    pg = partnership_graph(g)
    rows = []
    for node, data in sorted(g.nodes(data=True), key=lambda nd: (nd[1].get("label", ""), nd[0])):
        if not _is_org(data):
            continue
        place = place_of(g, node, infer=infer)
        rows.append({"organisation": data.get("label"), "type": data.get("type"), "region": place.region,
                     "prefecture": place.prefecture, "province": place.province, "lon": place.lon,
                     "lat": place.lat, "place_from": place.source,
                     "partners": pg.degree(node) if node in pg else 0, "id": node})
    return _frame(rows, ["organisation", "type", "region", "prefecture", "province", "lon", "lat",
                         "place_from", "partners", "id"])


def overview(g: nx.MultiDiGraph | Build) -> pd.DataFrame:
    """How many nodes of each type and edges of each type the graph has (``kind``, ``what``, ``count``)."""
    g = _graph(g)
    nodes = Counter(d.get("type") for _, d in g.nodes(data=True))
    edges = Counter(k for _, _, k in g.edges(keys=True))
    rows = [{"kind": kind, "what": t, "count": n}
            for kind, counts in (("node", nodes), ("edge", edges))
            for t, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    return _frame(rows, ["kind", "what", "count"])


# ---------------------------------------------------------------------------------------------
# partnerships


def kind_name(kind: str) -> str:
    """The Chinese name of a partnership kind.

    >>> kind_name("TightMedicalAlliance")
    '紧密型医联体'
    """
    return EDGE_KINDS.get(kind, (kind,))[0]


def _partnership_rows(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    rows = []
    for u, v, key, data in g.edges(keys=True, data=True):
        if key != "partnerOf":
            continue
        kinds = tuple(data.get("partnershipTypes") or ())
        rows.append({"a": _label(g, u), "b": _label(g, v), "kinds": kinds,
                     "kinds_zh": "、".join(kind_name(k) for k in kinds), "date": data.get("date"),
                     "lead": _label(g, data.get("lead")), "evidence": len(data.get("evidence") or ()),
                     "docs": tuple(sorted({e["doc"] for e in data.get("evidence") or ()})),
                     "a_id": u, "b_id": v})
    rows.sort(key=lambda r: (r["a"], r["b"], r["a_id"], r["b_id"]))
    return rows


def partnerships(g: nx.MultiDiGraph | Build) -> pd.DataFrame:
    """One row per partnership (``partnerOf`` edge): the two organisations, kinds, date, lead, evidence."""
    return _frame(_partnership_rows(_graph(g)),
                  ["a", "b", "kinds", "kinds_zh", "date", "lead", "evidence", "docs", "a_id", "b_id"])


def partners(g: nx.MultiDiGraph | Build, name: str) -> pd.DataFrame:
    """The partners of the organisation ``name`` (label, alias or id), with kinds, date and lead."""
    g = _graph(g)
    me = _resolve(g, name)
    rows = []
    for u, v, key, data in [*g.out_edges(me, keys=True, data=True), *g.in_edges(me, keys=True, data=True)]:
        if key != "partnerOf":
            continue
        other = v if u == me else u
        kinds = tuple(data.get("partnershipTypes") or ())
        lead = data.get("lead")
        rows.append({"partner": _label(g, other), "type": g.nodes[other].get("type"), "kinds": kinds,
                     "kinds_zh": "、".join(kind_name(k) for k in kinds), "date": data.get("date"),
                     "lead": "self" if lead == me else "partner" if lead == other else "",
                     "id": other})
    rows.sort(key=lambda r: (r["partner"], r["id"]))
    return _frame(rows, ["partner", "type", "kinds", "kinds_zh", "date", "lead", "id"])


def alliances(g: nx.MultiDiGraph | Build, name: str | None = None) -> pd.DataFrame:
    """Alliance membership: ``alliance``, ``member``, ``role`` (``lead`` or ``member``).

    With ``name``, only the alliances of that organisation (or, if ``name`` is an alliance, its members).
    """
    g = _graph(g)
    me = _resolve(g, name) if name is not None else None
    rows = []
    for u, v, key in g.edges(keys=True):
        if key not in ("memberOf", "leads"):
            continue
        if me is not None and me not in (u, v):
            continue
        rows.append({"alliance": _label(g, v), "member": _label(g, u),
                     "role": "lead" if key == "leads" else "member", "alliance_id": v, "member_id": u})
    rows.sort(key=lambda r: (r["alliance"], r["role"] != "lead", r["member"]))
    return _frame(rows, ["alliance", "member", "role", "alliance_id", "member_id"])


def partnership_graph(g: nx.MultiDiGraph | Build, relations: tuple[str, ...] = ("partnerOf",)) -> nx.Graph:
    """The undirected simple graph of organisations joined by ``relations`` (by default partnerships).

    Node attributes are copied; an edge carries ``kinds`` (set), ``dates`` (set) and ``weight``
    (the number of joined edges). Add ``"memberOf", "leads"`` to ``relations`` to bring alliances in.
    """
    g = _graph(g)
    out = nx.Graph()
    for u, v, key, data in g.edges(keys=True, data=True):
        if key not in relations or u == v:
            continue
        for n in (u, v):
            if n not in out:
                out.add_node(n, **g.nodes[n])
        if out.has_edge(u, v):
            e = out.edges[u, v]
            e["weight"] += 1
        else:
            out.add_edge(u, v, weight=1, kinds=set(), dates=set())
            e = out.edges[u, v]
        e["kinds"].update(data.get("partnershipTypes") or ())
        if data.get("date"):
            e["dates"].add(data["date"])
    return out


def hubs(g: nx.MultiDiGraph | Build, top: int | None = None,
         relations: tuple[str, ...] = ("partnerOf",)) -> pd.DataFrame:
    """Organisations ranked by distinct partners (``degree``), then by ``betweenness`` centrality."""
    pg = partnership_graph(g, relations)
    between = nx.betweenness_centrality(pg) if pg.number_of_nodes() else {}
    rows = [{"organisation": d.get("label"), "type": d.get("type"), "degree": pg.degree(n),
             "betweenness": round(between.get(n, 0.0), 6), "id": n} for n, d in pg.nodes(data=True)]
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["organisation"], r["id"]))
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    rows = rows[:top] if top is not None else rows
    return _frame(rows, ["rank", "organisation", "type", "degree", "betweenness", "id"])


def communities(g: nx.MultiDiGraph | Build, seed: int = 42, resolution: float = 1.0,
                relations: tuple[str, ...] = ("partnerOf",)) -> pd.DataFrame:
    """Louvain communities of the partnership network (fixed ``seed``): community 0 is the largest."""
    pg = partnership_graph(g, relations)
    found = (nx.community.louvain_communities(pg, seed=seed, resolution=resolution)
             if pg.number_of_edges() else [])
    labelled = [sorted(pg.nodes[n].get("label", n) for n in c) for c in found]
    order = sorted(range(len(found)), key=lambda i: (-len(found[i]), labelled[i]))
    rows = []
    for rank, i in enumerate(order):
        for n in sorted(found[i], key=lambda n: (pg.nodes[n].get("label", n), n)):
            rows.append({"community": rank, "size": len(found[i]), "organisation": pg.nodes[n].get("label"),
                         "type": pg.nodes[n].get("type"), "id": n})
    return _frame(rows, ["community", "size", "organisation", "type", "id"])


def cross_region(g: nx.MultiDiGraph | Build, only_crossing: bool = True, infer: bool = True) -> pd.DataFrame:
    """Partnerships with each side's prefecture and province, and which line they cross.

    ``crosses`` is ``province`` when the provinces differ, ``prefecture`` when the provinces agree
    but the prefectures differ, ``""`` otherwise or when a side's place is unknown. With
    ``only_crossing`` (the default) only the partnerships that cross a line are kept.
    """
    g = _graph(g)
    rows = []
    for r in _partnership_rows(_graph(g)):
        pa, pb = place_of(g, r["a_id"], infer), place_of(g, r["b_id"], infer)
        crosses = _crosses(pa, pb)
        if only_crossing and not crosses:
            continue
        rows.append({"a": r["a"], "b": r["b"], "crosses": crosses, "a_prefecture": pa.prefecture,
                     "a_province": pa.province, "b_prefecture": pb.prefecture, "b_province": pb.province,
                     "kinds_zh": r["kinds_zh"], "date": r["date"], "a_id": r["a_id"], "b_id": r["b_id"]})
    rows.sort(key=lambda r: (r["crosses"] != "province", r["crosses"] != "prefecture", r["a"], r["b"]))
    return _frame(rows, ["a", "b", "crosses", "a_prefecture", "a_province", "b_prefecture", "b_province",
                         "kinds_zh", "date", "a_id", "b_id"])


_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def timeline(g: nx.MultiDiGraph | Build) -> pd.DataFrame:
    """The dated partnerships in order of date: ``date`` as written, ``when`` (a Timestamp at the
    start of the period) and ``precision`` (``year``, ``month`` or ``day``)."""
    pd = _pd()
    rows = []
    for r in _partnership_rows(_graph(g)):
        m = _DATE.fullmatch(r["date"] or "")
        if not m:
            continue
        year, month, day = m.groups()
        rows.append({"date": r["date"], "when": pd.Timestamp(int(year), int(month or 1), int(day or 1)),
                     "precision": "day" if day else "month" if month else "year",
                     "a": r["a"], "b": r["b"], "kinds_zh": r["kinds_zh"]})
    rows.sort(key=lambda r: (r["when"], r["date"], r["a"], r["b"]))
    return _frame(rows, ["date", "when", "precision", "a", "b", "kinds_zh"])


def kind_counts(g: nx.MultiDiGraph | Build) -> pd.DataFrame:
    """How many partnerships are of each kind (a partnership of two kinds counts for both)."""
    counts = Counter(k for r in _partnership_rows(_graph(g)) for k in (r["kinds"] or ("partnerOf",)))
    order = {k: i for i, k in enumerate(EDGE_KINDS)}
    rows = [{"kind": k, "kind_zh": kind_name(k), "partnerships": n}
            for k, n in sorted(counts.items(), key=lambda x: (-x[1], order.get(x[0], 99), x[0]))]
    return _frame(rows, ["kind", "kind_zh", "partnerships"])


# ---------------------------------------------------------------------------------------------
# experts


def _flow_rows(g: nx.MultiDiGraph, infer: bool) -> list[dict[str, Any]]:
    rows = []
    for person, host, key, data in g.edges(keys=True, data=True):
        if key != "dispatchedTo":
            continue
        homes = sorted({t for _, t, k in g.out_edges(person, keys=True) if k == "affiliatedWith"} - {host})
        for home in homes:
            ps, pr = place_of(g, home, infer), place_of(g, host, infer)
            rows.append({"person": _label(g, person), "sender": _label(g, home), "receiver": _label(g, host),
                         "role": data.get("role") or "", "crosses": _crosses(ps, pr),
                         "sender_prefecture": ps.prefecture, "sender_province": ps.province,
                         "receiver_prefecture": pr.prefecture, "receiver_province": pr.province,
                         "person_id": person, "sender_id": home, "receiver_id": host})
    rows.sort(key=lambda r: (r["sender"], r["receiver"], r["person"], r["person_id"]))
    return rows


def expert_flows(g: nx.MultiDiGraph | Build, infer: bool = True) -> pd.DataFrame:
    """Who sends experts where: one row per person, sender and receiver.

    A flow is a ``dispatchedTo`` edge from a person to a receiver, with the sender being an
    organisation the person is ``affiliatedWith`` other than the receiver. ``crosses`` says which
    line the flow crosses (as in :func:`cross_region`).
    """
    return _frame(_flow_rows(_graph(g), infer),
                  ["person", "sender", "receiver", "role", "crosses", "sender_prefecture", "sender_province",
                   "receiver_prefecture", "receiver_province", "person_id", "sender_id", "receiver_id"])


def _level_columns(level: str) -> tuple[str, str]:
    if level not in LEVELS:
        raise AnalysisError(f"{level!r}: unknown level; one of {', '.join(LEVELS)}")
    if level == "institution":
        return "sender", "receiver"
    return f"sender_{level}", f"receiver_{level}"


def _summary_rows(g: nx.MultiDiGraph | Build, level: str, infer: bool) -> list[dict[str, Any]]:
    src, dst = _level_columns(level)
    people: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in _flow_rows(_graph(g), infer):
        if r[src] and r[dst]:
            people[(r[src], r[dst])].add(r["person"])
    rows = [{"sender": s, "receiver": t, "experts": len(p), "people": "、".join(sorted(p))}
            for (s, t), p in people.items()]
    rows.sort(key=lambda r: (-r["experts"], r["sender"], r["receiver"]))
    return rows


def flow_summary(g: nx.MultiDiGraph | Build, level: str = "institution", infer: bool = True) -> pd.DataFrame:
    """Expert flows added up between institutions, prefectures or provinces (``level``).

    Columns ``sender``, ``receiver``, ``experts`` (distinct people) and ``people``; flows whose
    place is unknown at that level are left out.
    """
    return _frame(_summary_rows(g, level, infer), ["sender", "receiver", "experts", "people"])


def flow_graph(g: nx.MultiDiGraph | Build, level: str = "institution", infer: bool = True) -> nx.DiGraph:
    """The expert flows at ``level`` as a directed graph of names, ``weight`` = number of experts."""
    out = nx.DiGraph()
    for r in _summary_rows(g, level, infer):
        out.add_edge(r["sender"], r["receiver"], weight=r["experts"], people=r["people"])
    return out


def evidence(g: nx.MultiDiGraph | Build, name: str) -> pd.DataFrame:
    """The sentences behind the facts about ``name`` (an organisation's label or alias, a person's
    label, or any node id): ``fact``, ``other`` (the other side), ``doc``, ``start``, ``end``,
    ``sentence``."""
    g = _graph(g)
    if name in g:
        me = {name}
    else:
        me = {n for n, d in g.nodes(data=True) if d.get("type") == "Person" and d.get("label") == name}
        if not me:
            me = {find_org(g, name)}
    rows = []
    for u, v, key, data in g.edges(keys=True, data=True):
        if key in ("mentionedIn", "partOf") or not ({u, v} & me):
            continue
        other = v if u in me else u
        for ev in data.get("evidence") or ():
            rows.append({"fact": key, "other": _label(g, other), "doc": ev["doc"], "start": ev["start"],
                         "end": ev["end"], "sentence": ev["text"]})
    rows.sort(key=lambda r: (r["doc"], r["start"], r["fact"], r["other"]))
    return _frame(rows, ["fact", "other", "doc", "start", "end", "sentence"])


# ---------------------------------------------------------------------------------------------
# coverage


def coverage(g: nx.MultiDiGraph | Build) -> pd.DataFrame:
    """How complete the facts are: ``what``, ``count``, ``of`` and ``share`` (count / of)."""
    g = _graph(g)
    parts = _partnership_rows(g)
    orgs = [n for n, d in g.nodes(data=True) if _is_org(d)]
    placed = [n for n in orgs if place_of(g, n, infer=False).code]
    prefectured = [n for n in orgs if place_of(g, n, infer=False).prefecture]
    people = [n for n, d in g.nodes(data=True) if d.get("type") == "Person"]
    out_keys = {n: {k for _, _, k in g.out_edges(n, keys=True)} for n in people}
    n_parts = len(parts)
    items = [
        ("partnerships with a date", sum(bool(r["date"]) for r in parts), n_parts),
        ("partnerships with a lead", sum(bool(r["lead"]) for r in parts), n_parts),
        ("partnerships with a kind", sum(bool(r["kinds"]) for r in parts), n_parts),
        ("organisations with a region", len(placed), len(orgs)),
        ("organisations with a prefecture", len(prefectured), len(orgs)),
        ("people with an affiliation", sum("affiliatedWith" in out_keys[p] for p in people), len(people)),
        ("people dispatched somewhere", sum("dispatchedTo" in out_keys[p] for p in people), len(people)),
    ]
    rows = [{"what": w, "count": c, "of": t, "share": round(c / t, 3) if t else 0.0} for w, c, t in items]
    return _frame(rows, ["what", "count", "of", "share"])


# ---------------------------------------------------------------------------------------------
# views in a notebook


_ASSET = re.compile(r'<script src="([^":]+)"></script>|<link rel="stylesheet" href="([^":]+)">')


def inline_page(path: str | Path, height: int = 600) -> str:
    """An ``<iframe srcdoc>`` holding the view page ``path`` with its local scripts and styles
    inlined, so that it shows inside a notebook from anywhere, with no server and no network."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")

    def inline(m: re.Match[str]) -> str:
        ref = m.group(1) or m.group(2)
        asset = (path.parent / ref).resolve()
        if not asset.is_file():
            return m.group(0)
        body = asset.read_text(encoding="utf-8").replace("</script", "<\\/script")
        return f"<script>{body}</script>" if m.group(1) else f"<style>{body}</style>"

    page = _ASSET.sub(inline, text)
    return (f'<div><iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{int(height)}px;'
            f'border:1px solid #ddd" sandbox="allow-scripts"></iframe></div>')
