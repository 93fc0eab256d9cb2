"""Interactive network views: pyvis (vis-network) pages that open from disk with no network.

``write_views(node_link_dict, out)`` writes

- ``out/graph.html``: the overview, self-contained (vis-network inlined). Up to
  :data:`MAX_DRAWN` nodes it is the whole network laid out by a short, capped physics run that
  then stops; above that it aggregates institutions by prefecture, with counts, at their
  geographic positions;
- ``out/index.html``: links to every view;
- ``out/views/geo.html``: institutions at their region's coordinates, partnerships and
  dispatched experts as lines across a map-like canvas;
- ``out/views/org/<code>-<hash>.html``: one per institution, its neighbourhood within two hops
  (partners, alliances, experts sent and received) as a radial tree;
- ``out/views/alliance/<code>-<hash>.html``: one per alliance, the same around the alliance;
- ``out/views/province/<code>.html``: one per province, its institutions on the map and their
  partners elsewhere on a ring in the direction where they are;
- ``out/views/lib/``: vis-network and the pages' own script and style, shared by the pages
  under ``views/``.

Every position is computed here (physics off) except in a small overview; the output is the
same bytes for the same input. Text from articles only ever reaches the page as JSON data and
is put into the DOM with ``textContent`` (tooltips are plain strings, which vis-network shows as
text), so no label or sentence can inject markup.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markupsafe import Markup

from .atomic import atomic_dir, write_text_atomic
from .layout import GeoProjection, geo_layout, radial_layout
from .parallel import shared_with_forks
from .viewstyle import EDGE_KINDS, NODE_TYPES, ORG_TYPES, edge_kinds, kind_style, type_style

__all__ = ["MAX_DRAWN", "MAX_EGO", "MAX_EGO_EDGES", "slug", "write_views"]

MAX_DRAWN = 2000  # most nodes drawn on one page; larger overviews aggregate, larger pages keep the hubs
MAX_EGO = 150  # most nodes on one institution's or alliance's page
MAX_EGO_EDGES = 400  # most edges on one such page: its own first, then the tree, then across rings
MAX_EVIDENCE = 5  # evidence sentences per edge carried by a page (the count says how many there are)
EVIDENCE_SHARD = 256  # sentences per file of views/evidence/, which pages under views/ load when asked
LABELS_UP_TO = 80  # edge labels only on pages with at most this many edges
EGO_TYPES = frozenset({"partnerOf", "memberOf", "leads", "affiliatedWith", "dispatchedTo"})
HIDDEN_TYPES = frozenset({"Document"})
NOT_IN_OVERVIEW = frozenset({"Document", "Region"})
GEO_WIDTH = 3600.0  # canvas pixels across the institutions of the geographic page
FONT = "Noto Sans CJK SC, WenQuanYi Zen Hei, Microsoft YaHei, PingFang SC, sans-serif"
UNKNOWN = ""  # province code of nodes with no known region
NO_DOC = ("", "", "", "")  # title, date, publisher and path of an article that is not in the graph


# ---------------------------------------------------------------------------------------------
# the index over the node-link data


@dataclass(frozen=True, slots=True)
class _Drawn:
    """An edge as pages draw it: its vis-network data as JSON, made once, and what pages read of it.

    An edge is drawn on every page that shows both its ends (50 pages on average for the 10 MB
    corpus); encoding it once instead of once per page took a quarter off the views' time. Only
    the JSON is kept of the data, with the few fields pages read: the cache holds 200,000 of these.
    """

    source: str  # node ids
    target: str
    ident: str | None  # the edge's own id, if it has one (else the page numbers it)
    kinds: tuple[str, ...]
    members: str  # the JSON members of the data but ``from``, ``to`` and ``id``: key-sorted, html-safe
    docs: tuple[str, ...]  # the documents and numbered sentences its evidence quotes
    sentences: tuple[int, ...]


def _json(value: Any) -> str:
    """JSON as the pages' template writes it (``tojson``): key-sorted, compact, safe inside <script>."""
    from jinja2.utils import htmlsafe_json_dumps

    return str(htmlsafe_json_dumps(value, **_env().policies["json.dumps_kwargs"]))


def _drawn(data: dict[str, Any]) -> _Drawn:
    members = _json({k: v for k, v in data.items() if k not in ("from", "to", "id")})[1:-1]
    evidence = data.get("ev", [])
    return _Drawn(data["from"], data["to"], data.get("id") or None, tuple(data["k"]), members,
                  tuple(ev[0] for ev in evidence), tuple(ev[3] for ev in evidence if isinstance(ev[3], int)))


