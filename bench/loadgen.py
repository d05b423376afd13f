"""A closed-loop SPARQL load generator, run in a process of its own (asyncio + httpx).

``C`` clients each send one query, wait for the whole answer, then send the next, walking
the catalogue round-robin from different starting points. New requests stop at the
deadline; those in flight get ``grace`` seconds more and are then counted as unfinished.
Requests go to loopback only (the URL is checked), and never more than ``max_requests``.

``python -m bench.loadgen URL QUERIES.json CONCURRENCY DURATION OUT.json``
writes per-request records ``[query name, seconds, HTTP status or error]`` (a 503 whose
body says a query worker failed is recorded as ``"503 worker failed"``, apart from the
503s of a busy server or a query past the time limit).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

__all__ = ["run_load"]

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


async def _client(http: httpx.AsyncClient, url: str, queries: list[tuple[str, str]],
                  start: int, deadline: float, budget: list[int],
                  records: list[list[Any]]) -> None:
    i = start
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        name, text = queries[i % len(queries)]
        i += 1
        t = time.perf_counter()
        try:
            r = await http.post(url, content=text.encode("utf-8"), headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json"})
            body = await r.aread()
            outcome: Any = r.status_code
            if outcome == 503 and b"worker failed" in body:
                outcome = "503 worker failed"  # never by design, unlike busy or timed out
        except httpx.HTTPError as e:
            outcome = type(e).__name__
        records.append([name, time.perf_counter() - t, outcome])


async def _run(url: str, queries: list[tuple[str, str]], concurrency: int, duration: float,
               grace: float, max_requests: int) -> dict[str, Any]:
    records: list[list[Any]] = []
    budget = [max_requests]
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    timeout = httpx.Timeout(duration + grace)
    async with httpx.AsyncClient(limits=limits, timeout=timeout, trust_env=False) as http:
        started = time.monotonic()
        deadline = started + duration
        tasks = [asyncio.create_task(_client(http, url, queries, c * 7, deadline, budget,
                                             records)) for c in range(concurrency)]
        done, pending = await asyncio.wait(tasks, timeout=duration + grace)
        for task in pending:
            task.cancel()
        elapsed = time.monotonic() - started
    return {"records": records, "elapsed": elapsed, "unfinished": len(pending)}


def run_load(url: str, queries: list[tuple[str, str]], concurrency: int, duration: float,
             grace: float = 30.0, max_requests: int = 100_000) -> dict[str, Any]:
    """Drive ``url`` with ``concurrency`` clients for ``duration`` seconds (loopback only)."""
    host = urlparse(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"{url}: the load generator only targets loopback addresses")
    return asyncio.run(_run(url, queries, concurrency, duration, grace, max_requests))


def _main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.loadgen")
    ap.add_argument("url")
    ap.add_argument("queries", type=Path, help="JSON list of [name, query text]")
    ap.add_argument("concurrency", type=int)
    ap.add_argument("duration", type=float)
    ap.add_argument("out", type=Path)
    ap.add_argument("--grace", type=float, default=30.0)
    ap.add_argument("--max-requests", type=int, default=100_000)
    args = ap.parse_args(argv)
    queries = [tuple(q) for q in json.loads(args.queries.read_text(encoding="utf-8"))]
    result = run_load(args.url, queries, args.concurrency, args.duration,  # type: ignore[arg-type]
                      args.grace, args.max_requests)
    args.out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
