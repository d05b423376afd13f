"""The SPARQL 1.1 Graph Store HTTP Protocol on ``/store`` (``?graph=IRI`` or
``?default``): GET for everyone, PUT/POST/DELETE only with the update token."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Header, Request
from fastapi.responses import Response

from server.catalogue import load_rq
from server.deps import PoolDep, SettingsDep, require_token
from server.formats import GRAPH, negotiate
from server.http_errors import Problem, from_worker
from server.protocol import Params, media_type_of, read_body
from server.responses import stream_result
from server.settings import Settings
from server.workers import QueryJob, WorkerPool, WriteJob

__all__ = ["router"]

router = APIRouter(tags=["Graph Store protocol"])


def _target(request: Request) -> str | None:
    params = Params.parse(request.url.query)
    graph = params.one("graph")
    if ("default" in params) == (graph is not None):
        raise Problem(400, "give exactly one of ?default or ?graph=IRI")
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as e:
            raise Problem(400, f"graph is not a valid IRI: {e}") from e
    return graph


@router.get("/store", summary="Read a graph (Graph Store Protocol)")
async def get_graph(
    request: Request,
    settings: SettingsDep,
    pool: PoolDep,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    graph = _target(request)
    choice = negotiate(accept, GRAPH)
    if choice is None:
        raise Problem(406, f"nothing we write matches Accept: {accept}")
    if graph is None:
        job = QueryJob(
            load_rq("graph-default"),
            graph_format=choice.format,
            default_graph=("",),
            named_graphs=(),
            max_bytes=settings.max_result_bytes,
        )
    else:
        job = QueryJob(
            load_rq("graph-get"),
            graph_format=choice.format,
            substitutions={"g": graph},
            max_bytes=settings.max_result_bytes,
        )
    return await stream_result(pool, job, settings.timeout, {"graph": choice})


@router.put("/store", summary="Replace a graph (needs the update token)")
async def put_graph(request: Request, settings: SettingsDep, pool: PoolDep) -> Response:
    return await _write(request, settings, pool)


@router.post("/store", summary="Add to a graph (needs the update token)")
async def post_graph(request: Request, settings: SettingsDep, pool: PoolDep) -> Response:
    return await _write(request, settings, pool)


@router.delete("/store", summary="Delete a graph (needs the update token)")
async def delete_graph(request: Request, settings: SettingsDep, pool: PoolDep) -> Response:
    return await _write(request, settings, pool)


async def _write(request: Request, settings: Settings, pool: WorkerPool) -> Response:
    require_token(request, settings)
    graph = _target(request)
    data, media = b"", ""
    if request.method != "DELETE":
        media, _ = media_type_of(request)
        if ox.RdfFormat.from_media_type(media) is None:
            raise Problem(
                415, f"send RDF ({', '.join(c.media_type for c in GRAPH[:6])}), not '{media}'"
            )
        data = await read_body(request, settings.max_request_bytes)
    job = WriteJob(request.method.lower(), data=data, media_type=media, graph=graph, base_iri=graph)
    outcome, message = await pool.write(job, settings.timeout)
    if outcome != "ok":
        fmt = ox.RdfFormat.from_media_type(media) if media else None
        raise from_worker(outcome, message, language=fmt.name if fmt else "RDF")
    return Response(status_code=204)