class _Bounded(dict):
    """A cache that forgets everything once it holds ``limit`` entries.

    Pages are made in the order of their IRIs, which start with the region code, so neighbouring
    pages draw mostly the same nodes and edges: what a page needs was made for one of the last
    few thousand pages or not at all. Kept whole, the caches grew with the graph: at 100 MB the
    views' memory grew by 1.5 GB with them, by 0.7 GB with this bound. Clearing at once costs
    nothing per lookup, unlike an LRU.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def __setitem__(self, key: Any, value: Any) -> None:
        if len(self) >= self.limit:
            self.clear()
        super().__setitem__(key, value)


CACHE_LIMIT = 200_000  # entries of each of the views' caches (edge drawings, node drawings, rankings)


@dataclass
class _Index:
    nodes: dict[str, dict[str, Any]]
    edges: list[dict[str, Any]]  # every edge but mentionedIn
    # node -> other end -> edges between them: a page finds its edges without walking a hub's
    # thousands. Two indexes, each edge in one: those of EGO_TYPES (what most pages draw; their keys
    # are a node's neighbours) and the others (locatedIn, partOf: the province pages draw them too)
    nbr_ego: dict[str, dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))
    nbr_other: dict[str, dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))
    partners: Counter = field(default_factory=Counter)
    code: dict[str, str] = field(default_factory=dict)  # most specific region code known
    province: dict[str, str] = field(default_factory=dict)
    docs: dict[str, list[str]] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # node id -> page path under out
    # (edge, labels) -> drawing
    vis_edges: dict[tuple[int, bool], _Drawn] = field(default_factory=lambda: _Bounded(CACHE_LIMIT))
    # (node, page folder, is the page's centre, small label) -> its type, province, and its data but
    # the position as JSON
    ego_nodes: dict[tuple[str, str, bool, bool], tuple[str, str, str]] = field(
        default_factory=lambda: _Bounded(CACHE_LIMIT))
    ranked: dict[str, tuple[list[str], frozenset[str]]] = field(default_factory=lambda: _Bounded(CACHE_LIMIT))
    # evidence sentence (doc, start, end) -> number, in the order of the edges: each sentence is
    # written once, in views/evidence/ (or a self-contained page's meta.sentences), however many
    # edges and pages quote it
    sentence_ids: dict[tuple[str, int, int], int] = field(default_factory=dict)
    sentences: list[str] = field(default_factory=list)


def _index(data: dict[str, Any]) -> _Index:
    nodes = {n["id"]: n for n in data.get("nodes", [])}
    raw = data.get("edges", data.get("links", []))
    edges = [e for e in raw if e["type"] != "mentionedIn" and e["source"] in nodes and e["target"] in nodes]
    ix = _Index(nodes, edges)
    located: dict[str, str] = {}
    homes: dict[str, list[str]] = defaultdict(list)
    hosts: dict[str, list[str]] = defaultdict(list)
    members: dict[str, list[str]] = defaultdict(list)
    for i, e in enumerate(edges):
        s, t, typ = e["source"], e["target"], e["type"]
        for ev in e.get("evidence", [])[:MAX_EVIDENCE]:
            key = (ev.get("doc", ""), ev.get("start", 0), ev.get("end", 0))
            if key not in ix.sentence_ids:
                ix.sentence_ids[key] = len(ix.sentences)
                ix.sentences.append(ev.get("text", ""))
        nbr = ix.nbr_ego if typ in EGO_TYPES else ix.nbr_other
        nbr[s].setdefault(t, []).append(i)
        if t != s:
            nbr[t].setdefault(s, []).append(i)
        if typ == "partnerOf" and s != t:
            ix.partners[s] += 1
            ix.partners[t] += 1
        elif typ in ("memberOf", "leads"):
            ix.partners[t] += 1
            members[t].append(s)
        elif typ == "locatedIn" and nodes[t].get("adcode"):
            located.setdefault(s, nodes[t]["adcode"])
        elif typ == "affiliatedWith":
            homes[s].append(t)
        elif typ == "dispatchedTo":
            hosts[s].append(t)
    for nid, n in nodes.items():
        code = n.get("adcode") or located.get(nid)
        if code:
            ix.code[nid] = code
    for nid, n in nodes.items():  # persons: the region of their home (else host) organisation
        if n["type"] == "Person" and nid not in ix.code:
            for org in sorted(homes.get(nid, [])) + sorted(hosts.get(nid, [])):
                if org in ix.code:
                    ix.code[nid] = ix.code[org]
                    break
    for nid, code in ix.code.items():
        ix.province[nid] = _province(code)
    for nid, n in nodes.items():  # alliances: the province most of their members are in
        if n["type"] == "Alliance" and nid not in ix.code:
            votes = Counter(ix.province[m] for m in members.get(nid, []) if ix.province.get(m))
            if votes:
                ix.province[nid] = min(votes, key=lambda p: (-votes[p], p))
    for nid, n in nodes.items():
        if n["type"] == "Document":
            key = unquote(nid.split("/doc/", 1)[1]) if "/doc/" in nid else n.get("label", nid)
            meta = [n.get("title") or "", n.get("date") or "", n.get("publisher") or "", n.get("path") or ""]
            ix.docs[key] = meta
            ix.docs.setdefault(n.get("label", key), meta)
    used: set[str] = set()
    for nid in sorted(nodes):
        t = nodes[nid]["type"]
        if t in ORG_TYPES:
            ix.pages[nid] = f"views/org/{slug(nid, ix.code.get(nid), used)}.html"
        elif t == "Alliance":
            ix.pages[nid] = f"views/alliance/{slug(nid, ix.code.get(nid) or ix.province.get(nid), used)}.html"
    return ix


def slug(node_id: str, code: str | None = None, used: set[str] | None = None) -> str:
    """A safe, stable file name for a node: its region code and a hash of its IRI.

    >>> slug("https://w3id.org/yilian/id/org/420100/武汉市第一医院", "420100")
    '420100-113d2e69a9'
    """
    prefix = code if code and code.isdigit() else "000000"
    digest = hashlib.sha1(node_id.encode("utf-8")).hexdigest()
    n = 10
    name = f"{prefix}-{digest[:n]}"
    while used is not None and name in used:
        n += 2
        name = f"{prefix}-{digest[:n]}"
    if used is not None:
        used.add(name)
    return name


@cache
def _chain(code: str) -> tuple[Any, ...]:
    """The region and its ancestors up to the province (guarded against cycles in the data)."""
    from .regions import gazetteer

    gz = gazetteer()
    chain, seen = [], set()
    r = gz.get(code)
    while r is not None and r.code not in seen:
        chain.append(r)
        seen.add(r.code)
        r = gz.get(r.parent) if r.parent else None
    return tuple(chain)


@cache
def _lonlat(code: str) -> tuple[float, float] | None:
    """Coordinates of a region code, or of the nearest enclosing region that has them."""
    from .regions import gazetteer

    gz = gazetteer()
    candidates = [r.code for r in _chain(code)] + [code[:6], code[:4] + "00", code[:2] + "0000"]
    for c in candidates:
        r = gz.get(c)
        if r is not None and r.lon is not None and r.lat is not None:
            return (r.lon, r.lat)
    return None


@cache
def _province(code: str) -> str:
    from .regions import gazetteer

    chain = _chain(code)
    if chain and chain[-1].level == "province":
        return chain[-1].code
    p = code[:2] + "0000"
    return p if gazetteer().get(p) is not None else UNKNOWN


@cache
def _city(code: str) -> str:
    """The prefecture of ``code`` (the province for units directly under one), or the code itself."""
    chain = _chain(code)
    for r in chain:
        if r.level == "city":
            return r.code
    if chain and chain[0].level == "province":
        return chain[0].code
    if len(chain) == 1:  # a prefecture-level city without counties (东莞, 中山, 儋州)
        return chain[0].code
    return _province(code) or code


@cache
def _region_name(code: str) -> str:
    """``湖北省 黄石市 阳新县`` for 420222."""
    from .regions import gazetteer

    chain = list(_chain(code))
    if not chain:
        return code
    if chain[-1].level != "province" and gazetteer().get(code[:2] + "0000") is not None:
        chain.append(gazetteer().get(code[:2] + "0000"))
    return " ".join(r.name for r in reversed(chain))


def _rank(ix: _Index, ids: Iterable[str]) -> list[str]:
    """Most partners first, then by label and id: who to keep when a page must be cut."""
    return sorted(ids, key=_rank_key(ix))


def _rank_key(ix: _Index) -> Callable[[str], tuple[int, str, str]]:
    return lambda i: (-ix.partners[i], ix.nodes[i].get("label", ""), i)


# ---------------------------------------------------------------------------------------------
# vis-network nodes and edges


def _rel(target: str, page: str) -> str:
    """``target`` (a path under out) as a link from ``page``."""
    head, _, name = target.rpartition("/")
    return _rel_dir(head, posixpath.dirname(page)) + name


@cache
def _rel_dir(target_dir: str, page_dir: str) -> str:
    rel = posixpath.relpath(target_dir or ".", page_dir or ".")
    return "" if rel == "." else rel + "/"


def _vis_node(ix: _Index, nid: str, pos: tuple[float, float] | None, page: str,
              external: bool = False) -> dict[str, Any]:
    n = ix.nodes[nid]
    t = n["type"]
    _, color, shape = type_style(t)
    k = ix.partners[nid]
    out: dict[str, Any] = {"id": nid, "label": n.get("label", nid), "t": t, "shape": shape, "color": color}
    if t == "Person":
        out["size"] = 9
    elif t == "Region":
        out["color"] = {"background": "#eef1f4", "border": color}
        out["font"] = {"color": "#4a5560", "size": 13}
    else:
        out["size"] = min(48.0, 12.0 + 4.0 * k**0.5)
    if pos is not None:
        out["x"], out["y"] = pos
    p = ix.province.get(nid, UNKNOWN)
    out["p"] = p
    code = ix.code.get(nid)
    if code:
        out["rg"] = _region_name(code)
    if n.get("aliases"):
        out["al"] = list(n["aliases"])
    if n.get("roles"):
        out["ro"] = list(n["roles"])
    if k:
        out["n"] = k
    target = ix.pages.get(nid)
    if t == "Region" and n.get("level") == "province" and n.get("adcode"):
        target = f"views/province/{n['adcode']}.html"
    if target and target != page:
        out["u"] = _rel(target, page)
    if external:
        out["ext"] = True
        out["opacity"] = 0.45
    return out


def _vis_edge(ix: _Index, e: dict[str, Any], labels: bool) -> dict[str, Any]:
    """An edge's vis-network data; its ``id`` is given by its place on each page (:func:`_edges_json`)."""
    kinds = edge_kinds(e)
    name, color, dashed = kind_style(kinds[0])
    typ = e["type"]
    out: dict[str, Any] = {"from": e["source"], "to": e["target"], "t": typ, "k": kinds, "color": color}
    if typ == "partnerOf":
        out["width"] = 2.5
        if e.get("lead"):
            out["arrows"] = "to"
    elif typ in ("locatedIn", "partOf"):
        out["width"] = 1
    else:
        out["width"] = 1.5
        out["arrows"] = "to"
    if dashed or typ == "dispatchedTo":
        out["dashes"] = True
    if labels and typ not in ("locatedIn", "partOf"):
        out["label"] = "/".join(kind_style(k)[0] for k in kinds) if typ != "dispatchedTo" else (
            e.get("role") or name)
    if e.get("date"):
        out["d"] = e["date"]
    if e.get("role"):
        out["r"] = e["role"]
    if e.get("via"):
        out["via"] = e["via"]
    evidence = e.get("evidence", [])
    out["ev"] = [_evidence_ref(ix, ev) for ev in evidence[:MAX_EVIDENCE]]
    total = e.get("evidenceCount", len(evidence))  # the views' node-link data keeps MAX_EVIDENCE
    if total > MAX_EVIDENCE:
        out["evn"] = total
    return out


