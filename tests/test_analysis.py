"""kg.analysis: exact answers on the hand-made sample graph, robust facts of the seed articles."""

from __future__ import annotations

import doctest
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("pandas", reason="kg.analysis needs pandas: pip install -e '.[notebook]'")

from conftest import SAMPLE_TEXTS, SEEDS, make_sample_graph

import kg.analysis as A
from kg.build import BuildOptions, build
from kg.iris import org_iri, person_iri
from kg.model import EntityType, Evidence, Node, PartnershipType, Relation, RelationType
from kg.nodelink import dumps
from kg.query import QueryError
from kg.store import load_store

WUHAN1 = "武汉市第一医院"
YANGXIN = "阳新县中医医院"
ZJU = "浙江大学医学院附属妇产科医院"
BINGTUAN = "新疆生产建设兵团第一师医院"


def _pairs(df, a="a", b="b") -> dict[frozenset[str], dict]:
    return {frozenset((r[a], r[b])): r for r in df.to_dict("records")}


# ---------------------------------------------------------------------------------------------
# the sample graph (tests/conftest.py): exact values


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    graph = make_sample_graph()
    (out / "graph.json").write_text(dumps(graph), encoding="utf-8")
    load_store(graph, out)
    return out


@pytest.fixture(scope="module")
def sample(sample_out) -> A.Build:
    return A.load_build(sample_out)


def test_analysis_find_org_by_label_alias_and_error(sample):
    assert A.find_org(sample, WUHAN1) == org_iri(WUHAN1, "420100")
    assert A.find_org(sample, "武汉市中西医结合医院") == org_iri(WUHAN1, "420100")
    with pytest.raises(A.AnalysisError, match="similar names: 武汉市第一医院"):
        A.find_org(sample, "武汉市第一")
    with pytest.raises(A.AnalysisError, match="no organisation called"):
        A.find_org(sample, "不存在的医院")


def test_analysis_partners_on_sample(sample):
    df = A.partners(sample, "武汉市中西医结合医院")
    assert df[["partner", "kinds_zh", "date", "lead"]].values.tolist() == [
        [YANGXIN, "紧密型医联体", "2025-07-02", "self"]]
    assert A.partners(sample, YANGXIN)[["partner", "lead"]].values.tolist() == [[WUHAN1, "partner"]]


def test_analysis_partnerships_and_kinds_on_sample(sample):
    df = A.partnerships(sample)
    assert df[["a", "b", "kinds", "date", "lead", "evidence"]].values.tolist() == [
        [WUHAN1, YANGXIN, ("TightMedicalAlliance",), "2025-07-02", WUHAN1, 1]]
    assert A.kind_counts(sample).values.tolist() == [["TightMedicalAlliance", "紧密型医联体", 1]]


def test_analysis_overview_on_sample(sample):
    counts = {(k, w): n for k, w, n in A.overview(sample).values.tolist()}
    assert counts[("node", "Region")] == 4
    assert counts[("node", "Hospital")] == 2
    assert counts[("node", "Person")] == 1
    assert counts[("edge", "partnerOf")] == 1
    assert counts[("edge", "dispatchedTo")] == 1


def test_analysis_hubs_and_communities_on_sample(sample):
    assert A.hubs(sample)[["rank", "organisation", "degree", "betweenness"]].values.tolist() == [
        [1, WUHAN1, 1, 0.0], [2, YANGXIN, 1, 0.0]]
    assert A.hubs(sample, top=1)["organisation"].tolist() == [WUHAN1]
    assert A.communities(sample)[["community", "size", "organisation"]].values.tolist() == [
        [0, 2, WUHAN1], [0, 2, YANGXIN]]


def test_analysis_cross_region_on_sample(sample):
    df = A.cross_region(sample)
    assert df[["a", "b", "crosses", "a_prefecture", "b_prefecture", "a_province", "b_province"]
              ].values.tolist() == [[WUHAN1, YANGXIN, "prefecture", "武汉市", "黄石市", "湖北省", "湖北省"]]


