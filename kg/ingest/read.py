"""Read input files into decoded text, one ``RawDoc`` per article, never raising.

Inputs are what people actually have: ``.txt`` files saved from a browser or a scraper
(UTF-8, UTF-8 with a BOM, or Windows-1256 from older Arabic Windows tools), saved
``.html`` pages, and ``.jsonl`` exports with one article a line. A ``NAME.meta.json``
sidecar beside any of them gives metadata that beats anything guessed from the text.

Every problem with one file (or one JSONL line) becomes an ``IngestError`` value naming the
file and the reason, so that one bad file never stops a batch. Sizes are checked before
reading: a 200 MB file is refused from its ``stat``, not after loading it.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import IngestError
from kg.ingest.language import describe_script

__all__ = [
    "RawDoc",
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "SIDECAR_SUFFIX",
    "FIELDS",
    "iter_files",
    "read_path",
    "decode",
    "sidecar_path",
]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Files (and JSONL lines) larger than this are refused: no news article is that long."""

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
SIDECAR_SUFFIX = ".meta.json"
FIELDS = ("id", "url", "title", "publisher", "published", "author", "language", "dateline_city")
"""Metadata fields a sidecar or a JSONL record may give."""

_SIDECAR_MAX_BYTES = 1024 * 1024
_SNIFF = 64 * 1024
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html[\s>])", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


@dataclass
class RawDoc:
    """One article's decoded text and the metadata given with it, before cleaning.

    ``text`` is what becomes ``Article.original``: the decoded file, or for HTML the main
    text extracted from the page. ``given`` holds sidecar or JSONL fields (they override
    guesses); ``page_meta`` holds what an HTML page's own markup says (title, date, site).
    """

    id: str
    source_path: str
    text: str
    encoding: str = "utf-8"
    given: dict[str, str] = field(default_factory=dict)
    page_meta: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- files


def sidecar_path(path: Path) -> Path:
    """``a/b.txt`` -> ``a/b.meta.json``."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def iter_files(paths: Iterable[Path]) -> Iterator[Path | IngestError]:
    """Every input file under ``paths``, folders recursed in name order.

    Inside folders only known suffixes are taken (sidecars, other files, and hidden files
    and folders such as ``.git`` or macOS ``._`` copies are skipped);
    a file named explicitly with an unknown suffix, or a path that does not exist, is an
    error.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.suffix.lower() in SUFFIXES and not _is_sidecar(child) and not hidden:
                    yield child
        elif path.is_file():
            if _is_sidecar(path):
                log.debug("%s is a sidecar, read with its article", path)
            elif path.suffix.lower() in SUFFIXES:
                yield path
            else:
                yield IngestError(
                    str(path),
                    f"unsupported file type {path.suffix or '(none)'!r}; "
                    f"expected one of {', '.join(SUFFIXES)}",
                )
        else:
            yield IngestError(str(path), "no such file or folder")


def read_path(
    path: Path, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDoc | IngestError]:
    """The articles in one file: one for ``.txt``/``.html``, one per line for ``.jsonl``."""
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        yield IngestError(where, f"cannot read: {e.strerror or e}")
        return
    if size == 0:
        yield IngestError(where, "empty file")
        return
    sidecar = _read_sidecar(path)
    if isinstance(sidecar, IngestError):
        yield sidecar
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, sidecar, max_bytes)
        return
    if size > max_bytes:
        yield IngestError(
            where,
            f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
            "split it or raise the limit",
        )
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield IngestError(where, f"cannot read: {e.strerror or e}")
        return
    stem = sidecar.pop("id", None) or path.stem
    if suffix in (".html", ".htm") or _HTML_START.match(data[:1024]):
        yield _from_html(stem, where, data, encoding, sidecar)
        return
    decoded = decode(data, encoding, where)
    if isinstance(decoded, IngestError):
        yield decoded
        return
    text, used = decoded
    yield RawDoc(stem, where, text, used, sidecar)


# --------------------------------------------------------------------------- decoding


