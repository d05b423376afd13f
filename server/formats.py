"""Accept header -> result format, for every route, in one table per kind of result.

SPARQL results (SELECT, ASK) and graphs (CONSTRUCT, DESCRIBE, entity pages, service
description, VoID) have their own tables; the first row of each is the default when the
client sends no Accept header or ``*/*``. Negotiation follows RFC 9110: the most specific
matching range gives a media type its q-value, ``q=0`` excludes it, and ties go to the
table's order. ``None`` means nothing is acceptable: the route answers 406.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Choice", "SOLUTIONS", "BOOLEAN", "GRAPH", "PAGE", "negotiate", "parse_accept"]


@dataclass(frozen=True)
class Choice:
    """A media type we can write, and the pyoxigraph format name that writes it
    (a ``QueryResultsFormat`` or ``RdfFormat`` attribute, or ``"HTML"`` for pages)."""

    media_type: str
    format: str

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.media_type.endswith(("json", "xml"))
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


SOLUTIONS: tuple[Choice, ...] = (
    Choice("application/sparql-results+json", "JSON"),
    Choice("application/sparql-results+xml", "XML"),
    Choice("text/csv", "CSV"),
    Choice("text/tab-separated-values", "TSV"),
    Choice("application/json", "JSON"),
    Choice("application/xml", "XML"),
    Choice("text/xml", "XML"),
)
BOOLEAN = SOLUTIONS
GRAPH: tuple[Choice, ...] = (
    Choice("text/turtle", "TURTLE"),
    Choice("application/n-triples", "N_TRIPLES"),
    Choice("application/ld+json", "JSON_LD"),
    Choice("application/rdf+xml", "RDF_XML"),
    Choice("application/n-quads", "N_QUADS"),
    Choice("application/trig", "TRIG"),
    Choice("application/x-turtle", "TURTLE"),
    Choice("text/plain", "N_TRIPLES"),
)
#: Linked-data pages: HTML for browsers first, then every graph format.
PAGE: tuple[Choice, ...] = (Choice("text/html", "HTML"), *GRAPH)


def parse_accept(header: str | None) -> list[tuple[str, str, float]]:
    """``(type, subtype, q)`` for each range of an Accept header; malformed q counts as 1."""
    if not header or not header.strip():
        return [("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        mtype, _, subtype = fields[0].lower().partition("/")
        if not mtype:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 1.0
        ranges.append((mtype, subtype or "*", q))
    return ranges


def negotiate(header: str | None, table: tuple[Choice, ...]) -> Choice | None:
    """The best row of ``table`` for the Accept ``header``, or None (answer 406)."""
    ranges = parse_accept(header)
    best: Choice | None = None
    best_q = 0.0
    for choice in table:
        mtype, _, subtype = choice.media_type.partition("/")
        q, specificity = 0.0, -1
        for rtype, rsub, rq in ranges:
            if rtype == mtype and rsub == subtype:
                spec = 2
            elif rtype == mtype and rsub == "*":
                spec = 1
            elif rtype == "*":
                spec = 0
            else:
                continue
            if spec > specificity:
                q, specificity = rq, spec
        if q > best_q:
            best, best_q = choice, q
    return best
