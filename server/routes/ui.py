"""The query UI at ``/``: YASGUI (from npm, served from ``node_modules``: it works
offline) with the example queries of ``queries/`` one click away."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from server.deps import CatalogueDep, SettingsDep
from server.routes.pages import templates

__all__ = ["router"]

router = APIRouter(tags=["query UI"])


@router.get("/", response_class=HTMLResponse, summary="The query UI (YASGUI)")
async def index(request: Request, catalogue: CatalogueDep, settings: SettingsDep) -> Response:
    have_yasgui = (settings.assets_dir / "@triply" / "yasgui" / "build" / "yasgui.min.js").exists()
    return templates.TemplateResponse(
        request,
        "index.html",
        {"queries": [asdict(q) for q in catalogue.queries], "have_yasgui": have_yasgui},
    )


@router.get("/api/prefixes", summary="Prefixes for the editor's autocompletion (prefix.cc format)")
async def prefixes() -> dict[str, str]:
    """Served locally so that the editor never calls prefix.cc: the UI works offline."""
    from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

    from kg.vocab import ACT, GEO, ID, MARSAD, OA, SCHEMA, SEM, WD

    spaces = {
        "marsad": MARSAD._NS,
        "act": ACT._NS,
        "id": ID,
        "wd": WD,
        "wdt": "http://www.wikidata.org/prop/direct/",
        "sem": SEM,
        "oa": OA,
        "geo": GEO,
        "schema": SCHEMA,
        "rdf": RDF._NS,
        "rdfs": RDFS._NS,
        "skos": SKOS._NS,
        "xsd": XSD._NS,
        "owl": OWL._NS,
        "prov": PROV._NS,
        "dcterms": DCTERMS._NS,
        "void": "http://rdfs.org/ns/void#",
        "sd": "http://www.w3.org/ns/sparql-service-description#",
    }
    return {k: str(v) for k, v in spaces.items()}


@router.get("/api/queries", summary="The example queries of queries/ with their descriptions")
async def queries(catalogue: CatalogueDep) -> list[dict[str, Any]]:
    return [asdict(q) for q in catalogue.queries]
