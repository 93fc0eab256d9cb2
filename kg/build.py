"""The main job: articles in, graph.ttl / graph.json / graph.html (and the rest of OUT) out.

Stages: corpus (load, normalise) -> extract (per document, pure) -> resolve (across documents)
-> writers. One unreadable article is skipped with its reason; the build goes on.

Reading and extracting run per article, serially or on worker processes (``workers``) or a Dask
cluster (``executor="dask"``); results are merged in the order of the paths, so the output is
byte-identical whatever ran where. With the cache on (``kg build`` by default: ``OUT/.cache``) an article
whose bytes and extractor version are unchanged is not extracted again (:mod:`kg.cache`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import corpus
from .errors import InputError, SkippedFile
from .model import EntityType, KnowledgeGraph, RelationType
from .packed import Packed

__all__ = ["BuildOptions", "BuildResult", "build", "build_graph"]


@dataclass(frozen=True)
class BuildOptions:
    strict: bool = False  # any skipped file fails the build
    max_bytes: int = corpus.MAX_BYTES_DEFAULT
    views: bool = True  # write the HTML views
    store: bool = True  # load the Oxigraph store in OUT/store (from graph.ttl)
    nquads: bool = False  # also write graph.nq (the default graph and one named graph per article)
    workers: int = 1  # processes (or Dask workers) extracting articles
    executor: str = "local"  # "local" (processes) or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None starts a local cluster
    # reuse per-article extractions from cache_dir (build(): OUT/.cache when not given); off by
    # default in the library so that a build writes nothing it did not before; `kg build` turns it on
    cache: bool = False
    cache_dir: Path | None = None
    # a one-shot build (`kg build`): let go of what the caller will not need, to lower the peak
    # (BENCHMARKS.md): the tokenizer once the articles are extracted (170 MB), and the graph once
    # the pages' data is made and the RDF written, or being written by a forked process with its
    # own copy (BuildResult.graph is then None)
    lean: bool = False


@dataclass
class BuildResult:
    out: Path
    graph: KnowledgeGraph | None  # None when the build let it go (``BuildOptions.lean``)
    documents: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # read, but worth saying: legacy encoding, truncation
    # seconds per stage; "load" and "extract" are summed over articles (CPU time of the workers)
    timings: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0
    characters: int = 0  # of the articles' text as read, for throughput
    entities: dict[str, int] = field(default_factory=dict)  # what the graph holds (:func:`tally`)
    # subjects whose triples changed when the store was brought up to date in place (None: loaded anew)
    store_updated: int | None = None

    def counts(self) -> dict[str, int]:
        entities = self.entities or (tally(self.graph) if self.graph is not None else {})
        return {"documents": self.documents, "skipped": len(self.skipped), **entities}


def tally(graph: KnowledgeGraph) -> dict[str, int]:
    """Organisations, alliances, people, partnerships and regions in ``graph``."""
    by_type: dict[EntityType, int] = {}
    for node in graph.nodes.values():
        by_type[node.type] = by_type.get(node.type, 0) + 1
    orgs = sum(n for t, n in by_type.items() if t.value not in ("Person", "Region", "Document", "Alliance"))
    partnerships = sum(1 for r in graph.relations.values() if r.type is RelationType.PARTNER_OF)
    return {
        "organisations": orgs,
        "alliances": by_type.get(EntityType.ALLIANCE, 0),
        "people": by_type.get(EntityType.PERSON, 0),
        "partnerships": partnerships,
        "regions": by_type.get(EntityType.REGION, 0),
    }


@dataclass
class _Extracted:
    # pickled in a temporary file until resolved, then let go: only the graph is needed
    extractions: Packed | list = field(default_factory=Packed)
    documents: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0
    characters: int = 0


def _extract_all(
    inputs: Iterable[str | Path],
    options: BuildOptions,
    progress: Callable[[Iterable], Iterable] | None,
    notes: list[str] | None,
    cache_dir: Path | None,
    spill_dir: Path | None = None,
) -> _Extracted:
    from .parallel import Outcome, Task, run_tasks

    t_start = time.perf_counter()
    paths = corpus.collect_paths(inputs)
    store = None
    if cache_dir is not None:
        from .cache import ExtractionCache, content_key

        store = ExtractionCache(cache_dir)
    ship_bytes = options.executor == "dask"
    hits: dict[int, Outcome] = {}
    keys: list[str | None] = []
    tasks: list[Task] = []
    for i, path in enumerate(paths):
        data = None
        key = None
        if store is not None or ship_bytes:
            try:
                with open(path, "rb") as f:
                    data = f.read(options.max_bytes + 1)
            except OSError:
                data = None  # the worker says why
        if store is not None and data is not None and len(data) <= options.max_bytes:
            key = content_key(str(path), data, options.max_bytes)
            cached = store.get(key)
            if cached is not None:
                hits[i] = cached
        keys.append(key)
        if i not in hits:
            tasks.append(Task(str(path), options.max_bytes, data if ship_bytes else None))
    t_hashed = time.perf_counter()

    result = _Extracted(Packed(spill_dir), cache_hits=len(hits))
    misses: Iterator[Outcome] = run_tasks(tasks, options.workers, options.executor, options.scheduler)
    seen: dict[str, str] = {}
    load_s = extract_s = 0.0
    iterator: Iterable = paths if progress is None else progress(paths)
    try:
        for i, path in enumerate(iterator):
            outcome = hits.get(i)
            if outcome is None:
                outcome = next(misses)
                load_s += outcome.load_seconds
                extract_s += outcome.extract_seconds
                if store is not None and keys[i] is not None and outcome.extraction is not None:
                    store.put(keys[i], outcome)
            if notes is not None:
                notes.extend(outcome.notes)
            if outcome.skipped is not None:
                exc = SkippedFile(str(path), outcome.skipped)
                if options.strict:
                    raise InputError(f"{exc} (--strict: no file may be skipped)") from exc
                result.skipped.append(exc)
                continue
            if outcome.norm_hash in seen or outcome.extraction is None:
                first = seen.get(outcome.norm_hash, "an earlier article")
                result.duplicates.append(f"{path} (same text as {first})")
                continue
            seen[outcome.norm_hash] = str(path)
            result.extractions.append_pickled(outcome.doc_id, outcome.extraction)
            result.characters += outcome.characters
    finally:
        misses.close()  # type: ignore[attr-defined]
    if store is not None:
        store.prune_other_versions()
    t_done = time.perf_counter()
    result.timings = {
        "hash": t_hashed - t_start,
        "load": load_s,
        "extract": extract_s,
        "load+extract (wall)": t_done - t_hashed,
    }
    return result


def build_graph(
    inputs: Iterable[str | Path],
    options: BuildOptions = BuildOptions(),
    progress: Callable[[Iterable], Iterable] | None = None,
    notes: list[str] | None = None,
) -> tuple[KnowledgeGraph, int, list[SkippedFile], list[str]]:
    """Read and extract every article under ``inputs`` and resolve them into one graph.

    Files that cannot be read are skipped (returned with their reason) unless ``options.strict``;
    what is worth saying about files that were read goes to ``notes``. Uses the cache only when
    ``options.cache_dir`` is given.
    """
    cache_dir = options.cache_dir if options.cache else None
    graph, extracted = _build_graph(inputs, options, progress, notes, cache_dir, None)
    return graph, extracted.documents, extracted.skipped, extracted.duplicates


def _build_graph(inputs, options, progress, notes, cache_dir, spill_dir) -> tuple[KnowledgeGraph, _Extracted]:
    from .resolve import resolve

    extracted = _extract_all(inputs, options, progress, notes, cache_dir, spill_dir)
    if options.lean:
        from .segment import release

        release()
    if not extracted.extractions:
        raise InputError("no article could be read; see the skipped files above")
    t0 = time.perf_counter()
    graph = resolve(extracted.extractions)
    # the graph holds what the writers need; the extractions would only weigh on them (and on
    # every process they fork)
    extracted.documents = len(extracted.extractions)
    extracted.extractions.close()
    extracted.extractions = []
    extracted.timings["resolve"] = time.perf_counter() - t0
    return graph, extracted


class _RdfWriter:
    """``graph.json``, ``graph.ttl`` and the N-Quads, written now, or (``beside``) by a forked
    process while the caller goes on (the views): :meth:`wait` returns once they are written, and
    raises if they could not be. The forked process writes into the caller's temporary files, which
    it inherits. Written now, ``json_seconds`` is the part of ``seconds`` spent on ``graph.json``.
    """

    def __init__(self, graph: KnowledgeGraph, json: TextIO, ttl: TextIO, quads: TextIO | None,
                 beside: bool) -> None:
        import multiprocessing as mp

        self._start = time.perf_counter()
        self.seconds = 0.0
        self.json_seconds: float | None = None
        self._process = None
        self._files = [f for f in (json, ttl, quads) if f is not None]
        if beside and "fork" in mp.get_all_start_methods():
            self._process = mp.get_context("fork").Process(
                target=_write_graph_files, args=(graph, json, ttl, quads), name="kg-rdf", daemon=True)
            self._process.start()
        else:
            self.json_seconds = _write_graph_files(graph, json, ttl, quads)
            self._done()

    def _done(self) -> None:
        self.seconds = time.perf_counter() - self._start
        for f in self._files:
            f.close()
        self._files = []

    def stop(self) -> None:
        """End the forked process if it still runs (after a failure elsewhere)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()

    def wait(self) -> None:
        if self._process is None:
            return
        process, self._process = self._process, None
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"writing graph.json and the RDF failed in process {process.pid} "
                               f"(exit code {process.exitcode}); see the error printed above")
        self._done()