def test_analysis_timeline_on_sample(sample):
    df = A.timeline(sample)
    assert df[["date", "precision", "a", "b"]].values.tolist() == [["2025-07-02", "day", WUHAN1, YANGXIN]]
    assert str(df["when"][0].date()) == "2025-07-02"


def test_analysis_expert_flows_on_sample(sample):
    df = A.expert_flows(sample)
    assert df[["person", "sender", "receiver", "role", "crosses"]].values.tolist() == [
        ["张力", WUHAN1, YANGXIN, "副院长", "prefecture"]]
    assert A.flow_summary(sample, "prefecture").values.tolist() == [["武汉市", "黄石市", 1, "张力"]]
    assert A.flow_summary(sample, "province").values.tolist() == [["湖北省", "湖北省", 1, "张力"]]
    fg = A.flow_graph(sample)
    assert list(fg.edges(data="weight")) == [(WUHAN1, YANGXIN, 1)]
    with pytest.raises(A.AnalysisError, match="unknown level"):
        A.flow_summary(sample, "county")


def test_analysis_evidence_on_sample(sample):
    df = A.evidence(sample, "张力")
    assert df[["fact", "other"]].values.tolist() == [["affiliatedWith", WUHAN1], ["dispatchedTo", YANGXIN]]
    assert df["sentence"].tolist() == [SAMPLE_TEXTS["sample.txt"][df["start"][0]:df["end"][0]]] * 2
    facts = set(A.evidence(sample, "武汉市中西医结合医院")["fact"])
    assert facts == {"partnerOf", "affiliatedWith", "locatedIn"}


def test_analysis_coverage_on_sample(sample):
    got = {w: (c, t) for w, c, t, _ in A.coverage(sample).values.tolist()}
    assert got == {
        "partnerships with a date": (1, 1),
        "partnerships with a lead": (1, 1),
        "partnerships with a kind": (1, 1),
        "organisations with a region": (2, 2),
        "organisations with a prefecture": (2, 2),
        "people with an affiliation": (1, 1),
        "people dispatched somewhere": (1, 1),
    }


def test_analysis_organisations_have_places_and_coordinates(sample):
    df = A.organisations(sample).set_index("organisation")
    assert df.loc[YANGXIN, "region"] == "阳新县"
    assert df.loc[YANGXIN, "prefecture"] == "黄石市"
    assert df.loc[WUHAN1, "province"] == "湖北省"
    assert 113 < df.loc[WUHAN1, "lon"] < 116 and 29 < df.loc[WUHAN1, "lat"] < 32
    assert df.loc[WUHAN1, "partners"] == 1


def test_analysis_place_inferred_from_a_province_in_the_name():
    g = make_sample_graph()
    zju = g.add_node(Node(org_iri(ZJU, None), EntityType.HOSPITAL, ZJU))
    bt = g.add_node(Node(org_iri(BINGTUAN, "650000"), EntityType.HOSPITAL, BINGTUAN, adcode="650000"))
    p = g.add_node(Node(person_iri("陈希婧", ZJU), EntityType.PERSON, "陈希婧"))
    ev = Evidence("sample.txt", 0, 1, "2")
    g.add_relation(Relation(RelationType.PARTNER_OF, zju.iri, bt.iri, {ev},
                            {PartnershipType.PAIRED_ASSISTANCE}))
    g.add_relation(Relation(RelationType.AFFILIATED_WITH, p.iri, zju.iri, {ev}))
    g.add_relation(Relation(RelationType.DISPATCHED_TO, p.iri, bt.iri, {ev}))
    nx_graph = A.graph_of(json.loads(dumps(g)))
    place = A.place_of(nx_graph, zju.iri)
    assert (place.province, place.prefecture, place.source) == ("浙江省", None, "name")
    assert A.place_of(nx_graph, zju.iri, infer=False).province is None
    crossing = _pairs(A.cross_region(nx_graph))
    assert crossing[frozenset((ZJU, BINGTUAN))]["crosses"] == "province"
    assert frozenset((ZJU, BINGTUAN)) not in _pairs(A.cross_region(nx_graph, infer=False))
    flows = A.flow_summary(nx_graph, "province")
    assert ["浙江省", "新疆维吾尔自治区", 1, "陈希婧"] in flows.values.tolist()
    # coverage counts only regions the graph knows, never guessed ones
    got = {w: (c, t) for w, c, t, _ in A.coverage(nx_graph).values.tolist()}
    assert got["organisations with a region"] == (3, 4)


