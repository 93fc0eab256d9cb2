"""Synthetic node-link graphs shaped like the real one, for the views' tests and benchmarks.

Deterministic for a given size and seed: institutions in real counties (most in one province,
as a regional news corpus is), partnerships by preferential attachment (so there are hubs),
mostly within a province, alliances with a lead and members, experts affiliated with one
institution and dispatched to another, every edge with an evidence sentence.

>>> g = synthetic_graph(200)
>>> len(g["nodes"]) >= 200, {e["type"] for e in g["edges"]} >= {"partnerOf", "dispatchedTo"}
(True, True)
"""

from __future__ import annotations

import random
from typing import Any

__all__ = ["synthetic_graph"]

ID = "https://w3id.org/yilian/id/"
_TYPES = [("Hospital", "人民医院", 50), ("PrimaryCareInstitution", "卫生院", 30),
          ("PublicHealthInstitution", "疾病预防控制中心", 8), ("HealthAuthority", "卫生健康局", 5),
          ("AcademicInstitution", "医学院", 3), ("Organization", "医药公司", 4)]
_KINDS = ["TightMedicalAlliance", "CountyMedicalCommunity", "MedicalAlliance", "SpecialtyAlliance",
          "Trusteeship", "PairedAssistance", "PartyBuilding", "Telemedicine", "Referral", "TeachingBase"]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def synthetic_graph(n: int, seed: int = 1, home: str = "42", hostile: bool = False) -> dict[str, Any]:
    """A node-link dict of about ``n`` nodes (plus the regions they sit in).

    ``hostile`` puts markup into some labels, aliases and evidence sentences, for escaping tests.
    """
    from .regions import gazetteer
    from .views import _chain

    rng = random.Random(seed)
    counties = sorted(r.code for r in gazetteer().by_code.values()
                      if r.level == "county" and r.lon is not None and r.parent != r.code)
    home_counties = [c for c in counties if c.startswith(home)] or counties
    n_orgs = max(2, int(n * 0.72))
    n_people = int(n * 0.15)
    n_alliances = max(1, int(n * 0.03))
    n_docs = max(1, n - n_orgs - n_people - n_alliances)
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    docs = [f"news/{i:05d}.txt" for i in range(n_docs)]
    for d in docs:
        nodes[ID + "doc/" + d.replace("/", "%2F")] = {
            "id": ID + "doc/" + d.replace("/", "%2F"), "type": "Document", "label": d, "aliases": [],
            "title": f"合作新闻 {d[5:10]}", "date": "2024-05-01", "path": "seeds/" + d}

    def ev(text: str) -> list[dict[str, Any]]:
        d = rng.choice(docs)
        start = rng.randrange(0, 2000)
        return [{"doc": d, "start": start, "end": start + len(text), "text": text}]

    weights = [w for _, _, w in _TYPES]
    orgs: list[str] = []
    for i in range(n_orgs):
        code = rng.choice(home_counties) if rng.random() < 0.7 else rng.choice(counties)
        t, suffix, _ = rng.choices(_TYPES, weights)[0]
        name = gazetteer().get(code).name + f"第{i}{suffix}"
        if hostile and i % 7 == 3:
            name = f"<img src=x onerror=alert({i})>医院{i}"
        iri = f"{ID}org/{code}/{name}"
        aliases = [f"{name[:4]}{i}院"] if i % 3 == 0 else []
        if hostile and i % 5 == 0:
            aliases = [f"<b>别名{i}</b>"]
        nodes[iri] = {"id": iri, "type": t, "label": name, "aliases": aliases, "adcode": code}
        orgs.append(iri)
    # partnerships: preferential attachment, mostly within the province
    bag: list[str] = orgs[:2]
    pairs: set[tuple[str, str]] = set()
    for i, a in enumerate(orgs[2:], start=2):
        for _ in range(1 if rng.random() < 0.6 else 2):
            b = rng.choice(bag)
            if rng.random() < 0.8:  # prefer a partner in the same province
                for _ in range(6):
                    if nodes[b]["adcode"][:2] == nodes[a]["adcode"][:2]:
                        break
                    b = rng.choice(bag)
            key = (min(a, b), max(a, b))
            if b == a or key in pairs:
                continue
            pairs.add(key)
            kinds = sorted(set(rng.sample(_KINDS, rng.choice([1, 1, 1, 2]))))
            text = f"{nodes[b]['label']}与{nodes[a]['label']}签约，开展{len(kinds)}项合作。"
            if hostile and i % 11 == 0:
                text = f"<script>window.__xss=1</script>{text}"
            edge = {"source": b, "target": a, "type": "partnerOf", "partnershipTypes": kinds,
                    "evidence": ev(text)}
            if rng.random() < 0.7:
                edge["date"] = f"20{rng.randrange(15, 26)}-{rng.randrange(1, 13):02d}"
            if rng.random() < 0.5:
                edge["lead"] = b
            edges.append(edge)
            bag.extend((a, b))
        bag.append(a)
    # alliances
    for k in range(n_alliances):
        lead = rng.choice(bag)
        iri = f"{ID}alliance/{nodes[lead]['adcode']}/{nodes[lead]['label']}医联体{k}"
        nodes[iri] = {"id": iri, "type": "Alliance", "label": f"{nodes[lead]['label']}医联体{k}",
                      "aliases": []}
        edges.append({"source": lead, "target": iri, "type": "leads", "evidence": ev("牵头组建医联体。")})
        same = [o for o in orgs if nodes[o]["adcode"][:2] == nodes[lead]["adcode"][:2] and o != lead]
        for m in sorted(set(rng.sample(same, min(len(same), rng.randrange(3, 25))))):
            edges.append({"source": m, "target": iri, "type": "memberOf", "evidence": ev("加入医联体。")})
    # experts
    for k in range(n_people):
        home_org = rng.choice(bag)
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + (rng.choice(_GIVEN) if k % 2 else "")
        iri = f"{ID}person/{name}/{nodes[home_org]['label']}"
        if iri in nodes:
            continue
        nodes[iri] = {"id": iri, "type": "Person", "label": name, "aliases": [], "roles": ["主任医师"]}
        edges.append({"source": iri, "target": home_org, "type": "affiliatedWith", "role": "主任医师",
                      "evidence": ev(f"{nodes[home_org]['label']}专家{name}。")})
        host = rng.choice(orgs)
        if host != home_org:
            edges.append({"source": iri, "target": host, "type": "dispatchedTo", "role": "挂职副院长",
                          "evidence": ev(f"派驻专家{name}到{nodes[host]['label']}挂职副院长。")})
    # regions the institutions sit in, with their parents
    codes = {nodes[o]["adcode"] for o in orgs}
    for code in sorted(codes):
        chain = list(_chain(code))
        for child, parent in zip(chain, [*chain[1:], None], strict=True):
            rid = f"{ID}region/{child.code}"
            nodes.setdefault(rid, {"id": rid, "type": "Region", "label": child.name, "aliases": [],
                                   "adcode": child.code, "level": child.level})
            if parent is not None:
                edges.append({"source": rid, "target": f"{ID}region/{parent.code}", "type": "partOf",
                              "evidence": []})
    for o in orgs:
        edges.append({"source": o, "target": f"{ID}region/{nodes[o]['adcode']}", "type": "locatedIn",
                      "evidence": ev("位于。")})
    unique: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in edges:
        unique.setdefault((e["type"], e["source"], e["target"]), e)
    return {"directed": True, "multigraph": False, "graph": {"name": "synthetic"},
            "nodes": [nodes[k] for k in sorted(nodes)], "edges": [unique[k] for k in sorted(unique)]}
