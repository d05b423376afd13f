"""Real time limits: queries run in worker processes the app can kill.

pyoxigraph cannot cancel a running query, and ``oxigraph serve-read-only --timeout-s``
kept a 4-way cartesian COUNT at 100% CPU long after its 3 s limit (measured; see
``server/README.md``). So each query runs in one of N worker processes holding the served
store generation open read-only; when a query outlives ``timeout`` its process gets
SIGKILL and a fresh one takes its place. Other queries run in the other workers, so a slow
query never delays a cheap one while a worker is free; when none is, requests wait in a
bounded queue for ``queue_wait`` seconds and then get 503 with Retry-After.

Writes go through ``kg.store.writer`` in a one-off process: it writes a *new* generation
and swaps the ``current`` symlink, so read-only workers never share RocksDB files with a
writer. Afterwards (and whenever a ``kg build`` swapped the generation) the pool replaces
its workers so they read the new generation.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from server._worker import QueryJob, WriteJob, run_write, serve_queries

__all__ = [
    "WorkerPool",
    "Busy",
    "QueryTimeout",
    "WorkerFailed",
    "Execution",
    "QueryJob",
    "WriteJob",
]

_CTX = multiprocessing.get_context("forkserver")
_CTX.set_forkserver_preload(["server._worker"])
_START_TIMEOUT = 60.0
_GEN_CHECK_EVERY = 1.0


class Busy(Exception):
    """Every worker is busy and the queue is full (or the wait too long): 503."""


class QueryTimeout(Exception):
    """The query ran past its time limit; its worker was killed: 503."""


class WorkerFailed(Exception):
    """A worker died or could not open the store: 500/503."""


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: multiprocessing.connection.Connection
    generation: str = ""
    jobs: int = 0
    started: float = field(default_factory=time.monotonic)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.conn.close()


def _recv(conn: multiprocessing.connection.Connection, timeout: float) -> Any:
    if not conn.poll(max(timeout, 0.0)):
        raise TimeoutError
    return conn.recv()


def current_generation(root: Path) -> str:
    """The path the store's ``current`` symlink resolves to (the root for a plain store)."""
    link = root / "current"
    return str(link.resolve()) if link.exists() else str(root)


async def _readable(conn: multiprocessing.connection.Connection, timeout: float) -> None:
    """Wait until ``conn`` has data, on the event loop (no thread hop); TimeoutError after
    ``timeout`` seconds."""
    if timeout <= 0:
        raise TimeoutError
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()
    fd = conn.fileno()

    def on_ready() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(fd, on_ready)
    try:
        await asyncio.wait_for(ready, timeout)
    finally:
        loop.remove_reader(fd)
        # uvloop (libuv) leaves a watched fd non-blocking; Connection.recv needs blocking
        os.set_blocking(fd, True)