def test_analysis_alliances_and_partnership_graph_with_membership():
    g = make_sample_graph()
    from kg.iris import alliance_iri

    al = g.add_node(Node(alliance_iri("武汉一医院医联体", "420100"), EntityType.ALLIANCE, "武汉一医院医联体"))
    ev = Evidence("sample.txt", 0, 1, "2")
    g.add_relation(Relation(RelationType.LEADS, org_iri(WUHAN1, "420100"), al.iri, {ev}))
    g.add_relation(Relation(RelationType.MEMBER_OF, org_iri(YANGXIN, "420222"), al.iri, {ev}))
    nx_graph = A.graph_of(json.loads(dumps(g)))
    assert A.alliances(nx_graph)[["alliance", "member", "role"]].values.tolist() == [
        ["武汉一医院医联体", WUHAN1, "lead"], ["武汉一医院医联体", YANGXIN, "member"]]
    assert A.alliances(nx_graph, YANGXIN)["member"].tolist() == [YANGXIN]
    assert A.alliances(nx_graph, "武汉一医院医联体")["member"].tolist() == [WUHAN1, YANGXIN]
    pg = A.partnership_graph(nx_graph, ("partnerOf", "memberOf", "leads"))
    assert pg.number_of_nodes() == 3 and pg.number_of_edges() == 3
    assert A.partnership_graph(nx_graph).edges[org_iri(WUHAN1, "420100"), org_iri(YANGXIN, "420222")][
        "kinds"] == {"TightMedicalAlliance"}


def test_analysis_sparql_saved_query_with_parameters(sample):
    df = A.sparql("partners", sample, hospital="武汉市中西医结合医院")
    assert df["partner"].tolist() == [YANGXIN]
    assert df["partnerIri"].tolist() == [org_iri(YANGXIN, "420222")]  # IRIs in full, for joins
    hubs = A.sparql("hubs", sample.path)  # a build folder works too
    assert hubs["partners"].tolist() == [1, 1]  # numbers stay numbers


def test_analysis_sparql_text_ask_and_construct(sample):
    prefix = "PREFIX yl: <https://w3id.org/yilian/ontology#> "
    assert A.sparql(prefix + "ASK { ?p a yl:Partnership }", sample)["ask"].tolist() == [True]
    df = A.sparql(prefix + "CONSTRUCT { ?a yl:partnerOf ?b } WHERE { ?a yl:partnerOf ?b }", sample)
    assert list(df.columns) == ["subject", "predicate", "object"] and len(df) >= 1


def test_analysis_sparql_errors_are_query_errors(sample):
    with pytest.raises(QueryError, match="needs hospital=VALUE"):
        A.sparql("partners", sample)
    with pytest.raises(QueryError, match="no saved query"):
        A.sparql("nosuchquery", sample)
    with pytest.raises(QueryError, match="bad SPARQL"):
        A.sparql("SELECT WHERE {", sample)


def test_analysis_saved_query_table_lists_every_saved_query():
    from kg.query import saved_queries

    df = A.saved_query_table()
    assert df["name"].tolist() == sorted(saved_queries())
    assert df.set_index("name").loc["partners", "params"] == "hospital"


def test_analysis_load_build_missing(tmp_path):
    with pytest.raises(A.AnalysisError, match="kg build"):
        A.load_build(tmp_path)
    (tmp_path / "graph.json").write_text(dumps(make_sample_graph()), encoding="utf-8")
    with pytest.raises(A.AnalysisError, match="no such page"):
        A.load_build(tmp_path).page()