def _arabic_share(text: str) -> float:
    scripts = describe_script(text)
    total = sum(scripts.values())
    return scripts["Arabic"] / total if total else 0.0


def _binary(text: str) -> bool:
    controls = sum(1 for ch in text[:_SNIFF] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > 0.01 * max(1, len(text[:_SNIFF]))


def decode(data: bytes, encoding: str | None, where: str) -> tuple[str, str] | IngestError:
    """``(text, encoding used)`` or an error saying why the bytes are not text.

    An explicit ``encoding`` is used strictly. Otherwise a BOM decides; then UTF-8; a file
    that is UTF-8 but for a few bad bytes is reported (guessing another encoding would
    turn it into nonsense); anything else goes to charset-normalizer, with Windows-1256
    (the Arabic Windows code page) as a candidate, and the reading with the most Arabic
    letters wins. A leading BOM is not part of the text.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            return IngestError(where, f"unknown encoding {encoding!r}")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            return IngestError(
                where,
                f"undecodable bytes at byte {e.start} for encoding "
                f"{encoding!r}; check the file's encoding",
            )
        return _checked(text.removeprefix("\ufeff"), encoding, where)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _checked(data[3:].decode("utf-8"), "utf-8-sig", where)
        except UnicodeDecodeError as e:
            return IngestError(
                where,
                f"undecodable bytes at byte {e.start + 3}: the file starts "
                "with a UTF-8 BOM but is not valid UTF-8",
            )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), "utf-16", where)
        except UnicodeDecodeError as e:
            return IngestError(where, f"undecodable bytes at byte {e.start} in a UTF-16 file")
    if b"\x00" in data[:_SNIFF]:
        return IngestError(
            where,
            "binary file (NUL bytes), not text; if it is UTF-16 "
            "without a byte-order mark, pass the encoding explicitly",
        )
    try:
        return _checked(data.decode("utf-8"), "utf-8", where)
    except UnicodeDecodeError as e:
        first_bad = e.start
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    good = sum(1 for ch in lossy if ord(ch) > 127 and ch != "\ufffd")
    if good >= 20 and bad <= 0.05 * good:
        return IngestError(
            where,
            f"undecodable bytes at byte {first_bad}: the file is UTF-8 "
            f"except for {bad} invalid byte sequence(s); repair it or pass an "
            "explicit encoding",
        )
    candidates: list[str] = ["cp1256"]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[: 4 * _SNIFF]).best()
        if best is not None and best.encoding not in candidates:
            candidates.insert(0, best.encoding)
    except (ImportError, LookupError, ValueError) as e:  # a detector failure is not fatal
        log.debug("charset-normalizer failed on %s: %s", where, e)
    readings: list[tuple[float, str, str]] = []
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        readings.append((_arabic_share(text), enc, text))
    if not readings:
        return IngestError(
            where,
            f"undecodable bytes at byte {first_bad}: not UTF-8 and no "
            "known encoding fits; pass an explicit encoding",
        )
    _, enc, text = max(readings, key=lambda r: r[0])
    return _checked(text, enc, where)


def _checked(text: str, encoding: str, where: str) -> tuple[str, str] | IngestError:
    if _binary(text):
        return IngestError(where, "binary file (control characters), not text")
    if not text.strip():
        return IngestError(where, "empty file (only white space)")
    return text, encoding


# --------------------------------------------------------------------------- metadata


def _given_fields(obj: dict[str, Any], where: str) -> dict[str, str] | IngestError:
    given: dict[str, str] = {}
    for key in FIELDS:
        value = obj.get(key)
        if value is None:
            continue
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return IngestError(where, f"field {key!r} must be a string, not {type(value).__name__}")
        if value.strip():
            given[key] = value.strip()
    return given


def _read_sidecar(path: Path) -> dict[str, str] | IngestError:
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    where = str(side)
    if side.stat().st_size > _SIDECAR_MAX_BYTES:
        return IngestError(where, "sidecar over 1 MB; it should hold a few metadata fields")
    try:
        obj = json.loads(side.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        return IngestError(where, "sidecar is not UTF-8")
    except json.JSONDecodeError as e:
        return IngestError(
            f"{where}:{e.lineno}", f"malformed sidecar JSON: {e.msg} at column {e.colno}"
        )
    if not isinstance(obj, dict):
        return IngestError(where, "sidecar must be a JSON object of metadata fields")
    return _given_fields(obj, where)


# --------------------------------------------------------------------------- JSONL


def _read_jsonl(
    path: Path, sidecar: dict[str, str], max_bytes: int
) -> Iterator[RawDoc | IngestError]:
    """One article per non-blank line; a bad line is reported as ``path:LINE``."""
    defaults = {k: v for k, v in sidecar.items() if k != "id"}
    try:
        f = path.open("rb")
    except OSError as e:
        yield IngestError(str(path), f"cannot read: {e.strerror or e}")
        return
    with f:
        lineno = 0
        while True:
            line = f.readline(max_bytes + 1)
            if not line:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while (rest := f.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                    pass
                yield IngestError(where, f"line over the {max_bytes:,}-byte limit")
                continue
            if lineno == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as e:
                yield IngestError(
                    where, f"undecodable bytes at byte {e.start} of the line; JSONL must be UTF-8"
                )
                continue
            if not text.strip():
                continue
            yield _from_record(path, lineno, text, defaults)


def _from_record(
    path: Path, lineno: int, line: str, defaults: dict[str, str]
) -> RawDoc | IngestError:
    where = f"{path}:{lineno}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return IngestError(where, f"malformed JSON: {e.msg} at column {e.colno}")
    if not isinstance(record, dict):
        return IngestError(where, "a JSONL line must be a JSON object with 'text' or 'html'")
    given = _given_fields(record, where)
    if isinstance(given, IngestError):
        return given
    given = {**defaults, **given}
    doc_id = given.pop("id", None) or f"{path.stem}-{lineno}"
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        checked = _checked(text, "utf-8", where)
        if isinstance(checked, IngestError):
            return checked
        return RawDoc(doc_id, where, text, "utf-8", given)
    if isinstance(html, str) and html.strip():
        return _from_html(doc_id, where, html, None, given)
    return IngestError(where, "record has no 'text' or 'html' string")


# --------------------------------------------------------------------------- HTML


def _from_html(
    doc_id: str, where: str, html: bytes | str, encoding: str | None, given: dict[str, str]
) -> RawDoc | IngestError:
    """The main text of a saved page (trafilatura, offline) and what its markup says."""
    used = "utf-8"
    if isinstance(html, bytes):
        declared = _META_CHARSET.search(html[:_SNIFF])
        enc = encoding
        if enc is None and declared:
            enc = declared.group(1).decode("ascii", "replace")
            try:
                codecs.lookup(enc)
            except LookupError:
                enc = None
        decoded = decode(html, enc, where)
        if isinstance(decoded, IngestError) and enc and not encoding:
            decoded = decode(html, None, where)  # the page lied about its charset
        if isinstance(decoded, IngestError):
            return decoded
        html, used = decoded
    import trafilatura

    try:
        text = trafilatura.extract(
            html, include_comments=False, include_tables=False, deduplicate=False
        )
        found = trafilatura.extract_metadata(html)
    # trafilatura and lxml raise assorted errors on pathological markup; any of them means
    # this one page is unreadable, which is a per-file report, not a crash of the batch.
    except Exception as e:  # noqa: BLE001
        return IngestError(where, f"broken HTML: {type(e).__name__}: {e}")
    if not text or not text.strip():
        return IngestError(where, "broken HTML or no article text found in the page")
    page_meta: dict[str, str] = {}
    if found is not None:
        for key, attr in (
            ("title", "title"),
            ("publisher", "sitename"),
            ("published", "date"),
            ("author", "author"),
            ("url", "url"),
        ):
            value = getattr(found, attr, None)
            if isinstance(value, str) and value.strip():
                page_meta[key] = value.strip()
    return RawDoc(doc_id, where, text, used, given, page_meta)
