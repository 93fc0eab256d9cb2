"""The ``kg`` command. Thin: parses options, calls the library, turns domain errors into one line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import KgError

__all__ = ["main"]


class _Cli(click.Group):
    """Every :class:`KgError` becomes ``kg: error: <message>`` and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="yilian-kg")
def main() -> None:
    """医联图谱 yilian: a knowledge graph of hospital partnerships, built from Chinese news."""


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for graph.ttl, graph.json, graph.html and the rest.",
)
@click.option("--strict", is_flag=True, help="Fail when any article has to be skipped.")
@click.option(
    "--max-bytes",
    type=int,
    default=5_000_000,
    show_default=True,
    help="Skip articles larger than this many bytes.",
)
@click.option("--no-views", is_flag=True, help="Do not write the HTML views.")
@click.option("--no-store", is_flag=True, help="Do not load the SPARQL store (OUT/store).")
@click.option(
    "--nquads/--no-nquads",
    default=False,
    show_default=True,
    help="Also write graph.nq: graph.ttl's triples plus one named graph per article (what each "
    "article said), for stores that keep provenance by graph. About six times graph.ttl's size.",
)
@click.option(
    "-j",
    "--workers",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes extracting articles, then writing view pages with graph.json and the RDF beside them "
    "(0: one per CPU). The output is the same for any number.",
)
@click.option("--no-cache", is_flag=True,
              help="Extract every article again and load the store anew; no cache is read or written.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the per-article cache here instead of OUT/.cache.",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where articles are extracted: local processes, or a Dask cluster (needs 'yilian-kg[cluster]').",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler address (tcp://host:8786); without it --executor dask starts a local cluster.",
)
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(
    inputs: tuple[Path, ...],
    out: Path,
    strict: bool,
    max_bytes: int,
    no_views: bool,
    no_store: bool,
    nquads: bool,
    workers: int,
    no_cache: bool,
    cache_dir: Path | None,
    executor: str,
    scheduler: str | None,
    timings: bool,
    quiet: bool,
) -> None:
    """Read articles (files or folders; default seeds/) and write the graph into OUT.

    Articles whose bytes have not changed since the last build into OUT are not read again
    (OUT/.cache), and the store takes only what changed (--no-cache to redo it all).

    Example: kg build seeds/ -o out/ --workers 2
    """
    from tqdm import tqdm

    from .build import BuildOptions
    from .build import build as run_build
    from .parallel import default_workers

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    options = BuildOptions(
        strict=strict,
        max_bytes=max_bytes,
        views=not no_views,
        store=not no_store,
        nquads=nquads,
        workers=workers or default_workers(),
        executor=executor,
        scheduler=scheduler,
        cache=not no_cache,
        cache_dir=cache_dir,
        lean=True,  # one build per process, and only the counts are printed
    )

    def progress(items):
        return tqdm(items, desc="articles", unit="doc", disable=quiet, file=sys.stderr, leave=False)

    result = run_build(list(inputs) or [Path("seeds")], out, options, progress)
    for skipped in result.skipped:
        click.echo(f"kg: skipped {skipped}", err=True)
    for dup in result.duplicates:
        click.echo(f"kg: skipped duplicate {dup}", err=True)
    for note in result.notes:
        click.echo(f"kg: note: {note}", err=True)
    counts = result.counts()
    click.echo(" · ".join(f"{v} {k}" for k, v in counts.items()))
    if timings:
        stages = " · ".join(f"{k} {v:.2f} s" for k, v in result.timings.items())
        click.echo(f"{result.cache_hits} articles from the cache · {stages}")
    written = ["graph.ttl", "graph.json"] + (["graph.nq"] if options.nquads else [])
    written += (["graph.html", "index.html", "views/"] if options.views else []) + (
        ["store/"] if options.store else [])
    if result.store_updated is not None:
        written[-1] = f"store/ (updated in place: {result.store_updated} subjects changed)"
    click.echo("wrote " + ", ".join(f"{out}/{name}" for name in written))


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--graph",
    "graph_path",
    type=click.Path(path_type=Path),
    default=Path("out/graph.json"),
    show_default=True,
    help="The graph.json to score.",
)
@click.option("--problems", is_flag=True, help="List every miss and every wrong item.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def eval_(gold: Path, graph_path: Path, problems: bool, as_json: bool) -> None:
    """Score a built graph.json against a gold annotation (the format of tests/gold_seeds.json).

    Example: kg eval tests/gold_seeds.json --graph out/graph.json
    """
    from .evaluate import format_report, load_gold_file, score_files

    if not graph_path.exists():
        raise KgError(f"{graph_path}: no such graph; run `kg build` first or pass --graph")
    result, found = score_files(load_gold_file(gold), graph_path)
    click.echo(format_report(result, found if problems else None, as_json=as_json))


@main.command()
@click.argument("query")
@click.argument("params", nargs=-1)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="The build folder (or its store/ folder) to query.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
def query(query: str, params: tuple[str, ...], store: Path, fmt: str) -> None:
    """Run a SPARQL query: its text, a .rq file, or a saved query's name with NAME=VALUE parameters.

    Example: kg query partners hospital=武汉市第一医院
    """
    from .query import run_query

    click.echo(run_query(query, params, store, fmt), nl=False)


@main.command()
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="The build folder to serve.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
def serve(store: Path, host: str, port: int) -> None:
    """Serve the graph read-only: the SPARQL 1.1 Protocol at /sparql and the views.

    Example: kg serve --store out --port 8000
    """
    from .serve import serve as run_server

    run_server(store, host, port)


if __name__ == "__main__":  # pragma: no cover
    main()
