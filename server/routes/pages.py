"""``/id/{path}``: the page of every IRI Marsad mints, HTML or RDF by Accept."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Header, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from server.catalogue import load_rq
from server.deps import PoolDep, SettingsDep
from server.formats import GRAPH, PAGE, negotiate
from server.http_errors import Problem
from server.pages import gather_page, iri_for_path
from server.responses import stream_result
from server.workers import QueryJob

__all__ = ["router", "templates"]

router = APIRouter(tags=["linked data"])
_FORMAT_PARAM = {
    "html": "text/html",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))


@router.get(
    "/id/{path:path}",
    summary="The page of a Marsad IRI (HTML, Turtle, JSON-LD...)",
    responses={200: {"content": {"text/html": {}, "text/turtle": {}, "application/ld+json": {}}}},
)
async def entity(
    request: Request,
    path: str,
    settings: SettingsDep,
    pool: PoolDep,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    iri = iri_for_path(path)
    if iri is None:
        raise Problem(404, "not a Marsad IRI")
    fmt = request.query_params.get("format")
    if fmt is not None:
        if fmt not in _FORMAT_PARAM:
            raise Problem(406, f"format must be one of {', '.join(_FORMAT_PARAM)}")
        accept = _FORMAT_PARAM[fmt]
    choice = negotiate(accept, PAGE)
    if choice is None:
        raise Problem(406, f"nothing we write matches Accept: {accept}")
    if path.startswith("graph/"):  # a named graph: its content is the Graph Store's
        return RedirectResponse(f"/store?{urlencode({'graph': iri})}", status_code=303)
    if choice.format != "HTML":
        job = QueryJob(
            load_rq("entity-rdf"),
            graph_format=choice.format,
            substitutions={"s": iri},
            max_bytes=settings.max_result_bytes,
        )
        return await stream_result(pool, job, settings.timeout, {"graph": choice})
    page = await gather_page(pool, iri, settings.timeout)
    status = 200 if page.found else 404
    return templates.TemplateResponse(
        request,
        "entity.html",
        {"page": page, "graph_formats": GRAPH},
        status_code=status,
        headers={"Vary": "Accept"},
    )
