"""kg.query and the saved queries of ontology/queries, on the sample graph."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_TEXTS, make_sample_graph

from kg.cli import main
from kg.errors import KgError
from kg.iris import alliance_iri, doc_iri, org_iri
from kg.model import EntityType, Evidence, KnowledgeGraph, Node, Relation, RelationType
from kg.query import QueryError, bind, resolve_query, run_query, saved_queries
from kg.store import StoreMissing, load_store

WUHAN1 = org_iri("武汉市第一医院", "420100")
YANGXIN = org_iri("阳新县中医医院", "420222")


def _extended_graph() -> KnowledgeGraph:
    """The sample graph plus an alliance (one hospital leads, the other joins) and an org with no region."""
    g = make_sample_graph()
    text = SAMPLE_TEXTS["sample.txt"]
    s1 = Evidence("sample.txt", 0, text.index("。") + 1, text[: text.index("。") + 1])
    alliance = g.add_node(Node(alliance_iri("武汉市第一医院紧密型医联体", "420100"), EntityType.ALLIANCE,
                               "武汉市第一医院紧密型医联体"))
    g.add_relation(Relation(RelationType.LEADS, WUHAN1, alliance.iri, {s1}))
    g.add_relation(Relation(RelationType.MEMBER_OF, YANGXIN, alliance.iri, {s1}))
    company = g.add_node(Node(org_iri("某医疗科技公司", None), EntityType.ORGANIZATION, "某医疗科技公司"))
    g.add_relation(Relation(RelationType.MENTIONED_IN, company.iri, doc_iri("sample.txt"), {s1}))
    return g


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    path = tmp_path_factory.mktemp("out")
    load_store(_extended_graph(), path)
    return path


def _rows(out, query: str, *params: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run_query(query, params, out, "csv"))))


# name, params, column, expected values of that column (in order)
CASES = [
    ("partners", ("hospital=武汉市第一医院",), "partner", ["阳新县中医医院"]),
    ("partners", ("hospital=黄石市阳新县中医医院",), "partner", ["武汉市第一医院"]),  # by alias
    ("partners", ("hospital=不存在医院",), "partner", []),
    ("partnerships-by-kind", ("kind=紧密型医联体", "province=湖北省"), "date", ["2025-07-02"]),
    ("partnerships-by-kind", ("kind=医联体", "province=湖北省"), "kinds", ["紧密型医联体"]),  # narrower kinds
    ("partnerships-by-kind", ("kind=TightMedicalAlliance", "province=湖北省"), "date", ["2025-07-02"]),
    ("partnerships-by-kind", ("kind=托管", "province=湖北省"), "date", []),
    ("partnerships-by-kind", ("kind=医联体", "province=湖南省"), "date", []),
    ("dispatched", ("institution=武汉市第一医院",), "host", ["阳新县中医医院"]),
    ("dispatched", ("institution=阳新县中医医院",), "host", []),
    ("cross-boundary", (), "crosses", ["prefecture"]),
    ("timeline", (), "date", ["2025-07-02"]),
    ("hubs", (), "partners", ["1", "1"]),
    ("alliances", (), "member", ["武汉市第一医院", "阳新县中医医院"]),
    ("alliances", (), "role", ["牵头单位", "成员单位"]),
    ("posts-elsewhere", (), "post", ["副院长"]),
    ("orgs-without-region", (), "organisation", ["某医疗科技公司"]),
    ("evidence", ("entity=张力",), "fact", ["所属单位", "提及于", "派驻"]),
    ("evidence", ("entity=张力",), "sentence", ["派驻专家张力挂职阳新县中医医院副院长。"] * 3),
]


@pytest.mark.parametrize(("name", "params", "column", "expected"), CASES,
                         ids=[f"{c[0]}-{'-'.join(c[1])}-{c[2]}" for c in CASES])
def test_query_saved_query_answers(out, name, params, column, expected):
    assert [row[column] for row in _rows(out, name, *params)] == expected


def test_query_every_saved_query_is_tested_and_documented():
    saved = saved_queries()
    assert len(saved) >= 10
    assert {c[0] for c in CASES} == set(saved)
    for q in saved.values():
        assert q.text.startswith("# ") and q.question.endswith("?"), q.name


def test_query_evidence_offsets_index_the_text(out):
    for row in _rows(out, "evidence", "entity=武汉市第一医院"):
        assert SAMPLE_TEXTS[row["doc"]][int(row["start"]) : int(row["end"])] == row["sentence"]


def test_query_parameter_is_bound_not_pasted(out):
    hostile = 'hospital=x") } } ; SELECT * WHERE { ?s ?p ?o } #'
    assert _rows(out, "partners", hostile) == []


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_query_formats(out, fmt):
    text = run_query("partners", ("hospital=武汉市第一医院",), out, fmt)
    assert "阳新县中医医院" in text
    if fmt == "json":
        assert json.loads(text)["results"]["bindings"][0]["partner"]["value"] == "阳新县中医医院"
    if fmt == "table":
        assert "hospital" not in text.splitlines()[0]  # the parameter's own column is hidden
        assert text.endswith("(1 row)\n")


def test_query_declared_parameters_are_zh_names_in_a_values_block():
    text, subs = bind(saved_queries()["partners"].text, {"hospital": 'x") } } #\n'})
    assert subs == {}
    assert 'WHERE { VALUES (?hospital) { ("x\\") } } #\\n"@zh) }' in text  # one escaped literal
    text, subs = bind(saved_queries()["partners"].text, {"hospital": "https://w3id.org/yilian/id/org/x"})
    assert "VALUES (?hospital) { (<https://w3id.org/yilian/id/org/x>) }" in text
    ad_hoc = "SELECT ?code ?r WHERE { ?r <https://w3id.org/yilian/ontology#adcode> ?code }"
    text, subs = bind(ad_hoc, {"code": "420222"})  # no declared parameters: a plain string, substituted
    assert text == ad_hoc and [str(t) for t in subs.values()] == ['"420222"']


def test_query_saved_queries_use_no_label_scans_or_partof_paths():
    for q in saved_queries().values():
        body = "\n".join(line for line in q.text.splitlines() if not line.lstrip().startswith("#"))
        assert "STR(?name)" not in body and "STR(?provName)" not in body, q.name
        assert "partOf" not in body, q.name  # provinces and prefectures are materialised


def test_query_ad_hoc_text_and_rq_file(out, tmp_path):
    q = "PREFIX yl: <https://w3id.org/yilian/ontology#> SELECT ?r WHERE { ?r a yl:Region ; yl:adcode ?code }"
    assert len(list(csv.DictReader(io.StringIO(run_query(q, (), out, "csv"))))) == 4
    path = tmp_path / "regions.rq"
    path.write_text("# How many regions?\n" + q, encoding="utf-8")
    assert run_query(str(path), (), out, "csv") == run_query(q, (), out, "csv")


def test_query_partof_path_still_works(out):
    yl = "PREFIX yl: <https://w3id.org/yilian/ontology#> "
    q = yl + 'SELECT ?o ?p WHERE { ?o yl:locatedIn/yl:partOf* ?p . ?p yl:level "province" } ORDER BY ?o'
    by_path = [(r["o"], r["p"]) for r in csv.DictReader(io.StringIO(run_query(q, (), out, "csv")))]
    q = yl + "SELECT ?o ?p WHERE { ?o yl:inProvince ?p } ORDER BY ?o"
    assert [(r["o"], r["p"]) for r in csv.DictReader(io.StringIO(run_query(q, (), out, "csv")))] == by_path
    assert len(by_path) == 2


def test_query_ad_hoc_with_parameter(out):
    q = ("PREFIX yl: <https://w3id.org/yilian/ontology#> "
         "SELECT ?code ?r WHERE { ?r a yl:Region ; yl:adcode ?code }")
    rows = list(csv.DictReader(io.StringIO(run_query(q, ("code=420222",), out, "csv"))))
    assert [r["r"] for r in rows] == ["https://w3id.org/yilian/id/region/420222"]


def test_query_ask_and_construct(out):
    assert run_query("ASK { ?s ?p ?o }", (), out, "table") == "true\n"
    ttl = run_query("PREFIX yl: <https://w3id.org/yilian/ontology#> "
                    "CONSTRUCT { ?r yl:adcode ?c } WHERE { ?r yl:adcode ?c ; a yl:Region }", (), out, "table")
    assert '"420222"' in ttl


ERRORS = [
    ("nope", (), QueryError, "no saved query of that name; saved queries: alliances"),
    ("SELECT ?x WHERE { ?x a }", (), QueryError, "bad SPARQL: error at 1:"),
    ("partners", (), QueryError, "needs hospital=VALUE"),
    ("partners", ("hospital",), QueryError, "NAME=VALUE"),
    ("partners", ("hospital=a", "city=b"), QueryError, "has no parameter city"),
    ("missing.rq", (), QueryError, "no such query file"),
    ("SELECT ?s WHERE { ?s ?p ?o }", ("x=1",), QueryError, "cannot run"),
]


@pytest.mark.parametrize(("query", "params", "error", "message"), ERRORS, ids=[e[3] for e in ERRORS])
def test_query_errors_are_clear(out, query, params, error, message):
    with pytest.raises(error, match=message.replace("?", r"\?")):
        run_query(query, params, out, "table")


def test_query_missing_store_says_to_build(tmp_path):
    with pytest.raises(StoreMissing, match="run `kg build` first"):
        run_query("hubs", (), tmp_path, "table")
    assert issubclass(StoreMissing, KgError)


def test_query_resolve_saved_query_reads_header():
    q = resolve_query("partners")
    assert q.params.keys() == {"hospital"}
    assert q.question.startswith("Which organisations are partners")


def test_query_cli_runs_saved_query_and_reports_errors(out):
    runner = CliRunner()
    result = runner.invoke(main, ["query", "partners", "hospital=武汉市第一医院", "--store", str(out)])
    assert result.exit_code == 0, result.output
    assert "阳新县中医医院" in result.output
    result = runner.invoke(main, ["query", "SELEC nothing", "--store", str(out)])
    assert result.exit_code == 2
    assert "kg: error: bad SPARQL" in result.output


# ---------------------------------------------------------------- on the seed articles (needs the pipeline)


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    pytest.importorskip("kg.extract", reason="the extraction pipeline is not there yet")
    pytest.importorskip("kg.resolve", reason="the extraction pipeline is not there yet")
    from conftest import SEEDS

    from kg.build import BuildOptions, build

    out = tmp_path_factory.mktemp("seeds_out")
    build([SEEDS], out, BuildOptions(views=False))
    return out


def test_query_seeds_partners_of_wuhan_first_hospital(seeds_out):
    partners = {row["partner"] for row in _rows(seeds_out, "partners", "hospital=武汉市第一医院")}
    assert {"随州市中医医院", "阳新县中医医院"} <= partners


@pytest.mark.parametrize("name", ["timeline", "hubs", "cross-boundary", "alliances", "posts-elsewhere",
                                  "orgs-without-region"])
def test_query_seeds_parameterless_queries_run(seeds_out, name):
    assert run_query(name, (), seeds_out, "table").rstrip().endswith(("row)", "rows)"))


def test_query_seeds_graph_ttl_conforms_to_shapes(seeds_out):
    import pyshacl
    from rdflib import Graph

    from kg.vocab import ontology_path, shapes_path

    data = Graph().parse(seeds_out / "graph.ttl", format="turtle")
    ns = "https://w3id.org/yilian/ontology#"
    used = {str(t) for triple in data for t in triple if str(t).startswith(ns)}
    declared = {str(t) for t in Graph().parse(ontology_path()).subjects() if str(t).startswith(ns)}
    assert used <= declared
    conforms, _, text = pyshacl.validate(data, shacl_graph=str(shapes_path()), ont_graph=str(ontology_path()),
                                         inference="rdfs", advanced=True)
    assert conforms, text[:3000]
