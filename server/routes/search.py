"""Name search with Arabic normalisation and prefix matching: ``/api/search?q=``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from server.deps import SearchDep
from server.pages import page_path

__all__ = ["router"]

router = APIRouter(tags=["search"])


@router.get("/api/search", summary="Find entities by (part of) a name, Arabic or English")
async def search(
    search: SearchDep,
    q: Annotated[str, Query(max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[dict[str, Any]]:
    """Matches rdfs:label and skos:altLabel after folding (hamza, taa marbuta, alef
    maqsura, diacritics, digits); a query matches the start of the name or of any word in
    it. Each hit has the IRI, its Arabic and English labels and its page."""
    hits = await search.search(q, limit)
    return [
        {
            "iri": h.iri,
            "label": h.label,
            "label_ar": h.label_ar,
            "label_en": h.label_en,
            "matched": h.matched,
            "page": page_path(h.iri),
        }
        for h in hits
    ]
