"""The HTML views without a browser: offline, escaped, deterministic, one page per entity."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import make_sample_graph

from kg import views
from kg.nodelink import node_link
from kg.synthetic import synthetic_graph
from kg.views import write_views

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>window.__xss=1</script>",
    "<b>别名",
]
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)


def page_data(path: Path) -> dict:
    """The data a page draws: the JSON assigned to ``window.YL``."""
    text = path.read_text(encoding="utf-8")
    start = text.index("window.YL = ") + len("window.YL = ")
    end = text.index(";\n</script>", start)
    return json.loads(text[start:end])


def evidence_record(data: dict, ev: list, page: Path | None = None) -> list[str]:
    """``[sentence, title, date, publisher, path]`` of an edge's evidence entry ``[doc, start, end, n]``:
    from the page's own ``meta.sentences[n]`` and ``meta.docs[doc]``, or for a page under views/
    (``page``) record ``n`` of the shared files."""
    meta = data["meta"]
    if "sentences" in meta:
        return [meta["sentences"][str(ev[3])], *meta["docs"][ev[0]]]
    assert page is not None
    shard = (page.parent / meta["evidence"] / f"{ev[3] // meta['shard']}.js").read_text(encoding="utf-8")
    k, records = re.fullmatch(r"ylEvidence\((\d+), (.*)\);\n", shard, re.S).groups()
    assert int(k) == ev[3] // meta["shard"]
    return json.loads(records)[ev[3] % meta["shard"]]


def quoted(data: dict, ev: list, page: Path | None = None) -> str:
    """The sentence of an edge's evidence entry (:func:`evidence_record`)."""
    return evidence_record(data, ev, page)[0]


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if k in ("src", "href", "srcset", "poster", "data") and v is not None:
                self.refs.append((tag, k, v))


def refs(path: Path) -> list[tuple[str, str, str]]:
    p = _Refs()
    p.feed(path.read_text(encoding="utf-8"))
    return p.refs


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("views-sample")
    write_views(node_link(make_sample_graph()), out)
    return out


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("views-hostile")
    write_views(synthetic_graph(150, hostile=True), out)
    return out


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_views_pages_and_file_names(sample_out: Path) -> None:
    rel = sorted(p.relative_to(sample_out).as_posix() for p in html_files(sample_out))
    assert rel[:2] == ["graph.html", "index.html"]
    orgs = [r for r in rel if r.startswith("views/org/")]
    assert len(orgs) == 2  # one per institution of the sample
    assert [r for r in rel if r.startswith("views/province/")] == ["views/province/420000.html"]
    assert "views/geo.html" in rel
    for r in orgs:
        assert re.fullmatch(r"views/org/\d{6}-[0-9a-f]{10}\.html", r)
    for lib in ("vis-network.min.js", "vis-network.min.css", "yilian.js", "yilian.css"):
        assert (sample_out / "views" / "lib" / lib).stat().st_size > 1000


def test_views_page_count_synthetic(hostile_out: Path) -> None:
    g = synthetic_graph(150, hostile=True)
    orgs = sum(1 for n in g["nodes"] if n["type"] in views.ORG_TYPES)
    alliances = sum(1 for n in g["nodes"] if n["type"] == "Alliance")
    assert len(list((hostile_out / "views" / "org").glob("*.html"))) == orgs
    assert len(list((hostile_out / "views" / "alliance").glob("*.html"))) == alliances


def test_views_return_the_files_written(tmp_path: Path) -> None:
    written = write_views(node_link(make_sample_graph()), tmp_path)
    assert written == sorted(written)
    assert all(p.is_file() for p in written)
    assert set(written) == {p for p in tmp_path.rglob("*") if p.is_file()}


@pytest.mark.parametrize("which", ["sample_out", "hostile_out"])
def test_views_offline_no_remote_references(which: str, request: pytest.FixtureRequest) -> None:
    out: Path = request.getfixturevalue(which)
    for page in html_files(out):
        for tag, attr, value in refs(page):
            assert not REMOTE.match(value), (page, tag, attr, value)
            if tag in ("script", "link", "img"):  # local resources exist beside the page
                assert (page.parent / value).is_file(), (page, value)
        text = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr" not in text and "cdnjs" not in text and "node_modules" not in text
    for css in (out / "views" / "lib").glob("*.css"):
        for url in re.findall(r"url\(([^)]*)\)", css.read_text(encoding="utf-8")):
            assert url.strip("\"' ").startswith("data:"), url
        assert "@import" not in css.read_text(encoding="utf-8")


