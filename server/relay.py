"""Outgoing SPARQL for allowed ``SERVICE`` calls, with manners.

Oxigraph sends a query's ``SERVICE`` block itself. The app rewrites each allowed endpoint
IRI to its own relay route (``/relay/{key}/{n}``, loopback only, ``key`` random per
process), so every outgoing call goes through ``Relay.call``, which:

- identifies Marsad with a User-Agent that follows the Wikimedia policy
  (``Marsad/<version> (<project URL>; contact) python-httpx/<v>``);
- sends one request at a time per endpoint (Wikidata asks for no parallel requests);
- honours 429 and 503 with Retry-After: waits it out when short, otherwise answers 503
  itself until that time passed, without calling again;
- times out, and caches answers (same endpoint, query and Accept) for a while.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections import OrderedDict
from dataclasses import dataclass

import httpx

import kg
from server.settings import Settings

__all__ = ["Relay", "RelayAnswer", "user_agent"]


def user_agent(contact_url: str) -> str:
    """Wikimedia's User-Agent policy: tool name/version, a contact URL, the library."""
    return (
        f"Marsad/{kg.__version__} ({contact_url}; contact via the issue tracker) "
        f"python-httpx/{httpx.__version__}"
    )


@dataclass(frozen=True)
class RelayAnswer:
    status: int
    media_type: str
    body: bytes
    retry_after: float | None = None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        return max(when.timestamp() - time.time(), 0.0) if when else None


class Relay:
    """Calls allowed SPARQL endpoints on behalf of queries; see the module docstring."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.endpoints = list(settings.service_allow)
        self._locks = {e: asyncio.Lock() for e in self.endpoints}
        self._blocked_until: dict[str, float] = {}
        self._cache: OrderedDict[tuple[str, str, str], tuple[float, RelayAnswer]] = OrderedDict()
        self.calls = 0  # outgoing requests made (tests read it)
        self._client = httpx.AsyncClient(
            timeout=settings.relay_timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": user_agent(settings.contact_url)},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    def upstream(self, endpoint: str) -> str:
        return self.settings.service_upstream.get(endpoint, endpoint)

    async def call(self, index: int, query: str, accept: str) -> RelayAnswer:
        """Send ``query`` to allowed endpoint number ``index``."""
        endpoint = self.endpoints[index]
        key = (endpoint, query, accept)
        hit = self._cache.get(key)
        if hit and hit[0] > time.monotonic():
            self._cache.move_to_end(key)
            return hit[1]
        async with self._locks[endpoint]:
            hit = self._cache.get(key)
            if hit and hit[0] > time.monotonic():
                return hit[1]
            answer = await self._send(endpoint, query, accept)
        if answer.status == 200:
            self._cache[key] = (time.monotonic() + self.settings.relay_cache_seconds, answer)
            while len(self._cache) > self.settings.relay_cache_entries:
                self._cache.popitem(last=False)
        return answer

    async def _send(self, endpoint: str, query: str, accept: str) -> RelayAnswer:
        for _attempt in range(2):
            wait = self._blocked_until.get(endpoint, 0.0) - time.monotonic()
            if wait > self.settings.relay_max_wait:
                return RelayAnswer(
                    503,
                    "text/plain",
                    f"{endpoint} asked us to wait; retry in {wait:.0f} s".encode(),
                    retry_after=wait,
                )
            if wait > 0:
                await asyncio.sleep(wait)
            self.calls += 1
            try:
                r = await self._client.post(
                    self.upstream(endpoint),
                    content=query.encode("utf-8"),
                    headers={"Content-Type": "application/sparql-query", "Accept": accept},
                )
            except httpx.TimeoutException:
                return RelayAnswer(
                    504,
                    "text/plain",
                    f"{endpoint} did not answer within {self.settings.relay_timeout:g} s".encode(),
                )
            except httpx.HTTPError as e:
                return RelayAnswer(502, "text/plain", f"{endpoint}: {type(e).__name__}".encode())
            if r.status_code in (429, 503):
                after = _retry_after(r.headers.get("Retry-After"))
                self._blocked_until[endpoint] = time.monotonic() + (
                    after if after is not None else 60.0
                )
                continue
            media = r.headers.get("Content-Type", "application/octet-stream")
            return RelayAnswer(r.status_code, media, r.content)
        wait = self._blocked_until.get(endpoint, 0.0) - time.monotonic()
        return RelayAnswer(
            503,
            "text/plain",
            f"{endpoint} is rate limiting us".encode(),
            retry_after=max(wait, 0.0),
        )
