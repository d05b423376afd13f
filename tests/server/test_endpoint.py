"""The endpoint over HTTP: formats, errors, limits, time limits, CORS, description."""

from __future__ import annotations

import csv
import io
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.conftest import HTTP, LiveServer
from tests.server.conftest import TIMEOUT

MARSAD = "PREFIX marsad: <https://w3id.org/marsad/ontology#>\n"
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n1 ?o . ?p ?q ?r }"
)
SELECT = MARSAD + "SELECT ?s ?title WHERE { ?s marsad:title ?title } ORDER BY ?s"
CONSTRUCT = MARSAD + "CONSTRUCT { ?s marsad:title ?t } WHERE { ?s marsad:title ?t }"


def post(srv: LiveServer, query: str, accept: str | None = None, **kw: object) -> httpx.Response:
    headers = {"Content-Type": "application/sparql-query"}
    if accept:
        headers["Accept"] = accept
    return HTTP.post(srv.url + "/sparql", content=query.encode(), headers=headers, timeout=30, **kw)  # type: ignore[arg-type]


# --- the protocol's basic forms -------------------------------------------------------


def test_get_form_and_direct_post_give_the_same_answer(server: LiveServer) -> None:
    a = HTTP.get(server.url + "/sparql", params={"query": SELECT}).json()
    b = HTTP.post(server.url + "/sparql", data={"query": SELECT}).json()
    c = post(server, SELECT).json()
    assert a == b == c
    titles = [row["title"]["value"] for row in a["results"]["bindings"]]
    assert titles == ["وفد ليبي يزور القاهرة في اختبار", "تقرير اختبار ثان"]


def test_default_graph_is_the_union_unless_the_request_names_graphs(server: LiveServer) -> None:
    count = MARSAD + "SELECT (COUNT(?s) AS ?n) WHERE { ?s a marsad:Source }"
    union = HTTP.get(server.url + "/sparql", params={"query": count}).json()
    one = HTTP.get(
        server.url + "/sparql",
        params={"query": count, "default-graph-uri": "https://w3id.org/marsad/id/graph/t2"},
    ).json()
    assert union["results"]["bindings"][0]["n"]["value"] == "2"
    assert one["results"]["bindings"][0]["n"]["value"] == "1"


@pytest.mark.parametrize(
    "accept,fmt",
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ],
)
def test_every_results_format_parses_back(
    server: LiveServer, accept: str, fmt: ox.QueryResultsFormat
) -> None:
    r = post(server, SELECT, accept)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(accept)
    ask = post(server, "ASK { ?s ?p ?o }", accept)
    if fmt == ox.QueryResultsFormat.CSV:  # lossy: Oxigraph does not read it, the csv module does
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert [row["title"] for row in rows][0] == "وفد ليبي يزور القاهرة في اختبار"
        assert ask.text.strip() == "true"
        return
    rows = list(ox.parse_query_results(io.BytesIO(r.content), fmt))  # type: ignore[arg-type]
    assert len(rows) == 2
    assert bool(ox.parse_query_results(io.BytesIO(ask.content), fmt)) is True


