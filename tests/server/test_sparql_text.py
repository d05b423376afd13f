"""What the endpoint reads in a query before Oxigraph runs it: SERVICE targets, LOAD,
the protocol's USING clauses; and Accept negotiation."""

from __future__ import annotations

import pytest

from server.formats import GRAPH, PAGE, SOLUTIONS, negotiate
from server.sparql_text import (
    DatasetConflict,
    add_using,
    has_keyword,
    rewrite_services,
    service_calls,
)


def test_service_targets_are_resolved_with_prefixes_and_base() -> None:
    q = """BASE <http://a.example/dir/>
    PREFIX w: <https://query.wikidata.org/>
    SELECT * { SERVICE w:sparql { ?s ?p ?o } SERVICE SILENT <other> { } SERVICE ?v { } }"""
    calls = service_calls(q)
    assert [(c.iri, c.silent) for c in calls] == [
        ("https://query.wikidata.org/sparql", False),
        ("http://a.example/dir/other", True),
        (None, False),
    ]


def test_service_in_strings_comments_and_names_is_not_a_call() -> None:
    q = '''SELECT * { ?s <urn:p> "SERVICE <http://x/>" , """a
    SERVICE <http://y/> b""" . ?s ex:SERVICE ?o }  # SERVICE <http://z/>'''
    assert service_calls(q) == []
    assert service_calls("select * { service <http://x/> {} }")[0].iri == "http://x/"


def test_rewrite_changes_only_the_service_targets() -> None:
    q = "PREFIX w: <https://w/> SELECT * { SERVICE w:s { ?a ?b 'w:s' } } # w:s"
    out = rewrite_services(q, service_calls(q), lambda iri: "http://relay/0")
    assert (
        out == "PREFIX w: <https://w/> SELECT * { SERVICE <http://relay/0> { ?a ?b 'w:s' } } # w:s"
    )


def test_load_is_found_as_a_keyword_only() -> None:
    assert has_keyword("LOAD <http://x/> INTO GRAPH <urn:g>", "LOAD")
    assert not has_keyword("INSERT DATA { <urn:a> <urn:b> 'LOAD <x>' }", "LOAD")


def test_using_clauses_go_before_the_where_of_each_modify() -> None:
    u = (
        "CLEAR ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } ; "
        "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o } ; DELETE WHERE { ?a ?b ?c }"
    )
    out = add_using(u, ["urn:d"], ["urn:n"])
    assert out == (
        "CLEAR ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } ; "
        "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } USING <urn:d> USING NAMED <urn:n> "
        "WHERE { ?s ?p ?o } ; DELETE WHERE { ?a ?b ?c }"
    )
    assert add_using(u, [], []) == u


@pytest.mark.parametrize(
    "u",
    [
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } USING <urn:g> WHERE { ?s ?p ?o }",
    ],
)
def test_using_parameters_conflict_with_with_or_using(u: str) -> None:
    with pytest.raises(DatasetConflict):
        add_using(u, ["urn:d"], [])


@pytest.mark.parametrize(
    "accept,table,expected",
    [
        (None, SOLUTIONS, "application/sparql-results+json"),
        ("*/*", GRAPH, "text/turtle"),
        ("text/*", SOLUTIONS, "text/csv"),
        (
            "text/csv;q=0.1, application/sparql-results+xml",
            SOLUTIONS,
            "application/sparql-results+xml",
        ),
        (
            "application/*;q=0.2, text/tab-separated-values;q=0.3",
            SOLUTIONS,
            "text/tab-separated-values",
        ),
        ("text/html, application/xhtml+xml, */*;q=0.8", PAGE, "text/html"),
        ("application/ld+json;q=1, text/html;q=0.5", PAGE, "application/ld+json"),
        ("text/turtle;q=0, */*;q=0.1", GRAPH, "application/n-triples"),
        ("image/png", SOLUTIONS, None),
        ("text/csv;q=0", SOLUTIONS, None),
    ],
)
def test_accept_negotiation(accept: str | None, table: tuple, expected: str | None) -> None:  # type: ignore[type-arg]
    choice = negotiate(accept, table)
    assert (choice.media_type if choice else None) == expected
