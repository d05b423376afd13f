"""A stand-in for Wikidata's query service on loopback: a tiny Wikidata-shaped graph
(Q-items, ``wdt:`` properties, labels) answered by pyoxigraph, with a record of every
request so tests can check what the relay sent (User-Agent, how many, how many at once)
and a switch that makes it answer 429 with Retry-After."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

# Fictional items (Q9990000xx): test data only, no real Wikidata item is described.
# wdt:P27 country of citizenship, wdt:P39 position held, wdt:P569 date of birth.
WIKIDATA_SHAPED = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
wd:Q999000001 rdfs:label "Abdel Fattah Tester"@en, "عبد الفتاح المختبر"@ar ;
    wdt:P27 wd:Q79 ; wdt:P569 "1950-01-02T00:00:00Z"^^xsd:dateTime ; wdt:P39 wd:Q999000100 .
wd:Q999000002 rdfs:label "Someone Else"@en ; wdt:P27 wd:Q1016 ;
    wdt:P569 "1960-03-04T00:00:00Z"^^xsd:dateTime ; wdt:P39 wd:Q999000101 .
wd:Q999000100 rdfs:label "Test Minister of Examples"@en .
wd:Q999000101 rdfs:label "Test Chief of Samples"@en .
"""


@dataclass
class StandIn:
    url: str
    requests: list[dict[str, str]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    throttle_next: int = 0
    retry_after: str = "1"
    delay: float = 0.0
    server: ThreadingHTTPServer | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


def start_standin() -> StandIn:
    store = ox.Store()
    store.load(WIKIDATA_SHAPED.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    state = StandIn(url="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _answer(self, query: str) -> None:
            with state.lock:
                state.requests.append(
                    {
                        "ua": self.headers.get("User-Agent", ""),
                        "query": query,
                        "accept": self.headers.get("Accept", ""),
                    }
                )
                state.in_flight += 1
                state.max_in_flight = max(state.max_in_flight, state.in_flight)
                throttle = state.throttle_next > 0
                if throttle:
                    state.throttle_next -= 1
            try:
                time.sleep(state.delay)
                if throttle:
                    self.send_response(429)
                    self.send_header("Retry-After", state.retry_after)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                try:
                    body = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)
                except SyntaxError as e:
                    data = str(e).encode()
                    self.send_response(400)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                assert body is not None
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            finally:
                with state.lock:
                    state.in_flight -= 1

        def do_GET(self) -> None:  # noqa: N802
            self._answer(parse_qs(urlparse(self.path).query).get("query", [""])[0])

        def do_POST(self) -> None:  # noqa: N802
            n = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(n).decode("utf-8")
            if "form" in self.headers.get("Content-Type", ""):
                body = parse_qs(body).get("query", [""])[0]
            self._answer(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.server = server
    state.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    return state
