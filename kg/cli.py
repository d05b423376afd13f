"""The ``kg`` command line: a thin layer over the library.

Exit codes: 0 ok; 1 SHACL violations found (validate) or, with ``--strict``, an input
failed (build); 2 usage or input error (nothing to build, bad query, no store).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

import kg
from kg.errors import MarsadError

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2

STORE_OPTION = click.option(
    "--store", "store", required=True, type=click.Path(path_type=Path, file_okay=False),
    help="Store directory (created by kg build).",
)


class _Progress:
    """A one-line progress bar on a terminal; silent when stderr is not a TTY."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.tty or (time.monotonic() - self.last < 0.1 and done != total):
            return
        self.last = time.monotonic()
        if total:
            width = 30
            filled = int(width * done / total)
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r{stage:8} [{bar}] {done}/{total}")
        else:
            sys.stderr.write(f"\r{stage:8} {done}")
        if total and done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"kg: {message}", err=True)
    sys.exit(code)


def _guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn Marsad's own errors into a message and exit code 2, without a traceback."""
    import functools

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MarsadError as e:
            _fail(str(e))

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(kg.__version__, prog_name="kg")
def main() -> None:
    """Marsad: Arabic security and military news into a knowledge graph.

    Typical use: kg build data/articles --store store && kg serve --store store
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--encoding", help="Decode .txt files with this encoding instead of detecting it.")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--force", is_flag=True, help="Rebuild every article, even unchanged ones.")
@click.option("--strict", is_flag=True, help="Exit 1 when any input failed.")
@_guarded
def build(paths: tuple[Path, ...], store: Path, encoding: str | None, jobs: int | None,
          force: bool, strict: bool) -> None:
    """Ingest files and folders, extract, map to RDF, validate and load into STORE.

    Each article becomes one named graph; rebuilding an article replaces its graph.
    Unchanged articles are skipped. Failures are listed with their file and reason and
    the rest of the batch is built; the store changes only when the build completes.
    """
    from kg.build import build as run_build

    for p in paths:
        if not p.exists():
            _fail(f"{p}: no such file or folder")
    summary = run_build(list(paths), store, encoding=encoding, jobs=jobs, force=force,
                        progress=_Progress())
    for f in summary.failures:
        click.echo(f"failed [{f.stage}] {f.path}: {f.reason}", err=True)
    click.echo(summary.line())
    if summary.articles == 0 and summary.skipped == 0:
        _fail("nothing was built: see the failures above", EXIT_USAGE)
    if strict and summary.failures:
        sys.exit(EXIT_VIOLATIONS)


@main.command()
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "turtle"]), default="text",
              help="text: a readable report; turtle: the SHACL report graph.")
@click.option("--engine", type=click.Choice(["pyshacl-turbo", "pyshacl"]), default=None,
              help="SHACL engine: pyshacl-turbo (default when installed, about 9x faster) "
                   "or pySHACL, the reference; both give the same results.")
@_guarded
def validate(store: Path, fmt: str, engine: str | None) -> None:
    """Validate every article graph in STORE against the SHACL shapes, then the
    cross-article shapes on what the articles say together.

    Exit code 1 when any violation is found.
    """
    from kg.validate import ENGINES, validate_store

    if engine is not None and engine not in ENGINES:
        _fail(f"the {engine} engine is not installed here; use one of: {', '.join(ENGINES)}",
              EXIT_USAGE)
    report = validate_store(store, engine=engine)
    if fmt == "turtle":
        click.echo(report.graph.serialize(format="turtle"))
    else:
        click.echo(report.text)
    sys.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)


@main.command()
@click.argument("query", required=False)
@STORE_OPTION
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Read the query from this .rq file.")
@click.option("--format", "fmt", default="json",
              type=click.Choice(["json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld"]),
              help="Result format: json/xml/csv/tsv for SELECT and ASK, "
                   "turtle/ntriples/jsonld for CONSTRUCT and DESCRIBE.")
@_guarded
def query(query: str | None, store: Path, file: Path | None, fmt: str) -> None:
    """Run a SPARQL query over STORE and print the results.

    The default graph is the union of all graphs (every article, the ontology and the
    gazetteer); use GRAPH to look at one article.
    """
    from kg.query import run_query

    if (query is None) == (file is None):
        _fail("give a QUERY or --file, not both and not neither")
    text = file.read_text(encoding="utf-8") if file else str(query)
    sys.stdout.buffer.write(run_query(store, text, fmt))
    sys.stdout.flush()


@main.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--timeout", default=30.0, show_default=True, type=float,
              help="Seconds a query may run before it is stopped.")
@click.option("--token", envvar="MARSAD_UPDATE_TOKEN", default=None,
              help="Allow SPARQL Update and the Graph Store Protocol with this bearer token "
                   "(or MARSAD_UPDATE_TOKEN).")
@_guarded
def serve(store: Path, host: str, port: int, timeout: float, token: str | None) -> None:
    """Serve STORE over the SPARQL 1.1 protocol at http://HOST:PORT/sparql, with the query
    UI at / and a page for every entity, event and claim."""
    from kg.store import open_store
    from server import serve as run_server

    open_store(store).query("ASK {}")  # fail early, with a clear message, on a missing store
    run_server(store_dir=store, host=host, port=port, timeout=timeout, token=token)


@main.command()
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@_guarded
def stats(store: Path, fmt: str) -> None:
    """Counts per class, overall and per article graph."""
    import json

    from kg.query import store_stats

    st = store_stats(store)
    if fmt == "json":
        click.echo(json.dumps(st, ensure_ascii=False, indent=1))
        return
    click.echo(f"{'class':24} {'count':>8}")
    for cls, n in st["classes"].items():
        click.echo(f"{cls:24} {n:>8}")
    click.echo("")
    for graph, counts in st["graphs"].items():
        inner = ", ".join(f"{c}={n}" for c, n in counts.items())
        click.echo(f"{graph}: {inner}")


@main.command()
@STORE_OPTION
@click.option("--format", "fmt", required=True,
              type=click.Choice(["gexf", "graphml", "cytoscape", "geojson", "csv"]))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Output file; csv writes OUTPUT with the edges and OUTPUT's stem + "
                   "'-nodes.csv' beside it.")
@click.option("--around", help="Only this entity's neighbourhood (an IRI from the graph).")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(1, 6),
              help="Steps from --around.")
@click.option("--from", "start", help="Only events and claims dated on or after (YYYY[-MM[-DD]]).")
@click.option("--to", "end", help="Only events and claims dated on or before (YYYY[-MM[-DD]]).")
@click.option("--article", "articles", multiple=True, help="Only what these article ids report.")
@_guarded
def export(store: Path, fmt: str, output: Path, around: str | None, depth: int,
           start: str | None, end: str | None, articles: tuple[str, ...]) -> None:
    """Export the graph, or a part of it, for Gephi (gexf), Cytoscape (graphml, cytoscape),
    GIS tools (geojson) or spreadsheets (csv)."""
    from kg.export import FORMATS, load_network, select, to_csv
    from kg.export.network import date_bounds
    from kg.store import open_store

    for name, value in (("--from", start), ("--to", end)):
        if value and date_bounds(value) is None:
            _fail(f"{name} {value}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    net = load_network(open_store(store))
    if around and around not in net.nodes:
        _fail(f"--around {around}: no such entity or event in the graph (give its full IRI)")
    lo = date_bounds(start)[0] if start else None  # type: ignore[index]
    hi = date_bounds(end)[1] if end else None  # type: ignore[index]
    net = select(net, around, depth, lo, hi, list(articles))
    if fmt == "csv":
        nodes, edges = to_csv(net)
        output.write_bytes(edges)
        nodes_path = output.with_name(output.stem + "-nodes.csv")
        nodes_path.write_bytes(nodes)
        click.echo(f"{len(net.nodes)} nodes to {nodes_path}, {len(net.edges)} edges to {output}")
        return
    output.write_bytes(FORMATS[fmt][1](net))
    click.echo(f"{len(net.nodes)} nodes, {len(net.edges)} edges to {output}")


@main.command(name="backup")
@STORE_OPTION
@click.option("--to", "target", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="A new directory for the backup.")
@_guarded
def backup_cmd(store: Path, target: Path) -> None:
    """Back up the served store with Oxigraph's backup (a consistent copy, even while a
    server reads it)."""
    from kg.store import backup

    click.echo(f"backed up to {backup(store, target)}")


@main.command(name="restore")
@STORE_OPTION
@click.option("--from", "source", required=True,
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A directory written by kg backup.")
@_guarded
def restore_cmd(store: Path, source: Path) -> None:
    """Serve a backup again: it replaces the store's content atomically, like a build."""
    from kg.store import restore

    click.echo(f"restored into {restore(store, source)}")


if __name__ == "__main__":
    main()
