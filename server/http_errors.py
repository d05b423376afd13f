"""Every HTTP error the endpoint sends, mapped in one place.

400 malformed request or query (with the parser's message), 401/403 writes without a
valid token, 404 unknown IRI, 406 no acceptable format, 413 request or result too large,
415 wrong content type, 503 no worker free (with Retry-After) or query past its time
limit, 502 a federated call failed. Bodies are short plain text: never a stack trace.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse

from server.workers import Busy, QueryTimeout, WorkerFailed

__all__ = ["Problem", "install_error_handlers", "from_worker"]

log = logging.getLogger("marsad.server")


class Problem(Exception):
    """An HTTP error with a message meant for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


_WORKER_STATUS = {
    "syntax": 400,
    "not_acceptable": 406,
    "too_large": 413,
    "eval": 500,
    "store": 500,
}


def from_worker(
    code: str, message: str, federated: bool = False, language: str = "SPARQL"
) -> Problem:
    """The Problem for an error a worker reported (see ``server._worker``); ``language``
    names what failed to parse (SPARQL, or the RDF syntax of a Graph Store body)."""
    if code == "not_acceptable":
        return Problem(
            406,
            f"no acceptable format for a {message} result; see the "
            "service description (GET /sparql) for the formats offered",
        )
    if code == "syntax":
        return Problem(400, f"malformed {language}: {message}")
    if code == "eval" and federated:
        return Problem(502, f"a federated SERVICE call failed: {message}")
    status = _WORKER_STATUS.get(code, 500)
    if status == 500:
        log.error("query failed in worker: %s: %s", code, message)
        return Problem(500, "the query failed while running; see the server log")
    return Problem(status, message)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    async def problem(_: Request, exc: Exception) -> PlainTextResponse:
        assert isinstance(exc, Problem)
        return _text(exc.status, exc.message, exc.headers)

    async def busy(_: Request, exc: Exception) -> PlainTextResponse:
        return _text(503, f"busy: {exc}; retry shortly", {"Retry-After": "2"})

    async def timeout(_: Request, exc: Exception) -> PlainTextResponse:
        return _text(503, f"{exc}; narrow the query or add a LIMIT")

    async def failed(_: Request, exc: Exception) -> PlainTextResponse:
        log.error("worker failure: %s", exc)
        return _text(503, "the query worker failed; retry shortly", {"Retry-After": "2"})

    async def invalid(_: Request, exc: Exception) -> PlainTextResponse:
        assert isinstance(exc, RequestValidationError)
        where = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return _text(400, f"bad request: {where}")

    app.add_exception_handler(Problem, problem)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Busy, busy)
    app.add_exception_handler(QueryTimeout, timeout)
    app.add_exception_handler(WorkerFailed, failed)