def _evidence_ref(ix: _Index, ev: dict[str, Any]) -> list[Any]:
    """``[doc, start, end, n]``: sentence ``n`` of :attr:`_Index.sentences` (the text itself in
    place of ``n`` for a sentence the index has not numbered)."""
    key = (ev.get("doc", ""), ev.get("start", 0), ev.get("end", 0))
    number = ix.sentence_ids.get(key)
    return [*key, ev.get("text", "") if number is None else number]


def _edges_between(nbr: dict[str, dict[str, list[int]]], node: str, others: set[str],
                   keep: Callable[[str], bool] | None = None) -> list[int]:
    """The edges from ``node`` to those of ``others`` (that ``keep`` accepts, if given).

    ``row.keys() & others`` walks the smaller side in C: a hub's thousands of neighbours are not
    walked for every page that shows it.
    """
    row = nbr.get(node)
    if not row:
        return []
    if keep is None:
        return [i for other in row.keys() & others for i in row[other]]
    return [i for other in row.keys() & others if keep(other) for i in row[other]]


def _edges_up(nbr: dict[str, dict[str, list[int]]], node: str, others: set[str]) -> list[int]:
    """:func:`_edges_between` for those of ``others`` from ``node`` on (itself included): called
    for every node of a set, this finds each pair's edges once. These two take a quarter of the
    views' time (10 MB): a comparison in the loop costs less than a call per neighbour."""
    row = nbr.get(node)
    if not row:
        return []
    return [i for other in row.keys() & others if other >= node for i in row[other]]


