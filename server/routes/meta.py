"""VoID, health and readiness."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse, Response

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
