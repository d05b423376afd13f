"""The Marsad SPARQL endpoint (FastAPI): the SPARQL 1.1 protocol over the Oxigraph store
with real time limits, guarded federation, a query UI and linked-data pages.

Public names: ``create_app``, ``serve``, ``Settings``. They are imported lazily so that
query worker processes (``server._worker``) start without loading the web stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["create_app", "serve", "Settings"]

if TYPE_CHECKING:
    from server.app import create_app
    from server.runner import serve
    from server.settings import Settings


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from server.app import create_app

        return create_app
    if name == "serve":
        from server.runner import serve

        return serve
    if name == "Settings":
        from server.settings import Settings

        return Settings
    raise AttributeError(name)
