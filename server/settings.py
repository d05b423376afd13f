"""The endpoint's settings: one object, read once (from arguments or MARSAD_* variables).

``kg serve`` builds it from its options; tests build their own and pass it to
``create_app``. Nothing changes it after start-up.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings", "WIKIDATA_SPARQL", "PROJECT_URL"]

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
PROJECT_URL = "https://github.com/marsad-kg/marsad"
REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_workers() -> int:
    # one more than the cores: a runaway query holds one process until its timeout and
    # cheap queries keep the others
    return (os.cpu_count() or 1) + 1


class Settings(BaseSettings):
    """Every knob of the server. Sizes are bytes, durations seconds."""

    model_config = SettingsConfigDict(env_prefix="MARSAD_", frozen=True)

    store_dir: Path = Path("store")
    host: str = "127.0.0.1"
    port: int = 8000
    #: the query time limit: after it the worker process running the query is killed
    timeout: float = 30.0
    #: SPARQL Update and Graph Store writes need ``Authorization: Bearer <token>``;
    #: None keeps the endpoint read-only
    update_token: SecretStr | None = None
    workers: int = Field(default_factory=_default_workers, ge=1)
    #: requests waiting for a worker; one more gets 503 with Retry-After
    queue_size: int = Field(default=32, ge=0)
    #: how long a request waits for a free worker before 503
    queue_wait: float = 5.0
    max_request_bytes: int = 1_000_000
    max_result_bytes: int = 200_000_000
    #: SERVICE endpoints a query may call; everything else is refused with 400
    service_allow: tuple[str, ...] = (WIKIDATA_SPARQL,)
    #: where the relay sends calls for an allowed endpoint (tests point Wikidata at a
    #: stand-in on loopback); endpoints not listed go to their own IRI
    service_upstream: dict[str, str] = Field(default_factory=dict)
    relay_timeout: float = 20.0
    relay_cache_entries: int = 512
    relay_cache_seconds: float = 3600.0
    #: longest Retry-After the relay waits out itself before failing the call
    relay_max_wait: float = 5.0
    contact_url: str = PROJECT_URL
    queries_dir: Path = REPO_ROOT / "queries"
    assets_dir: Path = REPO_ROOT / "node_modules"
    cors_origins: tuple[str, ...] = ("*",)

    @property
    def self_url(self) -> str:
        """How worker processes reach this server (the relay) on loopback."""
        host = self.host
        if host in ("0.0.0.0", "", "localhost"):
            host = "127.0.0.1"
        elif host in ("::", "[::]"):
            host = "[::1]"
        elif ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.port}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings read from the environment (``MARSAD_STORE_DIR``, ...), once."""
    return Settings()
