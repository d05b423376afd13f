"""Ingestion: article files in, ``Article`` records out, with offsets into what was read.

``ingest(paths)`` reads ``.txt``, ``.html`` and ``.jsonl`` files (folders recurse, each
file may have a ``NAME.meta.json`` sidecar), keeps only the article of each page, and
yields one ``Article`` per article and one ``IngestError`` value per bad file or line, so
that a batch always runs to the end::

    for item in ingest([Path("data/articles")]):
        if isinstance(item, IngestError):
            print(item)          # "path: reason"
        else:
            print(item.id, item.meta.title, len(item.sentences))

The same article twice (equal ``content_hash``) is yielded once; two different articles
that would share an id are an error for the second, so neither silently replaces the other.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import IngestError
from kg.ingest.assemble import build_article
from kg.ingest.read import DEFAULT_MAX_BYTES, RawDoc, iter_files, read_path
from kg.records import Article

__all__ = ["ingest", "article_from_text", "DEFAULT_MAX_BYTES"]

log = logging.getLogger(__name__)


def ingest(
    paths: Iterable[Path | str] | Path | str,
    encoding: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | IngestError]:
    """Articles from files and folders; errors are yielded, never raised, per input.

    ``encoding`` forces the text encoding of ``.txt`` and ``.html`` files (JSONL is always
    UTF-8); ``max_bytes`` is the size limit of a file or JSONL line.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    by_hash: dict[str, str] = {}
    by_id: dict[str, str] = {}
    for path in iter_files(Path(p) for p in paths):
        if isinstance(path, IngestError):
            yield path
            continue
        for raw in read_path(path, encoding, max_bytes):
            if isinstance(raw, IngestError):
                yield raw
                continue
            item = build_article(raw)
            if isinstance(item, IngestError):
                yield item
                continue
            digest = item.content_hash
            if digest in by_hash:
                log.info("%s is the same article as %s; skipped", item.source_path, by_hash[digest])
                continue
            if item.id in by_id:
                yield IngestError(
                    item.source_path,
                    f"article id {item.id!r} is already used by "
                    f"{by_id[item.id]}; rename one file or give an 'id'",
                )
                continue
            by_hash[digest] = item.source_path
            by_id[item.id] = item.source_path
            yield item


def article_from_text(
    text: str, id: str = "text", source_path: str = "<text>", **given: str
) -> Article:
    """One article from a string, as if read from a file with sidecar fields ``given``.

    For tests and tools: raises ``IngestError`` (instead of yielding it) when the text is
    not an article. ``article_from_text("قال الوزير ...", publisher="رويترز")``.
    """
    item = build_article(RawDoc(id, source_path, text, "utf-8", dict(given)))
    if isinstance(item, IngestError):
        raise item
    return item