def _neighbours(ix: _Index, node: str) -> set[str]:
    """The nodes joined to ``node`` by an edge of :data:`EGO_TYPES` (itself not included)."""
    row = ix.nbr_ego.get(node)
    return row.keys() - {node} if row else set()


def _page_edges(ix: _Index, keep: set[str], types: frozenset[str] | None = None,
                extra: Iterable[dict[str, Any]] = ()) -> list[_Drawn]:
    # the edges with both ends on the page, each pair once (from its smaller end), from the index
    # of their types (both when the page draws other types too)
    indexes = [ix.nbr_ego] if types is not None and types <= EGO_TYPES else [ix.nbr_ego, ix.nbr_other]
    found = sorted(i for nbr in indexes for n in keep for i in _edges_up(nbr, n, keep))
    if types is not None and types != EGO_TYPES:
        found = [i for i in found if ix.edges[i]["type"] in types]
    extra = list(extra)
    labels = len(found) + len(extra) <= LABELS_UP_TO
    # an edge looks the same on every page it is drawn on: made once (pages never change them)
    out = [_cached_drawing(ix, i, labels) for i in found]
    out.extend(_drawn(_vis_edge(ix, e, labels)) for e in extra)
    return out


def _cached_drawing(ix: _Index, i: int, labels: bool) -> _Drawn:
    key = (i, labels)
    made = ix.vis_edges.get(key)
    if made is None:
        made = ix.vis_edges[key] = _drawn(_vis_edge(ix, ix.edges[i], labels))
    return made


def _dispatch_links(ix: _Index, keep: set[str]) -> list[dict[str, Any]]:
    """Experts sent from one organisation to another, as org -> org edges (for the map views)."""
    home: dict[str, list[str]] = defaultdict(list)
    sent: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in ix.edges:
        if e["type"] == "affiliatedWith":
            home[e["source"]].append(e["target"])
        elif e["type"] == "dispatchedTo":
            sent[e["source"]].append(e)
    links = []
    for person in sorted(sent):
        for a in sorted(home.get(person, [])):
            for e in sent[person]:
                if a != e["target"] and a in keep and e["target"] in keep:
                    links.append({**e, "source": a, "via": ix.nodes[person].get("label", person)})
    return links


# ---------------------------------------------------------------------------------------------
# pages


@dataclass
class _Page:
    path: str  # relative to out
    title: str
    subtitle: str
    nodes: list[dict[str, Any]]
    edges: list[_Drawn]
    physics: bool = False
    note: str = ""
    inline: bool = False
    nodes_json: str | None = None  # ``nodes`` as JSON, when the page put it together itself


def _overview(ix: _Index) -> _Page:
    path = "graph.html"
    ids = [i for i in sorted(ix.nodes) if ix.nodes[i]["type"] not in NOT_IN_OVERVIEW]
    orgs = sum(1 for i in ids if ix.nodes[i]["type"] in ORG_TYPES)
    sub = f"{orgs} 家机构 · {sum(1 for e in ix.edges if e['type'] == 'partnerOf')} 项合作"
    if len(ids) <= MAX_DRAWN:
        keep = set(ids)
        nodes = [_vis_node(ix, i, None, path) for i in ids]
        edges = _page_edges(ix, keep, EGO_TYPES)
        return _Page(path, "医联图谱 · 总览", sub, nodes, edges, physics=bool(nodes), inline=True)
    return _aggregate(ix, path, ids, sub)


def _aggregate(ix: _Index, path: str, ids: list[str], sub: str) -> _Page:
    """One node per prefecture with its number of institutions; edges count partnerships."""
    orgs = [i for i in ids if ix.nodes[i]["type"] in ORG_TYPES]
    bucket = {i: (_city(ix.code[i]) if i in ix.code else UNKNOWN) for i in orgs}
    members: dict[str, list[str]] = defaultdict(list)
    for i in orgs:
        members[bucket[i]].append(i)
    within: Counter = Counter()
    across: dict[tuple[str, str], Counter] = defaultdict(Counter)
    links = [e for e in ix.edges if e["type"] == "partnerOf"] + _dispatch_links(ix, set(orgs))
    for e in links:
        a, b = bucket.get(e["source"]), bucket.get(e["target"])
        if a is None or b is None:
            continue
        kind = "dispatchedTo" if e["type"] == "dispatchedTo" else "partnerOf"
        if a == b:
            within[a] += 1
        else:
            across[tuple(sorted((a, b)))][kind] += 1
    codes = sorted(members)
    anchors = {c: (_lonlat(c) if c else None) for c in codes}
    proj = GeoProjection([ll for ll in anchors.values() if ll], width=GEO_WIDTH / 3)
    pos = geo_layout(anchors, proj, spacing=1)
    nodes = []
    for c in codes:
        name = _region_name(c).split(" ")[-1] if c else "地区未知"
        count = len(members[c])
        top = _rank(ix, members[c])[:5]
        node = {"id": f"agg:{c or 'unknown'}", "label": f"{name}\n{count}", "t": "Region", "shape": "dot",
                "color": "#5b8db8", "size": min(60.0, 8.0 + 3.0 * count**0.5), "x": pos[c][0], "y": pos[c][1],
                "p": _province(c) if c else UNKNOWN, "rg": _region_name(c) if c else "地区未知", "c": count,
                "w": within[c], "top": [ix.nodes[i].get("label", i) for i in top],
                "font": {"size": 14, "color": "#263238"}}
        if c:
            node["u"] = _rel(f"views/province/{_province(c)}.html", path)
        nodes.append(node)
    edges = []
    for i, (a, b) in enumerate(sorted(across)):
        counts = across[(a, b)]
        kinds = sorted(counts, key=list(EDGE_KINDS).index)
        total = sum(counts.values())
        edges.append(_drawn({"id": f"a{i}", "from": f"agg:{a or 'unknown'}", "to": f"agg:{b or 'unknown'}",
                             "t": kinds[0], "k": kinds, "c": total, "cs": {k: counts[k] for k in kinds},
                             "color": {"color": kind_style(kinds[0])[1], "opacity": 0.55},
                             "width": min(12.0, 1.0 + total**0.5), "dashes": kinds == ["dispatchedTo"],
                             "ev": []}))
    note = (f"共 {len(orgs)} 家机构，按地级市汇总（节点上的数字为机构数，连线为跨市合作与派驻数）；"
            "双击一个地区打开所在省份的页面，每家机构另有自己的页面（见索引）。")
    return _Page(path, "医联图谱 · 总览（按地区汇总）", sub, nodes, edges, note=note, inline=True)


