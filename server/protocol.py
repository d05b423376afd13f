"""Reading SPARQL protocol requests: parameters, bodies and their limits.

Shared by the query/update route and the Graph Store Protocol route, so every route
refuses the same way: 413 past the size limit, 415 for a media type or charset we do not
read, 400 for a body that is not UTF-8 or a parameter given twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from fastapi import Request

from server.http_errors import Problem

__all__ = ["Params", "read_body", "media_type_of", "decode_utf8"]


@dataclass
class Params:
    """A multi-valued view of URL (and form) parameters."""

    pairs: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> Params:
        try:
            return cls(parse_qsl(text, keep_blank_values=True, errors="strict"))
        except UnicodeDecodeError as e:
            raise Problem(400, "parameters must be UTF-8 percent-encoded") from e

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name]

    def one(self, name: str) -> str | None:
        values = self.all(name)
        if len(values) > 1:
            raise Problem(400, f"give one '{name}' parameter, not {len(values)}")
        return values[0] if values else None

    def __contains__(self, name: str) -> bool:
        return any(k == name for k, _ in self.pairs)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Problem(413, f"the request body is larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(413, f"the request body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def media_type_of(request: Request) -> tuple[str, str | None]:
    """(media type, charset) of the request's Content-Type; 415 for a charset not UTF-8."""
    header = request.headers.get("content-type", "")
    fields = [f.strip() for f in header.split(";")]
    charset = None
    for f in fields[1:]:
        key, _, value = f.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset not in (None, "utf-8", "utf8"):
        raise Problem(415, f"the body must be UTF-8, not {charset}")
    return fields[0].lower(), charset


def decode_utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Problem(400, f"the {what} is not valid UTF-8 (byte {e.start})") from e
