"""The W3C SPARQL 1.1 Protocol tests, read from their manifest and sent over HTTP to the
real server (with an update token, so the update tests run too).

Each test is a sequence of HTTP requests with expected status classes and, for queries,
the expected result format (and boolean). The manifest's ``/sparql/`` paths go to the
server's ``/sparql/``. Graph data named by ``ut:graphData`` is in the store before the
test (loaded at start, and put back with the Graph Store Protocol after an update test
cleared it).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from tests.conftest import HTTP, SHARED, LiveServer, make_store

SUITE = SHARED / "w3c" / "sparql11" / "protocol"
MANIFEST = SUITE / "manifest.ttl"
TOKEN = "w3c-protocol-token"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

TABULAR = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
RDF_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-quads",
    "application/trig",
    "text/plain",
)


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    fmt: str | None
    boolean: bool | None


@dataclass
class ProtocolTest:
    id: str
    name: str
    graph_data: dict[str, Path] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    @property
    def updates(self) -> bool:
        return any(
            "update" in r.headers.get("content-type", "") or (r.body or b"").startswith(b"update=")
            for r in self.requests
        )


def load_tests() -> list[ProtocolTest]:
    if not MANIFEST.exists():
        return []
    g = Graph().parse(MANIFEST, format="turtle", publicID=MANIFEST.as_uri())
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(manifest, MF.entries)):
        t = ProtocolTest(str(entry).rsplit("#", 1)[-1], str(g.value(entry, MF.name)))
        for gd in g.objects(entry, UT.graphData):
            t.graph_data[str(g.value(gd, RDFS.label))] = Path(str(g.value(gd, UT.graph))[7:])
        action = g.value(entry, MF.action)
        for req in Collection(g, g.value(action, HT.requests)):
            headers = {}
            hlist = g.value(req, HT.headers)
            if hlist is not None:
                for h in Collection(g, hlist):
                    headers[str(g.value(h, HT.fieldName)).lower()] = str(g.value(h, HT.fieldValue))
            body = None
            b = g.value(req, HT.body)
            if b is not None:
                enc = str(g.value(b, CNT.characterEncoding) or "UTF-8")
                body = str(g.value(b, CNT.chars)).encode(enc)
            resp = g.value(req, HT.resp)
            statuses = {str(s).rsplit("#", 1)[-1] for s in g.objects(resp, MF.expectedStatus)}
            fmt = g.value(resp, MF.expectedFormat)
            boolean = g.value(resp, MF.expectedBoolean)
            t.requests.append(
                Request(
                    str(g.value(req, HT.methodName)),
                    str(g.value(req, HT.absolutePath)),
                    headers,
                    body,
                    statuses,
                    str(fmt) if fmt is not None else None,
                    boolean.toPython() if boolean is not None else None,
                )
            )
        tests.append(t)
    return tests


TESTS = load_tests()


@pytest.fixture(scope="module")
def protocol_server(live_server_factory, tmp_path_factory) -> LiveServer:  # type: ignore[no-untyped-def]
    if not MANIFEST.exists():
        pytest.skip(f"{MANIFEST} is absent: the W3C suites live in ../shared/w3c")
    graphs = {}
    for t in TESTS:
        for label, path in t.graph_data.items():
            graphs[label] = path.read_text(encoding="utf-8")
    store = make_store(tmp_path_factory.mktemp("w3c-protocol") / "store", graphs)
    srv = live_server_factory(store_dir=store, timeout=10.0, update_token=TOKEN, workers=2)
    srv.dirty = False  # type: ignore[attr-defined]
    return srv


def _restore_graphs(srv: LiveServer, test: ProtocolTest) -> None:
    for label, path in test.graph_data.items():
        r = HTTP.put(
            srv.url + "/store",
            params={"graph": label},
            content=path.read_bytes(),
            headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 204, r.text


def _status_class(code: int) -> str:
    return f"StatusCode{code // 100}xx"


def _boolean(resp: httpx.Response) -> bool:
    ctype = resp.headers["content-type"].split(";")[0]
    fmt = ox.QueryResultsFormat.from_media_type(ctype)
    assert fmt is not None, ctype
    return bool(ox.parse_query_results(io.BytesIO(resp.content), fmt))  # type: ignore[arg-type]


def test_the_protocol_suite_is_complete() -> None:
    if not MANIFEST.exists():
        pytest.skip(f"{MANIFEST} is absent")
    assert len(TESTS) == 34


@pytest.mark.parametrize("test", TESTS, ids=[t.id for t in TESTS])
def test_w3c_protocol(protocol_server: LiveServer, test: ProtocolTest) -> None:
    srv = protocol_server
    if test.graph_data and srv.dirty:  # type: ignore[attr-defined]
        _restore_graphs(srv, test)
    if test.updates:
        srv.dirty = True  # type: ignore[attr-defined]
    for req in test.requests:
        assert req.path.startswith("/sparql/")
        headers = {**req.headers, "authorization": f"Bearer {TOKEN}"}
        resp = HTTP.request(req.method, srv.url + req.path, headers=headers, content=req.body)
        assert _status_class(resp.status_code) in req.statuses, (
            f"{req.method} {req.path}: {resp.status_code} {resp.text[:300]}"
        )
        if req.fmt == "boolean":
            assert resp.headers["content-type"].split(";")[0] in TABULAR[:2]
            value = _boolean(resp)
            if req.boolean is not None:
                assert value is req.boolean
        elif req.fmt == "tabular":
            assert resp.headers["content-type"].split(";")[0] in TABULAR
        elif req.fmt == "RDF":
            assert resp.headers["content-type"].split(";")[0] in RDF_TYPES
