"""The FastAPI application: routers, middleware and the resources opened once.

``create_app(settings)`` is what tests and ``serve`` use. The lifespan starts the query
worker pool over the store, the federation relay and the search index, and stops them.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

import kg
from server.catalogue import load_catalogue
from server.http_errors import install_error_handlers
from server.logs import AccessLog
from server.relay import Relay
from server.routes import explore, graph_store, meta, pages, relay, search, sparql, ui
from server.search import SearchIndex
from server.settings import Settings, get_settings
from server.workers import WorkerPool

__all__ = ["create_app"]

_STATIC = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    """A ready-to-serve app over ``settings.store_dir`` (default: the MARSAD_* settings)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = WorkerPool(
            settings.store_dir, settings.workers, settings.queue_size, settings.queue_wait
        )
        await pool.start()
        app.state.pool = pool
        app.state.relay = Relay(settings)
        app.state.search = SearchIndex(pool, settings.timeout)
        try:
            yield
        finally:
            await app.state.relay.aclose()
            await pool.stop()

    app = FastAPI(
        title="Marsad SPARQL endpoint",
        version=kg.__version__,
        summary="Arabic security and military news as a knowledge graph, over SPARQL 1.1.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.relay_key = secrets.token_urlsafe(24)
    app.state.catalogue = load_catalogue(settings.queries_dir)
    app.state.void_cache = {}

    install_error_handlers(app)
    for router in (
        sparql.router,
        graph_store.router,
        meta.router,
        search.router,
        pages.router,
        ui.router,
        explore.router,
        relay.router,
    ):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    yasgui = settings.assets_dir / "@triply" / "yasgui" / "build"
    if yasgui.is_dir():
        app.mount("/assets/yasgui", StaticFiles(directory=yasgui), name="yasgui")

    # reads from any origin, without credentials; the preflight covers POST queries
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_credentials=False,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type", "Authorization"],
        expose_headers=["Content-Type", "Retry-After"],
        max_age=600,
    )
    app.add_middleware(AccessLog)
    return app
