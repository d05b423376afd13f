"""Soak test (opt-in, ``make soak``): mixed SPARQL load on loopback for minutes, checking
that nothing fails but by design (503 under overload or past the time limit, 400 for the
malformed queries we send on purpose) and that the server's memory stays flat.

Builds the bundled corpus into a temporary store, starts ``kg serve`` on a free loopback
port, drives it with ``bench.loadgen`` in ``--segments`` equal slices (so memory can be
sampled during each: the proportional set size of the server and its worker processes,
every two seconds), and prints a JSON summary. Memory growth compares the median sample of
the last slice with the median of the first (warm-up): a median, because a query worker
killed at the time limit and its replacement make single samples jump both ways.

``python -m bench.soak [--minutes 10] [--clients 32] [--segments 10] [--out FILE]``
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from bench.loadgen import run_load

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
#: queries that must fail: malformed (400) and a cartesian product stopped by the timeout
MALFORMED = ("malformed", "SELECT * WHERE { ?s ?p ")
RUNAWAY = ("runaway", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
GOOD = [
    ("ask", "ASK { ?s ?p ?o }"),
    ("classes", "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"),
    (
        "labels",
        "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 100",
    ),
    ("all", "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"),
]


def _catalogue() -> list[tuple[str, str]]:
    """The example queries (no federation: nothing leaves loopback), plus GOOD."""
    out = list(GOOD)
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        if "SERVICE" not in text.upper():
            out.append((path.stem, text))
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return pids


def _pss_kb(pids: list[int]) -> int:
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def soak(minutes: float, clients: int, segments: int, timeout: float) -> dict[str, Any]:
    """Run the soak and return its figures (see the module docstring)."""
    work = Path(tempfile.mkdtemp(prefix="marsad-soak-"))
    store = work / "store"
    kg = [sys.executable, "-m", "kg"]
    subprocess.run(
        [*kg, "build", str(ARTICLES), "--store", str(store)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            *kg,
            "serve",
            "--store",
            str(store),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--timeout",
            str(timeout),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/ready", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("kg serve did not become ready")
            time.sleep(0.5)
        queries = _catalogue() * 4 + [MALFORMED, RUNAWAY]
        statuses: Counter[str] = Counter()
        unexpected: Counter[str] = Counter()
        memory: list[int] = []
        latencies: list[float] = []
        seconds = minutes * 60 / segments
        samples: list[int] = []
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(2.0):
                samples.append(_pss_kb(_tree(server.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        for _ in range(segments):
            del samples[:]
            result = run_load(url + "/sparql", queries, clients, seconds, grace=timeout + 30)
            for name, secs, outcome in result["records"]:
                statuses[f"{name if name in ('malformed', 'runaway') else 'good'}:{outcome}"] += 1
                # a malformed query is a 400 once a worker parses it, or a 503 when every
                # worker is busy and the request is turned away before any parsing
                expected = {"malformed": {400, 503}, "runaway": {503}}.get(name, {200, 503})
                if outcome not in expected:
                    unexpected[f"{name}:{outcome}"] += 1
                if name not in ("malformed", "runaway") and outcome == 200:
                    latencies.append(secs)
            memory.append(int(statistics.median(samples or [_pss_kb(_tree(server.pid))])))
        stop.set()
        latencies.sort()
        warm, last = memory[0], memory[-1]
        return {
            "minutes": minutes,
            "clients": clients,
            "timeout_s": timeout,
            "requests": sum(statuses.values()),
            "statuses": dict(sorted(statuses.items())),
            "unexpected": dict(unexpected),
            "good_p50_ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
            "good_p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 1)
            if latencies
            else None,
            "pss_kb_median_per_segment": memory,
            "memory_growth_after_warmup": round((last - warm) / warm, 4) if warm else None,
            "server_alive": server.poll() is None,
            "ok": not unexpected and warm > 0 and (last - warm) / warm < 0.10,
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.soak")
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--segments", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=5.0, help="the server's query time limit")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    figures = soak(args.minutes, args.clients, args.segments, args.timeout)
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
