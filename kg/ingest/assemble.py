"""Turn one ``RawDoc`` into an ``Article``: clean, check the language, split, add metadata.

Metadata comes from three places, most trusted last: rules over the text
(``meta.guess_meta``), the HTML page's own markup (title, date, site name), and the sidecar
or JSONL record. Fields from the first two are listed in ``ArticleMeta.guessed``; a field
given by a sidecar or record is not.
"""

from __future__ import annotations

import re

from kg.errors import IngestError
from kg.ingest.clean import clean
from kg.ingest.language import MIN_LETTERS, describe_script, detect_language
from kg.ingest.meta import guess_meta, lookup_publisher, parse_date, split_site_suffix
from kg.ingest.read import RawDoc
from kg.ingest.sentences import split_sentences
from kg.records import Article, ArticleMeta

__all__ = ["build_article", "ARABIC_CODES"]

ARABIC_CODES = {"ar", "ara", "arabic", "عربي", "العربية"}
# Ids become IRI path segments (percent-encoded by kg.vocab) and file-like keys: no slashes,
# no control characters, no leading or trailing space.
_ID = re.compile(r"^(?!\s)[^/\\\x00-\x1f\x7f]{1,200}(?<!\s)$")


def build_article(raw: RawDoc) -> Article | IngestError:
    """The article in ``raw``, or an error saying why there is none."""
    where = raw.source_path
    if not _ID.match(raw.id):
        return IngestError(
            where,
            f"article id {raw.id!r} is empty, too long, or has a slash or a control "
            "character in it; rename the file or give a plain 'id'",
        )
    page = clean(raw.text)
    paragraphs = page.paragraphs
    if not paragraphs:
        return IngestError(where, "no article text left after removing site chrome")
    body = "\n".join(raw.text[p.start : p.end] for p in paragraphs)
    language = _language(raw, body)
    if isinstance(language, IngestError):
        return language
    sentences = split_sentences(raw.text, paragraphs)
    if not sentences:
        return IngestError(where, "no sentences found in the article text")
    meta = _merge(guess_meta(page), raw)
    if isinstance(meta, IngestError):
        return meta
    meta.language = language
    return Article(raw.id, where, raw.text, paragraphs, sentences, meta, raw.encoding)


def _language(raw: RawDoc, body: str) -> str | IngestError:
    declared = raw.given.get("language")
    if declared is not None:
        code = declared.strip().lower().split("-")[0]
        if code in ARABIC_CODES:
            return "ar"
        return IngestError(
            raw.source_path, f"language is {declared!r} by its metadata; Marsad reads Arabic only"
        )
    found = detect_language(body)
    if found == "ar":
        return "ar"
    if found is not None:
        return IngestError(raw.source_path, f"text is not Arabic (looks like {found!r}); skipped")
    scripts = describe_script(body)
    if sum(scripts.values()) < MIN_LETTERS:
        return IngestError(
            raw.source_path,
            f"too little text to be an article "
            f"({sum(scripts.values())} letters after removing site chrome)",
        )
    main = ", ".join(f"{name} {n}" for name, n in scripts.most_common(3))
    return IngestError(
        raw.source_path,
        f"text is not Arabic (letters by script: {main}); skipped, or check its encoding",
    )


def _merge(found: ArticleMeta, raw: RawDoc) -> ArticleMeta | IngestError:
    page = raw.page_meta
    if "title" in page:
        found.title = split_site_suffix(page["title"])[0]
        found.guessed.add("title")
    if "publisher" in page:
        known = lookup_publisher(page["publisher"])
        found.publisher = known.name_ar if known else page["publisher"]
        found.guessed.add("publisher")
    if "published" in page:
        date = parse_date(page["published"])
        if date is not None:
            found.published = date
            found.guessed.add("published")
    for key in ("author", "url"):
        if key in page:
            setattr(found, key, page[key])
            found.guessed.add(key)
    for key, value in raw.given.items():
        if key in ("id", "language"):
            continue
        if key == "published":
            date = parse_date(value)
            if date is None:
                return IngestError(
                    raw.source_path,
                    f"'published' value {value!r} is not a date (use ISO, such as 2015-02-24)",
                )
            found.published = date
        else:
            setattr(found, key, value)
        found.guessed.discard(key)
    return found
