"""Find the article inside a scraped page, as offsets into the text that was read.

A saved news page carries more than its article: a run of unrelated headlines, share and
comment buttons, "related articles", an image-report notice, "click here for the source",
"back to top", a stray ``&`` left from an HTML entity, a bare page number, and sometimes
the body printed twice. ``clean`` keeps the text as it was read and returns which blocks of
it are the article body, so that every sentence later cites exact offsets into the file.

The rules are structural first, lexical second:

- a line made of many short segments joined by runs of spaces (or ``|``) is a headline
  list, whatever the headlines say;
- lines with no letters are debris (``&``, ``2``, ``***``);
- the body runs from the first to the last paragraph that reads like prose (long, or
  ending with a full stop), plus short statements right after it; short lines before it
  are the title, kicker and date line, and short lines after it are trailers (publisher,
  tags, related headlines), not body;
- a date line near the top anchors the start of the article: nothing before it is body;
- a paragraph already seen is a second copy, and so are short lines inside a repeated run;
- the furniture phrases in ``chrome.tsv`` are dropped; the ``end`` ones (related
  articles, comments, "read the source") close the article when most of the prose came
  before them.
"""

from __future__ import annotations

import csv
import re
import statistics
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from kg.ingest import meta as _meta
from kg.records import Span
from kg.text.arabic import normalize

__all__ = ["Block", "Page", "clean", "BlockKind", "is_debris", "trim_span"]

CHROME_TSV = Path(__file__).with_name("chrome.tsv")

ChromeKind = Literal["drop", "end", "link"]
BlockKind = Literal[
    "blank",
    "debris",
    "headlines",
    "chrome",
    "end",
    "link",
    "cut",
    "dateline",
    "byline",
    "title",
    "leading",
    "trailer",
    "tail",
    "duplicate",
    "body",
]

# Characters and entity leftovers that may sit at the edges of a paragraph or sentence and
# are not part of it: white space of every width, bidi and zero-width marks, HTML entity
# debris (a lone ``&`` or ``&nbsp;`` from a bad conversion) and bullets.
_EDGE = (
    r"(?:\s|[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]"
    r"|&(?:nbsp|amp|quot|lt|gt|#\d+);?|&|[*•·▪►■●◄▶|])"
)
_LEAD_EDGE = re.compile(rf"^(?:{_EDGE}|[-–—](?=\s))+")
_TRAIL_EDGE = re.compile(rf"(?:{_EDGE})+$")
_CRUMB_SEP = re.compile(r"\s+[/>»›|]\s+")
_HEADLINE_SEP = re.compile(r"\t+|[ \u00a0\u2000-\u200a\u202f\u3000]{3,}|\s+[|•·]\s+")
_TERMINAL = re.compile(r"[.!?؟…](?:[\"'”’»)\]]*)$")
_LETTER = re.compile(r"[^\W\d_]")

BODY_MIN_WORDS = 8
"""A line this long that ends with a full stop reads as prose."""
BODY_LONG_WORDS = 20
"""A line this long reads as prose even without final punctuation."""
SHORT_LINE_WORDS = 15
"""Chrome phrases matched by prefix or containment only count on lines this short."""


@dataclass(frozen=True)
class Block:
    """A line (or a paragraph of a hard-wrapped text) trimmed of edge debris."""

    index: int
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Page:
    """A page split into blocks, each with the kind ``clean`` gave it."""

    original: str
    blocks: list[Block]
    kinds: list[BlockKind]
    hard_wrapped: bool = False

    def of_kind(self, *kinds: BlockKind) -> list[Block]:
        return [b for b, k in zip(self.blocks, self.kinds, strict=True) if k in kinds]

    @property
    def paragraphs(self) -> list[Span]:
        return [Span(b.start, b.end) for b in self.of_kind("body")]

    @property
    def title(self) -> Block | None:
        found = self.of_kind("title")
        return found[0] if found else None


