"""The main job: articles in, graph.ttl / graph.json / graph.html (and the rest of OUT) out.

Stages: corpus (load, normalise) -> extract (per document, pure) -> resolve (across documents)
-> writers. One unreadable article is skipped with its reason; the build goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import corpus
from .errors import InputError, SkippedFile
from .model import EntityType, KnowledgeGraph, RelationType

__all__ = ["BuildOptions", "BuildResult", "build", "build_graph"]


@dataclass(frozen=True)
class BuildOptions:
    strict: bool = False  # any skipped file fails the build
    max_bytes: int = corpus.MAX_BYTES_DEFAULT
    views: bool = True  # write the HTML views
    store: bool = True  # load the Oxigraph store in OUT/store


@dataclass
class BuildResult:
    out: Path
    graph: KnowledgeGraph
    documents: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # read, but worth saying: legacy encoding, truncation

    def counts(self) -> dict[str, int]:
        by_type: dict[EntityType, int] = {}
        for node in self.graph.nodes.values():
            by_type[node.type] = by_type.get(node.type, 0) + 1
        orgs = sum(n for t, n in by_type.items()
                   if t.value not in ("Person", "Region", "Document", "Alliance"))
        partnerships = sum(1 for r in self.graph.relations.values() if r.type is RelationType.PARTNER_OF)
        return {
            "documents": self.documents,
            "skipped": len(self.skipped),
            "organisations": orgs,
            "alliances": by_type.get(EntityType.ALLIANCE, 0),
            "people": by_type.get(EntityType.PERSON, 0),
            "partnerships": partnerships,
            "regions": by_type.get(EntityType.REGION, 0),
        }


def build_graph(
    inputs: Iterable[str | Path],
    options: BuildOptions = BuildOptions(),
    progress: Callable[[Iterable], Iterable] | None = None,
    notes: list[str] | None = None,
) -> tuple[KnowledgeGraph, int, list[SkippedFile], list[str]]:
    """Read and extract every article under ``inputs`` and resolve them into one graph.

    Files that cannot be read are skipped (returned with their reason) unless ``options.strict``;
    what is worth saying about files that were read goes to ``notes``.
    """
    from .extract import extract_document
    from .resolve import resolve

    paths = corpus.collect_paths(inputs)
    seen_texts: dict[str, str] = {}
    extracted = []
    skipped: list[SkippedFile] = []
    duplicates: list[str] = []
    iterator: Iterable = paths if progress is None else progress(paths)
    for path in iterator:
        try:
            doc = corpus.load(path, max_bytes=options.max_bytes, notes=notes)
        except SkippedFile as exc:
            if options.strict:
                raise InputError(f"{exc} (--strict: no file may be skipped)") from exc
            skipped.append(exc)
            continue
        if doc.norm in seen_texts:
            duplicates.append(f"{path} (same text as {seen_texts[doc.norm]})")
            continue
        seen_texts[doc.norm] = str(path)
        extracted.append(extract_document(doc))
    if not extracted:
        raise InputError("no article could be read; see the skipped files above")
    return resolve(extracted), len(extracted), skipped, duplicates


def build(
    inputs: Iterable[str | Path],
    out: str | Path,
    options: BuildOptions = BuildOptions(),
    progress: Callable[[Iterable], Iterable] | None = None,
) -> BuildResult:
    """Build the graph and write every output into ``out``, each file atomically."""
    from .atomic import write_text_atomic
    from .nodelink import dumps, node_link

    out = Path(out)
    notes: list[str] = []
    graph, n_docs, skipped, duplicates = build_graph(inputs, options, progress, notes)
    out.mkdir(parents=True, exist_ok=True)
    from .rdf import nquads, turtle

    # serialise everything before replacing anything: a failure leaves the previous set whole
    outputs = {"graph.json": dumps(graph), "graph.ttl": turtle(graph), "graph.nq": nquads(graph)}
    for name, text in outputs.items():
        write_text_atomic(out / name, text)
    if options.views:
        from .views import write_views

        write_views(node_link(graph), out)
    if options.store:
        from .store import load_store

        load_store(graph, out)
    return BuildResult(out, graph, n_docs, skipped, duplicates, notes)
