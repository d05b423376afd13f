"""The gazetteer as RDF, and the look-ups the article mapping needs from it.

The gazetteer is another stage's data (``kg.gazetteer``); this module is the only place the
mappings touch it, so an absent or broken gazetteer shows up here with one clear error.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.records import EntityRef
from kg.vocab import GEO, MARSAD, SCHEMA, entity_iri, is_wikidata_qid, wikidata_iri
from mappings._literals import decimal_literal, text_literal
from mappings._namespaces import bind_prefixes

if TYPE_CHECKING:
    from kg.gazetteer import Gazetteer

__all__ = ["gazetteer_graph", "gazetteer_ref"]


def _gazetteer() -> Gazetteer:
    from kg.gazetteer import load_gazetteer

    return load_gazetteer()


def gazetteer_ref(key: str) -> EntityRef | None:
    """The gazetteer entry with id (or QID) ``key`` as an ``EntityRef``, or None.

    Used for ``EntityRef.affiliation``, which holds a gazetteer id rather than a ref. A
    missing gazetteer package (an early checkout) resolves nothing instead of failing.
    """
    try:
        gaz = _gazetteer()
    except ImportError:
        return None
    entry = gaz.entries.get(key)
    if entry is None and is_wikidata_qid(key):
        entry = _by_qid(id(gaz)).get(key)
    return entry.ref() if entry is not None else None


@lru_cache(maxsize=2)
def _by_qid(_gazetteer_id: int) -> dict[str, Any]:
    gaz = _gazetteer()
    return {e.qid: e for e in gaz.entries.values() if e.qid}


def gazetteer_graph() -> Graph:
    """Every gazetteer entry: type, labels, aliases, Wikidata link, coordinates, offices.

    Entries linked to Wikidata get the same IRI as in the article graphs (``entity/Q…``),
    so a query joins an article's mention with the gazetteer's aliases and offices.
    """
    gaz = _gazetteer()
    g = Graph()
    bind_prefixes(g)
    iris: dict[str, URIRef] = {}
    for entry_id in sorted(gaz.entries):
        entry = gaz.entries[entry_id]
        iri = entity_iri(entry.ref())
        iris[entry_id] = iri
        g.add((iri, RDF.type, MARSAD[entry.type]))
        g.add((iri, RDFS.label, Literal(entry.name_ar, lang="ar")))
        if entry.name_en:
            g.add((iri, RDFS.label, Literal(entry.name_en, lang="en")))
        for alias in entry.aliases_ar:
            if alias != entry.name_ar:
                g.add((iri, SKOS.altLabel, text_literal(alias)))
        if entry.qid:
            g.add((iri, SKOS.exactMatch, wikidata_iri(entry.qid)))
        if entry.lat is not None and entry.long is not None:
            g.add((iri, GEO.lat, decimal_literal(entry.lat, 6)))
            g.add((iri, GEO.long, decimal_literal(entry.long, 6)))
    for entry_id in sorted(gaz.entries):
        entry = gaz.entries[entry_id]
        if entry.country and entry.country in iris and entry.country != entry_id:
            # A place lies in its country; a person or group belongs to (acts for) it.
            link = SCHEMA.containedInPlace if entry.type == "Place" else MARSAD.affiliation
            g.add((iris[entry_id], link, iris[entry.country]))
    for office in gaz.offices:
        person = iris.get(office.person)
        if person is None:
            continue
        tenure = BNode()
        g.add((person, MARSAD.holds, tenure))
        g.add((tenure, RDF.type, MARSAD.Tenure))
        g.add((tenure, MARSAD.office, Literal(office.office)))
        if office.state in iris:
            g.add((tenure, MARSAD.officeOf, iris[office.state]))
        if office.start:
            g.add((tenure, MARSAD.startDate, Literal(office.start.isoformat(), datatype=XSD.date)))
        if office.end:
            g.add((tenure, MARSAD.endDate, Literal(office.end.isoformat(), datatype=XSD.date)))
    return g
