"""The relay for federated queries: workers' SERVICE calls come here (loopback only,
with the per-process key in the path) and leave through ``server.relay.Relay``."""

from __future__ import annotations

import hmac
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response

from server.deps import RelayDep, SettingsDep
from server.http_errors import Problem
from server.protocol import read_body

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_LOOPBACK = ("127.0.0.1", "::1")


@router.api_route("/relay/{key}/{index}", methods=["GET", "POST"])
async def relay(
    request: Request, key: str, index: int, relay: RelayDep, settings: SettingsDep
) -> Response:
    client = request.client.host if request.client else ""
    if client not in _LOOPBACK or not hmac.compare_digest(key, request.app.state.relay_key):
        raise Problem(404, "not found")
    if not 0 <= index < len(relay.endpoints):
        raise Problem(404, "not found")
    if request.method == "GET":
        query = dict(parse_qsl(request.url.query)).get("query", "")
    else:
        body = (await read_body(request, settings.max_request_bytes)).decode("utf-8")
        ctype = request.headers.get("content-type", "")
        query = dict(parse_qsl(body)).get("query", "") if "form" in ctype else body
    accept = request.headers.get("accept", "application/sparql-results+json")
    answer = await relay.call(index, query, accept)
    headers = {"Retry-After": f"{answer.retry_after:.0f}"} if answer.retry_after else None
    return Response(
        answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers
    )
