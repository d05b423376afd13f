"""VoID, health and readiness."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from server.deps import PoolDep, SettingsDep
from server.description import base_url, rdf_response, void_triples

__all__ = ["router"]

router = APIRouter(tags=["about"])


@router.get("/void", summary="VoID description of the dataset (content-negotiated RDF)")
@router.get("/.well-known/void", include_in_schema=False)
async def void(
    request: Request,
    settings: SettingsDep,
    pool: PoolDep,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """Triples per article graph, entities per class (overall and per graph), and the
    linkset to Wikidata (skos:exactMatch). Cached per store generation."""
    pool.refresh()
    cache: dict[str, object] = request.app.state.void_cache
    key = f"{pool.generation}|{base_url(request)}"
    if key not in cache:
        cache.clear()
        cache[key] = await void_triples(pool, base_url(request), settings.timeout)
    return rdf_response(cache[key], accept)  # type: ignore[arg-type]


@router.get("/health", summary="Liveness: the web process answers")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready", summary="Readiness: query workers hold the store open")
async def ready(pool: PoolDep) -> JSONResponse:
    body = {
        "ready": pool.ready,
        "workers": pool.size,
        "busy": pool.busy,
        "generation": pool.generation.rsplit("/", 1)[-1],
        "killed": pool.kills,
    }
    return JSONResponse(body, status_code=200 if pool.ready else 503)


@lru_cache(maxsize=1)
def _ontology_page() -> str:
    from kg.docs import render_html
    from kg.validate import load_ontology

    return render_html(load_ontology())


@lru_cache(maxsize=1)
def _ontology_turtle() -> bytes:
    from kg.validate import load_ontology

    return load_ontology().serialize(format="turtle", encoding="utf-8")


@router.get("/ontology", summary="The Marsad ontology: documentation page, or Turtle by Accept")
def ontology(accept: Annotated[str | None, Header()] = None) -> Response:
    """The documentation generated from ontology/*.ttl (classes, properties, action types,
    with Arabic and English labels and a class diagram); ``Accept: text/turtle`` gives the
    ontology itself."""
    if accept and "text/turtle" in accept and "text/html" not in accept:
        return Response(_ontology_turtle(), media_type="text/turtle; charset=utf-8")
    return HTMLResponse(_ontology_page())
