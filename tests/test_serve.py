"""kg.serve: the read-only SPARQL endpoint (Oxigraph behind a small front) and the pages."""

from __future__ import annotations

import inspect
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import make_sample_graph
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from kg.iris import org_iri
from kg.model import EntityType, Node
from kg.serve import Limits, start_server
from kg.store import StoreMissing, load_store

HOSTILE = "<script>alert(1)</script>医院"
YL = "PREFIX yl: <https://w3id.org/yilian/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
LIMITS = Limits(timeout_s=10, max_request_bytes=4000, max_result_bytes=20_000, max_html_rows=50)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    g = make_sample_graph()
    g.add_node(Node(org_iri(HOSTILE, None), EntityType.HOSPITAL, HOSTILE))
    load_store(g, out)
    (out / "graph.html").write_text("<html><body>graph view</body></html>", encoding="utf-8")
    with start_server(out, "127.0.0.1", 0, LIMITS).start_thread() as running:
        yield running


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


def _post(url: str, body: bytes, ctype: str) -> tuple[int, str]:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": ctype}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _sparql(server, query: str, fmt: str, method: str | None = None):
    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    return sw.query().convert()


def test_serve_binds_loopback_by_default(server):
    assert inspect.signature(start_server).parameters["host"].default == "127.0.0.1"
    assert server.host == "127.0.0.1"
    assert "--timeout-s" in server.proc.args and "serve-read-only" in server.proc.args


@pytest.mark.parametrize("method", [None, POST])
def test_serve_sparqlwrapper_select_json(server, method):
    res = _sparql(server, YL + "SELECT ?code WHERE { ?r a yl:Region ; yl:adcode ?code } ORDER BY ?code",
                  JSON, method)
    codes = [b["code"]["value"] for b in res["results"]["bindings"]]
    assert codes == ["420000", "420100", "420200", "420222"]


def test_serve_sparqlwrapper_construct_turtle(server):
    q = YL + "CONSTRUCT { ?r yl:adcode ?c } WHERE { ?r a yl:Region ; yl:adcode ?c }"
    data = _sparql(server, q, TURTLE)
    g = Graph().parse(data=data, format="turtle")
    assert len(g) == 4


@pytest.mark.parametrize(("fmt", "marker"), [(XML, "<sparql"), (CSV, "code\r\n")])
def test_serve_content_negotiation(server, fmt, marker):
    res = _sparql(server, YL + "SELECT ?code WHERE { ?r a yl:Region ; yl:adcode ?code }", fmt)
    text = res.toxml() if hasattr(res, "toxml") else res.decode("utf-8") if isinstance(res, bytes) else res
    assert marker in text


@pytest.mark.parametrize(("accept", "ctype"), [("text/tab-separated-values", "text/tab-separated-values"),
                                               ("application/n-triples", "application/n-triples")])
def test_serve_accept_header_picks_format(server, accept, ctype):
    q = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1" if "triples" in accept else "SELECT * { ?s ?p ?o } LIMIT 1"
    status, got, _ = _get(server.url + "/sparql?" + urllib.parse.urlencode({"query": q}), {"Accept": accept})
    assert status == 200 and got.startswith(ctype)


UPDATES = [
    ("post update", lambda s: _post(s.url + "/sparql", b"INSERT DATA { <a:b> <a:c> <a:d> }",
                                    "application/sparql-update")),
    ("form update", lambda s: _post(s.url + "/sparql", urllib.parse.urlencode(
        {"update": "DELETE WHERE { ?s ?p ?o }"}).encode(), "application/x-www-form-urlencoded")),
    ("get update", lambda s: _get(s.url + "/sparql?" + urllib.parse.urlencode({"update": "CLEAR ALL"}))[::2]),
]


@pytest.mark.parametrize(("name", "send"), UPDATES, ids=[u[0] for u in UPDATES])
def test_serve_refuses_updates(server, name, send):
    status, body = send(server)
    assert status == 403
    assert "read-only" in body
    res = _sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { <a:b> ?p ?o }", JSON)
    assert res["results"]["bindings"][0]["n"]["value"] == "0"


def test_serve_malformed_query_is_400_with_parser_message(server):
    status, _, body = _get(server.url + "/sparql?" + urllib.parse.urlencode({"query": "SELEC ?x WHERE {"}))
    assert status == 400
    assert "error at 1:" in body and "Traceback" not in body


def test_serve_result_size_is_capped(server):
    status, _, body = _get(server.url + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * {?s ?p ?o}"}))
    assert status == 413 and "LIMIT" in body


def test_serve_request_size_is_capped(server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * LIMITS.max_request_bytes
    status, _ = _post(server.url + "/sparql", big.encode(), "application/sparql-query")
    assert status == 413
    status, _, _ = _get(server.url + "/sparql?" + urllib.parse.urlencode({"query": big}))
    assert status == 414


def test_serve_query_page_escapes_text(server):
    q = YL + "SELECT ?l WHERE { ?s a yl:Hospital ; rdfs:label ?l }"
    status, ctype, body = _get(server.url + "/query?" + urllib.parse.urlencode({"query": q}))
    assert status == 200 and ctype.startswith("text/html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;医院" in body
    assert "<script>alert" not in body


def test_serve_query_page_lists_saved_queries(server):
    status, _, body = _get(server.url + "/query?saved=timeline")
    assert status == 200
    assert "partners" in body and "hubs" in body
    assert "2025-07-02" in body  # the saved query ran


def test_serve_query_page_shows_errors_escaped(server):
    status, _, body = _get(server.url + "/query?" + urllib.parse.urlencode({"query": "SELECT <x"}))
    assert status == 200 and 'class="error"' in body and "Traceback" not in body


@pytest.mark.parametrize(("path", "status"), [("/graph.html", 200), ("/", 200), ("/store/CURRENT", 404),
                                              ("/../../etc/passwd", 404), ("/%2e%2e/%2e%2e/etc/passwd", 404),
                                              ("/nothing.html", 404)])
def test_serve_pages_only_from_the_build_folder(server, path, status):
    assert _get(server.url + path)[0] == status


def test_serve_index_lists_views(server):
    _, _, body = _get(server.url + "/")
    assert 'href="/graph.html"' in body and 'href="/query"' in body


def test_serve_missing_store_says_to_build(tmp_path):
    with pytest.raises(StoreMissing, match="run `kg build` first"):
        start_server(tmp_path, port=0)


def test_serve_json_results_are_valid(server):
    url = server.url + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    status, _, body = _get(url, {"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True