class WorkerPool:
    """N query worker processes over the store at ``root``."""

    def __init__(self, root: Path, size: int, queue_size: int, queue_wait: float) -> None:
        self.root = root
        self.size = size
        self.queue_size = queue_size
        self.queue_wait = queue_wait
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._leased: set[_Worker] = set()
        self._waiting = 0
        self._io = ThreadPoolExecutor(max_workers=size * 2 + 4, thread_name_prefix="pipe")
        self._generation = ""
        self._gen_checked = 0.0
        self._spawning: set[asyncio.Task[None]] = set()
        self._closed = False
        self.write_lock = asyncio.Lock()
        self.kills = 0
        self.last_error: str | None = None

    # life cycle ---------------------------------------------------------------
    async def start(self) -> None:
        """Start every worker and wait until they hold the store open."""
        self._generation = current_generation(self.root)
        results = await asyncio.gather(
            *(self._spawn() for _ in range(self.size)), return_exceptions=True
        )
        if all(isinstance(r, BaseException) for r in results):
            raise WorkerFailed(self.last_error or "no worker could start")

    async def stop(self) -> None:
        self._closed = True
        for t in list(self._spawning):
            t.cancel()
        for w in list(self._all):
            with contextlib.suppress(Exception):
                w.conn.send(None)
        await asyncio.sleep(0)
        for w in list(self._all):
            w.process.join(timeout=0.5)
            w.kill()
        self._all.clear()
        self._io.shutdown(wait=False, cancel_futures=True)

    @property
    def ready(self) -> bool:
        return not self._closed and any(w.process.is_alive() for w in self._all)

    @property
    def generation(self) -> str:
        """The store generation new queries read."""
        return self._generation

    @property
    def busy(self) -> int:
        return len(self._leased)

    def busy_pids(self) -> list[int]:
        """Process ids of the workers running a query now (for tests and diagnostics)."""
        return [w.process.pid for w in self._leased if w.process.pid is not None]

    def worker_pids(self) -> list[int]:
        """Process ids of every live worker."""
        return [w.process.pid for w in self._all if w.process.pid is not None]

    async def _spawn(self) -> None:
        parent, child = _CTX.Pipe(duplex=True)
        proc = _CTX.Process(
            target=serve_queries,
            args=(child, str(self.root)),
            daemon=True,
            name="marsad-query-worker",
        )
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._io, proc.start)
        child.close()
        worker = _Worker(proc, parent)
        try:
            msg = await loop.run_in_executor(self._io, _recv, parent, _START_TIMEOUT)
        except (TimeoutError, EOFError, OSError) as e:
            worker.kill()
            self.last_error = f"worker did not start: {e!r}"
            raise WorkerFailed(self.last_error) from e
        if msg[0] != "ready":
            worker.kill()
            self.last_error = str(msg[1])
            raise WorkerFailed(self.last_error)
        worker.generation = msg[1]
        if self._closed:
            worker.kill()
            return
        self._all.add(worker)
        self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` (if alive) and start another in the background."""
        worker.kill()
        self._all.discard(worker)
        self._leased.discard(worker)
        if self._closed:
            return
        # reap the killed process off the event loop
        asyncio.get_running_loop().run_in_executor(self._io, worker.process.join, 5)
        task = asyncio.get_running_loop().create_task(self._respawn())
        self._spawning.add(task)
        task.add_done_callback(self._spawning.discard)

    async def _respawn(self) -> None:
        for delay in (0.0, 0.5, 2.0, 5.0):
            await asyncio.sleep(delay)
            try:
                await self._spawn()
                return
            except WorkerFailed:
                continue

    # generations --------------------------------------------------------------
    def refresh(self) -> None:
        """Note the served generation now; workers on an older one are replaced as they
        come free (called after a write, and every second on the way to a worker)."""
        self._generation = current_generation(self.root)
        self._gen_checked = time.monotonic()

    def _stale(self, w: _Worker) -> bool:
        return w.generation != self._generation or not w.process.is_alive()

    # leasing ------------------------------------------------------------------
    async def _acquire(self) -> _Worker:
        if time.monotonic() - self._gen_checked > _GEN_CHECK_EVERY:
            self.refresh()
        if self._idle.empty() and self._waiting >= self.queue_size:
            raise Busy(f"all {self.size} workers are busy and {self._waiting} requests wait")
        self._waiting += 1
        deadline = time.monotonic() + self.queue_wait
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Busy(f"no worker came free within {self.queue_wait:g} s")
                try:
                    w = await asyncio.wait_for(self._idle.get(), remaining)
                except TimeoutError as e:
                    raise Busy(f"no worker came free within {self.queue_wait:g} s") from e
                if self._stale(w):
                    self._replace(w)
                    continue
                self._leased.add(w)
                return w
        finally:
            self._waiting -= 1

    def _release(self, w: _Worker) -> None:
        self._leased.discard(w)
        if self._stale(w) or self._closed:
            self._replace(w)
        else:
            self._idle.put_nowait(w)

    async def execute(self, job: QueryJob, timeout: float) -> Execution:
        """Start ``job`` on a free worker and wait for its first answer (a status can
        still be chosen then); stream the rest from the returned Execution."""
        w = await self._acquire()
        ex = Execution(self, w, time.monotonic() + timeout, timeout)
        try:
            w.conn.send(job)
            w.jobs += 1
            await ex.start()
        except BaseException:
            await ex.close()
            raise
        return ex

    async def run_to_bytes(self, job: QueryJob, timeout: float) -> tuple[str, bytes]:
        """Run ``job`` and return (media type, whole result): for the app's own small
        queries (entity pages, VoID, the search index)."""
        ex = await self.execute(job, timeout)
        try:
            parts = [part async for part in ex.body()]
        finally:
            await ex.close()
        return ex.media_type, b"".join(parts)

    async def write(self, job: WriteJob, timeout: float) -> tuple[str, str]:
        """Run a write in a one-off process (one at a time); ("ok", "") or
        ("error", code, message)-like (code, message)."""
        async with self.write_lock:
            parent, child = _CTX.Pipe(duplex=True)
            proc = _CTX.Process(
                target=run_write,
                args=(child, str(self.root), job),
                daemon=True,
                name="marsad-writer",
            )
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._io, proc.start)
            child.close()
            try:
                msg = await loop.run_in_executor(self._io, _recv, parent, timeout)
            except TimeoutError as e:
                proc.kill()
                self.kills += 1
                raise QueryTimeout(
                    f"the update ran past the {timeout:g} s limit and was "
                    "stopped; the store is unchanged"
                ) from e
            except (EOFError, OSError) as e:
                raise WorkerFailed("the writer process died; the store is unchanged") from e
            finally:
                await loop.run_in_executor(self._io, proc.join, 5)
                parent.close()
            self.refresh()
            if msg[0] == "ok":
                return "ok", ""
            return str(msg[1]), str(msg[2])


class Execution:
    """A query running on a leased worker: its result kind, media type and body."""

    def __init__(self, pool: WorkerPool, worker: _Worker, deadline: float, limit: float):
        self.pool = pool
        self.worker: _Worker | None = worker
        self.deadline = deadline
        self.limit = limit
        self.kind = ""
        self.media_type = ""
        self.first: bytes | None = None
        self.done = False
        self.error: tuple[str, str] | None = None

    async def _next(self) -> Any:
        assert self.worker is not None
        conn = self.worker.conn
        try:
            if not conn.poll(0):
                await _readable(conn, self.deadline - time.monotonic())
            # a whole message is on its way once a byte is: recv does not wait long
            return conn.recv()
        except TimeoutError as e:
            self._kill()
            raise QueryTimeout(
                f"the query ran past the {self.limit:g} s time limit and was stopped"
            ) from e
        except (EOFError, OSError) as e:
            self._kill()
            raise WorkerFailed("the query worker died") from e

    def _kill(self) -> None:
        if self.worker is not None:
            self.pool.kills += 1
            self.pool._replace(self.worker)
            self.worker = None

    async def start(self) -> None:
        """Read up to the first chunk: errors before it still become a proper status."""
        msg = await self._next()
        if msg[0] == "error":
            self.error = (msg[1], msg[2])
            await self.close()
            return
        assert msg[0] in ("head", "whole"), msg
        self.kind, self.media_type, self.first = msg[1], msg[2], msg[3]
        if msg[0] == "whole":
            self.done = True
            await self.close()

    async def body(self) -> AsyncIterator[bytes]:
        """The result bytes; raises mid-stream on timeout or a too-large result (the
        server then aborts the response rather than send a truncated document)."""
        if self.first:
            yield self.first
        while not self.done:
            msg = await self._next()
            if msg[0] == "chunk":
                yield msg[1]
            elif msg[0] == "end":
                self.done = True
            else:
                self.error = (msg[1], msg[2])
                await self.close()
                raise WorkerFailed(f"{msg[1]}: {msg[2]}")
        await self.close()

    async def close(self) -> None:
        """Give the worker back, or kill it when it is still busy with this query."""
        if self.worker is None:
            return
        w, self.worker = self.worker, None
        if self.done or self.error is not None:
            self.pool._release(w)
        else:
            self.pool.kills += 1
            self.pool._replace(w)
