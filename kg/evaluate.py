"""Score a graph.json against a gold annotation: the metrics of EVALUATION.md (``kg eval``).

The scoring logic follows the project's reference scorer (shared/tools/kgeval.py, standard library
only) so that ``kg eval`` prints the same numbers for any gold file of that format.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

__all__ = ["format_report", "load_gold", "load_gold_file", "score", "score_files"]

ORG_TYPES = {"Hospital", "PrimaryCareInstitution", "PublicHealthInstitution",
             "HealthAuthority", "AcademicInstitution", "Organization"}
PERSON_TYPES = {"Person", "Expert"}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"[\s\"'“”‘’「」『』《》]", "", s)


def local(t: str) -> str:
    """Accept a full IRI, a CURIE or a bare local name for a type."""
    return re.split(r"[#/:]", t or "")[-1]


def load_gold(data: dict) -> dict:
    """Index a gold annotation (the parsed JSON) for scoring."""
    docs = data["documents"]
    orgs, org_index, optional_orgs = {}, {}, set()
    persons, person_index, optional_persons, non_experts = {}, {}, set(), set()
    pships, optional_pships = {}, set()
    for d in docs.values():
        for o in d.get("organizations", []):
            key = norm(o["name"])
            g = orgs.setdefault(key, {"name": o["name"], "types": set(), "adcode": o.get("adcode"), "names": set()})
            g["types"].update(o["types"])
            g["names"].update(norm(n) for n in [o["name"], *o.get("aliases", [])])
        optional_orgs.update(norm(n) for n in d.get("optional_organizations", []))
    for key, g in orgs.items():
        for n in g["names"]:
            org_index[n] = key
    optional_orgs -= set(org_index)

    def gid(name):
        return org_index.get(norm(name))

    for d in docs.values():
        for p in d.get("persons", []):
            g = persons.setdefault(norm(p["name"]), {"aff": set(), "disp": set()})
            for n in [p["name"], *p.get("aliases", [])]:
                person_index[norm(n)] = norm(p["name"])
            if p.get("affiliation"):
                g["aff"].add(gid(p["affiliation"]))
            for o in p.get("dispatched_to", []):
                g["disp"].add(gid(o))
            for post in p.get("posts", []):
                g["disp"].add(gid(post["org"]))
        optional_persons.update(norm(n) for n in d.get("optional_persons", []))
        non_experts.update(norm(n) for n in d.get("non_experts", []))
        for p in d.get("partnerships", []):
            pair = frozenset(gid(x) for x in p["parties"])
            assert None not in pair, p
            pships[pair] = p
        for p in d.get("optional_partnerships", []):
            optional_pships.add(frozenset(gid(x) or norm(x) for x in p["parties"]))
    return dict(orgs=orgs, org_index=org_index, optional_orgs=optional_orgs, persons=persons, person_index=person_index,
                optional_persons=optional_persons, non_experts=non_experts,
                pships=pships, optional_pships=optional_pships)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def adcode_within(pred: str | None, gold: str | None) -> bool:
    if not pred or not gold:
        return False
    pred, gold = str(pred)[:6], str(gold)[:6]
    prefix = gold.rstrip("0")
    prefix = prefix + "0" * (len(prefix) % 2)  # keep whole two-digit levels
    return pred.startswith(prefix)


def score(gold, graph):
    nodes = {n["id"]: n for n in graph["nodes"]}
    edges = graph.get("edges", graph.get("links", []))
    res, problems = {}, []

    # organizations
    org_of = {}  # predicted node id -> gold key, or "optional", or None
    seen, dup, fp_names = set(), 0, []
    type_ok = 0
    for nid, n in nodes.items():
        if local(n.get("type")) not in ORG_TYPES:
            continue
        names = [norm(n.get("label", ""))] + [norm(a) for a in n.get("aliases", [])]
        key = next((gold["org_index"][x] for x in names if x in gold["org_index"]), None)
        if key:
            org_of[nid] = key
            if key in seen:
                dup += 1
            else:
                seen.add(key)
                type_ok += local(n.get("type")) in gold["orgs"][key]["types"]
        elif any(x in gold["optional_orgs"] for x in names):
            org_of[nid] = "optional"
        else:
            org_of[nid] = None
            fp_names.append(n.get("label", ""))
    res["organizations"] = prf(len(seen), len(fp_names) + dup, len(gold["orgs"]) - len(seen))
    res["organizations"]["duplicates"] = dup
    res["organizations"]["type_accuracy"] = round(type_ok / len(seen), 3) if seen else 0.0
    problems += [f"org not in gold: {x}" for x in sorted(fp_names)]
    problems += [f"org missed: {g['name']}" for k, g in sorted(gold["orgs"].items()) if k not in seen]

    # persons
    person_of, pseen, pfp, leaks = {}, set(), [], []
    for nid, n in nodes.items():
        if local(n.get("type")) not in PERSON_TYPES:
            continue
        name = gold["person_index"].get(norm(n.get("label", "")), norm(n.get("label", "")))
        if name in gold["persons"] and name not in pseen:
            pseen.add(name)
            person_of[nid] = name
        elif name in gold["optional_persons"]:
            person_of[nid] = "optional"
        else:
            pfp.append(n.get("label", ""))
            if name in gold["non_experts"]:
                leaks.append(n.get("label", ""))
    res["persons"] = prf(len(pseen), len(pfp), len(gold["persons"]) - len(pseen))
    res["persons"]["non_expert_leaks"] = len(leaks)
    problems += [f"person not in gold: {x}" + (" (reporter/patient)" if x in leaks else "") for x in sorted(pfp)]
    problems += [f"person missed: {k}" for k in sorted(gold["persons"]) if k not in pseen]

    # person -> organization relations
    def pair_score(kind, pred_types, gold_field):
        want = {(p, o) for p, g in gold["persons"].items() for o in g[gold_field] if o}
        got = set()
        for e in edges:
            if local(e.get("type")) not in pred_types:
                continue
            p, o = person_of.get(e["source"]), org_of.get(e["target"])
            if p in (None, "optional") or o == "optional" or p is None:
                continue
            got.add((p, o))
        tp = len(got & want)
        problems.extend(f"{kind} wrong: {p} -> {o}" for p, o in sorted(got - want, key=str))
        problems.extend(f"{kind} missed: {p} -> {gold['orgs'][o]['name']}" for p, o in sorted(want - got))
        return prf(tp, len(got - want), len(want - got))

    res["affiliations"] = pair_score("affiliation", {"affiliatedWith", "worksFor", "memberOf"}, "aff")
    res["dispatches"] = pair_score("dispatch", {"dispatchedTo", "holdsPostAt", "visitingExpertAt"}, "disp")

    # partnerships
    got, typed_ok, dated_ok, dated_n = {}, 0, 0, 0
    for e in edges:
        if local(e.get("type")) != "partnerOf":
            continue
        a, b = org_of.get(e["source"]), org_of.get(e["target"])
        if "optional" in (a, b):
            continue
        pair = frozenset((a or "?" + e["source"], b or "?" + e["target"]))
        got.setdefault(pair, e)
    want = set(gold["pships"])
    tp_pairs = [p for p in got if p in want]
    fp_pairs = [p for p in got if p not in want and p not in gold["optional_pships"]]
    for p in tp_pairs:
        e, g = got[p], gold["pships"][p]
        typed_ok += bool(set(map(local, e.get("partnershipTypes", []))) & set(g["types"]))
        if g.get("date"):
            dated_n += 1
            dated_ok += str(e.get("date", ""))[:len(g["date"])] == g["date"]
    res["partnerships"] = prf(len(tp_pairs), len(fp_pairs), len(want) - len(tp_pairs))
    res["partnerships"]["type_accuracy"] = round(typed_ok / len(tp_pairs), 3) if tp_pairs else 0.0
    res["partnerships"]["date_accuracy"] = round(dated_ok / dated_n, 3) if dated_n else 0.0

    def show(k):
        return gold["orgs"][k]["name"] if k in gold["orgs"] else nodes.get(k[1:], {}).get("label", k)
    problems += [f"partnership wrong: {' ~ '.join(sorted(map(show, p)))}" for p in fp_pairs]
    problems += [f"partnership missed: {' ~ '.join(sorted(map(show, p)))}" for p in want if p not in got]

    # organization -> region
    region_of = defaultdict(set)
    for e in edges:
        if local(e.get("type")) == "locatedIn" and org_of.get(e["source"]) not in (None, "optional"):
            region_of[org_of[e["source"]]].add(nodes.get(e["target"], {}).get("adcode"))
    with_code = {k: g for k, g in gold["orgs"].items() if g["adcode"]}
    ok = [k for k, g in with_code.items() if any(adcode_within(c, g["adcode"]) for c in region_of.get(k, ()))]
    res["org_regions"] = {"correct": len(ok), "total": len(with_code),
                          "accuracy": round(len(ok) / len(with_code), 3) if with_code else 0.0}
    problems += [f"region wrong or missing: {g['name']} (gold {g['adcode']}, got {sorted(filter(None, region_of.get(k, ())))})"
                 for k, g in sorted(with_code.items()) if k not in ok]

    parts = [res[k]["f1"] for k in ("organizations", "persons", "affiliations", "dispatches", "partnerships")]
    parts.append(res["org_regions"]["accuracy"])
    res["score"] = round(sum(parts) / len(parts), 3)
    return res, problems


def load_gold_file(path: str | Path) -> dict:
    from .errors import KgError

    try:
        return load_gold(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, AssertionError) as exc:
        raise KgError(f"{path}: not a gold annotation in the format of tests/gold_seeds.json ({exc})") from exc


def score_files(gold: dict, graph_path: str | Path) -> tuple[dict, list[str]]:
    from .errors import KgError

    try:
        graph = json.loads(Path(graph_path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KgError(f"{graph_path}: cannot read this graph.json ({exc}); run `kg build` again") from exc
    return score(gold, graph)


def format_report(res: dict, problems: list[str] | None = None, as_json: bool = False) -> str:
    """The scorer's report: one line per metric, the problems if asked, the summary line."""
    lines = []
    if as_json:
        lines.append(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        for k in ("organizations", "persons", "affiliations", "dispatches", "partnerships"):
            r = res[k]
            extra = {x: r[x] for x in r if x not in ("tp", "fp", "fn", "precision", "recall", "f1")}
            lines.append(f"{k:14s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
                         f"(tp={r['tp']} fp={r['fp']} fn={r['fn']}) {extra if extra else ''}")
        r = res["org_regions"]
        lines.append(f"{'org_regions':14s} accuracy={r['accuracy']:.3f} ({r['correct']}/{r['total']})")
    if problems:
        lines.extend(problems)
    lines.append(f"score={res['score']:.3f} orgs={res['organizations']['f1']:.3f} "
                 f"persons={res['persons']['f1']:.3f} partnerships={res['partnerships']['f1']:.3f} "
                 f"leaks={res['persons']['non_expert_leaks']}")
    return "\n".join(lines)