def test_views_overview_is_self_contained(sample_out: Path) -> None:
    assert refs(sample_out / "graph.html") == [("a", "href", "index.html")]
    text = (sample_out / "graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in text and "<script src" not in text


def test_views_hostile_text_is_never_markup(hostile_out: Path) -> None:
    pages = html_files(hostile_out)
    assert len(pages) > 20
    seen_in_data = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for bad in HOSTILE:
            assert bad not in text, (page, bad)
        if page.name != "index.html" and "\\u003cimg src=x" in text:
            seen_in_data += 1
    assert seen_in_data > 0  # the hostile labels are there, as JSON data
    index = (hostile_out / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(" in index


def test_views_page_data_keeps_hostile_text_verbatim(hostile_out: Path) -> None:
    data = page_data(hostile_out / "graph.html")
    labels = {n["label"] for n in data["nodes"]}
    assert any(label.startswith("<img src=x onerror=alert(") for label in labels)
    sentences = {quoted(data, ev) for e in data["edges"] for ev in e["ev"]}
    assert any(s.startswith("<script>window.__xss=1</script>") for s in sentences)


def test_views_deterministic(tmp_path: Path) -> None:
    data = synthetic_graph(150, hostile=True)
    a, b = tmp_path / "a", tmp_path / "b"
    write_views(data, a)
    write_views(json.loads(json.dumps(data)), b)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_views_rebuild_drops_stale_pages(tmp_path: Path) -> None:
    write_views(synthetic_graph(150), tmp_path)
    before = len(list((tmp_path / "views" / "org").glob("*.html")))
    write_views(node_link(make_sample_graph()), tmp_path)
    assert before > 2
    assert len(list((tmp_path / "views" / "org").glob("*.html"))) == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_views_institution_page_is_its_neighbourhood(sample_out: Path) -> None:
    g = node_link(make_sample_graph())
    wuhan = next(n["id"] for n in g["nodes"] if n["label"] == "武汉市第一医院")
    page = sample_out / "views" / "org" / f"{views.slug(wuhan, '420100')}.html"
    data = page_data(page)
    assert data["nodes"][0]["id"] == wuhan and data["nodes"][0]["x"] == 0.0
    assert {n["label"] for n in data["nodes"]} == {"武汉市第一医院", "阳新县中医医院", "张力"}
    assert {e["t"] for e in data["edges"]} == {"partnerOf", "affiliatedWith", "dispatchedTo"}
    partner = next(e for e in data["edges"] if e["t"] == "partnerOf")
    assert partner["k"] == ["TightMedicalAlliance"] and partner["d"] == "2025-07-02"
    assert quoted(data, partner["ev"][0], page).startswith("2025年7月2日")
    assert "sentences" not in data["meta"] and "docs" not in data["meta"]  # shared with the other pages
    assert evidence_record(data, partner["ev"][0], page)[1] == "样例"  # the article's title
    dispatch = next(e for e in data["edges"] if e["t"] == "dispatchedTo")
    assert dispatch["dashes"] is True and dispatch["r"] == "副院长"
    # an edge's ends are positions in the page's node list
    ends = data["nodes"][dispatch["from"]]["label"], data["nodes"][dispatch["to"]]["label"]
    assert ends == ("张力", "阳新县中医医院")
    assert data["options"]["physics"]["enabled"] is False


def test_views_geo_page_places_institutions_at_their_regions(sample_out: Path) -> None:
    data = page_data(sample_out / "views" / "geo.html")
    orgs = {n["label"]: n for n in data["nodes"] if n["t"] == "Hospital"}
    wuhan, yangxin = orgs["武汉市第一医院"], orgs["阳新县中医医院"]
    assert yangxin["x"] > wuhan["x"] and yangxin["y"] > wuhan["y"]  # 阳新 lies south-east of 武汉
    assert any(n["t"] == "Region" and n["label"] == "湖北省" for n in data["nodes"])
    assert {e["t"] for e in data["edges"]} == {"partnerOf", "dispatchedTo"}  # expert sent, org to org


def test_views_colocated_nodes_do_not_overlap(hostile_out: Path) -> None:
    data = page_data(hostile_out / "views" / "geo.html")
    points = [(n["x"], n["y"]) for n in data["nodes"] if n["t"] != "Region"]
    assert len(points) == len(set(points))


def test_views_overview_aggregates_large_graphs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MAX_DRAWN", 60)
    data = synthetic_graph(300)
    write_views(data, tmp_path)
    overview = page_data(tmp_path / "graph.html")
    assert overview["nodes"] and all(n["id"].startswith("agg:") for n in overview["nodes"])
    orgs = sum(1 for n in data["nodes"] if n["type"] in views.ORG_TYPES)
    assert sum(n["c"] for n in overview["nodes"]) == orgs
    assert all(e["c"] >= 1 for e in overview["edges"])
    geo = page_data(tmp_path / "views" / "geo.html")
    assert sum(1 for n in geo["nodes"] if n["t"] != "Region") == 60
    assert "合作最多的 60 家" in (tmp_path / "views" / "geo.html").read_text(encoding="utf-8")


def test_views_overview_opens_on_its_own_with_its_evidence_and_articles(sample_out: Path) -> None:
    data = page_data(sample_out / "graph.html")
    partner = next(e for e in data["edges"] if e["t"] == "partnerOf")
    sentence, title, *_ = evidence_record(data, partner["ev"][0])
    assert sentence.startswith("2025年7月2日") and title == "样例"


def test_views_small_overview_settles_then_stops(sample_out: Path) -> None:
    data = page_data(sample_out / "graph.html")
    physics = data["options"]["physics"]
    assert physics["enabled"] is True and physics["stabilization"]["iterations"] <= 300
    assert data["meta"]["physics"] is True  # the page turns physics off once stabilised
    assert {n["t"] for n in data["nodes"]} == {"Hospital", "Person"}  # no documents, no regions


def test_views_ego_pages_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MAX_EGO", 15)
    write_views(synthetic_graph(400), tmp_path)
    sizes = [len(page_data(p)["nodes"]) for p in (tmp_path / "views" / "org").glob("*.html")]
    assert max(sizes) == 15


def test_views_crowded_pages_keep_the_edges_of_their_centre_first(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    data = synthetic_graph(400)
    write_views(data, tmp_path / "all")
    monkeypatch.setattr(views, "MAX_EGO_EDGES", 12)
    write_views(data, tmp_path / "few")
    crowded = 0
    for page in sorted((tmp_path / "all" / "views" / "org").glob("*.html")):
        whole, cut = page_data(page), page_data(tmp_path / "few" / page.relative_to(tmp_path / "all"))
        assert [n["id"] for n in cut["nodes"]] == [n["id"] for n in whole["nodes"]]  # same nodes
        centre = whole["nodes"][0]["id"]

        def ends(d: dict) -> list[tuple[str, str, str]]:
            return [(d["nodes"][e["from"]]["id"], d["nodes"][e["to"]]["id"], e["t"]) for e in d["edges"]]

        if len(whole["edges"]) <= 12:
            assert ends(cut) == ends(whole)
            continue
        crowded += 1
        kept, every = ends(cut), ends(whole)
        assert len(kept) == 12 and set(kept) <= set(every)
        assert [e for e in every if e in kept] == kept  # in the page's own order
        own = [e for e in every if centre in e[:2]]
        # the centre's own edges first: all of them, or only them
        assert set(own) <= set(kept) if len(own) <= 12 else set(kept) <= set(own)
        text = (tmp_path / "few" / page.relative_to(tmp_path / "all")).read_text(encoding="utf-8")
        assert "连线较多：显示 12 条" in text
    assert crowded > 10


def test_views_empty_graph(tmp_path: Path) -> None:
    written = write_views({"nodes": [], "edges": []}, tmp_path)
    assert tmp_path / "graph.html" in written and tmp_path / "index.html" in written
    assert page_data(tmp_path / "graph.html")["nodes"] == []


def test_views_pages_carry_at_most_a_few_sentences_per_edge(tmp_path: Path) -> None:
    data = node_link(make_sample_graph())
    partner = next(e for e in data["edges"] if e["type"] == "partnerOf")
    partner["evidence"] = [{"doc": "sample.txt", "start": i, "end": i + 1, "text": f"第{i}句"}
                           for i in range(8)]
    write_views(data, tmp_path)
    edge = next(e for e in page_data(tmp_path / "graph.html")["edges"] if e["t"] == "partnerOf")
    assert len(edge["ev"]) == views.MAX_EVIDENCE and edge["evn"] == 8


def test_views_data_without_mentions_and_extra_evidence_draws_the_same_pages(tmp_path: Path) -> None:
    from kg.model import Evidence, RelationType

    graph = make_sample_graph()
    partner = next(r for r in graph.relations.values() if r.type is RelationType.PARTNER_OF)
    partner.evidence |= {Evidence("sample.txt", i, i + 1, f"第{i}句") for i in range(8)}
    lean = node_link(graph, frozenset({RelationType.MENTIONED_IN}), views.MAX_EVIDENCE)
    assert not any(e["type"] == "mentionedIn" for e in lean["edges"])
    edge = next(e for e in lean["edges"] if e["type"] == "partnerOf")
    assert len(edge["evidence"]) == views.MAX_EVIDENCE and edge["evidenceCount"] == 9
    write_views(node_link(graph), tmp_path / "whole")
    write_views(lean, tmp_path / "lean")
    pages = sorted(p.relative_to(tmp_path / "whole") for p in (tmp_path / "whole").rglob("*.*"))
    assert len(pages) > 5
    for page in pages:
        assert (tmp_path / "whole" / page).read_bytes() == (tmp_path / "lean" / page).read_bytes(), page


def test_views_a_sentence_is_carried_once_by_a_page_however_many_edges_it_supports(tmp_path: Path) -> None:
    data = node_link(make_sample_graph())
    shared = {"doc": "sample.txt", "start": 0, "end": 4, "text": "同一句话"}
    for e in data["edges"]:
        if e["type"] in ("partnerOf", "affiliatedWith", "dispatchedTo"):
            e["evidence"] = [shared]
    write_views(data, tmp_path)
    page = page_data(tmp_path / "graph.html")
    refs = [ev for e in page["edges"] for ev in e["ev"]]
    assert len(refs) == 3 and len({tuple(ev) for ev in refs}) == 1
    assert [quoted(page, ev) for ev in refs] == ["同一句话"] * 3
    assert page["meta"]["sentences"] == {str(refs[0][3]): "同一句话"}
    assert (tmp_path / "graph.html").read_text(encoding="utf-8").count("同一句话") == 1


def test_views_pages_under_views_share_each_sentence_in_one_evidence_file(tmp_path: Path) -> None:
    graph = node_link(make_sample_graph())
    write_views(graph, tmp_path)
    pages = sorted((tmp_path / "views").rglob("*.html"))
    shards = sorted((tmp_path / "views" / "evidence").glob("*.js"))
    sentences = {ev["text"] for e in graph["edges"] for ev in e["evidence"]}
    assert len(pages) >= 3 and len(shards) == 1
    assert all(shards[0].read_text(encoding="utf-8").count(s) == 1 for s in sentences)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not any(s in text for s in sentences), page
        data = page_data(page)
        assert {quoted(data, ev, page) for e in data["edges"] for ev in e["ev"]} <= sentences


def test_views_same_files_from_two_processes(tmp_path: Path) -> None:
    data = synthetic_graph(150)
    one, two = tmp_path / "one", tmp_path / "two"
    ran: list[str] = []
    written = write_views(data, one)
    assert len(written) > views.PARALLEL_FROM  # enough pages to be shared out
    written_two = write_views(data, two, workers=2, beside=lambda: ran.append("store"))
    assert ran == ["store"]
    assert [p.relative_to(two) for p in written_two] == [p.relative_to(one) for p in written]
    for a in written:
        assert a.read_bytes() == (two / a.relative_to(one)).read_bytes(), a


def test_views_beside_job_failure_is_raised_and_views_not_swapped_in(tmp_path: Path) -> None:
    write_views(node_link(make_sample_graph()), tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "views").rglob("*"))

    def broken_store() -> None:
        raise OSError("store disk full")

    with pytest.raises(OSError, match="store disk full"):
        write_views(synthetic_graph(150), tmp_path, workers=2, beside=broken_store)
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "views").rglob("*")) == before
