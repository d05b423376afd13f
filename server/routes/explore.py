"""Network exports over HTTP (``/export/{format}``) and the graph explorer (``/explore``).

The web process never opens the store: the network queries of ``kg.export``
(``kg/export/sparql/*.rq``) run in the query workers like every other read, and their
JSON answers are handed to ``kg.export.load_network`` through a small read-only adapter,
so the CLI and the server build the very same network. The network is kept per store
generation: a build or a write swaps the generation, and the next request rebuilds it.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

import kg.export
from kg.export import FORMATS, Network, load_network, select, to_csv
from kg.export.network import date_bounds
from server.deps import PoolDep, SettingsDep
from server.http_errors import Problem
from server.routes.pages import templates
from server.workers import QueryJob, WorkerPool

__all__ = ["router"]

router = APIRouter(tags=["visualisation"])
_SPARQL = Path(kg.export.__file__).resolve().parent / "sparql"
_QUERIES = ("entities", "events", "claims", "sources", "links")
_EXTENSIONS = {
    "gexf": "gexf",
    "graphml": "graphml",
    "cytoscape": "json",
    "geojson": "geojson",
    "csv": "csv",
}
_CYTOSCAPE_JS = Path("cytoscape") / "dist" / "cytoscape.min.js"


@dataclass(frozen=True)
class _Term:
    value: str


class _Answers:
    """Stands in for the store in ``load_network``: answers each of its queries with the
    rows a worker returned for that query text."""

    def __init__(self, answers: dict[str, list[dict[str, _Term]]]) -> None:
        self._answers = answers

    def query(self, text: str, **_: Any) -> list[dict[str, _Term]]:
        return self._answers[text]


class _Row(dict[str, _Term]):
    """A result row where an unbound variable reads as None, as pyoxigraph's does."""

    def __missing__(self, key: str) -> None:
        return None


async def _run(pool: WorkerPool, text: str, timeout: float) -> list[dict[str, _Term]]:
    _, body = await pool.run_to_bytes(QueryJob(text), timeout)
    bindings = json.loads(body)["results"]["bindings"]
    return [_Row({k: _Term(v["value"]) for k, v in b.items()}) for b in bindings]


async def _network(request: Request, pool: WorkerPool, timeout: float) -> Network:
    """The whole network of the served generation, built once per generation."""
    cache: dict[str, Network] = getattr(request.app.state, "export_networks", None) or {}
    generation = pool.generation
    if generation in cache:
        return cache[generation]
    texts = [(_SPARQL / f"{name}.rq").read_text(encoding="utf-8") for name in _QUERIES]
    rows = await asyncio.gather(*(_run(pool, t, timeout) for t in texts))
    net = load_network(_Answers(dict(zip(texts, rows, strict=True))))  # type: ignore[arg-type]
    request.app.state.export_networks = {generation: net}
    return net


def _window(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    for name, value in (("from", start), ("to", end)):
        if value and date_bounds(value) is None:
            raise Problem(400, f"{name}={value}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    lo = date_bounds(start)[0] if start else None  # type: ignore[index]
    hi = date_bounds(end)[1] if end else None  # type: ignore[index]
    return lo, hi


@router.get(
    "/export/{fmt}",
    summary="The graph, or a part of it, for Gephi, Cytoscape, GIS tools or spreadsheets",
    responses={
        200: {
            "content": {
                "application/gexf+xml": {},
                "application/graphml+xml": {},
                "application/json": {},
                "application/geo+json": {},
                "text/csv": {},
            }
        }
    },
)
async def export(
    request: Request,
    fmt: str,
    pool: PoolDep,
    settings: SettingsDep,
    around: Annotated[str | None, Query(max_length=2000)] = None,
    depth: Annotated[int, Query(ge=1, le=4)] = 1,
    start: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    article: Annotated[list[str] | None, Query(max_length=200)] = None,
    part: Annotated[str, Query(pattern="^(nodes|edges)$")] = "edges",
) -> Response:
    """``fmt``: gexf, graphml, cytoscape, geojson or csv (``part=nodes|edges``: the two
    CSV lists). ``around`` an IRI with ``depth`` steps, ``from``/``to`` a time window,
    ``article`` (repeatable) article ids: the same cuts as ``kg export``."""
    if fmt not in _EXTENSIONS:
        raise Problem(404, f"format must be one of {', '.join(_EXTENSIONS)}")
    lo, hi = _window(start, end)
    net = await _network(request, pool, settings.timeout)
    if around and around not in net.nodes:
        raise Problem(404, f"around={around}: no such entity or event in the graph")
    net = select(net, around, depth, lo, hi, article or [])
    name = f"marsad.{_EXTENSIONS[fmt]}"
    if fmt == "csv":
        nodes, edges = to_csv(net)
        body = nodes if part == "nodes" else edges
        media_type, name = "text/csv; charset=utf-8", f"marsad-{part}.csv"
    else:
        media_type, writer = FORMATS[fmt]
        body = writer(net)
    return Response(
        body, media_type=media_type, headers={"Content-Disposition": f'inline; filename="{name}"'}
    )


@router.get("/explore", response_class=HTMLResponse, summary="The graph explorer page")
async def explore(
    request: Request, entity: Annotated[str | None, Query(max_length=2000)] = None
) -> Response:
    """An entity's neighbourhood as a network (Cytoscape.js), a timeline of its events and
    a map of their places; the data come from ``/export/cytoscape``."""
    return templates.TemplateResponse(request, "explore.html", {"entity": entity or ""})


@router.get("/assets/cytoscape/cytoscape.min.js", include_in_schema=False)
async def cytoscape_js(settings: SettingsDep) -> Response:
    """Cytoscape.js from ``node_modules`` (npm), served locally so the page works offline."""
    path = settings.assets_dir / _CYTOSCAPE_JS
    if not path.is_file():
        raise Problem(404, "node_modules/cytoscape is missing: run npm ci")
    return FileResponse(path, media_type="text/javascript")