def _geo(ix: _Index) -> _Page:
    path = "views/geo.html"
    orgs = [i for i in sorted(ix.nodes) if ix.nodes[i]["type"] in ORG_TYPES]
    note = ""
    if len(orgs) > MAX_DRAWN:
        note = f"机构共 {len(orgs)} 家，此处显示合作最多的 {MAX_DRAWN} 家。"
        orgs = sorted(_rank(ix, orgs)[:MAX_DRAWN])
    anchors = {i: (_lonlat(ix.code[i]) if i in ix.code else None) for i in orgs}
    proj = GeoProjection([ll for ll in anchors.values() if ll], width=GEO_WIDTH)
    pos = geo_layout(anchors, proj)
    keep = set(orgs)
    nodes = [_vis_node(ix, i, pos[i], path) for i in orgs]
    nodes.extend(_region_labels(ix, orgs, proj, path, GEO_WIDTH))
    unplaced = sum(1 for v in anchors.values() if v is None)
    if unplaced:
        note += f"{unplaced} 家机构地区未知，列在地图右侧。"
    edges = _page_edges(ix, keep, frozenset({"partnerOf"}), _dispatch_links(ix, keep))
    return _Page(path, "医联图谱 · 地理视图", f"{len(orgs)} 家机构按所在地区的坐标排布", nodes, edges,
                 note=note)


def _region_labels(ix: _Index, ids: Iterable[str], proj: GeoProjection, page: str,
                   width: float) -> list[dict[str, Any]]:
    """Province and prefecture names as labels at their centroids, so the canvas reads as a map."""
    from .regions import gazetteer

    codes: set[str] = set()
    for i in ids:
        if i in ix.code:
            codes.add(_city(ix.code[i]))
            if _province(ix.code[i]):
                codes.add(_province(ix.code[i]))
    out = []
    for c in sorted(codes):
        r = gazetteer().get(c)
        ll = _lonlat(c)
        if r is None or ll is None:
            continue
        x, y = proj(*ll)
        big = r.level == "province"
        node = {"id": f"geo:{c}", "label": r.name, "t": "Region", "shape": "text", "x": x, "y": y,
                "p": _province(c), "rg": _region_name(c), "physics": False,
                "font": {"size": round(width / (90 if big else 260)),
                         "color": "#7d8a96" if big else "#a3adb7"}}
        if big and page != f"views/province/{c}.html":
            node["u"] = _rel(f"views/province/{c}.html", page)
        out.append(node)
    return out


def _province_page(ix: _Index, prov: str, ids: list[str]) -> _Page:
    from .regions import gazetteer

    path = f"views/province/{prov}.html"
    name = gazetteer().get(prov).name if gazetteer().get(prov) else prov
    core = [i for i in ids if ix.nodes[i]["type"] != "Region"]
    note = ""
    if len(core) > MAX_DRAWN:
        note = f"本省共 {len(core)} 个节点，此处显示合作最多的 {MAX_DRAWN} 个；每家机构另有自己的页面。"
        core = _rank(ix, core)[:MAX_DRAWN]
    core_set = set(core)
    ext = sorted({o for i in core for o in _neighbours(ix, i) if o not in core_set
                  and ix.nodes[o]["type"] not in HIDDEN_TYPES})
    room = max(0, MAX_DRAWN + MAX_EGO - len(core))
    if len(ext) > room:
        ext = sorted(_rank(ix, ext)[:room])
    regions = sorted(i for i in ids if ix.nodes[i]["type"] == "Region"
                     and ix.nodes[i].get("level") in ("province", "city", "county"))[:500]
    anchors = {i: (_lonlat(ix.code[i]) if i in ix.code else None) for i in sorted(core)}
    proj = GeoProjection([ll for ll in anchors.values() if ll], width=GEO_WIDTH / 2)
    pos = geo_layout(anchors, proj)
    for r in regions:
        ll = _lonlat(ix.nodes[r]["adcode"])
        pos[r] = proj(*ll) if ll else (0.0, 0.0)
    pos.update(_ring(ix, ext, proj, pos))
    nodes = [_vis_node(ix, i, pos[i], path) for i in sorted(core) + regions]
    nodes.extend(_vis_node(ix, i, pos[i], path, external=True) for i in ext)
    keep = core_set | set(regions) | set(ext)
    edges = _page_edges(ix, keep, EGO_TYPES | {"locatedIn", "partOf"})
    orgs = sum(1 for i in core if ix.nodes[i]["type"] in ORG_TYPES)
    sub = f"{orgs} 家机构；外省（外地）合作方按方位排在外圈（半透明）"
    return _Page(path, f"{name} · 省级视图", sub, nodes, edges, note=note)


