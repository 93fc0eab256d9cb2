"""The on-disk SPARQL store (``OUT/store``): Oxigraph, loaded from ``graph.ttl`` and the ontology.

The default graph holds every triple of the graph plus the ontology (so ``rdfs:subClassOf*`` and
SKOS labels of the partnership kinds work in queries); the ontology also has its own named graph,
``<https://w3id.org/yilian/ontology>``. The articles' named graphs (``graph.nq``, with ``kg build
--nquads``) are not loaded: they repeat the default graph's facts, whose provenance is already
there (``prov:wasDerivedFrom``, ``yl:evidence``), and would double the store.
The store is built in a temporary folder and swapped in whole, or, when the build before left a
store made from the ``graph.ttl`` still beside it, brought up to date in place in one transaction
(:func:`update_store`): adding an article changes the triples of tens of subjects, of millions.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .atomic import atomic_dir, write_text_atomic
from .errors import KgError
from .model import KnowledgeGraph
from .rdf import turtle
from .vocab import ONTOLOGY_IRI, ontology_path

__all__ = ["STORE_DIR", "StoreMissing", "load_store", "open_store", "store_path", "update_store"]

STORE_DIR = "store"
# in OUT: the digests of the graph.ttl and of the ontology the store holds. It is removed before
# the store changes and written once it has, so an interrupted build leaves none, and the next
# build loads the store anew
SOURCE_FILE = ".store-source"


def _source(turtle_digest: str, ontology: bytes) -> str:
    """What :data:`SOURCE_FILE` says of a store of that Turtle and that ontology."""
    return f"graph.ttl {turtle_digest}\nontology {hashlib.blake2b(ontology, digest_size=16).hexdigest()}\n"


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

    out = Path(out)
    target = out / STORE_DIR
    ontology = ontology_path().read_bytes()
    (out / SOURCE_FILE).unlink(missing_ok=True)
    digest = hashlib.blake2b(digest_size=16)
    with atomic_dir(target) as tmp:
        store = Store(str(tmp))
        # a fresh folder: no need for a transaction
        if turtle_file is not None:
            for chunk in _turtle_chunks(Path(turtle_file), digest=digest):
                store.bulk_load(chunk, RdfFormat.TURTLE)
        else:
            text = turtle(graph).encode("utf-8")
            digest.update(text)
            store.bulk_load(text, RdfFormat.TURTLE)
        store.load(ontology, RdfFormat.TURTLE)
        store.load(ontology, RdfFormat.TURTLE, to_graph=NamedNode(str(ONTOLOGY_IRI)))
        # compact once, now: a bulk-loaded store is many small files, and queries that touch the
        # whole graph ran 1.5-3x slower on it (BENCHMARKS.md, SPARQL store)
        store.optimize()
        store.flush()
        del store  # close the database before the folder is renamed
        gc.collect()
    write_text_atomic(out / SOURCE_FILE, _source(digest.hexdigest(), ontology))
    return target


# an update that would rewrite more of graph.ttl than this share is done as a new load, which is
# then no slower and leaves a compacted store; so is one of more than _MAX_UPDATE_BYTES, as the
# update is one SPARQL request held in memory (twice its Turtle as N-Triples)
UPDATE_UP_TO = 0.2
_MIN_UPDATE_LIMIT = 1 << 20  # bytes of changed Turtle blocks: below this, always in place
_MAX_UPDATE_BYTES = 32 << 20


class _NoUpdate(Exception):
    """The store cannot be brought up to date in place (the reason is the message)."""


@dataclass
class _Changes:
    removed: list[bytes] = field(default_factory=list)  # blocks of the old file not in the new one
    added: list[bytes] = field(default_factory=list)
    size: int = 0  # bytes of the blocks above
    subjects: int = 0  # whose triples changed


def update_store(out: Path, old_turtle: Path, new_turtle: Path) -> int | None:
    """Bring ``out/store`` from ``old_turtle`` to ``new_turtle`` in place; returns the number of
    subjects whose triples changed, or ``None`` when it has to be loaded anew instead (no store, or
    not one made from ``old_turtle`` and this version of the ontology, or too much has changed).

    Both files are as :func:`kg.rdf.write_turtle` writes them: one block per subject, in the
    order of the subjects' IRIs, so one pass over the two finds the blocks that differ. Their
    old triples are deleted and the new ones inserted in one SPARQL update, which Oxigraph runs
    as one transaction; triples that the ontology also states stay.
    """
    from pyoxigraph import RdfFormat, Store, parse

    out = Path(out)
    source = out / SOURCE_FILE
    if not (out / STORE_DIR / "CURRENT").is_file() or not source.is_file() or not Path(old_turtle).is_file():
        return None
    try:
        changes, old_digest, new_digest, header = _diff(Path(old_turtle), Path(new_turtle))
    except _NoUpdate:
        return None
    ontology_text = ontology_path().read_bytes()
    if source.read_text(encoding="ascii") != _source(old_digest, ontology_text):
        return None  # the store was made from another graph.ttl or ontology (or a build was interrupted)
    ontology = {q.triple for q in parse(ontology_text, RdfFormat.TURTLE)}

    def triples(blocks: list[bytes]) -> list[str]:
        if not blocks:
            return []
        text = header + b"\n\n".join(blocks) + b"\n"
        return [str(q.triple) for q in parse(text, RdfFormat.TURTLE) if q.triple not in ontology]

    deleted, inserted = triples(changes.removed), triples(changes.added)
    source.unlink()
    if deleted or inserted:
        store = Store(str(out / STORE_DIR))
        store.update(f"DELETE DATA {{ {' . '.join(deleted)} }} ; INSERT DATA {{ {' . '.join(inserted)} }}")
        store.flush()
        del store
        gc.collect()
    write_text_atomic(source, _source(new_digest, ontology_text))
    return changes.subjects


def _read_header(f: BinaryIO) -> bytes:
    """The prefixes at the top of a Turtle file of :func:`kg.rdf.write_turtle`, up to and with the
    empty line after them; ``f`` is left at the first subject's block."""
    header = b""
    for line in f:
        header += line
        if line == b"\n":
            break
    return header