def test_analysis_inline_page_inlines_local_assets_and_escapes(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.js").write_text("var x = '</script>';", encoding="utf-8")
    (tmp_path / "lib" / "a.css").write_text("body{color:red}", encoding="utf-8")
    page = tmp_path / "p.html"
    page.write_text('<link rel="stylesheet" href="lib/a.css"><script src="lib/a.js"></script>'
                    '<script src="https://cdn.example/x.js"></script><p>"医院"</p>', encoding="utf-8")
    out = A.inline_page(page, height=300)
    assert out.startswith('<div><iframe srcdoc="') and "height:300px" in out
    assert "lib/a.js" not in out and "lib/a.css" not in out
    assert "&lt;style&gt;body{color:red}&lt;/style&gt;" in out
    assert "&lt;\\/script&gt;" in out  # the script's own text cannot close its tag
    assert "&quot;医院&quot;" in out
    assert "https://cdn.example/x.js" in out  # remote references are left as they are


def test_analysis_without_pandas_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(A.MissingDependency, match=r"pip install -e '\.\[notebook\]'"):
        A.hubs(A.graph_of(json.loads(dumps(make_sample_graph()))))


def test_analysis_doctests():
    result = doctest.testmod(A)
    assert result.failed == 0 and result.attempted >= 1


# ---------------------------------------------------------------------------------------------
# the seed articles: facts the articles state, robust to better extraction


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> A.Build:
    out = tmp_path_factory.mktemp("seeds")
    build([SEEDS], out, BuildOptions(views=False))
    return A.load_build(out)


def test_analysis_seeds_partners_of_wuhan_first(seeds):
    for name in (WUHAN1, "武汉市中西医结合医院"):
        assert {"随州市中医医院", YANGXIN} <= set(A.partners(seeds, name)["partner"])


def test_analysis_seeds_partners_agree_with_the_saved_query(seeds):
    from_graph = set(A.partners(seeds, WUHAN1)["partner"])
    from_store = set(A.sparql("partners", seeds, hospital=WUHAN1)["partner"])
    assert from_graph == from_store


def test_analysis_seeds_cross_region(seeds):
    every = _pairs(A.cross_region(seeds, only_crossing=False))
    assert every[frozenset(("武汉市中心医院", "黄陂区人民医院"))]["crosses"] == ""
    sz = every[frozenset((WUHAN1, "随州市中医医院"))]
    assert sz["crosses"] == "prefecture"
    assert {sz["a_prefecture"], sz["b_prefecture"]} == {"武汉市", "随州市"}
    crossing = A.cross_region(seeds)
    assert set(crossing["crosses"]) <= {"province", "prefecture"}
    assert frozenset((WUHAN1, "随州市中医医院")) in _pairs(crossing)
    assert frozenset(("武汉市中心医院", "黄陂区人民医院")) not in _pairs(crossing)


def test_analysis_seeds_cross_region_agrees_with_the_saved_query(seeds):
    ours = {k: r["crosses"] for k, r in _pairs(A.cross_region(seeds, infer=False)).items()}
    saved = {k: r["crosses"] for k, r in _pairs(A.sparql("cross-boundary", seeds)).items()}
    assert ours == saved


def test_analysis_seeds_expert_flows(seeds):
    flows = A.expert_flows(seeds)
    chen = flows[flows["person"] == "陈希婧"]
    assert chen[["sender", "receiver", "crosses"]].values.tolist() == [[ZJU, BINGTUAN, "province"]]
    to_suizhou = flows[(flows["sender"] == WUHAN1) & (flows["receiver"] == "随州市中医医院")]
    assert len(to_suizhou) >= 2  # several experts went from 武汉市第一医院 to 随州市中医医院
    provinces = A.flow_summary(seeds, "province")
    assert "陈希婧" in provinces[(provinces["sender"] == "浙江省")
                               & (provinces["receiver"] == "新疆维吾尔自治区")]["people"].iloc[0]


def test_analysis_seeds_hubs_and_communities(seeds):
    top = A.hubs(seeds, top=5)
    assert WUHAN1 in set(top["organisation"])
    assert top["degree"].is_monotonic_decreasing
    comm = A.communities(seeds)
    assert comm["id"].is_unique  # a partition
    assert set(comm["id"]) == set(A.partnership_graph(seeds).nodes)
    of = dict(zip(comm["organisation"], comm["community"], strict=True))
    assert of[WUHAN1] == of["随州市中医医院"] == of[YANGXIN]
    assert comm.equals(A.communities(seeds))  # the seed makes it repeatable


def test_analysis_seeds_timeline(seeds):
    tl = A.timeline(seeds)
    assert tl["when"].is_monotonic_increasing
    dated = {(frozenset((a, b)), d) for a, b, d in tl[["a", "b", "date"]].values.tolist()}
    assert (frozenset((WUHAN1, "随州市中医医院")), "2025-11-21") in dated
    assert (frozenset((WUHAN1, YANGXIN)), "2025-07-02") in dated
    assert (frozenset(("武汉市中心医院", "黄陂区人民医院")), "2025-01-04") in dated


def test_analysis_seeds_evidence_quotes_the_article(seeds):
    df = A.evidence(seeds, "陈希婧")
    assert {"affiliatedWith", "dispatchedTo"} <= set(df["fact"])
    for r in df.to_dict("records"):
        text = (SEEDS / r["doc"]).read_text(encoding="utf-8")
        assert text[r["start"]:r["end"]] == r["sentence"]


def test_analysis_seeds_kinds_and_coverage(seeds):
    kinds = dict(zip(A.kind_counts(seeds)["kind"], A.kind_counts(seeds)["partnerships"], strict=True))
    assert kinds["TightMedicalAlliance"] >= 2 and kinds["CountyMedicalCommunity"] >= 1
    cov = A.coverage(seeds).set_index("what")
    n = len(A.partnerships(seeds))
    assert cov.loc["partnerships with a date", "of"] == n
    assert 3 <= cov.loc["partnerships with a date", "count"] <= n
    assert ((cov["share"] >= 0) & (cov["share"] <= 1)).all()


def test_analysis_seeds_every_saved_query_without_parameters_runs(seeds):
    from kg.query import saved_queries

    for name, q in saved_queries().items():
        if not q.params:
            df = A.sparql(name, seeds)
            assert list(df.columns), name
    assert len(A.sparql("alliances", seeds)) >= 1


def test_analysis_province_code_and_errors():
    assert A.province_code("湖北省") == A.province_code("湖北") == "420000"
    with pytest.raises(A.AnalysisError, match=r"not a province; provinces: .*湖北省"):
        A.province_code("武汉市")


def test_analysis_within_province_on_sample(sample):
    sub = A.within_province(sample, "湖北省")
    assert set(A.partnerships(sub)["a"]) == {WUHAN1}
    assert A.expert_flows(sub)["person"].tolist() == ["张力"]
    assert A.within_province(sample, "浙江省").number_of_nodes() == 0


def test_analysis_seeds_within_province(seeds):
    hubei = A.within_province(seeds, "湖北省")
    assert {"随州市中医医院", YANGXIN} <= set(A.partners(hubei, WUHAN1)["partner"])
    assert BINGTUAN not in {d.get("label") for _, d in hubei.nodes(data=True)}
    xinjiang = A.within_province(seeds, "新疆维吾尔自治区")
    assert ZJU in {d.get("label") for _, d in xinjiang.nodes(data=True)}  # the sender elsewhere is kept
    assert "陈希婧" in set(A.expert_flows(xinjiang)["person"])
    assert WUHAN1 not in {d.get("label") for _, d in xinjiang.nodes(data=True)}
    inside_only = A.within_province(seeds, "新疆维吾尔自治区", neighbours=False)
    assert ZJU not in {d.get("label") for _, d in inside_only.nodes(data=True)}
