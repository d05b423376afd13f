"""Prefixes bound on every graph the mappings produce, so Turtle output reads well."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.vocab import ACT, GEO, ID, MARSAD, OA, SCHEMA, SEM, WD

__all__ = ["bind_prefixes"]

PREFIXES = {
    "marsad": MARSAD._NS, "act": ACT._NS, "id": ID, "wd": WD, "geo": GEO, "oa": OA,
    "schema": SCHEMA, "sem": SEM, "prov": PROV, "skos": SKOS, "rdf": RDF, "rdfs": RDFS,
    "owl": OWL, "xsd": XSD,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind Marsad's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
