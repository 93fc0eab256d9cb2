"""The views in a real browser: headless Chromium driven by Playwright, with the network cut off.

Needs ``pip install playwright`` and Debian's ``chromium`` (``apt-get install chromium
fonts-wqy-zenhei``); never ``playwright install``. Skipped, with the reason, when either is
missing. Run only these with ``pytest -m browser``; leave them out with ``-m "not browser"``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, make_sample_graph

from kg.nodelink import node_link
from kg.synthetic import synthetic_graph
from kg.views import slug, write_views

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SCREENSHOTS = ROOT / "docs" / "screenshots"


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install playwright)")
    exe = chromium_path()
    if exe is None:
        pytest.skip("no chromium found (apt-get install chromium, or set CHROMIUM=/path/to/chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, page: Any, errors: list[str], remote: list[str]) -> None:
        self.page, self.errors, self.remote = page, errors, remote


def open_view(browser: Any, path: Path, wait: bool = True, viewport: tuple[int, int] = (1280, 800)) -> Opened:
    """Open ``path`` with every request but file:// aborted; collect console errors and remote requests."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    errors: list[str] = []
    remote: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r: Any) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            remote.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    if wait:
        page.wait_for_function("window.ylState && window.ylState.stable", timeout=60_000)
    return Opened(page, errors, remote)


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-sample")
    write_views(node_link(make_sample_graph()), out)
    return out


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-hostile")
    write_views(synthetic_graph(120, hostile=True), out)
    return out


def sample_org_page(out: Path, label: str) -> Path:
    g = node_link(make_sample_graph())
    node = next(n for n in g["nodes"] if n["label"] == label)
    return out / "views" / "org" / f"{slug(node['id'], node.get('adcode'))}.html"


def test_browser_every_page_loads_offline_and_draws_all_its_nodes(browser: Any, sample_out: Path) -> None:
    pages = sorted(sample_out.rglob("*.html"))
    assert len(pages) == 6
    for path in pages:
        v = open_view(browser, path, wait=path.name != "index.html")
        if path.name != "index.html":
            drawn, total = v.page.evaluate("[ylDrawnNodes(), YL.nodes.length]")
            assert drawn == total > 0, path
            assert v.page.evaluate("document.querySelectorAll('#yl-legend .yl-legend-row').length") > 0
        else:
            assert v.page.locator("a").count() >= 5
        assert v.errors == [], (path, v.errors)
        assert v.remote == [], (path, v.remote)
        v.page.close()


def test_browser_synthetic_pages_load_offline(browser: Any, hostile_out: Path) -> None:
    pages = [hostile_out / "graph.html", hostile_out / "views" / "geo.html",
             *sorted((hostile_out / "views" / "province").glob("*.html"))[:3],
             *sorted((hostile_out / "views" / "org").glob("*.html"))[:5],
             *sorted((hostile_out / "views" / "alliance").glob("*.html"))[:2]]
    for path in pages:
        v = open_view(browser, path)
        drawn, total = v.page.evaluate("[ylDrawnNodes(), YL.nodes.length]")
        assert drawn == total, path
        assert v.errors == [] and v.remote == [], (path, v.errors, v.remote)
        assert v.page.evaluate("window.__xss === undefined && document.querySelectorAll('img').length === 0")
        v.page.close()


def test_browser_search_focuses_a_node(browser: Any, sample_out: Path) -> None:
    v = open_view(browser, sample_out / "graph.html")
    v.page.fill("#yl-search", "阳新县中医医院")
    v.page.press("#yl-search", "Enter")
    selected = v.page.evaluate("ylNetwork.getSelectedNodes()")
    assert selected == ["https://w3id.org/yilian/id/org/420222/阳新县中医医院"]
    assert v.page.text_content("#yl-panel h2") == "阳新县中医医院"
    # an alias finds it too, and the view is centred on it
    v.page.fill("#yl-search", "武汉市中西医结合医院")
    v.page.press("#yl-search", "Enter")
    assert v.page.text_content("#yl-panel h2") == "武汉市第一医院"
    centre = v.page.evaluate("""(() => { const id = ylNetwork.getSelectedNodes()[0];
        const p = ylNetwork.canvasToDOM(ylNetwork.getPositions([id])[id]);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return [p.x - r.width / 2, p.y - r.height / 2]; })()""")
    assert abs(centre[0]) < 2 and abs(centre[1]) < 2
    v.page.fill("#yl-search", "不存在的医院")
    v.page.press("#yl-search", "Enter")
    assert v.page.text_content("#yl-search-msg") == "未找到"
    assert v.errors == []
    v.page.close()


def click_edge(page: Any, type_: str) -> str:
    """Click the middle of the first edge of ``type_`` on the canvas; return its id."""
    eid, x, y = page.evaluate(
        """(t) => { const e = YL.edges.find(e => e.t === t);
        const pos = ylNetwork.getPositions([e.from, e.to]);
        const mid = ylNetwork.canvasToDOM({x: (pos[e.from].x + pos[e.to].x) / 2,
                                          y: (pos[e.from].y + pos[e.to].y) / 2});
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return [e.id, r.left + mid.x, r.top + mid.y]; }""", type_)
    page.mouse.click(x, y)
    return eid


