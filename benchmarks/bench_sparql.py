"""Benchmark (not a test): the saved queries on a synthetic graph of about a million triples,
in Oxigraph (the store `kg build` writes) and in rdflib's in-memory engine, in the same run.

    .venv/bin/python benchmarks/bench_sparql.py [--scale 1.0] [--reps 20] [--rdflib-reps 3] [--timeout 30]

The graph is made of the project's own model objects (regions with partOf chains, organisations
located in counties, partnerships with kinds, dates and evidence, experts with posts, alliances)
and written with kg.rdf, so its shape is exactly what a build emits. Both engines get the same
query text, with the parameters bound by kg.query.bind (a VALUES block of "…"@zh names at the
start of the WHERE group). rdflib runs each query in a forked child process that is killed after
--timeout seconds ("did not finish").
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal

from kg.iris import alliance_iri, doc_iri, org_iri, person_iri, region_iri
from kg.model import EntityType, Evidence, KnowledgeGraph, Node, PartnershipType, Relation, RelationType
from kg.query import bind, execute, saved_queries
from kg.rdf import triples_by_graph
from kg.store import load_store, open_store
from kg.vocab import ontology_path

KINDS = list(PartnershipType)


def synthetic(scale: float, seed: int = 7) -> tuple[KnowledgeGraph, dict[str, str]]:
    rnd = random.Random(seed)
    g = KnowledgeGraph()
    provinces = [f"{11 + i:02d}0000" for i in range(31)]
    cities, counties = [], []
    for p in provinces:
        g.add_node(Node(region_iri(p), EntityType.REGION, f"省{p[:2]}", adcode=p, level="province"))
        for c in range(1, 11):
            code = f"{p[:2]}{c:02d}00"
            cities.append(code)
            g.add_node(Node(region_iri(code), EntityType.REGION, f"市{code[:4]}", adcode=code, level="city"))
            g.add_relation(Relation(RelationType.PART_OF, region_iri(code), region_iri(p)))
            for k in range(1, 9):
                cc = f"{code[:4]}{k:02d}"
                counties.append(cc)
                g.add_node(Node(region_iri(cc), EntityType.REGION, f"县{cc}", adcode=cc, level="county"))
                g.add_relation(Relation(RelationType.PART_OF, region_iri(cc), region_iri(code)))
    n_docs, n_orgs = int(4000 * scale), int(12000 * scale)
    n_partnerships, n_people, n_alliances = int(20000 * scale), int(6000 * scale), int(600 * scale)
    docs = [f"doc{i:06d}.txt" for i in range(n_docs)]
    for d in docs:
        attrs = {"title": f"标题{d}", "date": "2024-05-01"}
        g.add_node(Node(doc_iri(d), EntityType.DOCUMENT, d, attrs=attrs))

    def ev() -> Evidence:
        d = rnd.choice(docs)
        s = rnd.randrange(0, 40) * 50
        return Evidence(d, s, s + 40, f"句子{d}{s}")

    orgs = []
    for i in range(n_orgs):
        county = rnd.choice(counties)
        label = f"第{i}医院"
        etype = rnd.choice([EntityType.HOSPITAL] * 3 + [EntityType.PRIMARY_CARE])
        node = g.add_node(Node(org_iri(label, county), etype, label, {f"{label}别名"}, adcode=county))
        orgs.append(node)
        e = ev()
        if i % 50:  # a few without a region
            g.add_relation(Relation(RelationType.LOCATED_IN, node.iri, region_iri(county), {e}))
        g.add_relation(Relation(RelationType.MENTIONED_IN, node.iri, doc_iri(e.doc), {e}))
    hubs = orgs[:200]
    for _ in range(n_partnerships):
        a = rnd.choice(hubs) if rnd.random() < 0.5 else rnd.choice(orgs)
        b = rnd.choice(orgs)
        if a is b:
            continue
        # news gives a signing's day, sometimes only its month or year; a quarter are undated
        year, month = rnd.randrange(2016, 2026), rnd.randrange(1, 13)
        day = f"{year}-{month:02d}-{rnd.randrange(1, 29):02d}"
        date = rnd.choice(["", "", str(year), f"{year}-{month:02d}", day, day, day, day])
        g.add_relation(Relation(RelationType.PARTNER_OF, a.iri, b.iri, {ev(), ev()},
                                {rnd.choice(KINDS)}, date=date or None, lead=a.iri))
    for i in range(n_people):
        home, host = rnd.choice(hubs), rnd.choice(orgs)
        name = f"专家{i}"
        p = g.add_node(Node(person_iri(name, home.label), EntityType.PERSON, name, roles={"主任医师"}))
        g.add_relation(Relation(RelationType.AFFILIATED_WITH, p.iri, home.iri, {ev()}, role="主任医师"))
        g.add_relation(Relation(RelationType.DISPATCHED_TO, p.iri, host.iri, {ev()}, role="副院长"))
    for i in range(n_alliances):
        lead = rnd.choice(hubs)
        a = g.add_node(Node(alliance_iri(f"联盟{i}", lead.adcode), EntityType.ALLIANCE, f"联盟{i}"))
        g.add_relation(Relation(RelationType.LEADS, lead.iri, a.iri, {ev()}))
        for m in rnd.sample(orgs, 8):
            g.add_relation(Relation(RelationType.MEMBER_OF, m.iri, a.iri, {ev()}))
    params = {"hospital": hubs[0].label, "institution": hubs[1].label, "entity": hubs[2].label,
              "kind": "医联体", "province": "省11"}
    return g, params


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def _rdflib_child(graph: Graph, text: str, bindings: dict, reps: int, conn) -> None:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        n = len(list(graph.query(text, initBindings=bindings or None)))
        times.append(time.perf_counter() - t)
        conn.send((times, n))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--rdflib-reps", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=30.0, help="per query, for rdflib")
    ap.add_argument("--budget", type=float, default=60.0, help="per query, for Oxigraph")
    ap.add_argument("--only", default="", help="comma-separated saved query names")
    args = ap.parse_args()

    t0 = time.perf_counter()
    graph, params = synthetic(args.scale)
    triples = triples_by_graph(graph)[None]
    print(f"synthetic graph: {len(graph.nodes)} nodes, {len(graph.relations)} edges, {len(triples)} triples "
          f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    t0 = time.perf_counter()
    load_store(graph, tmp)
    store = open_store(tmp)
    print(f"oxigraph store loaded in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    t0 = time.perf_counter()
    rg = Graph()
    for t in triples:
        rg.add(t)
    rg.parse(ontology_path())
    print(f"rdflib graph loaded in {time.perf_counter() - t0:.0f} s ({len(rg)} triples)", file=sys.stderr)

    ctx = mp.get_context("fork")  # the child shares the loaded rdflib graph
    rows = []
    only = set(filter(None, args.only.split(",")))
    for name, q in saved_queries().items():
        if only and name not in only:
            continue
        values = {p: params[p] for p in q.params}
        print(f"{name}: load average {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
        ox_times, n_ox = [], 0
        for _ in range(args.reps):
            t = time.perf_counter()
            n_ox = len(list(execute(store, q.text, values)))
            ox_times.append(time.perf_counter() - t)
            if sum(ox_times) > args.budget:
                break
        text, substitutions = bind(q.text, values)  # the text Oxigraph runs, for rdflib too
        bindings = {k.value: Literal(t.value) for k, t in substitutions.items()}
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_rdflib_child, args=(rg, text, bindings, args.rdflib_reps, child))
        proc.start()
        deadline = time.monotonic() + args.timeout
        rl_times, n_rl = [], None
        while len(rl_times) < args.rdflib_reps and (left := deadline - time.monotonic()) > 0:
            if parent.poll(left):
                rl_times, n_rl = parent.recv()
            else:
                break
        if proc.is_alive():
            proc.kill()
        proc.join()
        rows.append((name, n_ox, ox_times, n_rl, rl_times))
        ox = f"{_pct(ox_times, .5) * 1000:.1f} / {_pct(ox_times, .95) * 1000:.1f} ({len(ox_times)} runs)"
        if rl_times:
            rl = f"{_pct(rl_times, .5) * 1000:.0f} / {_pct(rl_times, .95) * 1000:.0f} ({len(rl_times)} runs)"
            ratio = f"{_pct(rl_times, .5) / max(_pct(ox_times, .5), 1e-9):.1f}×"
        else:
            rl = f"did not finish in {args.timeout:.0f} s"
            ratio = f"> {args.timeout / _pct(ox_times, .5):.0f}×"
        same = "" if n_rl is None or n_rl == n_ox else f" (rdflib: {n_rl} rows)"
        print(f"| `{name}` | {n_ox}{same} | {ox} | {rl} | {ratio} |", flush=True)

    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"\n{len(triples)} triples; {os.cpu_count()} CPUs, {mem:.0f} GiB RAM, "
          f"Python {platform.python_version()}, {platform.system()} {platform.machine()}", flush=True)


if __name__ == "__main__":
    main()