def _ring(ix: _Index, ext: list[str], proj: GeoProjection,
          placed: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Nodes outside a province: on a ring around it, each in the direction where it really is."""
    import math

    radius = max((math.hypot(*p) for p in placed.values()), default=0.0) + 350.0
    anchors: dict[str, tuple[float, float] | None] = {}
    spots: dict[str, tuple[float, float]] = {}
    for i in ext:
        ll = _lonlat(ix.code[i]) if i in ix.code else None
        if ll is None:
            anchors[i] = None
            continue
        x, y = proj(*ll)
        a = math.atan2(y, x) if (x or y) else 0.0
        spots[i] = (radius * math.cos(a), radius * math.sin(a))
    groups: dict[tuple[float, float], list[str]] = defaultdict(list)
    for i, spot in spots.items():
        groups[(round(spot[0] / 40), round(spot[1] / 40))].append(i)
    from .layout import sunflower

    out: dict[str, tuple[float, float]] = {}
    for keys in groups.values():
        x, y = spots[keys[0]]
        out.update(zip(keys, sunflower(x, y, len(keys)), strict=True))
    left = [i for i, v in anchors.items() if v is None]
    for j, i in enumerate(left):
        out[i] = (round(-radius + (j % 20) * 90, 1), round(radius + 120 + (j // 20) * 60, 1))
    return out


def _ranked_neighbours(ix: _Index, node: str) -> tuple[list[str], frozenset[str]]:
    """The node's neighbours on pages (by :data:`EGO_TYPES`), best-ranked first, made once per node."""
    made = ix.ranked.get(node)
    if made is None:
        shown = frozenset(o for o in _neighbours(ix, node) if ix.nodes[o]["type"] not in HIDDEN_TYPES)
        made = ix.ranked[node] = (_rank(ix, shown), shown)
    return made


def _ego_edges(ix: _Index, center: str, first: list[str], second: list[str],
               parent: dict[str, str]) -> tuple[list[_Drawn], bool]:
    """The edges of an institution's or alliance's page (at most :data:`MAX_EGO_EDGES`, in their
    order), and whether there were more.

    First the centre's own, then each outer node's edge to the inner node it hangs from (the tree
    the layout draws), then edges among inner nodes or between rings, then among outer nodes:
    tier by tier, so that a crowded page never looks for the edges it would not draw. In the
    10 MB benchmark corpus a third of the institution pages had more than 400 edges among their
    150 nodes, past reading, and 87 % of all the edges drawn on pages.
    """
    nbr = ix.nbr_ego
    inner, outer = set(first), set(second)

    ring = inner | outer
    tiers = (
        lambda: _edges_between(nbr, center, ring | {center}),
        lambda: [i for s in second for i in nbr.get(s, {}).get(parent[s], [])],
        lambda: [i for a in first for i in _edges_between(
            nbr, a, ring, lambda b, a=a: (b >= a) if b in inner else parent.get(b) != a)],
        lambda: [i for a in second for i in _edges_up(nbr, a, outer)],
    )
    chosen: list[int] = []
    more = False
    for tier in tiers:
        found = sorted(tier())
        room = MAX_EGO_EDGES - len(chosen)
        if len(found) > room:
            found, more = found[:room], True
        chosen.extend(found)
        if more:
            break
    chosen.sort()
    labels = len(chosen) <= LABELS_UP_TO
    return [_cached_drawing(ix, i, labels) for i in chosen], more


def _ego(ix: _Index, center: str) -> _Page:
    path = ix.pages[center]
    seen = {center}
    first = []
    for o in _rank(ix, _neighbours(ix, center)):
        if len(seen) >= MAX_EGO:
            break
        if ix.nodes[o]["type"] not in HIDDEN_TYPES and o not in seen:
            seen.add(o)
            first.append(o)
    second, parent = [], {}
    total_second = 0
    for f in first:
        ranked, shown = _ranked_neighbours(ix, f)
        total_second += len(shown) - len(shown & seen)
        room = MAX_EGO - len(seen)
        taken = []
        for o in ranked:  # the best-ranked that still fit: a hub's list is walked only that far
            if len(taken) >= room:
                break
            if o not in seen:
                taken.append(o)
        for o in taken:
            seen.add(o)
            second.append(o)
            parent[o] = f
    pos = radial_layout(center, [first, second], parent)
    ids = [center, *first, *second]
    # a crowded outer ring: small labels, readable when zoomed in
    small_from = 1 + len(first) if len(ids) > 60 else len(ids)
    nodes, nodes_json = _ego_nodes(ix, ids, pos, path, small_from)
    edges, more = _ego_edges(ix, center, first, second, parent)
    n = ix.nodes[center]
    near = len(_neighbours(ix, center))
    notes = []
    if len(first) < near or len(second) < total_second:
        notes.append(f"邻居较多：显示 {len(seen) - 1} 个（直接相连 {near} 个），按合作数排序。")
    if more:
        notes.append(f"连线较多：显示 {len(edges)} 条，与中心相连的优先。")
    note = "".join(notes)
    region = _region_name(ix.code[center]) if center in ix.code else "地区未知"
    sub = f"{type_style(n['type'])[0]} · {region} · {ix.partners[center]} 个合作伙伴/成员 · 两步以内的关系"
    return _Page(path, n.get("label", center), sub, nodes, edges, note=note, nodes_json=nodes_json)


def _ego_nodes(ix: _Index, ids: list[str], pos: dict[str, tuple[float, float]], page: str,
               small_from: int) -> tuple[list[dict[str, Any]], str]:
    """The nodes of an institution's or alliance's page (what the page reads of them), and their JSON.

    A node is drawn on the pages of its neighbours and theirs (eight times on average in the 10 MB
    corpus), the same on each but for its position: its data and JSON are made once (per page
    folder, as its link is relative) and the position is added.
    """
    folder = posixpath.dirname(page)
    nodes, parts = [], []
    for k, nid in enumerate(ids):
        key = (nid, folder, k == 0, k >= small_from)
        made = ix.ego_nodes.get(key)
        if made is None:
            # the centre has no link to its own page; any other page of the folder links the same
            data = _vis_node(ix, nid, None, page if k == 0 else f"{folder}/")
            if key[3]:
                data["font"] = {"size": 9}
            made = ix.ego_nodes[key] = (data["t"], data["p"], _json(data)[1:-1])
        t, p, members = made
        x, y = pos[nid]
        nodes.append({"id": nid, "t": t, "p": p, "x": x, "y": y})  # what the page reads; JSON has all
        parts.append(f'{{{members},"x":{x!r},"y":{y!r}}}')
    return nodes, "[" + ",".join(parts) + "]"


# ---------------------------------------------------------------------------------------------
# rendering


@lru_cache(maxsize=1)
def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("kg.data") / "views")),
        autoescape=True,
        keep_trailing_newline=True,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    return env


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network (shipped inside pyvis) and the pages' own script and style."""
    import pyvis

    vis = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    own = resources.files("kg.data") / "views"
    assets = {
        "vis-network.min.js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis-network.min.css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "yilian.js": (own / "yilian.js").read_text(encoding="utf-8"),
        "yilian.css": (own / "yilian.css").read_text(encoding="utf-8"),
    }
    for name, text in assets.items():  # inlined into <script>/<style>: must not close the element early
        low = text.lower()
        if "</script" in low or "</style" in low or "<!--" in low:
            raise ValueError(f"{name} cannot be inlined: it contains </script, </style or <!--")
    return assets


