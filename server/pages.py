"""Linked-data pages: what the page of one minted IRI shows, gathered from the store.

Every IRI under ``https://w3id.org/marsad/id/`` is served at ``/id/{rest}``: HTML for
browsers (Arabic, right to left, with English labels beside), RDF by Accept. The page
queries are ``server/sparql/entity-*.rq`` with the IRI bound by substitution.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from server.catalogue import load_rq
from server.workers import QueryJob, WorkerPool

__all__ = ["ID_SPACE", "WD_SPACE", "EntityPage", "page_path", "iri_for_path", "gather_page"]

ID_SPACE = "https://w3id.org/marsad/id/"
WD_SPACE = "http://www.wikidata.org/entity/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
SKOS_EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"


def page_path(iri: str) -> str | None:
    """The local page of a minted IRI (``/id/...``), None for other IRIs."""
    return "/id/" + iri[len(ID_SPACE) :] if iri.startswith(ID_SPACE) else None


def iri_for_path(path: str) -> str | None:
    """The minted IRI a page path stands for, None when it is not a valid IRI."""
    iri = ID_SPACE + path
    try:
        ox.NamedNode(iri)
    except ValueError:
        return None
    return iri


@dataclass
class Term:
    """An RDF term as the page shows it."""

    value: str
    is_iri: bool
    lang: str = ""
    label_ar: str | None = None
    label_en: str | None = None

    @property
    def href(self) -> str | None:
        if not self.is_iri:
            return None
        if self.value.startswith(WD_SPACE):
            return "https://www.wikidata.org/wiki/" + self.value[len(WD_SPACE) :]
        return page_path(self.value) or self.value

    @property
    def local(self) -> bool:
        return self.is_iri and self.value.startswith(ID_SPACE)

    @property
    def short(self) -> str:
        v = self.value
        for sep in ("#", "/"):
            if sep in v.rstrip("/"):
                return v.rstrip("/").rsplit(sep, 1)[-1]
        return v


@dataclass
class EntityPage:
    iri: str
    label_ar: str | None = None
    label_en: str | None = None
    aliases: list[Term] = field(default_factory=list)
    types: list[Term] = field(default_factory=list)
    wikidata: list[str] = field(default_factory=list)
    statements: list[tuple[Term, Term]] = field(default_factory=list)
    incoming: list[tuple[Term, Term]] = field(default_factory=list)
    evidence: list[dict[str, str]] = field(default_factory=list)
    articles: list[dict[str, str]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.statements or self.incoming or self.evidence)


def _term(
    b: dict[str, str] | None, ar: dict[str, str] | None = None, en: dict[str, str] | None = None
) -> Term:
    assert b is not None
    return Term(
        b["value"],
        b["type"] == "uri",
        b.get("xml:lang", ""),
        ar["value"] if ar else None,
        en["value"] if en else None,
    )


async def _rows(
    pool: WorkerPool, name: str, iri: str, timeout: float
) -> list[dict[str, dict[str, str]]]:
    job = QueryJob(load_rq(name), substitutions={"s": iri})
    _, body = await pool.run_to_bytes(job, timeout)
    rows: list[dict[str, dict[str, str]]] = json.loads(body)["results"]["bindings"]
    return rows


async def gather_page(pool: WorkerPool, iri: str, timeout: float) -> EntityPage:
    """Run the four page queries (in parallel workers) and sort what they return."""
    out_rows, in_rows, ev_rows, art_rows = await asyncio.gather(
        _rows(pool, "entity-outgoing", iri, timeout),
        _rows(pool, "entity-incoming", iri, timeout),
        _rows(pool, "entity-evidence", iri, timeout),
        _rows(pool, "entity-articles", iri, timeout),
    )
    page = EntityPage(iri)
    for r in out_rows:
        p, o = _term(r["p"], r.get("par"), r.get("pen")), _term(r["o"], r.get("oar"), r.get("oen"))
        if p.value == RDFS_LABEL and not o.is_iri:
            if o.lang.lower().startswith("ar") and page.label_ar is None:
                page.label_ar = o.value
            elif o.lang.lower().startswith("en") and page.label_en is None:
                page.label_en = o.value
            else:
                page.aliases.append(o)
        elif p.value == SKOS_ALT:
            page.aliases.append(o)
        elif p.value == RDF_TYPE:
            page.types.append(o)
        elif p.value == SKOS_EXACT and o.value.startswith(WD_SPACE):
            page.wikidata.append(o.value[len(WD_SPACE) :])
        else:
            page.statements.append((p, o))
    for r in in_rows:
        page.incoming.append((_term(r["p"]), _term(r["x"], r.get("xar"), r.get("xen"))))
    for r in ev_rows:
        page.evidence.append({k: v["value"] for k, v in r.items()})
    for r in art_rows:
        page.articles.append({k: v["value"] for k, v in r.items()})
    return page
