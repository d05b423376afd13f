"""The SPARQL 1.1 Protocol on ``/sparql``: query by GET, POST form or POST
``application/sparql-query``; update by POST form or ``application/sparql-update`` (with
the token); the service description on GET without a query.

The query text goes to Oxigraph unchanged, except that allowed ``SERVICE`` endpoints are
pointed at the relay route; a ``SERVICE`` to anything else is refused with 400 before the
query runs, so no request leaves the server for it.
"""

from __future__ import annotations

import secrets
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response

from server.deps import PoolDep, SettingsDep, require_token
from server.description import service_description
from server.formats import BOOLEAN, GRAPH, SOLUTIONS, negotiate
from server.http_errors import Problem, from_worker
from server.protocol import Params, decode_utf8, media_type_of, read_body
from server.responses import stream_result
from server.settings import Settings
from server.sparql_text import (
    DatasetConflict,
    add_using,
    has_keyword,
    rewrite_services,
    service_calls,
)
from server.workers import QueryJob, WorkerPool, WriteJob

__all__ = ["router", "guard_services"]

router = APIRouter(tags=["SPARQL protocol"])

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
_DOC = {
    "description": "SPARQL results (JSON, XML, CSV, TSV) or RDF (Turtle, N-Triples, "
    "N-Quads, TriG, JSON-LD, RDF/XML), chosen by the Accept header.",
    "content": {"application/sparql-results+json": {}, "text/turtle": {}},
}


def guard_services(text: str, request: Request, settings: Settings) -> tuple[str, bool]:
    """Refuse SERVICE calls outside the allow-list (400); point allowed ones at the relay.
    Returns the text to run and whether it calls a service."""
    calls = service_calls(text)
    if not calls:
        return text, False
    allowed = list(settings.service_allow)
    for c in calls:
        if c.iri is None:
            raise Problem(
                400,
                f"SERVICE {c.target}: the endpoint must be an IRI from the "
                "allow-list, not a variable or an unknown prefix",
            )
        if c.iri not in allowed:
            raise Problem(
                400,
                f"SERVICE <{c.iri}> is not allowed; this endpoint federates "
                f"only with: {', '.join(allowed) or 'nothing'}",
            )
    key: str = request.app.state.relay_key
    base = settings.self_url
    return rewrite_services(
        text, calls, lambda iri: f"{base}/relay/{key}/{allowed.index(iri)}"
    ), True


@router.get(
    "/sparql", summary="SPARQL query (GET) or the service description", responses={200: _DOC}
)
@router.get("/sparql/", include_in_schema=False)
async def sparql_get(
    request: Request,
    settings: SettingsDep,
    pool: PoolDep,
    accept: Annotated[str | None, Header()] = None,
    query: Annotated[str | None, Query(description="the SPARQL query")] = None,
    default_graph_uri: Annotated[
        list[str] | None, Query(alias="default-graph-uri", description="default graph(s)")
    ] = None,
    named_graph_uri: Annotated[
        list[str] | None, Query(alias="named-graph-uri", description="named graph(s)")
    ] = None,
) -> Response:
    """``?query=`` runs a query (``default-graph-uri``, ``named-graph-uri`` optional);
    without it, the service description. Updates need POST.

    The parameters are declared for the OpenAPI description; the handler reads the raw
    query string itself, to refuse a repeated ``query`` as the protocol asks."""
    params = Params.parse(request.url.query)
    if "update" in params:
        raise Problem(400, "SPARQL Update must be sent with POST")
    query = params.one("query")
    if query is None:
        return service_description(request, settings, accept)
    if len(query.encode("utf-8")) > settings.max_request_bytes:
        raise Problem(413, f"the query is longer than {settings.max_request_bytes} bytes")
    return await _query(request, settings, pool, query, params, accept)


_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/sparql-update": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
        },
    }
}


