"""Structured access logs: one JSON object per request on the ``marsad.access`` logger."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["AccessLog", "configure_logging"]

access = logging.getLogger("marsad.access")


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = getattr(record, "fields", None)
        if isinstance(data, dict):
            return json.dumps(data, ensure_ascii=False)
        return json.dumps(
            {"level": record.levelname, "logger": record.name, "message": record.getMessage()},
            ensure_ascii=False,
        )


def configure_logging(level: int = logging.INFO) -> None:
    """JSON lines on stderr for the access log and the server's own messages."""
    handler = logging.StreamHandler()
    handler.setFormatter(_JsonFormatter())
    for name in ("marsad.access", "marsad.server"):
        lg = logging.getLogger(name)
        lg.handlers[:] = [handler]
        lg.setLevel(level)
        lg.propagate = False


class AccessLog:
    """ASGI middleware (pure ASGI so streamed responses are timed to their last byte)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        info: dict[str, Any] = {"status": 500, "bytes": 0}

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                info["status"] = message["status"]
            elif message["type"] == "http.response.body":
                info["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        finally:
            client = scope.get("client") or ("", 0)
            access.info(
                "access",
                extra={
                    "fields": {
                        "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                        "client": client[0],
                        "method": scope["method"],
                        "path": scope["path"],
                        "query_chars": len(scope.get("query_string", b"")),
                        "status": info["status"],
                        "bytes": info["bytes"],
                        "ms": round((time.perf_counter() - start) * 1000, 2),
                    }
                },
            )