def _diff(old: Path, new: Path) -> tuple[_Changes, str, str, bytes]:
    """The blocks that differ between two Turtle files, the digests of the two files, and their
    prefixes."""
    changes = _Changes()
    limit = max(_MIN_UPDATE_LIMIT, min(_MAX_UPDATE_BYTES, UPDATE_UP_TO * new.stat().st_size))
    old_digest, new_digest = hashlib.blake2b(digest_size=16), hashlib.blake2b(digest_size=16)
    with open(old, "rb") as a, open(new, "rb") as b:
        old_blocks, new_blocks = _blocks(a, old_digest), _blocks(b, new_digest)
        header = next(new_blocks)
        if next(old_blocks) != header:  # other prefixes, another writer
            raise _NoUpdate("the prefixes differ")
        x, y = next(old_blocks, None), next(new_blocks, None)
        while x is not None or y is not None:
            if y is None or (x is not None and x[0] < y[0]):
                changes.removed.append(x[1])
                changes.size += len(x[1])
                changes.subjects += 1
                x = next(old_blocks, None)
            elif x is None or y[0] < x[0]:
                changes.added.append(y[1])
                changes.size += len(y[1])
                changes.subjects += 1
                y = next(new_blocks, None)
            else:
                if x[1] != y[1]:
                    changes.removed.append(x[1])
                    changes.added.append(y[1])
                    changes.size += len(x[1]) + len(y[1])
                    changes.subjects += 1
                x, y = next(old_blocks, None), next(new_blocks, None)
            if changes.size > limit:
                raise _NoUpdate("too much has changed")
    return changes, old_digest.hexdigest(), new_digest.hexdigest(), header


def _blocks(f: BinaryIO, digest, size: int | None = None) -> Iterator:
    """The header (prefixes) of a file of :func:`kg.rdf.write_turtle`, then each subject's block as
    ``(subject IRI, block)``, checking that the subjects come in order; ``digest`` sees every byte.
    """
    size = size or CHUNK_BYTES
    header = _read_header(f)
    digest.update(header)
    prefixes: dict[bytes, bytes] = {}
    for line in header.splitlines():
        if line.startswith(b"@prefix "):
            name, _, iri = line[len(b"@prefix "):].partition(b": <")
            prefixes[name] = iri.rsplit(b">", 1)[0]
    yield header
    last = b""
    rest = b""
    while True:
        data = f.read(size)
        digest.update(data)
        pieces = (rest + data).split(b"\n\n")
        rest = pieces.pop() if data else b""
        for block in pieces:
            if not block.strip():
                continue
            block = block.rstrip(b"\n")
            cut = block.find(b" ")
            if cut <= 0:
                raise _NoUpdate("a block without a subject")
            subject = block[:cut]
            if not subject.startswith(b"<"):
                name, _, local = subject.partition(b":")
                if name not in prefixes:
                    raise _NoUpdate(f"unknown prefix {name!r}")
                subject = b"<" + prefixes[name] + local + b">"
            if subject <= last:
                raise _NoUpdate("the subjects are not in order")
            last = subject
            yield subject, block
        if not data:
            return


# of Turtle per bulk load: at 10 MB of articles (107 MB of Turtle) 16 MB pieces loaded in 6.5 s with
# the process at 382 MB, 4 MB pieces in 5.2 s at 168 MB, 2 MB in 5.2 s at 106 MB (BENCHMARKS.md)
CHUNK_BYTES = 4 << 20


def _turtle_chunks(path: Path, size: int | None = None, digest=None) -> Iterator[bytes]:
    """The Turtle file in pieces of about ``size`` bytes, each a whole document.

    Oxigraph's bulk loader holds what it is given in memory while it sorts it: all of a 10 MB
    corpus's N-Quads at once peaked at 1.8 GB; smaller pieces are lighter, and no slower.
    :func:`kg.rdf.write_turtle` writes the prefixes, then one block per subject, blocks separated
    by an empty line, with no blank nodes and no line breaks inside a literal:
    so a piece cut at an empty line and given the prefixes again reads on its own.
    """
    size = size or CHUNK_BYTES
    with open(path, "rb") as f:
        header = _read_header(f)
        if digest is not None:
            digest.update(header)
        rest = b""
        while True:
            data = f.read(size)
            if digest is not None:
                digest.update(data)
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