def _write_graph_files(graph: KnowledgeGraph, json: TextIO, ttl: TextIO, quads: TextIO | None) -> float:
    """Write the graph's files; returns the seconds spent on ``graph.json``."""
    from .nodelink import write_json
    from .rdf import triples_by_graph, write_nquads, write_turtle

    t0 = time.perf_counter()
    write_json(json, graph)
    json.flush()
    json_seconds = time.perf_counter() - t0
    if quads is None:  # subject by subject: the triples are never all held at once
        write_turtle(ttl, graph)
        ttl.flush()
        return json_seconds
    triples = triples_by_graph(graph)  # once, for Turtle and N-Quads
    write_turtle(ttl, graph, triples)
    ttl.flush()
    write_nquads(quads, graph, triples)
    quads.flush()
    return json_seconds


def _processes(workers: int) -> int:
    from .parallel import default_workers

    return default_workers() if workers == 0 else workers


def build(
    inputs: Iterable[str | Path],
    out: str | Path,
    options: BuildOptions = BuildOptions(),
    progress: Callable[[Iterable], Iterable] | None = None,
) -> BuildResult:
    """Build the graph and write every output into ``out``, each file atomically.

    ``graph.json``, ``graph.ttl`` and ``graph.nq`` (when asked for) are streamed to temporary files
    and renamed into place together once all are written (and the views and the store, which read them or
    run beside them, are done): a failure leaves the previous set whole, and no output is ever
    held whole in memory as text. With ``workers`` > 1 the RDF is written by a forked process
    while the views are made.
    """
    from .atomic import remove_beside, replace_together
    from .nodelink import node_link
    from .parallel import shared_with_forks
    from .store import load_store, update_store

    out = Path(out)
    notes: list[str] = []
    cache_dir = (options.cache_dir or out / ".cache") if options.cache else None
    out.mkdir(parents=True, exist_ok=True)
    # the extractions wait for resolution in a temporary file in OUT (not /tmp, often in memory)
    graph, extracted = _build_graph(inputs, options, progress, notes, cache_dir, out)
    timings = extracted.timings

    entities: dict[str, int] = {}  # counted here when the graph is let go before the end
    store_updated = None
    retired: list[Path] = []  # the previous views, once the new ones are in place
    remover = None
    workers = _processes(options.workers)  # 0: one per CPU
    forks = workers > 1  # the RDF writer and the view pages: keep the graph's pages shared
    with replace_together(out) as open_new, shared_with_forks(forks):
        json_file, ttl = open_new("graph.json"), open_new("graph.ttl")
        quads = open_new("graph.nq") if options.nquads else None
        # with worker processes graph.json and the RDF are written by a forked process beside the views
        rdf = _RdfWriter(graph, json_file, ttl, quads,
                         beside=forks and options.views and options.executor == "local")

        try:
            if options.views:
                from .views import MAX_EVIDENCE, write_views

                t_views = time.perf_counter()
                if options.lean:
                    entities = tally(graph)
                # what the pages draw: no mentionedIn edges, at most the evidence a page carries.
                # Lean, the graph gives its edges' memory to the pages' data (1.5 GB at 100 MB: both
                # at once were the peak); it is written already, or a forked writer has its own copy
                data = node_link(graph, frozenset({RelationType.MENTIONED_IN}), MAX_EVIDENCE,
                                 consume=options.lean)
                if options.lean:
                    graph = None
                write_views(data, out, workers=workers, beside=rdf.wait, retired=retired)
                del data
                # the previous pages go while the store loads (no fork comes after this point)
                remover = remove_beside(retired)
                timings["views"] = time.perf_counter() - t_views
            if options.store:
                # after the pages, not beside them: Oxigraph's loader uses both cores, so they hardly
                # overlapped, and together they were the build's peak (BENCHMARKS.md)
                rdf.wait()
                t = time.perf_counter()
                new_turtle = open_new.path("graph.ttl")
                # with the cache, as incremental as the rest: only what changed since the last build
                if options.cache:
                    store_updated = update_store(out, out / "graph.ttl", new_turtle)
                if store_updated is None:
                    load_store(None, out, turtle_file=new_turtle)
                timings["store"] = time.perf_counter() - t
            rdf.wait()
        finally:
            rdf.stop()  # after a failure: the files it writes are about to be removed
            if remover is not None:
                remover.join()
        if rdf.json_seconds is None:  # beside the views: the wait for both
            timings["write JSON and RDF"] = rdf.seconds
        else:
            timings["write JSON"] = rdf.json_seconds
            timings["write RDF"] = rdf.seconds - rdf.json_seconds
    if not options.nquads:
        (out / "graph.nq").unlink(missing_ok=True)  # an older one would no longer match graph.ttl
    return BuildResult(
        out,
        graph,
        extracted.documents,
        extracted.skipped,
        extracted.duplicates,
        notes,
        timings,
        extracted.cache_hits,
        extracted.characters,
        entities,
        store_updated,
    )
