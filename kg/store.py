"""The on-disk SPARQL store (``OUT/store``): Oxigraph, loaded from ``graph.ttl`` and the ontology.

The default graph holds every triple of the graph plus the ontology (so ``rdfs:subClassOf*`` and
SKOS labels of the partnership kinds work in queries); the ontology also has its own named graph,
``<https://w3id.org/yilian/ontology>``. The articles' named graphs (``graph.nq``, with ``kg build
--nquads``) are not loaded: they repeat the default graph's facts, whose provenance is already
there (``prov:wasDerivedFrom``, ``yl:evidence``), and would double the store.
The store is built in a temporary folder and swapped in whole.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

from .atomic import atomic_dir
from .errors import KgError
from .model import KnowledgeGraph
from .rdf import turtle
from .vocab import ONTOLOGY_IRI, ontology_path

__all__ = ["STORE_DIR", "StoreMissing", "load_store", "open_store", "store_path"]

STORE_DIR = "store"


class StoreMissing(KgError):
    """There is no store where one was asked for."""


def load_store(graph: KnowledgeGraph | None, out: Path, turtle_file: Path | None = None) -> Path:
    """(Re)create the Oxigraph store ``out/store`` with ``graph`` and the ontology; returns its path.

    ``turtle_file`` is the graph as written by :func:`kg.rdf.write_turtle`, when the caller has
    written it already (then ``graph`` is not needed): Oxigraph reads it in pieces, never whole in
    memory.
    """
    if graph is None and turtle_file is None:
        raise ValueError("load_store needs the graph or its Turtle file")
    from pyoxigraph import NamedNode, RdfFormat, Store

    target = Path(out) / STORE_DIR
    ontology = ontology_path().read_bytes()
    with atomic_dir(target) as tmp:
        store = Store(str(tmp))
        # a fresh folder: no need for a transaction
        if turtle_file is not None:
            for chunk in _turtle_chunks(Path(turtle_file)):
                store.bulk_load(chunk, RdfFormat.TURTLE)
        else:
            store.bulk_load(turtle(graph).encode("utf-8"), RdfFormat.TURTLE)
        store.load(ontology, RdfFormat.TURTLE)
        store.load(ontology, RdfFormat.TURTLE, to_graph=NamedNode(str(ONTOLOGY_IRI)))
        # compact once, now: a bulk-loaded store is many small files, and queries that touch the
        # whole graph ran 1.5-3x slower on it (BENCHMARKS.md, SPARQL store)
        store.optimize()
        store.flush()
        del store  # close the database before the folder is renamed
        gc.collect()
    return target


# of Turtle per bulk load: at 10 MB of articles (107 MB of Turtle) 16 MB pieces loaded in 6.5 s with
# the process at 382 MB, 4 MB pieces in 5.2 s at 168 MB, 2 MB in 5.2 s at 106 MB (BENCHMARKS.md)
CHUNK_BYTES = 4 << 20


def _turtle_chunks(path: Path, size: int | None = None) -> Iterator[bytes]:
    """The Turtle file in pieces of about ``size`` bytes, each a whole document.

    Oxigraph's bulk loader holds what it is given in memory while it sorts it: all of a 10 MB
    corpus's N-Quads at once peaked at 1.8 GB; smaller pieces are lighter, and no slower.
    :func:`kg.rdf.write_turtle` writes the prefixes, then one block per subject, blocks separated
    by an empty line, with no blank nodes and no line breaks inside a literal:
    so a piece cut at an empty line and given the prefixes again reads on its own.
    """
    size = size or CHUNK_BYTES
    with open(path, "rb") as f:
        header = b""
        for line in f:
            header += line
            if line == b"\n":
                break
        rest = b""
        while True:
            data = f.read(size)
            chunk = rest + data
            if not data:  # the end: what is left is whole
                if chunk.strip():
                    yield header + chunk
                return
            cut = chunk.rfind(b"\n\n")  # the last empty line of the piece
            if cut < 0:
                rest = chunk
                continue
            rest = chunk[cut + 2:]
            yield header + chunk[:cut + 2]


def store_path(location: str | Path) -> Path:
    """The store folder for ``location``: a build folder (``OUT``) or the ``OUT/store`` folder itself."""
    location = Path(location)
    if (location / STORE_DIR / "CURRENT").is_file():
        return location / STORE_DIR
    if (location / "CURRENT").is_file():
        return location
    raise StoreMissing(f"{location}: no SPARQL store there (looked for {location / STORE_DIR}); "
                       "run `kg build` first, or pass --store OUT")


def open_store(location: str | Path):
    """Open the store read-only (other readers, such as ``kg serve``, may have it open too)."""
    from pyoxigraph import Store

    path = store_path(location)
    try:
        return Store.read_only(str(path))
    except OSError as exc:
        raise StoreMissing(f"{path}: cannot open the store ({exc}); run `kg build` again") from exc
