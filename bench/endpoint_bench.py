"""The endpoint under load, side by side: Marsad, a bare Oxigraph server, rdflib-endpoint.

All three serve the same data in the same run: Marsad (``kg serve``) and ``oxigraph
serve-read-only --union-default-graph`` open the same store generation; rdflib-endpoint
loads an N-Quads dump of it into an rdflib ``Dataset`` (union default graph). The query
catalogue is every ``.rq`` file under ``queries/`` except federated ones (``SERVICE``
would leave the machine). A query that the bare Oxigraph server cannot answer within the
screening limit on this store is left out of the load and reported, since one runaway
query would only measure the time limit.

Load comes from ``bench.loadgen`` in a separate process, on 127.0.0.1, for a fixed time;
servers are measured one at a time (the others idle), interleaved across repeats and
concurrency levels so that background load on the machine spreads over all three.

Two query mixes are measured: ``catalogue`` (the project's ``queries/``: whole-graph
scans that return every actor, event or claim) and ``probes`` (``bench/queries/``: the
selective lookups and small aggregates of an entity page or a dashboard).
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

__all__ = ["catalogue", "run_endpoint_bench", "percentile"]

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
PROBES = Path(__file__).resolve().parent / "queries"
BIN = Path(sys.executable).parent
_SERVICE = re.compile(r"^\s*[^#\n]*\bSERVICE\b", re.I | re.M)


@dataclass
class Server:
    name: str
    url: str
    proc: subprocess.Popen[bytes]


def catalogue(root: Path = QUERIES) -> tuple[list[tuple[str, str]], list[str]]:
    """(name, text) of each non-federated query under ``root``, and notes on those left out."""
    out, notes = [], []
    for path in sorted(root.rglob("*.rq")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(root))
        if _SERVICE.search(text):
            notes.append(f"{name}: federated (SERVICE), left out: it would leave the machine")
            continue
        out.append((name, text))
    return out, notes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ask(url: str, query: str, timeout: float) -> tuple[float, int | str]:
    t = time.perf_counter()
    try:
        r = httpx.post(url, content=query.encode("utf-8"), timeout=timeout, trust_env=False,
                       headers={"Content-Type": "application/sparql-query",
                                "Accept": "application/sparql-results+json"})
        return time.perf_counter() - t, r.status_code
    except httpx.HTTPError as e:
        return time.perf_counter() - t, type(e).__name__


@contextmanager
def _server(name: str, cmd: list[str], url: str, log: Path, ready_s: float) -> Iterator[Server]:
    """Start ``cmd`` in its own process group; stop that group (and only it) afterwards."""
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + ready_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}; see {log}")
            _, status = _ask(url, "ASK { ?s ?p ?o }", 5.0)
            if status == 200:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} not ready after {ready_s} s; see {log}")
            time.sleep(0.3)
        yield Server(name, url, proc)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation; NaN for no values."""
    if not values:
        return math.nan
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def _summarise(result: dict[str, Any]) -> dict[str, Any]:
    recs = result["records"]
    ok = [r for r in recs if r[2] == 200]
    lat = [r[1] for r in ok]
    per_query: dict[str, list[float]] = {}
    for name, s, _ in ok:
        per_query.setdefault(name, []).append(s)
    kinds: dict[str, int] = {}
    for r in recs:
        if r[2] != 200:
            kinds[str(r[2])] = kinds.get(str(r[2]), 0) + 1
    return {"requests": len(recs), "ok": len(ok), "errors": len(recs) - len(ok),
            "error_kinds": kinds,
            "unfinished": result["unfinished"],
            "p50": percentile(lat, 0.5), "p95": percentile(lat, 0.95),
            "p99": percentile(lat, 0.99), "throughput": len(ok) / result["elapsed"],
            "per_query_p50": {k: percentile(v, 0.5) for k, v in per_query.items()}}


def _load(url: str, queries: list[tuple[str, str]], concurrency: int, duration: float,
          grace: float, tmp: Path) -> dict[str, Any]:
    qfile, out = tmp / "queries.json", tmp / "load.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    out.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "bench.loadgen", url, str(qfile), str(concurrency),
                    str(duration), str(out), "--grace", str(grace)],
                   cwd=ROOT, check=True, timeout=duration + grace + 60)
    return _summarise(json.loads(out.read_text()))


def _dump(store_root: Path, target: Path) -> int:
    import pyoxigraph as ox

    from kg.store import open_store

    store = open_store(store_root)
    store.dump(str(target), ox.RdfFormat.N_QUADS)
    return len(store)