def _options(page: _Page) -> dict[str, Any]:
    n = len(page.nodes)
    big = n > 600
    opts: dict[str, Any] = {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": page.physics and n <= 150},
        "nodes": {"font": {"size": 14, "face": FONT},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False, "font": {"size": 11, "align": "middle", "strokeWidth": 3},
                  "arrows": {"to": {"scaleFactor": 0.5}}, "selectionWidth": 2},
        "interaction": {"hover": not big, "tooltipDelay": 200, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "navigationButtons": False, "keyboard": False},
    }
    if page.physics:
        iterations = 300 if n <= 300 else 150 if n <= 1000 else 80
        opts["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                           "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 110,
                                                "avoidOverlap": 0.3},
                           "stabilization": {"enabled": True, "iterations": iterations,
                                             "updateInterval": 50, "fit": True},
                           "minVelocity": 1.0}
    else:
        opts["physics"] = {"enabled": False}
    return opts


def _edges_json(page: _Page) -> Markup:
    """The page's edges as JSON, put together from each edge's JSON made once (:class:`_Drawn`).

    ``from`` and ``to`` are positions in the page's node list (yilian.js turns them back into
    ids): an IRI is 60 bytes or more, and every edge named two of them. ``id`` is the edge's own,
    else ``e<n>`` by its place on the page.
    """
    position = {n["id"]: str(k) for k, n in enumerate(page.nodes)}
    parts = []
    for k, drawn in enumerate(page.edges):
        source = position.get(drawn.source) or _json(drawn.source)
        target = position.get(drawn.target) or _json(drawn.target)
        ident = _json(drawn.ident) if drawn.ident else f'"e{k}"'
        head = f'"from":{source},"id":{ident},"to":{target}'
        parts.append("{" + head + ("," + drawn.members if drawn.members else "") + "}")
    return Markup("[" + ",".join(parts) + "]")


def _render(page: _Page, ix: _Index) -> str:
    from pyvis.network import Network

    types = sorted({n["t"] for n in page.nodes}, key=list(NODE_TYPES).index)
    kinds = sorted({k for e in page.edges for k in e.kinds}, key=list(EDGE_KINDS).index)
    provinces = sorted({n["p"] for n in page.nodes if n.get("p")})
    meta = {
        "types": {t: list(type_style(t)) for t in types},
        "kinds": {k: list(kind_style(k)) for k in kinds},
        "typeOrder": types,
        "kindOrder": kinds,
        "provinces": [[p, _region_name(p)] for p in provinces],
        "physics": page.physics,
    }
    if page.inline:  # opens on its own: carries its sentences and the articles they are from
        quoted = sorted({n for e in page.edges for n in e.sentences})
        meta["sentences"] = {n: ix.sentences[n] for n in quoted}
        docs = sorted({d for e in page.edges for d in e.docs})
        meta["docs"] = {d: ix.docs.get(d, NO_DOC) for d in docs}
    else:  # shares them with every page: views/evidence/<n // EVIDENCE_SHARD>.js, loaded when shown
        meta["evidence"] = _rel_dir("views/evidence", posixpath.dirname(page.path))
        meta["shard"] = EVIDENCE_SHARD
    lib = posixpath.relpath("views/lib", posixpath.dirname(page.path) or ".")
    net = Network(height="100%", width="100%", directed=True, heading=page.title, cdn_resources="in_line")
    net.nodes = page.nodes  # bulk assignment: add_node is quadratic
    net.edges = _edges_json(page)  # the template writes it as it is
    net.options = _options(page)
    env = _env()
    net.templateEnv = env
    net.path = "page.html"
    env.globals["page"] = {
        "title": page.title, "subtitle": page.subtitle, "note": page.note, "inline": page.inline,
        "lib": lib, "assets": _assets() if page.inline else {}, "meta": meta, "nodes": page.nodes_json,
        "index": _rel("index.html", page.path),
    }
    try:
        return net.generate_html()
    finally:
        env.globals.pop("page", None)


def _render_index(ix: _Index, provinces: dict[str, list[str]], big: bool) -> str:
    from .regions import gazetteer

    def entry(i: str) -> dict[str, Any]:
        n = ix.nodes[i]
        return {"href": ix.pages[i], "label": n.get("label", i), "type": type_style(n["type"])[0],
                "partners": ix.partners[i]}

    groups = []
    for p in sorted(provinces, key=lambda c: (c == UNKNOWN, c)):
        orgs = [i for i in provinces[p] if ix.nodes[i]["type"] in ORG_TYPES]
        if not orgs:
            continue
        r = gazetteer().get(p) if p else None
        groups.append({"code": p, "name": r.name if r else "地区未知",
                       "href": f"views/province/{p}.html" if p else None,
                       "orgs": [entry(i) for i in _rank(ix, orgs)]})
    alliances = [entry(i) for i in _rank(ix, [i for i in ix.nodes if ix.nodes[i]["type"] == "Alliance"])]
    counts = Counter(n["type"] for n in ix.nodes.values())
    summary = [(type_style(t)[0], counts[t]) for t in NODE_TYPES if counts.get(t)]
    return _env().get_template("index.html").render(
        groups=groups, alliances=alliances, summary=summary, big=big,
        partnerships=sum(1 for e in ix.edges if e["type"] == "partnerOf"), css=_assets()["yilian.css"])


