"""Self-description: the SPARQL Service Description (GET /sparql without a query) and the
VoID description of the dataset (GET /void), both content-negotiated RDF."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from server.catalogue import load_rq
from server.formats import GRAPH, PAGE, negotiate
from server.http_errors import Problem
from server.settings import Settings
from server.workers import QueryJob, WorkerPool

__all__ = ["service_description", "void_triples", "rdf_response"]

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
DCT = "http://purl.org/dc/terms/"
SKOS_EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"
WD_SPACE = "http://www.wikidata.org/entity/"
ID_SPACE = "https://w3id.org/marsad/id/"
_PREFIXES = {
    "sd": SD,
    "void": VOID,
    "dcterms": DCT,
    "formats": FORMATS,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "marsad": "https://w3id.org/marsad/ontology#",
}
_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "TriG",
    "JSON-LD",
    "RDF_XML",
)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: object) -> ox.Literal:
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_n("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(str(value))


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def rdf_response(triples: Iterable[ox.Triple], accept: str | None) -> Response:
    choice = negotiate(accept, GRAPH)
    if choice is None:
        raise Problem(406, f"nothing we write matches Accept: {accept}")
    body = ox.serialize(
        list(triples),
        format=getattr(ox.RdfFormat, choice.format),
        prefixes=_PREFIXES if choice.format in ("TURTLE", "TRIG") else None,
    )
    return Response(body, media_type=choice.content_type, headers={"Vary": "Accept"})


def service_description(request: Request, settings: Settings, accept: str | None) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint (browsers go to the UI)."""
    page = negotiate(accept, PAGE)
    if page is not None and page.format == "HTML" and "text/html" in (accept or ""):
        return RedirectResponse("/", status_code=303)
    base = base_url(request)
    svc = _n(f"{base}/sparql#service")
    t = [
        ox.Triple(svc, RDF_TYPE, _n(SD + "Service")),
        ox.Triple(svc, _n(SD + "endpoint"), _n(f"{base}/sparql")),
        ox.Triple(svc, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
        ox.Triple(svc, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
        ox.Triple(svc, _n(SD + "feature"), _n(SD + "BasicFederatedQuery")),
        ox.Triple(svc, _n(DCT + "title"), ox.Literal("Marsad SPARQL endpoint", language="en")),
        ox.Triple(svc, _n(DCT + "title"), ox.Literal("نقطة SPARQL لمرصد", language="ar")),
    ]
    if settings.update_token is not None:
        t.append(ox.Triple(svc, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Update")))
    for f in _RESULT_FORMATS:
        t.append(ox.Triple(svc, _n(SD + "resultFormat"), _n(FORMATS + f)))
    ds = _n(f"{base}/void#dataset")
    t += [
        ox.Triple(svc, _n(SD + "defaultDataset"), ds),
        ox.Triple(ds, RDF_TYPE, _n(SD + "Dataset")),
        ox.Triple(ds, _n(VOID + "sparqlEndpoint"), _n(f"{base}/sparql")),
    ]
    return rdf_response(t, accept)


async def _select(pool: WorkerPool, name: str, timeout: float) -> list[dict[str, str]]:
    _, body = await pool.run_to_bytes(QueryJob(load_rq(name)), timeout)
    rows = json.loads(body)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


async def void_triples(pool: WorkerPool, base: str, timeout: float) -> list[ox.Triple]:
    """VoID: triples per graph, class partitions overall and per graph, the Wikidata
    linkset. Computed from the store (four aggregate queries)."""
    graphs = await _select(pool, "void-graphs", timeout)
    classes = await _select(pool, "void-classes", timeout)
    overall = await _select(pool, "void-all-classes", timeout)
    links = await _select(pool, "void-linkset", timeout)
    ds = _n(f"{base}/void#dataset")
    t = [
        ox.Triple(ds, RDF_TYPE, _n(VOID + "Dataset")),
        ox.Triple(ds, _n(DCT + "title"), ox.Literal("Marsad", language="en")),
        ox.Triple(ds, _n(DCT + "title"), ox.Literal("مرصد", language="ar")),
        ox.Triple(ds, _n(VOID + "sparqlEndpoint"), _n(f"{base}/sparql")),
        ox.Triple(ds, _n(VOID + "uriSpace"), ox.Literal(ID_SPACE)),
        ox.Triple(ds, _n(VOID + "triples"), _lit(sum(int(g["triples"]) for g in graphs))),
    ]
    for row in overall:
        part = ox.BlankNode()
        t += [
            ox.Triple(ds, _n(VOID + "classPartition"), part),
            ox.Triple(part, _n(VOID + "class"), _n(row["class"])),
            ox.Triple(part, _n(VOID + "entities"), _lit(int(row["entities"]))),
        ]
    for g in graphs:
        node = _n(g["g"])
        t += [
            ox.Triple(ds, _n(VOID + "subset"), node),
            ox.Triple(node, RDF_TYPE, _n(VOID + "Dataset")),
            ox.Triple(node, _n(VOID + "triples"), _lit(int(g["triples"]))),
        ]
    for row in classes:
        part = ox.BlankNode()
        t += [
            ox.Triple(_n(row["g"]), _n(VOID + "classPartition"), part),
            ox.Triple(part, _n(VOID + "class"), _n(row["class"])),
            ox.Triple(part, _n(VOID + "entities"), _lit(int(row["entities"]))),
        ]
    ls = _n(f"{base}/void#wikidata-links")
    wd = _n(f"{base}/void#wikidata")
    count = int(links[0].get("links", 0)) if links else 0
    t += [
        ox.Triple(ls, RDF_TYPE, _n(VOID + "Linkset")),
        ox.Triple(ds, _n(VOID + "subset"), ls),
        ox.Triple(ls, _n(VOID + "linkPredicate"), _n(SKOS_EXACT)),
        ox.Triple(ls, _n(VOID + "subjectsTarget"), ds),
        ox.Triple(ls, _n(VOID + "objectsTarget"), wd),
        ox.Triple(ls, _n(VOID + "triples"), _lit(count)),
        ox.Triple(wd, RDF_TYPE, _n(VOID + "Dataset")),
        ox.Triple(wd, _n(VOID + "uriSpace"), ox.Literal(WD_SPACE)),
        ox.Triple(wd, _n(VOID + "sparqlEndpoint"), _n("https://query.wikidata.org/sparql")),
    ]
    return t