# --------------------------------------------------------------------------- edges


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` of ``text`` past white space and debris at both edges."""
    piece = text[start:end]
    m = _LEAD_EDGE.match(piece)
    lead = m.end() if m else 0
    m2 = _TRAIL_EDGE.search(piece, lead)
    trail = m2.start() if m2 else len(piece)
    return start + lead, start + max(lead, trail)


def is_debris(text: str) -> bool:
    """True for text with no letter at all: ``&``, ``2``, ``* * *``, ``|``."""
    return _LETTER.search(text) is None


def _ends_sentence(text: str) -> bool:
    return _TERMINAL.search(text) is not None


def _ends_statement(text: str) -> bool:
    """Ends with a full stop or an ellipsis, not a question or exclamation mark (headlines
    ask questions; the body's statements end with a stop)."""
    m = _TERMINAL.search(text)
    return m is not None and m.group(0)[0] in ".…"


def _prose(block: Block) -> bool:
    """Reads like a paragraph of the body: long, or a statement of some length."""
    return (block.words >= BODY_MIN_WORDS and _ends_statement(block.text)) or (
        block.words >= BODY_LONG_WORDS
    )


def _breadcrumb(text: str) -> bool:
    """``الرئيسية / أخبار / ليبيا``: three or more one-to-three-word links in a row."""
    parts = _CRUMB_SEP.split(text)
    return len(parts) >= 3 and all(1 <= len(p.split()) <= 3 for p in parts)


def _headline_list(text: str) -> bool:
    """Many short segments joined by runs of spaces or bars: a list of other headlines."""
    segments = [s for s in _HEADLINE_SEP.split(text) if s.strip()]
    if len(segments) < 4:
        return False
    lengths = [len(s.split()) for s in segments]
    ending = sum(1 for s in segments if _ends_sentence(s.strip()))
    return statistics.median(lengths) <= 20 and ending <= 0.5 * len(segments)


# --------------------------------------------------------------------------- chrome


@dataclass(frozen=True)
class _Chrome:
    kind: ChromeKind
    match: Literal["line", "prefix", "contains"]
    phrase: str


@cache
def _chrome_rules(path: Path = CHROME_TSV) -> tuple[_Chrome, ...]:
    rules: list[_Chrome] = []
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        for row in rows:
            kind, match = row["kind"].strip(), row["match"].strip()
            if kind not in ("drop", "end", "link") or match not in ("line", "prefix", "contains"):
                raise ValueError(f"{path}: bad chrome rule {row!r}")
            rules.append(_Chrome(kind, match, _chrome_key(row["phrase"])))  # type: ignore[arg-type]
    return tuple(rules)


def _chrome_key(text: str) -> str:
    """Fold a line for chrome matching: normalised, letters only, single spaces."""
    folded = normalize(text)
    return " ".join(re.sub(r"[^\w\s]|[\d_]", " ", folded).split())


def chrome_kind(text: str) -> ChromeKind | None:
    """``'end'``, ``'drop'``, ``'link'`` or None: what ``chrome.tsv`` says about this line."""
    if len(text.split()) > 2 * SHORT_LINE_WORDS:
        return None  # every rule is a short phrase on a short line
    key = _chrome_key(text)
    if not key:
        return None
    short = len(key.split()) <= SHORT_LINE_WORDS
    for rule in _chrome_rules():
        if rule.match == "line":
            hit = key == rule.phrase
        elif rule.match == "prefix":
            hit = short and (key == rule.phrase or key.startswith(rule.phrase + " "))
        else:
            hit = short and f" {rule.phrase} " in f" {key} "
        if hit:
            return rule.kind
    return None


# --------------------------------------------------------------------------- blocks


def _lines(original: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n|\u2028|\u2029", original):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(original)))
    return spans


def _looks_hard_wrapped(original: str, lines: list[tuple[int, int]]) -> bool:
    """A text wrapped at a fixed width: most lines are long, similar and end mid-sentence."""
    texts = [original[a:b].strip() for a, b in lines]
    long_lines = [t for t in texts if len(t.split()) >= 5]
    if len(long_lines) < 6:
        return False
    widths = [len(t) for t in long_lines]
    width = max(widths)  # the wrap width: no line of a wrapped text is longer
    if width > 110:
        return False
    near = sum(1 for w in widths if w >= 0.75 * width)
    open_ended = sum(1 for t in long_lines if not _ends_sentence(t))
    return near >= 0.75 * len(long_lines) and open_ended >= 0.6 * len(long_lines)


def _blocks(original: str) -> tuple[list[Block], bool]:
    lines = _lines(original)
    wrapped = _looks_hard_wrapped(original, lines)
    groups: list[tuple[int, int]] = []
    if wrapped:
        start: int | None = None
        end = 0
        for a, b in lines:
            if original[a:b].strip():
                start = a if start is None else start
                end = b
            elif start is not None:
                groups.append((start, end))
                groups.append((a, b))
                start = None
            else:
                groups.append((a, b))
        if start is not None:
            groups.append((start, end))
    else:
        groups = lines
    blocks: list[Block] = []
    for a, b in groups:
        s, e = trim_span(original, a, b)
        blocks.append(Block(len(blocks), s, e, original[s:e]))
    return blocks, wrapped


def _first_kind(block: Block) -> BlockKind | None:
    """The kind a block has on its own, before its place on the page is known."""
    if not block.text:
        return "blank"
    if is_debris(block.text):
        return "debris"
    if _headline_list(block.text):
        return "headlines"
    if _breadcrumb(block.text):
        return "chrome"
    chrome = chrome_kind(block.text)
    if chrome == "end":
        return "end"
    if chrome == "link":
        return "link"
    if chrome == "drop":
        return "chrome"
    if block.words <= 14 and _meta.dateline_date(block.text) is not None:
        return "dateline"
    if block.words <= 8 and _meta.byline(block.text) is not None:
        return "byline"
    return None


def clean(original: str) -> Page:
    """Split ``original`` into blocks and decide which are the article body.

    The result keeps every block with its kind; ``Page.paragraphs`` are the body blocks as
    spans into ``original``, ``Page.title`` the headline if one was found.
    """
    blocks, wrapped = _blocks(original)
    kinds: list[BlockKind | None] = [_first_kind(b) for b in blocks]

    prose = [i for i, b in enumerate(blocks) if kinds[i] is None and _prose(b)]
    _cut_at_end_marker(blocks, kinds, prose)
    _drop_linked_headlines(blocks, kinds)
    prose = _start_after_dateline(blocks, kinds, [i for i in prose if kinds[i] is None])
    if prose:
        prose = _extend_over_short_sentences(blocks, kinds, prose)
    first = prose[0] if prose else None
    final: list[BlockKind] = []
    if first is None:
        # No prose at all (a very short text): keep every remaining line as body.
        final = [k if k is not None else "body" for k in kinds]
    else:
        last = prose[-1]
        for i, k in enumerate(kinds):
            if k is not None:
                final.append(k)
            elif i < first:
                final.append("leading")
            elif i > last:
                final.append("trailer" if _meta.trailer_publisher(blocks[i].text) else "tail")
            else:
                final.append("body")
    _mark_duplicates(blocks, final)
    _mark_title(blocks, final)
    return Page(original, blocks, final, hard_wrapped=wrapped)


def _prose_chars(blocks: list[Block], prose: list[int]) -> list[int]:
    """``out[i]``: characters of prose in blocks before ``i`` (``out[-1]`` is the total)."""
    out = [0] * (len(blocks) + 1)
    is_prose = set(prose)
    for i, b in enumerate(blocks):
        out[i + 1] = out[i] + (len(b.text) if i in is_prose else 0)
    return out


def _cut_at_end_marker(
    blocks: list[Block], kinds: list[BlockKind | None], prose: list[int]
) -> None:
    """An "end" marker (related articles, comments) closes the article when more prose
    came before it than after it; a marker early in the body is only dropped."""
    chars = _prose_chars(blocks, prose)
    for i, k in enumerate(kinds):
        if k == "end":
            kinds[i] = "chrome"
            if chars[i] > chars[-1] - chars[i + 1]:
                for j in range(i + 1, len(blocks)):
                    kinds[j] = "cut"
                return


def _start_after_dateline(
    blocks: list[Block], kinds: list[BlockKind | None], prose: list[int]
) -> list[int]:
    """A date line in the upper part of the page marks where the article starts: prose
    before it (an image notice, a teaser) is dropped when it is small next to what follows."""
    datelines = [i for i, k in enumerate(kinds) if k == "dateline"]
    if not datelines or not prose or datelines[0] < prose[0]:
        return prose
    chars = _prose_chars(blocks, prose)
    d = datelines[0]
    if chars[d] < 0.2 * (chars[-1] - chars[d + 1]):
        return [i for i in prose if i > d]
    return prose


def _drop_linked_headlines(blocks: list[Block], kinds: list[BlockKind | None]) -> None:
    """``اقرأ أيضا`` alone on its line links to the headline on the next line: drop both.

    With the headline on the same line (``اقرأ أيضا: عنوان``) the line alone goes.
    """
    for i, k in enumerate(kinds):
        if k != "link":
            continue
        kinds[i] = "chrome"
        if len(_chrome_key(blocks[i].text).split()) > 3:
            continue
        nxt = next((j for j in range(i + 1, len(blocks)) if kinds[j] != "blank"), None)
        if (
            nxt is not None
            and kinds[nxt] is None
            and blocks[nxt].words <= SHORT_LINE_WORDS
            and not _ends_statement(blocks[nxt].text)
        ):
            kinds[nxt] = "chrome"


def _extend_over_short_sentences(
    blocks: list[Block], kinds: list[BlockKind | None], prose: list[int]
) -> list[int]:
    """Let the body start or end on a short sentence (``وأكدت الوزارة أن الوضع هادئ.``).

    Next to the first and last prose paragraphs, lines of three words or more that end
    with a full stop still belong to the article; the first line that does not (a title,
    a date line, a name, a tag list, a related headline asking a question) stops it.
    """

    def statement(i: int) -> bool | None:
        if kinds[i] in ("blank", "debris"):
            return None
        return kinds[i] is None and blocks[i].words >= 3 and _ends_statement(blocks[i].text)

    found = set(prose)
    for step, origin in ((1, prose[-1]), (-1, prose[0])):
        i = origin + step
        while 0 <= i < len(blocks):
            verdict = statement(i)
            if verdict is False:
                break
            if verdict:
                found.add(i)
            i += step
    return sorted(found)


def _mark_duplicates(blocks: list[Block], kinds: list[BlockKind]) -> None:
    """A body printed twice is one body: drop paragraphs already seen.

    Long paragraphs are dropped when seen before; short ones (a subheading) only when they
    sit inside a run of repeats, so that a short line that legitimately recurs stays.
    """
    body = [i for i, k in enumerate(kinds) if k == "body"]
    keys = [" ".join(blocks[i].text.split()) for i in body]  # verbatim, spacing aside
    seen: set[str] = set()
    repeat = []
    for key in keys:
        repeat.append(key in seen)
        seen.add(key)
    drop = [r and blocks[i].words >= 6 for r, i in zip(repeat, body, strict=True)]
    changed = True
    while changed:
        changed = False
        for n in range(len(body)):
            if repeat[n] and not drop[n]:
                near = (n > 0 and drop[n - 1]) or (n + 1 < len(body) and drop[n + 1])
                if near:
                    drop[n] = changed = True
    for n, i in enumerate(body):
        if drop[n]:
            kinds[i] = "duplicate"


def _mark_title(blocks: list[Block], kinds: list[BlockKind]) -> None:
    """The headline: the first short leading line, or with a list of leading lines, the
    one closest to the date line (a list of links often comes before the headline)."""
    leading = [
        i
        for i, k in enumerate(kinds)
        if k == "leading" and 2 <= blocks[i].words <= 30 and not _ends_statement(blocks[i].text)
    ]
    if not leading:
        return
    if len(leading) <= 3:
        kinds[leading[0]] = "title"
        return
    dates = [i for i, k in enumerate(kinds) if k == "dateline"]
    before_date = [i for i in leading if dates and i < dates[0]]
    kinds[(before_date or leading)[-1]] = "title"