def test_browser_clicking_an_edge_shows_its_evidence(browser: Any, sample_out: Path) -> None:
    v = open_view(browser, sample_org_page(sample_out, "武汉市第一医院"))
    eid = click_edge(v.page, "partnerOf")
    assert v.page.evaluate("document.getElementById('yl-panel').dataset.kind") == "edge"
    assert v.page.evaluate("document.getElementById('yl-panel').dataset.id") == eid
    quote = v.page.text_content("#yl-panel blockquote")
    assert quote == "2025年7月2日，武汉市第一医院与阳新县中医医院签约共建紧密型医联体。"
    cite = v.page.text_content("#yl-panel cite")
    assert "《样例》" in cite and "2025-07-02" in cite and "seeds/sample.txt" in cite
    assert "紧密型医联体" in v.page.text_content("#yl-panel dl")
    assert v.errors == []
    v.page.close()


def test_browser_hostile_text_shows_as_text(browser: Any, hostile_out: Path) -> None:
    v = open_view(browser, hostile_out / "graph.html")
    found = v.page.evaluate("ylFocus('<img src=x onerror=alert(')")
    assert found is not None
    assert v.page.text_content("#yl-panel h2").startswith("<img src=x onerror=alert(")
    # an edge whose evidence starts with a <script> element: shown as text in panel and tooltip
    shown = v.page.evaluate("""(() => {
        const e = YL.edges.find(e => e.ev.some(x => YL.meta.sentences[x[3]].startsWith('<script>')));
        ylNetwork.selectEdges([e.id]);
        ylNetwork.body.emitter.emit('click', {nodes: [], edges: [e.id]});
        return [document.querySelector('#yl-panel blockquote').textContent, e.title]; })()""")
    assert shown[0].startswith("<script>window.__xss=1</script>")
    assert "<script>window.__xss=1</script>" in shown[1]
    v.page.hover("#mynetwork")
    assert v.page.evaluate(
        "window.__xss === undefined && document.querySelectorAll('img, #yl-panel script').length === 0")
    assert v.errors == []
    v.page.close()


def test_browser_filters_hide_and_restore(browser: Any, sample_out: Path) -> None:
    v = open_view(browser, sample_out / "graph.html")
    assert v.page.evaluate("ylDrawnNodes()") == 3
    v.page.click("#yl-filters summary")
    v.page.uncheck("#yl-filter-types input[value=Person]")
    assert v.page.evaluate("ylDrawnNodes()") == 2
    v.page.uncheck("#yl-filter-kinds input[value=TightMedicalAlliance]")
    connected = "ylNetwork.body.edgeIndices.filter(i => ylNetwork.body.edges[i].connected).length"
    assert v.page.evaluate(connected) == 0
    v.page.fill("#yl-search", "张力")  # searching a hidden node brings everything back
    v.page.press("#yl-search", "Enter")
    assert v.page.evaluate("ylDrawnNodes()") == 3
    assert v.errors == []
    v.page.close()


def test_browser_screenshots(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Screenshots for the README: the overview and one institution of a synthetic network."""
    out = tmp_path_factory.mktemp("browser-shots")
    data = synthetic_graph(260, seed=3)
    write_views(data, out)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    v = open_view(browser, out / "graph.html", viewport=(1400, 860))
    v.page.wait_for_timeout(200)
    v.page.screenshot(path=str(SCREENSHOTS / "overview.png"))
    assert v.errors == []
    v.page.close()
    hub = max((n for n in data["nodes"] if n["type"] == "Hospital"),
              key=lambda n: sum(1 for e in data["edges"] if e["type"] == "partnerOf" and n["id"] in
                                (e["source"], e["target"])))
    hub_page = out / "views" / "org" / f"{slug(hub['id'], hub['adcode'])}.html"
    v = open_view(browser, hub_page, viewport=(1400, 860))
    click_edge(v.page, "partnerOf")
    v.page.wait_for_selector("#yl-panel blockquote")  # the evidence, loaded from views/evidence/
    v.page.mouse.move(1390, 850)  # no tooltip over the picture
    v.page.wait_for_timeout(300)
    v.page.screenshot(path=str(SCREENSHOTS / "institution.png"))
    assert v.errors == []
    v.page.close()
    v = open_view(browser, out / "views" / "geo.html", viewport=(1400, 860))
    v.page.screenshot(path=str(SCREENSHOTS / "geo.png"))
    v.page.close()
    assert (SCREENSHOTS / "overview.png").stat().st_size > 10_000


def test_browser_institution_page_loads_evidence_sentences_when_an_edge_is_hovered(
        browser: Any, sample_out: Path) -> None:
    v = open_view(browser, sample_org_page(sample_out, "武汉市第一医院"))
    eid = v.page.evaluate("YL.edges.find(e => e.t === 'partnerOf').id")
    before = v.page.evaluate("(id) => ylNetwork.body.data.edges.get(id).title", eid)
    assert "原文载入中" in before and "签约共建" not in before
    assert v.page.evaluate("document.querySelectorAll('script[src*=evidence]').length") == 0
    v.page.evaluate("(id) => ylNetwork.body.emitter.emit('hoverEdge', {edge: id})", eid)
    v.page.wait_for_function("(id) => ylNetwork.body.data.edges.get(id).title.includes('签约共建')", arg=eid)
    after = v.page.evaluate("(id) => ylNetwork.body.data.edges.get(id).title", eid)
    assert "「2025年7月2日，武汉市第一医院与阳新县中医医院签约共建紧密型医联体。」" in after
    assert "《样例》" in after and "《样例》" not in before  # the article comes with the sentence
    assert v.errors == [] and v.remote == []
    v.page.close()