@pytest.mark.parametrize(
    "accept,fmt",
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/trig", ox.RdfFormat.TRIG),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_every_graph_format_parses_back(server: LiveServer, accept: str, fmt: ox.RdfFormat) -> None:
    r = post(server, CONSTRUCT, accept)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(accept)
    quads = list(ox.parse(r.content, format=fmt))
    assert len(quads) == 2
    assert {q.object.value for q in quads} == {
        "وفد ليبي يزور القاهرة في اختبار",
        "تقرير اختبار ثان",
    }


def test_q_values_choose_the_format(server: LiveServer) -> None:
    r = post(server, SELECT, "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1")
    assert r.headers["content-type"].startswith("text/csv")
    r = post(server, CONSTRUCT, "application/sparql-results+json, text/turtle;q=0.2")
    assert r.headers["content-type"].startswith("text/turtle")


def test_nothing_acceptable_is_406(server: LiveServer) -> None:
    assert post(server, SELECT, "image/png").status_code == 406
    # a format for graphs only does not fit a SELECT
    assert post(server, SELECT, "text/turtle").status_code == 406


# --- errors and limits ------------------------------------------------------------------


def test_malformed_query_is_400_with_the_parser_message(server: LiveServer) -> None:
    r = post(server, "SELECT ?s WHERE { ?s ?p }")
    assert r.status_code == 400
    assert "error at 1:" in r.text and "Traceback" not in r.text


def test_wrong_content_type_is_415_and_non_utf8_is_refused(server: LiveServer) -> None:
    r = HTTP.post(server.url + "/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = HTTP.post(
        server.url + "/sparql",
        content="ASK {}".encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert r.status_code == 415
    r = HTTP.post(
        server.url + "/sparql",
        content=b"ASK { \xff }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 400


def test_oversized_request_is_413(server: LiveServer) -> None:
    big = "ASK {}" + "#" * 1_100_000
    assert post(server, big).status_code == 413


def test_update_is_refused_without_a_configured_token(server: LiveServer) -> None:
    r = HTTP.post(
        server.url + "/sparql",
        content=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert r.status_code == 403
    r = HTTP.post(
        server.url + "/sparql",
        data={"update": "CLEAR ALL"},
        headers={"Authorization": "Bearer guess"},
    )
    assert r.status_code == 403
    r = HTTP.put(
        server.url + "/store?graph=urn:x",
        content=b"<urn:a> <urn:b> <urn:c> .",
        headers={"Content-Type": "application/n-triples"},
    )
    assert r.status_code == 403
    assert post(server, "ASK { ?s ?p ?o }").json()["boolean"] is True


# --- time limits ------------------------------------------------------------------------


def test_cheap_query_answers_while_a_runaway_runs_and_the_runaway_is_killed(
    server: LiveServer,
) -> None:
    pool = server.app.state.pool
    kills_before = pool.kills
    result: dict[str, object] = {}

    def runaway() -> None:
        t = time.monotonic()
        r = post(server, RUNAWAY)
        result["status"], result["seconds"] = r.status_code, time.monotonic() - t
        result["text"] = r.text

    th = threading.Thread(target=runaway)
    th.start()
    deadline = time.monotonic() + 3
    while not pool.busy_pids() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)  # the runaway is running now
    busy_pids = pool.busy_pids()
    assert len(busy_pids) == 1
    t = time.monotonic()
    cheap = post(server, "ASK { ?s ?p ?o }")
    assert cheap.status_code == 200 and time.monotonic() - t < 1.0
    th.join(timeout=TIMEOUT + 10)
    assert result["status"] == 503 and "time limit" in str(result["text"])
    assert TIMEOUT - 0.5 <= float(result["seconds"]) < TIMEOUT + 2  # type: ignore[arg-type]
    assert pool.kills == kills_before + 1
    assert busy_pids[0] not in pool.worker_pids()
    # the runaway's process is gone, not just forgotten (SIGKILL takes a moment to land)
    gone_by = time.monotonic() + 3
    while _running(busy_pids[0]) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert not _running(busy_pids[0])
    deadline = time.monotonic() + 10
    while len(pool.worker_pids()) < pool.size and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(pool.worker_pids()) == pool.size  # and replaced


def _running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture(scope="module")
def tight(live_server_factory, sample_store) -> LiveServer:  # type: ignore[no-untyped-def]
    """One worker, a queue of one, small request and result limits."""
    return live_server_factory(
        store_dir=sample_store,
        timeout=2.0,
        workers=1,
        queue_size=1,
        queue_wait=0.3,
        max_result_bytes=20_000,
        max_request_bytes=5_000,
    )


def test_all_workers_busy_means_503_with_retry_after(tight: LiveServer) -> None:
    th = threading.Thread(target=post, args=(tight, RUNAWAY))
    th.start()
    time.sleep(0.3)
    r = post(tight, "ASK {}")
    assert r.status_code == 503 and "Retry-After" in r.headers
    th.join()
    time.sleep(0.5)
    assert post(tight, "ASK {}").status_code == 200  # a fresh worker took over


def test_result_over_the_limit_is_413(tight: LiveServer) -> None:
    # the limit (20 kB) is below the first chunk (32 kB), so the status can still say it;
    # past the first chunk an oversized result is cut off (the connection is aborted)
    r = post(tight, "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }", "text/tab-separated-values")
    assert r.status_code == 413 and "larger than 20000 bytes" in r.text
    assert post(tight, "SELECT * WHERE { ?s ?p ?o } LIMIT 5").status_code == 200


def test_request_over_the_limit_is_413_for_get_and_post(tight: LiveServer) -> None:
    q = "ASK {}" + " " * 6_000
    assert post(tight, q).status_code == 413
    assert HTTP.post(tight.url + "/sparql", data={"query": q}).status_code == 413


# --- CORS, description, health ------------------------------------------------------------


def test_cors_preflight_allows_posting_queries_from_any_origin(server: LiveServer) -> None:
    r = HTTP.options(
        server.url + "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in r.headers
    r = HTTP.get(
        server.url + "/sparql",
        params={"query": "ASK {}"},
        headers={"Origin": "https://example.org"},
    )
    assert r.headers["access-control-allow-origin"] == "*"


def test_service_description_on_get_without_query(server: LiveServer) -> None:
    r = HTTP.get(server.url + "/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    quads = list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(
        q.predicate.value == sd + "endpoint" and q.object.value == server.url + "/sparql"
        for q in quads
    )
    langs = {q.object.value for q in quads if q.predicate.value == sd + "supportedLanguage"}
    assert langs == {sd + "SPARQL11Query"}  # no update without a token
    r = HTTP.get(server.url + "/sparql", headers={"Accept": "application/ld+json"})
    assert list(ox.parse(r.content, format=ox.RdfFormat.JSON_LD))


def test_void_counts_classes_graphs_and_wikidata_links(server: LiveServer) -> None:
    r = HTTP.get(server.url + "/void", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    store = ox.Store()
    store.load(r.content, format=ox.RdfFormat.N_TRIPLES)
    q = """PREFIX void: <http://rdfs.org/ns/void#>
      SELECT ?n WHERE {
        ?d void:classPartition [ void:class <https://w3id.org/marsad/ontology#Source> ;
                                 void:entities ?n ] ; void:sparqlEndpoint ?e }"""
    assert [row["n"].value for row in store.query(q)] == ["2"]
    q = """PREFIX void: <http://rdfs.org/ns/void#>
      SELECT ?n WHERE { <https://w3id.org/marsad/id/graph/t2> void:triples ?n }"""
    assert [row["n"].value for row in store.query(q)] == ["8"]
    q = """PREFIX void: <http://rdfs.org/ns/void#>
      SELECT ?n WHERE { ?l a void:Linkset ; void:triples ?n ;
                           void:linkPredicate <http://www.w3.org/2004/02/skos/core#exactMatch> }"""
    assert [row["n"].value for row in store.query(q)] == ["2"]


def test_health_readiness_and_openapi(server: LiveServer) -> None:
    assert HTTP.get(server.url + "/health").json() == {"status": "ok"}
    ready = HTTP.get(server.url + "/ready")
    assert ready.status_code == 200 and ready.json()["ready"] is True
    paths = HTTP.get(server.url + "/openapi.json").json()["paths"]
    assert {"/sparql", "/api/search", "/id/{path}", "/void", "/store"} <= set(paths)


def test_access_log_is_one_structured_record_per_request(
    server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="marsad.access"):
        HTTP.get(server.url + "/health?probe=1")
        time.sleep(0.1)
    records = [r.fields for r in caplog.records if r.name == "marsad.access"]  # type: ignore[attr-defined]
    mine = [f for f in records if f["path"] == "/health" and f["query_chars"] == 7]
    assert mine and mine[0]["status"] == 200 and mine[0]["method"] == "GET"
    assert {"ts", "client", "bytes", "ms"} <= set(mine[0])
