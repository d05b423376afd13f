"""The code that runs inside a query worker process (and the one-off writer process).

Kept apart from the web app so a worker imports little (pyoxigraph and ``kg.store``)
and forks fast. Messages on the pipe, all tuples:

- worker -> app at start: ``("ready", generation_path)`` or ``("fatal", message)``
- app -> worker: a ``QueryJob`` (or None to stop)
- worker -> app per job: ``("whole", kind, media_type, bytes)`` for a small result, or
  ``("head", kind, media_type, first_bytes)``, ``("chunk", bytes)``..., ``("end", total)``;
  or ``("error", code, message)`` at any point.

Results are written by Oxigraph's own serialisers straight into the pipe in chunks: the
app never rebuilds them row by row.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox

__all__ = ["QueryJob", "WriteJob", "serve_queries", "run_write"]

CHUNK = 32 * 1024


@dataclass(frozen=True)
class QueryJob:
    """One query as the protocol request gave it (after the SERVICE check)."""

    query: str
    #: format names per result kind (None: that kind is not acceptable, 406)
    solutions_format: str | None = "JSON"
    boolean_format: str | None = "JSON"
    graph_format: str | None = "TURTLE"
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    substitutions: dict[str, str] = field(default_factory=dict)
    max_bytes: int = 200_000_000


@dataclass(frozen=True)
class WriteJob:
    """A SPARQL Update or a Graph Store Protocol write, run by a one-off process on a new
    store generation (``kg.store.writer``) so that readers are never disturbed."""

    op: str  # update | put | post | delete
    text: str = ""
    data: bytes = b""
    media_type: str = ""
    graph: str | None = None  # None: the default graph (GSP ?default)
    base_iri: str | None = None


class _TooLarge(Exception):
    pass


class _PipeWriter:
    """A file-like sink for pyoxigraph's serialisers that sends CHUNK-sized messages.

    The first message carries the result kind and media type with the first chunk
    (``head``); a result that fits in one chunk goes as a single ``whole`` message, so a
    small answer costs one message."""

    def __init__(self, conn: Connection, limit: int, kind: str, media_type: str) -> None:
        self.conn = conn
        self.limit = limit
        self.kind = kind
        self.media_type = media_type
        self.buf = bytearray()
        self.total = 0
        self.started = False

    def write(self, data: bytes) -> int:
        self.buf += data
        self.total += len(data)
        if self.total > self.limit:
            raise _TooLarge
        if len(self.buf) >= CHUNK:
            self._send()
        return len(data)

    def _send(self) -> None:
        if self.started:
            self.conn.send(("chunk", bytes(self.buf)))
        else:
            self.conn.send(("head", self.kind, self.media_type, bytes(self.buf)))
            self.started = True
        self.buf.clear()

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if not self.started:
            self.conn.send(("whole", self.kind, self.media_type, bytes(self.buf)))
            return
        if self.buf:
            self._send()
        self.conn.send(("end", self.total))


def _open(root: Path) -> tuple[ox.Store, str]:
    from kg.store import current_generation, open_store

    store = open_store(root, read_only=True)
    gen = current_generation(root) or root
    return store, str(gen)


def serve_queries(conn: Connection, root: str) -> None:
    """Worker main loop: open the served generation read-only, answer jobs until told
    to stop. The app kills the process when a query outlives its time limit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        store, gen = _open(Path(root))
    except Exception as e:  # report any failure to open, the app decides what to do
        conn.send(("fatal", str(e)))
        return
    conn.send(("ready", gen))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        _answer(store, conn, job)


def _answer(store: ox.Store, conn: Connection, job: QueryJob) -> None:
    kwargs: dict[str, Any] = {}
    if job.default_graph is not None or job.named_graphs is not None:
        # "" stands for the store's own default graph (Graph Store Protocol ?default)
        kwargs["default_graph"] = [
            ox.DefaultGraph() if g == "" else ox.NamedNode(g) for g in job.default_graph or ()
        ]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    else:
        kwargs["use_default_graph_as_union"] = True
    if job.substitutions:
        kwargs["substitutions"] = {
            ox.Variable(k): ox.NamedNode(v) for k, v in job.substitutions.items()
        }
    try:
        results = store.query(job.query, base_iri=job.base_iri, **kwargs)
    except SyntaxError as e:
        conn.send(("error", "syntax", str(e)))
        return
    except Exception as e:  # reported to the app (500 + log), the worker lives on
        conn.send(("error", "eval", f"{type(e).__name__}: {e}"))
        return
    fmt: Any
    if isinstance(results, ox.QueryTriples):
        kind, name = "graph", job.graph_format
        fmt = getattr(ox.RdfFormat, name) if name else None
    elif isinstance(results, ox.QueryBoolean):
        kind, name = "boolean", job.boolean_format
        fmt = getattr(ox.QueryResultsFormat, name) if name else None
    else:
        kind, name = "solutions", job.solutions_format
        fmt = getattr(ox.QueryResultsFormat, name) if name else None
    if fmt is None:
        conn.send(("error", "not_acceptable", kind))
        return
    out = _PipeWriter(conn, job.max_bytes, kind, fmt.media_type)
    try:
        results.serialize(cast(IO[bytes], out), fmt)  # a file-like sink
        out.close()
    except _TooLarge:
        conn.send(("error", "too_large", f"the result is larger than {job.max_bytes} bytes"))
        return
    except SyntaxError as e:  # raised by some evaluation-time checks
        conn.send(("error", "syntax", str(e)))
        return
    except Exception as e:  # SERVICE failures, store errors: reported, the worker lives on
        conn.send(("error", "eval", f"{type(e).__name__}: {e}"))
        return


def run_write(conn: Connection, root: str, job: WriteJob) -> None:
    """Apply one write to a new generation of the store and swap it in atomically; a
    failure (or a kill at the time limit) leaves the served generation untouched."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from kg.errors import StoreError
    from kg.store import writer

    try:
        with writer(Path(root)) as w:
            _apply(w.store, job)
    except SyntaxError as e:
        conn.send(("error", "syntax", str(e)))
        return
    except (StoreError, OSError) as e:
        conn.send(("error", "store", str(e)))
        return
    except ValueError as e:
        conn.send(("error", "syntax", str(e)))
        return
    conn.send(("ok", ""))


def _apply(store: ox.Store, job: WriteJob) -> None:
    graph: ox.NamedNode | ox.DefaultGraph = (
        ox.NamedNode(job.graph) if job.graph is not None else ox.DefaultGraph()
    )
    if job.op == "update":
        store.update(job.text, base_iri=job.base_iri)
        return
    if job.op in ("put", "delete"):
        if isinstance(graph, ox.NamedNode):
            if store.contains_named_graph(graph):
                store.remove_graph(graph)
        else:
            store.clear_graph(graph)
    if job.op in ("put", "post"):
        fmt = ox.RdfFormat.from_media_type(job.media_type)
        if fmt is None:
            raise ValueError(f"cannot read {job.media_type}")
        store.load(job.data, format=fmt, base_iri=job.base_iri, to_graph=graph)
