"""Queries over the store for the CLI: results written by Oxigraph's own serialisers."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.store import open_store

__all__ = ["run_query", "store_stats", "load_rq"]

_SPARQL_DIR = Path(__file__).parent / "sparql"

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@cache
def load_rq(name: str) -> str:
    """The text of ``kg/sparql/NAME.rq``, read once."""
    return (_SPARQL_DIR / f"{name}.rq").read_text(encoding="utf-8")


def _execute(store: ox.Store, query: str) -> Any:
    try:
        return store.query(query, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(f"malformed query: {e}") from e
    except OSError as e:
        raise QueryError(f"query failed: {e}") from e


def run_query(store_root: Path, query: str, fmt: str) -> bytes:
    """Run ``query`` over the union of all graphs and serialise it as ``fmt``.

    SELECT and ASK take json, xml, csv or tsv; CONSTRUCT and DESCRIBE take turtle,
    ntriples or jsonld. A mismatch is a QueryError that names the formats that fit.
    """
    store = open_store(store_root)
    result = _execute(store, query)
    if isinstance(result, ox.QueryTriples):
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT/DESCRIBE result needs --format {'|'.join(GRAPH_FORMATS)}")
        out = result.serialize(format=GRAPH_FORMATS[fmt])
    else:
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a SELECT/ASK result needs --format {'|'.join(RESULT_FORMATS)}")
        out = result.serialize(format=RESULT_FORMATS[fmt])
    return out if isinstance(out, bytes) else b""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def store_stats(store_root: Path) -> dict[str, Any]:
    """Counts per class over the whole store and per named graph."""
    store = open_store(store_root)
    classes = {_local(s["class"].value): int(s["n"].value)
               for s in store.query(load_rq("class-counts"), use_default_graph_as_union=True)}
    graphs: dict[str, dict[str, int]] = {}
    for s in store.query(load_rq("class-counts-per-graph")):
        graphs.setdefault(s["g"].value, {})[_local(s["class"].value)] = int(s["n"].value)
    triples = sum(1 for _ in store.quads_for_pattern(None, None, None))
    return {"triples": triples, "classes": classes, "graphs": graphs}