@router.post(
    "/sparql",
    summary="SPARQL query or update (POST)",
    responses={200: _DOC},
    openapi_extra=_POST_BODY,
)
@router.post("/sparql/", include_in_schema=False)
async def sparql_post(
    request: Request,
    settings: SettingsDep,
    pool: PoolDep,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """Form (``query=`` or ``update=``), ``application/sparql-query`` or
    ``application/sparql-update`` bodies, UTF-8 only."""
    params = Params.parse(request.url.query)
    media, _ = media_type_of(request)
    body = await read_body(request, settings.max_request_bytes)
    if media == _FORM:
        form = Params.parse(decode_utf8(body, "form body"))
        params = Params(params.pairs + form.pairs)
        query, update = params.one("query"), params.one("update")
        if query is not None and update is not None:
            raise Problem(400, "give either 'query' or 'update', not both")
        if query is None and update is None:
            raise Problem(400, "the form has neither a 'query' nor an 'update' field")
    elif media == _QUERY:
        query, update = decode_utf8(body, "query"), None
    elif media == _UPDATE:
        query, update = None, decode_utf8(body, "update")
    else:
        raise Problem(
            415,
            f"POST a SPARQL query as {_QUERY} or {_FORM}, an update as "
            f"{_UPDATE} or {_FORM} (got '{media or 'no content type'}')",
        )
    if query is not None:
        return await _query(request, settings, pool, query, params, accept)
    assert update is not None
    return await _update(request, settings, pool, update, params)


async def _query(
    request: Request,
    settings: Settings,
    pool: WorkerPool,
    query: str,
    params: Params,
    accept: str | None,
) -> Response:
    text, federated = guard_services(query, request, settings)
    choices = {
        "solutions": negotiate(accept, SOLUTIONS),
        "boolean": negotiate(accept, BOOLEAN),
        "graph": negotiate(accept, GRAPH),
    }
    if not any(choices.values()):
        raise Problem(406, f"nothing we write matches Accept: {accept}")
    default = _graph_iris(params, "default-graph-uri", default_allowed=True)
    named = _graph_iris(params, "named-graph-uri")
    dataset = bool(default or named)
    job = QueryJob(
        query=text,
        solutions_format=_fmt(choices["solutions"]),
        boolean_format=_fmt(choices["boolean"]),
        graph_format=_fmt(choices["graph"]),
        default_graph=tuple(default) if dataset else None,
        named_graphs=tuple(named) if dataset else None,
        # relative IRIs resolve against the endpoint ("the service MAY use its own URL")
        base_iri=str(request.url.replace(query="")),
        max_bytes=settings.max_result_bytes,
    )
    return await stream_result(pool, job, settings.timeout, choices, federated)


def _graph_iris(params: Params, name: str, *, default_allowed: bool = False) -> list[str]:
    """The values of the protocol parameter ``name``, each checked to be an absolute IRI.

    Checked here, in the web process, so a bad value is a 400 naming the parameter and
    never reaches a worker (where it would fail outside the query's error handling) or the
    text of an update (where a ``>`` would end the IRI). An empty ``default-graph-uri``
    names the store's own default graph."""
    values = params.all(name)
    for value in values:
        if value == "" and default_allowed:
            continue
        try:
            ox.NamedNode(value)
        except ValueError as e:
            raise Problem(400, f"{name} must be an absolute IRI, got {value!r}: {e}") from e
    return values


def _fmt(choice: object) -> str | None:
    return getattr(choice, "format", None)


async def _update(
    request: Request, settings: Settings, pool: WorkerPool, update: str, params: Params
) -> Response:
    require_token(request, settings)
    if has_keyword(update, "LOAD"):
        raise Problem(
            400,
            "LOAD is not allowed: the endpoint does not fetch URLs; load "
            "data with kg build or the Graph Store Protocol",
        )
    text, _ = guard_services(update, request, settings)
    try:
        text = add_using(
            text, _graph_iris(params, "using-graph-uri"), _graph_iris(params, "using-named-graph-uri")
        )
    except DatasetConflict as e:
        raise Problem(400, str(e)) from e
    base = str(request.url.replace(query=""))
    outcome, message = await pool.write(
        WriteJob("update", text=text, base_iri=base), settings.timeout
    )
    if outcome != "ok":
        raise from_worker(outcome, message)
    request.app.state.write_id = secrets.token_hex(4)
    return Response(status_code=204)
