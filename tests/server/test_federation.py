"""SERVICE: only the allow-list, through the relay, with manners; nothing else leaves."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from server.relay import user_agent
from server.settings import PROJECT_URL
from tests.conftest import HTTP, LiveServer
from tests.listener import Listener
from tests.server.standin import StandIn

ROOT = Path(__file__).resolve().parents[2]
WD = "https://query.wikidata.org/sparql"


def sparql(srv: LiveServer, query: str) -> httpx.Response:
    return HTTP.post(
        srv.url + "/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )


def test_service_outside_the_allow_list_is_refused_and_nothing_leaves(server: LiveServer) -> None:
    listener = Listener()
    try:
        here = f"http://127.0.0.1:{listener.port}/"
        for q in [
            f"SELECT * WHERE {{ SERVICE <{here}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE SILENT <{here}sparql> {{ ?s ?p ?o }} }}",
            f"PREFIX x: <{here}> SELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
            f"BASE <{here}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<{here}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        ]:
            r = sparql(server, q)
            assert r.status_code == 400, q
            assert "SERVICE" in r.text
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_service_in_a_string_or_comment_is_not_a_service_call(server: LiveServer) -> None:
    q = 'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/>" AS ?x) } # SERVICE <http://127.0.0.1:9/>'
    r = sparql(server, q)
    assert r.status_code == 200
    assert r.json()["results"]["bindings"][0]["x"]["value"].startswith("SERVICE")


def test_federated_example_joins_marsad_people_with_wikidata_through_the_relay(
    server: LiveServer, standin: StandIn
) -> None:
    query = (ROOT / "queries" / "federated-wikidata.rq").read_text(encoding="utf-8")
    before = len(standin.requests)
    r = sparql(server, query)
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    assert [
        (row["name"]["value"], row["born"]["value"][:10], row["positionLabel"]["value"])
        for row in rows
    ] == [("عبد الفتّاح المُختبِر", "1950-01-02", "Test Minister of Examples")]
    sent = standin.requests[before:]
    assert len(sent) == 1
    assert sent[0]["ua"].startswith("Marsad/") and PROJECT_URL in sent[0]["ua"]
    assert sent[0]["ua"] == user_agent(PROJECT_URL)
    # the same call again comes from the relay's cache
    assert sparql(server, query).status_code == 200
    assert len(standin.requests) == before + 1


def test_relay_waits_out_a_429_and_sends_one_request_at_a_time(
    server: LiveServer, standin: StandIn
) -> None:
    standin.throttle_next, standin.retry_after = 1, "1"
    t = time.monotonic()
    q = (
        "PREFIX wdt: <http://www.wikidata.org/prop/direct/> "
        f"SELECT * WHERE {{ SERVICE <{WD}> {{ ?p wdt:P27 ?c }} }}"
    )
    r = sparql(server, q)
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 2
    assert time.monotonic() - t >= 1.0  # it honoured Retry-After before calling again

    standin.delay, standin.max_in_flight = 0.3, 0
    try:
        qs = [f"SELECT * WHERE {{ SERVICE <{WD}> {{ ?s ?p ?o }} }} LIMIT {n}" for n in (1, 2, 3)]
        threads = [threading.Thread(target=sparql, args=(server, q2)) for q2 in qs]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        standin.delay = 0.0
    assert standin.max_in_flight == 1


def test_long_retry_after_fails_fast_without_calling_again(
    server: LiveServer, standin: StandIn
) -> None:
    standin.throttle_next, standin.retry_after = 1, "120"
    q = f"SELECT * WHERE {{ SERVICE <{WD}> {{ ?s <urn:not-cached> ?o }} }}"
    r = sparql(server, q)
    assert r.status_code == 502
    n = len(standin.requests)
    r = sparql(server, q.replace("not-cached", "not-cached-either"))
    assert r.status_code == 502 and len(standin.requests) == n  # blocked until Retry-After
    server.app.state.relay._blocked_until.clear()


def test_relay_route_is_not_an_open_proxy(server: LiveServer) -> None:
    r = HTTP.post(
        server.url + "/relay/guess/0",
        content=b"ASK {}",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 404
