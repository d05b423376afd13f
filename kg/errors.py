"""Every error Marsad raises on purpose, in one place.

Messages say what went wrong, where (file, article id, line, field) and how to fix it.
The CLI maps ``MarsadError`` to exit code 2 and prints the message without a traceback.
"""

from __future__ import annotations

__all__ = [
    "MarsadError", "IngestError", "MappingError", "ValidationError", "StoreError",
    "QueryError", "ConfigError",
]


class MarsadError(Exception):
    """Base of all of Marsad's own errors."""


class IngestError(MarsadError):
    """An input file could not be read as an article.

    ``path`` is the file (with ``:LINE`` for a JSONL record) and ``reason`` a short
    explanation a person can act on.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class MappingError(MarsadError):
    """Extracted records could not be turned into RDF."""


class ValidationError(MarsadError):
    """A graph does not conform to the SHACL shapes."""


class StoreError(MarsadError):
    """The Oxigraph store could not be opened, read or written."""


class QueryError(MarsadError):
    """A SPARQL query is malformed or failed; the message carries the parser's words."""


class ConfigError(MarsadError):
    """A setting or command-line option is missing or wrong."""
