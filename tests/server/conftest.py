"""The endpoint under test: a small Marsad-shaped store (``data/*.ttl``), a loopback
stand-in for Wikidata, and a live server over both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from server.settings import WIKIDATA_SPARQL
from tests.conftest import LiveServer, make_store
from tests.server.standin import StandIn, start_standin

DATA = Path(__file__).resolve().parent / "data"
GRAPH = "https://w3id.org/marsad/id/graph/"
TIMEOUT = 2.0


def _filler(n: int) -> str:
    """``n`` plain triples, so that a six-way cartesian product runs for hours."""
    return "\n".join(f"<urn:filler:{i}> <urn:filler:p> {i} ." for i in range(n))


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("endpoint") / "store"
    return make_store(
        root,
        {
            GRAPH + "t1": (DATA / "marsad-sample.ttl").read_text(encoding="utf-8"),
            GRAPH + "t2": (DATA / "marsad-sample-2.ttl").read_text(encoding="utf-8"),
            GRAPH + "filler": _filler(60),
        },
    )


@pytest.fixture(scope="session")
def standin() -> Iterator[StandIn]:
    s = start_standin()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def server(live_server_factory, sample_store: Path, standin: StandIn) -> LiveServer:  # type: ignore[no-untyped-def]
    """The read-only endpoint (no update token), timeout 2 s, Wikidata -> stand-in."""
    return live_server_factory(
        store_dir=sample_store,
        timeout=TIMEOUT,
        workers=3,
        service_upstream={WIKIDATA_SPARQL: standin.url},
        queries_dir=DATA / "queries",
        relay_max_wait=3.0,
    )
