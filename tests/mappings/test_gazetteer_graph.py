"""The gazetteer graph: every entry, under the same IRIs the article graphs use."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.validate import validate_graph, validate_union
from kg.vocab import MARSAD, SCHEMA, WD, entity_iri

gazetteer = pytest.importorskip("kg.gazetteer", reason="the gazetteer package is not there yet")


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    loaded = gazetteer.load_gazetteer()
    if not loaded.entries:
        pytest.skip("the gazetteer has no entries yet")
    return loaded


@pytest.fixture(scope="module")
def graph(gaz) -> Graph:  # type: ignore[no-untyped-def]
    from mappings import gazetteer_graph

    return gazetteer_graph()


def test_every_entry_is_typed_and_labelled_in_arabic(gaz, graph: Graph) -> None:  # type: ignore[no-untyped-def]
    for entry in gaz.entries.values():
        iri = entity_iri(entry.ref())
        assert (iri, RDF.type, MARSAD[entry.type]) in graph
        assert (iri, RDFS.label, Literal(entry.name_ar, lang="ar")) in graph


def test_linked_entries_are_named_by_qid_and_matched_to_wikidata(gaz, graph: Graph) -> None:  # type: ignore[no-untyped-def]
    linked = [e for e in gaz.entries.values() if e.qid]
    if not linked:
        pytest.skip("no gazetteer entry has a QID yet")
    for entry in linked:
        iri = entity_iri(entry.ref())
        assert str(iri).endswith(f"/entity/{entry.qid}")
        assert (iri, SKOS.exactMatch, WD[entry.qid]) in graph


def test_aliases_are_alt_labels(gaz, graph: Graph) -> None:  # type: ignore[no-untyped-def]
    entry = next((e for e in gaz.entries.values() if e.aliases_ar), None)
    if entry is None:
        pytest.skip("no gazetteer entry has aliases yet")
    alts = {str(a) for a in graph.objects(entity_iri(entry.ref()), SKOS.altLabel)}
    assert set(entry.aliases_ar) - {entry.name_ar} <= alts


def test_places_lie_in_their_country_and_actors_belong_to_it(gaz, graph: Graph) -> None:  # type: ignore[no-untyped-def]
    with_country = [e for e in gaz.entries.values() if e.country in gaz.entries]
    if not with_country:
        pytest.skip("no gazetteer entry names its country yet")
    for entry in with_country:
        link = SCHEMA.containedInPlace if entry.type == "Place" else MARSAD.affiliation
        country = entity_iri(gaz.entries[entry.country].ref())
        assert (entity_iri(entry.ref()), link, country) in graph


@pytest.mark.slow
def test_gazetteer_graph_conforms_to_the_shapes(graph: Graph) -> None:
    report = validate_graph(graph)
    assert report.conforms, report.text
    union = validate_union(graph)
    assert union.conforms, union.text
