"""Writes with the update token: SPARQL Update and the Graph Store Protocol, applied to a
new store generation and seen by the next query; tokens checked in constant time."""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest

from tests.conftest import HTTP, LiveServer, make_store
from tests.server.conftest import DATA, GRAPH

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def writable(live_server_factory, tmp_path_factory) -> LiveServer:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("writable") / "store"
    make_store(root, {GRAPH + "t2": (DATA / "marsad-sample-2.ttl").read_text(encoding="utf-8")})
    return live_server_factory(store_dir=root, timeout=10.0, workers=2, update_token=TOKEN)


def ask(srv: LiveServer, query: str) -> bool:
    r = HTTP.post(srv.url + "/sparql", data={"query": query})
    assert r.status_code == 200, r.text
    return bool(r.json()["boolean"])


def test_update_needs_the_right_token(writable: LiveServer) -> None:
    upd = "INSERT DATA { GRAPH <urn:g:token> { <urn:a> <urn:b> 'x' } }"
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
    ):
        r = HTTP.post(writable.url + "/sparql", data={"update": upd}, headers=headers)
        assert r.status_code == 401 and "WWW-Authenticate" in r.headers
    assert not ask(writable, "ASK { GRAPH <urn:g:token> { ?s ?p ?o } }")
    r = HTTP.post(writable.url + "/sparql", data={"update": upd}, headers=AUTH)
    assert r.status_code == 204, r.text
    assert ask(writable, "ASK { GRAPH <urn:g:token> { <urn:a> <urn:b> 'x' } }")


def test_malformed_update_is_400_and_changes_nothing(writable: LiveServer) -> None:
    r = HTTP.post(
        writable.url + "/sparql",
        content=b"INSERT DATA { <urn:a> }",
        headers={**AUTH, "Content-Type": "application/sparql-update"},
    )
    assert r.status_code == 400 and "malformed SPARQL" in r.text


def test_malformed_turtle_put_is_400_naming_turtle_and_changes_nothing(
    writable: LiveServer,
) -> None:
    r = HTTP.put(
        writable.url + "/store",
        params={"graph": "urn:g:bad-turtle"},
        content="<urn:a> <urn:b> .".encode(),
        headers={**AUTH, "Content-Type": "text/turtle"},
    )
    assert r.status_code == 400 and "malformed Turtle" in r.text, r.text
    assert not ask(writable, "ASK { GRAPH <urn:g:bad-turtle> { ?s ?p ?o } }")


def test_load_and_foreign_service_are_refused_in_updates(writable: LiveServer) -> None:
    for upd in (
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    ):
        r = HTTP.post(writable.url + "/sparql", data={"update": upd}, headers=AUTH)
        assert r.status_code == 400, upd


def test_graph_store_protocol_put_get_post_delete(writable: LiveServer) -> None:
    g = "urn:g:gsp"
    nt = b'<urn:s> <urn:p> "\xd9\x85\xd8\xb5\xd8\xb1"@ar .\n'
    r = HTTP.put(
        writable.url + "/store",
        params={"graph": g},
        content=nt,
        headers={**AUTH, "Content-Type": "application/n-triples"},
    )
    assert r.status_code == 204, r.text
    r = HTTP.get(
        writable.url + "/store", params={"graph": g}, headers={"Accept": "application/n-triples"}
    )
    assert [q.object.value for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)] == ["مصر"]
    r = HTTP.post(
        writable.url + "/store",
        params={"graph": g},
        content=b"<urn:s2> <urn:p> 2 .",
        headers={**AUTH, "Content-Type": "text/turtle"},
    )
    assert r.status_code == 204
    r = HTTP.get(writable.url + "/store", params={"graph": g}, headers={"Accept": "text/turtle"})
    assert len(list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))) == 2
    assert (
        HTTP.delete(writable.url + "/store", params={"graph": g}, headers=AUTH).status_code == 204
    )
    assert not ask(writable, f"ASK {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    bad = HTTP.put(
        writable.url + "/store",
        params={"graph": g},
        content=b"<urn:s> <urn:p> .",
        headers={**AUTH, "Content-Type": "application/n-triples"},
    )
    assert bad.status_code == 400
    assert (
        HTTP.put(
            writable.url + "/store",
            params={"graph": g},
            content=b"x",
            headers={**AUTH, "Content-Type": "image/png"},
        ).status_code
        == 415
    )


def test_service_description_announces_update_when_a_token_is_set(writable: LiveServer) -> None:
    r = HTTP.get(writable.url + "/sparql", headers={"Accept": "application/n-triples"})
    sd = "http://www.w3.org/ns/sparql-service-description#"
    langs = {
        q.object.value
        for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)
        if q.predicate.value == sd + "supportedLanguage"
    }
    assert langs == {sd + "SPARQL11Query", sd + "SPARQL11Update"}


def test_search_index_follows_updates(writable: LiveServer) -> None:
    assert HTTP.get(writable.url + "/api/search", params={"q": "طرابلس"}).json() == []
    upd = (
        "INSERT DATA { GRAPH <urn:g:place> { <https://w3id.org/marsad/id/entity/place/tst> "
        "<http://www.w3.org/2000/01/rdf-schema#label> 'طرابلس الاختبارية'@ar } }"
    )
    assert (
        HTTP.post(writable.url + "/sparql", data={"update": upd}, headers=AUTH).status_code == 204
    )
    hits = HTTP.get(writable.url + "/api/search", params={"q": "طرابلس"}).json()
    assert [h["iri"] for h in hits] == ["https://w3id.org/marsad/id/entity/place/tst"]


def test_a_build_swapping_the_generation_is_served_without_restart(writable: LiveServer) -> None:
    root = writable.app.state.settings.store_dir
    q = "ASK { GRAPH <https://w3id.org/marsad/id/graph/rebuilt> { ?s ?p ?o } }"
    assert not ask(writable, q)
    # what kg build does: write a new generation beside the served one, swap `current`
    make_store(root, {GRAPH + "rebuilt": "<urn:new> <urn:p> 1 ."})
    deadline = time.monotonic() + 5
    while not ask(writable, q):
        assert time.monotonic() < deadline, "the new generation was not picked up"
        time.sleep(0.2)
