"""``kg serve``: run the endpoint with uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import uvicorn
from pydantic import SecretStr

from server.app import create_app
from server.logs import configure_logging
from server.settings import Settings

__all__ = ["serve"]


def serve(
    store_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    timeout: float = 30.0,
    token: str | None = None,
    **overrides: Any,
) -> None:
    """Serve ``store_dir`` at http://HOST:PORT until interrupted. ``overrides`` are further
    ``Settings`` fields (workers, service_allow, max_request_bytes, ...)."""
    settings = Settings(
        store_dir=store_dir,
        host=host,
        port=port,
        timeout=timeout,
        update_token=SecretStr(token) if token else None,
        **overrides,
    )
    configure_logging()
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
