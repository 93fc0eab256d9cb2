"""Building at scale: the output is byte-identical whatever the workers, the cache or the executor."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from kg.build import BuildOptions, build
from kg.cache import ExtractionCache, extractor_version
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_corpus import generate, make_corpus  # noqa: E402

CONTRACT = ("graph.json", "graph.ttl", "graph.nq")
FAST = {"views": False, "store": False, "nquads": True}
CACHED = {"cache": True, **FAST}


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in CONTRACT}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds and a small generated corpus (40 kB) in one folder."""
    root = tmp_path_factory.mktemp("corpus")
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, root / f.name)
    make_corpus(40_000, root / "gen", seed=3)
    return root


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The reference: one process, no cache."""
    out = tmp_path_factory.mktemp("clean")
    build([corpus], out, BuildOptions(cache=False, **FAST))
    return _outputs(out)


def test_make_corpus_is_deterministic() -> None:
    a = list(generate(30_000, seed=5))
    assert a == list(generate(30_000, seed=5))
    assert a != list(generate(30_000, seed=6))
    assert sum(len(t.encode()) for _, t in a) >= 30_000


def test_build_turtle_is_the_same_without_graph_nq(corpus: Path, clean: dict, tmp_path: Path) -> None:
    build([corpus], tmp_path, BuildOptions(cache=False, views=False, store=False))
    assert not (tmp_path / "graph.nq").exists()
    assert (tmp_path / "graph.ttl").read_bytes() == clean["graph.ttl"]


def test_build_lean_lets_the_graph_go_and_writes_the_same(corpus: Path, clean: dict, tmp_path: Path) -> None:
    from kg import segment
    from kg.build import tally

    kept = build([corpus], tmp_path / "kept", BuildOptions(cache=False, views=True, store=False, nquads=True))
    lean = build([corpus], tmp_path / "lean", BuildOptions(cache=False, views=True, store=False, nquads=True,
                                                           lean=True))
    assert kept.graph is not None and lean.graph is None  # as `kg build` runs: only counts are shown
    assert lean.counts() == kept.counts() and lean.entities == tally(kept.graph)
    assert segment.tokenizer.cache_info().currsize == 0  # let go once the articles were extracted
    assert _outputs(tmp_path / "lean") == _outputs(tmp_path / "kept") == clean
    # in one process each file is timed on its own
    assert {"write JSON", "write RDF", "views"} <= lean.timings.keys()
    pages = sorted(p.relative_to(tmp_path / "kept") for p in (tmp_path / "kept" / "views").rglob("*.html"))
    assert pages and all((tmp_path / "kept" / p).read_bytes() == (tmp_path / "lean" / p).read_bytes()
                         for p in pages)


def test_build_workers_give_identical_output(corpus: Path, clean: dict, tmp_path: Path) -> None:
    result = build([corpus], tmp_path, BuildOptions(cache=False, workers=2, **FAST))
    assert result.documents > 5
    assert _outputs(tmp_path) == clean


def test_build_workers_write_the_rdf_beside_the_views_with_identical_output(
        corpus: Path, clean: dict, tmp_path: Path) -> None:
    from kg.store import SOURCE_FILE, open_store

    options = BuildOptions(cache=False, workers=2, views=True, store=True, nquads=True)
    result = build([corpus], tmp_path, options)
    assert _outputs(tmp_path) == clean
    assert result.timings["write JSON and RDF"] > 0 and (tmp_path / "views" / "org").is_dir()
    from pyoxigraph import DefaultGraph, RdfFormat, parse

    default_graph = [q for q in parse(path=tmp_path / "graph.nq", format=RdfFormat.N_QUADS)
                     if q.graph_name == DefaultGraph()]
    graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    ontology = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/yilian/ontology> { ?s ?p ?o } }"
    store = open_store(tmp_path)
    count = lambda q: int(next(iter(store.query(q)))[0].value)  # noqa: E731
    assert count(graphs) == count(ontology) > 0  # the articles' graphs are in graph.nq only
    assert count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == len(default_graph) + count(ontology)
    left = {p.name for p in tmp_path.iterdir() if p.name.startswith(".")}
    assert left == {SOURCE_FILE}  # no temporary file; the digest of what the store holds


def test_build_workers_zero_means_one_per_cpu_for_the_writers_too(
        corpus: Path, clean: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build
    import kg.parallel

    monkeypatch.setattr(kg.parallel, "default_workers", lambda: 2)
    besides: list[bool] = []
    real = kg.build._RdfWriter

    def recording(graph, json, ttl, quads, beside):
        besides.append(beside)
        return real(graph, json, ttl, quads, beside)

    monkeypatch.setattr(kg.build, "_RdfWriter", recording)
    build([corpus], tmp_path, BuildOptions(cache=False, workers=0, views=True, store=False, nquads=True))
    assert besides == [True]  # two CPUs: graph.json and the RDF are written beside the views
    assert _outputs(tmp_path) == clean


def test_build_workers_rdf_failure_fails_the_build_and_keeps_the_previous_outputs(
        corpus: Path, clean: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build

    build([corpus], tmp_path, BuildOptions(cache=False, **FAST))

    def broken(graph, json, ttl, quads):
        ttl.write("half a file")
        ttl.flush()
        raise OSError("disk full")

    monkeypatch.setattr(kg.build, "_write_graph_files", broken)
    with pytest.raises(RuntimeError, match=r"writing graph\.json and the RDF failed"):
        build([corpus], tmp_path, BuildOptions(cache=False, workers=2, views=True, store=False))
    assert _outputs(tmp_path) == clean
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_build_cached_equals_clean(corpus: Path, clean: dict, tmp_path: Path) -> None:
    first = build([corpus], tmp_path, BuildOptions(**CACHED))
    assert first.cache_hits == 0
    assert _outputs(tmp_path) == clean
    for name in CONTRACT:
        (tmp_path / name).unlink()
    again = build([corpus], tmp_path, BuildOptions(**CACHED))
    assert again.cache_hits == again.documents
    assert _outputs(tmp_path) == clean


def test_build_incremental_equals_clean(corpus: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    out = tmp_path / "out"
    build([src], out, BuildOptions(**CACHED))
    # one new article and one changed one
    (src / "new.txt").write_text(
        "2025年5月8日，华中科技大学同济医学院附属同济医院与阳新县人民医院签约共建紧密型医联体。\n", "utf-8"
    )
    changed = next(iter(sorted((src / "gen").rglob("*.txt"))))
    changed.write_text(changed.read_text("utf-8") + "\n黄石市中心医院对口帮扶阳新县中医医院。\n", "utf-8")
    again = build([src], out, BuildOptions(**CACHED))
    assert again.cache_hits == again.documents - 2
    reference = tmp_path / "reference"
    build([src], reference, BuildOptions(cache=False, **FAST))
    assert _outputs(out) == _outputs(reference)


def test_build_incremental_updates_the_store_in_place(corpus: Path, tmp_path: Path) -> None:
    from kg.store import open_store

    def quads(out: Path) -> set[str]:
        return {str(q) for q in open_store(out)}

    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    out = tmp_path / "out"
    first = build([src], out, BuildOptions(cache=True, views=False))
    assert first.store_updated is None  # nothing to update: loaded
    news = "2025年5月8日，黄石市中心医院与阳新县人民医院签约共建紧密型医联体。\n"
    (src / "new.txt").write_text(news, "utf-8")
    again = build([src], out, BuildOptions(cache=True, views=False))
    assert again.store_updated is not None and 0 < again.store_updated < 50
    reference = tmp_path / "reference"
    build([src], reference, BuildOptions(cache=False, views=False))
    assert quads(out) == quads(reference)
    assert bool(open_store(out).query('ASK { ?p <https://w3id.org/yilian/ontology#evidence> ?e . '
                                      '?e <http://www.w3.org/ns/oa#hasSource> ?d . '
                                      'FILTER(CONTAINS(STR(?d), "new.txt")) }'))
    clean = build([src], out, BuildOptions(cache=False, views=False))  # --no-cache: a clean build, store too
    assert clean.store_updated is None and quads(out) == quads(reference)


def test_build_cache_misses_after_extractor_change(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, version="old")
    cache.put("ab" * 20, {"x": 1})
    assert cache.get("ab" * 20) == {"x": 1}
    current = ExtractionCache(tmp_path)
    assert current.version == extractor_version() != "old"
    assert current.get("ab" * 20) is None
    current.prune_other_versions()
    assert not cache.dir.exists()


def test_build_cli_workers_and_no_cache(corpus: Path, clean: dict, tmp_path: Path) -> None:
    args = ["build", str(corpus), "-o", str(tmp_path), "-q", "--no-store", "--no-views", "--timings",
            "--nquads"]
    result = CliRunner().invoke(main, [*args, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "0 articles from the cache" in result.output
    wrote = next(line for line in result.output.splitlines() if line.startswith("wrote "))
    assert "graph.nq" in wrote and "graph.html" not in wrote and "store" not in wrote  # only what it wrote
    assert _outputs(tmp_path) == clean
    result = CliRunner().invoke(main, [*args, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "0 articles from the cache" in result.output
    assert _outputs(tmp_path) == clean


def test_build_cli_scheduler_needs_dask(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path), "--scheduler", "tcp://x:1"])
    assert result.exit_code != 0
    assert "--executor dask" in result.output


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="dask[distributed] not installed")
def test_build_dask_equals_local(corpus: Path, clean: dict, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        options = BuildOptions(cache=False, executor="dask", scheduler=cluster.scheduler_address, **FAST)
        result = build([corpus], tmp_path, options)
    assert result.documents > 5
    assert _outputs(tmp_path) == clean


def test_shared_with_forks_freezes_until_the_outermost_block_ends() -> None:
    import gc

    from kg.parallel import shared_with_forks

    def frozen(thing: object) -> bool:
        """Frozen objects sit in the permanent generation, which ``gc.get_objects`` does not list."""
        return all(other is not thing for other in gc.get_objects())

    before = []  # lists are tracked by the collector
    assert not frozen(before)
    with shared_with_forks():
        assert frozen(before)
        made = []
        assert not frozen(made)
        with shared_with_forks():
            assert frozen(made)
        assert frozen(before) and frozen(made)  # still frozen: not the outermost block
    assert not frozen(before) and not frozen(made)
    with shared_with_forks(active=False):
        assert not frozen(before)
