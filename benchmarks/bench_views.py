"""Benchmark of the views (not a test): write time, file sizes, and time to a drawn, stable network.

For synthetic graphs (kg.synthetic) of each size: build every page with ``write_views``, then open
the overview, the geographic page, the largest province page and the busiest institution page in
headless Chromium (Playwright + Debian's chromium, network cut off) and read, from the page's
own clock, when vis-network first drew and when it was stable (physics stopped).

    .venv/bin/python benchmarks/bench_views.py              # 500, 5000, 50000 nodes
    .venv/bin/python benchmarks/bench_views.py 500 5000 --flat   # also a 5k overview drawn whole

Prints a Markdown table (the one in BENCHMARKS.md, section "Views").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg import views
from kg.synthetic import synthetic_graph

ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def page_nodes(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    start = text.index("window.YL = ") + len("window.YL = ")
    return len(json.loads(text[start : text.index(";\n</script>", start)])["nodes"])


def measure(browser, path: Path) -> tuple[float, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_function("window.ylState && window.ylState.stable", timeout=300_000, polling=100)
    drawn, stable = page.evaluate("[ylState.tDrawn, ylState.tStable]")
    page.close()
    return drawn / 1000, stable / 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[500, 5000, 50000])
    ap.add_argument("--flat", action="store_true", help="also draw the 5k overview whole (no aggregation)")
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    opts = ap.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    runs = [(n, False) for n in opts.sizes] + ([(5000, True)] if opts.flat else [])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=opts.chromium, args=ARGS)
        for n, flat in runs:
            data = synthetic_graph(n)
            out = Path(tempfile.mkdtemp(prefix=f"bench-views-{n}-"))
            saved = views.MAX_DRAWN
            if flat:
                views.MAX_DRAWN = 10**9
            t = time.perf_counter()
            written = views.write_views(data, out)
            write_s = time.perf_counter() - t
            views.MAX_DRAWN = saved
            total = sum(f.stat().st_size for f in written)
            provinces = sorted((out / "views" / "province").glob("*.html"), key=lambda f: f.stat().st_size)
            orgs = sorted((out / "views" / "org").glob("*.html"), key=lambda f: f.stat().st_size)
            pages = [("overview" + (" (whole)" if flat else ""), out / "graph.html")]
            if not flat:
                pages += [("geographic", out / "views" / "geo.html"), ("largest province", provinces[-1]),
                          ("busiest institution", orgs[-1])]
            for name, path in pages:
                drawn, stable = measure(browser, path)
                rows.append((n, len(data["nodes"]), len(data["edges"]), len(written), total, write_s, name,
                             page_nodes(path), path.stat().st_size, drawn, stable))
                print(rows[-1], file=sys.stderr, flush=True)
            shutil.rmtree(out)
        version = browser.version
        browser.close()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"Chromium {version} headless (software rendering)\n")
    print("| graph nodes / edges | files, total size | write time | page | nodes drawn | page size "
          "| first drawn | stable |")
    print("|---|---|---|---|---|---|---|---|")
    for n, nn, ne, files, total, write_s, name, drawn_nodes, size, drawn, stable in rows:
        print(f"| {n:,} ({nn:,} / {ne:,}) | {files:,}, {total / 1e6:.1f} MB | {write_s:.1f} s | {name} "
              f"| {drawn_nodes:,} | {size / 1e3:,.0f} kB | {drawn:.2f} s | {stable:.2f} s |")


if __name__ == "__main__":
    main()