def _evidence_files(ix: _Index) -> dict[str, str]:
    """``evidence/<k>.js``: sentences ``k * EVIDENCE_SHARD`` onwards, for the pages under views/,
    each as ``[text, title, date, publisher, path]`` (the last four of the article it is from).

    A sentence is on disk once however many pages quote it (the 10 MB corpus's pages quoted each
    of their edges' sentences themselves: a third of their 1.9 GB), and so is the description of
    its article (the pages carried those of every article they quoted: 30 % of what was left).
    A page loads a file with a ``<script>`` element (which works from disk, unlike fetch) when an
    edge's evidence is shown.
    """
    files = {}
    # sentence_ids lists the sentences' (doc, start, end) in the order of their numbers
    records = [[text, *ix.docs.get(doc, NO_DOC)]
               for text, (doc, _, _) in zip(ix.sentences, ix.sentence_ids, strict=True)]
    for k in range(0, len(records), EVIDENCE_SHARD):
        texts = json.dumps(records[k:k + EVIDENCE_SHARD], ensure_ascii=False)
        files[f"evidence/{k // EVIDENCE_SHARD}.js"] = f"ylEvidence({k // EVIDENCE_SHARD}, {texts});\n"
    return files


def _write_new(path: Path, text: str, made: set[Path] | None = None) -> None:
    """A file in the temporary folder :func:`atomic_dir` swaps in whole: no need for a file-by-file
    atomic write (and its fsync, 12,000 of them for a 10 MB corpus). ``made``: the folders made
    already (tens of thousands of pages share a few)."""
    if made is None or path.parent not in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        if made is not None:
            made.add(path.parent)
    path.write_text(text, encoding="utf-8")


PARALLEL_FROM = 100  # pages; fewer are written faster than processes start

# (index, pages by province, temporary folder) for the forked page writers: inherited, not pickled
_FORKED: tuple[_Index, dict[str, list[str]], Path] | None = None


def _make_page(ix: _Index, by_province: dict[str, list[str]], spec: tuple[str, str]) -> _Page:
    kind, key = spec
    if kind == "geo":
        return _geo(ix)
    if kind == "province":
        return _province_page(ix, key, by_province[key])
    return _ego(ix, key)


def _write_pages(ix: _Index, by_province: dict[str, list[str]], tmp: Path,
                 specs: Iterable[tuple[str, str]]) -> list[str]:
    """Make and write pages one at a time: only one page's nodes and edges are held at once."""
    paths = []
    made: set[Path] = set()
    for spec in specs:
        page = _make_page(ix, by_province, spec)
        _write_new(tmp / page.path.removeprefix("views/"), _render(page, ix), made)
        paths.append(page.path)
    return paths


def _write_pages_forked(specs: list[tuple[str, str]]) -> list[str]:
    assert _FORKED is not None
    return _write_pages(*_FORKED, specs)


def write_views(data: dict[str, Any], out: Path | str, workers: int = 1,
                beside: Callable[[], object] | None = None, retired: list[Path] | None = None) -> list[Path]:
    """Write the overview, the index and every per-entity page into ``out``; return the files written.

    ``data`` is the node-link dictionary of ``graph.json``. ``out/views`` is replaced as a whole,
    so pages of entities that are gone do not linger; every file is written atomically.
    With ``workers`` > 1 (and where processes can be forked) the pages are shared out among that
    many processes; each page is the same whoever writes it. ``beside`` (the build waits for its RDF
    writer there) runs on a thread while the pages are written, started only after
    any fork so that no child inherits its locks; its exception, if any, is raised here. With
    ``retired``, the previous ``out/views`` is left there for the caller to remove
    (:func:`kg.atomic.atomic_dir`).
    """
    global _FORKED
    out = Path(out)
    ix = _index(data)
    by_province: dict[str, list[str]] = defaultdict(list)
    for i in sorted(ix.nodes):
        if ix.nodes[i]["type"] in HIDDEN_TYPES:
            continue
        by_province[ix.province.get(i, UNKNOWN)].append(i)
    specs = [("geo", ""), *(("province", p) for p in sorted(by_province) if p),
             *(("ego", i) for i in sorted(ix.pages))]
    written: list[Path] = []
    with atomic_dir(out / "views", retired) as tmp:
        for name in ("vis-network.min.js", "vis-network.min.css", "yilian.js", "yilian.css"):
            _write_new(tmp / "lib" / name, _assets()[name])
            written.append(out / "views" / "lib" / name)
        for name, text in _evidence_files(ix).items():
            _write_new(tmp / name, text)
            written.append(out / "views" / name)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-beside") as thread:
            if workers > 1 and len(specs) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods():
                # this process writes its share too: a forked child copies what it reads of the
                # index (reference counts are written), so each one more cost about 1 GB at 100 MB
                chunks = [specs[k::workers * 4] for k in range(workers * 4)]  # mixed sizes in every chunk
                _FORKED = (ix, by_province, tmp)
                try:
                    with shared_with_forks(), mp.get_context("fork").Pool(workers - 1) as pool:
                        job = thread.submit(beside) if beside else None
                        theirs = pool.map_async(_write_pages_forked,
                                                [c for k, c in enumerate(chunks) if k % workers])
                        paths = _write_pages(ix, by_province, tmp, [s for c in chunks[::workers] for s in c])
                        paths += [p for chunk in theirs.get() for p in chunk]
                finally:
                    _FORKED = None
            else:
                job = thread.submit(beside) if beside else None
                paths = _write_pages(ix, by_province, tmp, specs)
            if job is not None:
                job.result()
        written.extend(out / p for p in paths)
    overview = _overview(ix)
    write_text_atomic(out / overview.path, _render(overview, ix))
    written.append(out / overview.path)
    write_text_atomic(out / "index.html", _render_index(ix, by_province, len(overview.nodes) > 0
                                                        and overview.nodes[0]["id"].startswith("agg:")))
    written.append(out / "index.html")
    return sorted(written)