def run_endpoint_bench(store_root: Path, *, concurrencies: Sequence[int], duration: float,
                       repeats: int, screen_limit: float, grace: float,
                       with_rdflib: bool = True) -> dict[str, Any]:
    """Measure the three servers on the store at ``store_root``; figures per repeat."""
    cat, notes = catalogue()
    probes, _ = catalogue(PROBES)
    queries = [(n, t) for n, t in cat] + [(f"probe/{n}", t) for n, t in probes]
    gen = (store_root / "current").resolve()
    tmp = Path(tempfile.mkdtemp(prefix="marsad-endpoint-"))
    try:
        quads = _dump(store_root, tmp / "dump.nq") if with_rdflib else 0
        ports = {k: _free_port() for k in ("marsad", "oxigraph", "rdflib")}
        specs = {
            "marsad": ([str(BIN / "kg"), "serve", "--store", str(store_root), "--host",
                        "127.0.0.1", "--port", str(ports["marsad"]), "--timeout",
                        str(max(30.0, screen_limit * 2))],
                       f"http://127.0.0.1:{ports['marsad']}/sparql"),
            "oxigraph": ([str(BIN / "oxigraph"), "serve-read-only", "--location", str(gen),
                          "--bind", f"127.0.0.1:{ports['oxigraph']}", "--union-default-graph",
                          "--timeout-s", str(int(max(30.0, screen_limit * 2)))],
                         f"http://127.0.0.1:{ports['oxigraph']}/query"),
        }
        if with_rdflib:
            if shutil.which("rdflib-endpoint", path=str(BIN)) is None:
                notes.append("rdflib-endpoint not installed (bench extra): left out")
            else:
                specs["rdflib"] = ([str(BIN / "rdflib-endpoint"), "serve", str(tmp / "dump.nq"),
                                    "--host", "127.0.0.1", "--port", str(ports["rdflib"])],
                                   f"http://127.0.0.1:{ports['rdflib']}/")
        runs: list[dict[str, Any]] = []
        with _server("oxigraph", *specs["oxigraph"], tmp / "oxigraph.log", 60) as ox_srv:
            screened: list[tuple[str, str]] = []
            screen: dict[str, Any] = {}
            for name, text in queries:
                seconds, status = _ask(ox_srv.url, text, screen_limit)
                screen[name] = {"seconds": seconds, "status": status}
                if status == 200 and seconds <= screen_limit:
                    screened.append((name, text))
                else:
                    notes.append(f"{name}: left out of the load, the bare Oxigraph server took "
                                 f"{seconds:.1f} s (limit {screen_limit} s, outcome {status}) "
                                 f"on this store")
            if not screened:
                raise RuntimeError("no query of the catalogue answers within the screening limit")
            with _server("marsad", *specs["marsad"], tmp / "marsad.log", 120) as m_srv:
                servers = [m_srv, ox_srv]
                with (_server("rdflib", *specs["rdflib"], tmp / "rdflib.log", 600)
                      if "rdflib" in specs else _nothing()) as r_srv:
                    if r_srv is not None:
                        servers.append(r_srv)
                    for srv in servers:  # one warm-up pass each (caches, lazy imports)
                        for _, text in screened:
                            _ask(srv.url, text, screen_limit * 20)
                    mixes = {"catalogue": [q for q in screened if not q[0].startswith("probe/")],
                             "probes": [q for q in screened if q[0].startswith("probe/")]}
                    for rep in range(repeats):
                        for mix, mix_queries in mixes.items():
                            for c in concurrencies:
                                for srv in servers:
                                    if not mix_queries:
                                        continue
                                    fig = _load(srv.url, mix_queries, c, duration, grace, tmp)
                                    runs.append({"server": srv.name, "mix": mix,
                                                 "concurrency": c, "repeat": rep, **fig})
        return {"runs": runs, "queries": [n for n, _ in screened], "screen": screen,
                "notes": notes, "quads": quads, "duration": duration, "repeats": repeats,
                "concurrencies": list(concurrencies), "servers": list(specs)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def ratios(runs: list[dict[str, Any]], num: str, den: str, c: int,
           mix: str) -> dict[str, list[float]]:
    """Per repeat at concurrency ``c``: p50 of ``num`` over p50 of ``den`` (the mix), and the
    geometric mean over queries of the per-query p50 ratio; min/median/max over repeats."""
    whole, geo = [], []
    runs = [r for r in runs if r["mix"] == mix and r["concurrency"] == c]
    for rep in sorted({r["repeat"] for r in runs}):
        a = next((r for r in runs if r["server"] == num and r["repeat"] == rep), None)
        b = next((r for r in runs if r["server"] == den and r["repeat"] == rep), None)
        if not a or not b or not a["ok"] or not b["ok"]:
            continue
        whole.append(a["p50"] / b["p50"])
        common = set(a["per_query_p50"]) & set(b["per_query_p50"])
        if common:
            logs = [math.log(a["per_query_p50"][q] / b["per_query_p50"][q]) for q in common]
            geo.append(math.exp(statistics.fmean(logs)))
    return {"mix": whole, "geomean": geo}
