"""Run a query job and turn what the worker says into an HTTP response (streamed)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi.responses import Response, StreamingResponse

from server.formats import Choice
from server.http_errors import from_worker
from server.workers import Execution, QueryJob, WorkerPool

__all__ = ["stream_result"]


async def _stream(ex: Execution) -> AsyncIterator[bytes]:
    try:
        async for part in ex.body():
            yield part
    finally:
        await ex.close()


async def stream_result(
    pool: WorkerPool,
    job: QueryJob,
    timeout: float,
    choices: dict[str, Choice | None],
    federated: bool = False,
    headers: dict[str, str] | None = None,
) -> Response:
    """Run ``job``; ``choices`` maps result kinds (solutions, boolean, graph) to the
    negotiated format. Errors before the first byte become statuses (see
    ``server.http_errors``); later ones abort the stream."""
    ex = await pool.execute(job, timeout)
    if ex.error is not None:
        raise from_worker(*ex.error, federated=federated)
    choice = choices.get(ex.kind)
    content_type = choice.content_type if choice else ex.media_type
    all_headers = {"Vary": "Accept", **(headers or {})}
    if ex.done:
        return Response(ex.first or b"", media_type=content_type, headers=all_headers)
    return StreamingResponse(_stream(ex), media_type=content_type, headers=all_headers)
