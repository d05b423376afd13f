"""Split paragraphs into sentences, each an exact slice of ``Article.original``.

Every fact Marsad stores cites its sentence by offsets, so a sentence is never rebuilt or
re-spaced: it is ``original[start:end]``, trimmed of white space and entity debris at its
edges (a lone ``&`` inside stays, since cutting it out would break the offsets).

Arabic news punctuation needs a few rules beyond "split at a full stop":

- ``؟`` is the question mark; ``!`` and ``…`` also end sentences;
- a full stop between digits (``1.3 مليار``) or after a one-letter abbreviation (``د.``
  for doctor, ``م.`` for engineer) does not end a sentence;
- a stop directly followed by a closing quote or bracket (``وحدها."``) ends the sentence
  after that quote;
- inside a quotation (``"...الأولى. وتربط بينهم..."``) a stop does not end the sentence,
  so that a quoted statement stays whole for the claim it carries; quotations longer than
  ``MAX_QUOTE`` characters, or quote marks that never close, are ignored;
- scraped text often drops the stop between two reports (``... قبل أكثر من شهر وقال
  السفير ...``): a long unpunctuated run is cut before ``وقال``/``وأضاف``/``وأكد`` ... when
  a named speaker follows (``وقال السفير``, ``وأكد مصدر``), so that each sentence keeps
  its own speaker; ``وقال إن`` (the same speaker going on) is not cut.

>>> [s.text for s in split_sentences("قال: نعم. ثم غادر!", [Span(0, 18)])]
['قال: نعم.', 'ثم غادر!']
"""

from __future__ import annotations

import re

from kg.ingest.clean import is_debris, trim_span
from kg.records import Sentence, Span

__all__ = ["split_sentences", "MAX_QUOTE"]

MAX_QUOTE = 600
"""Quotations longer than this may be split: they are paragraphs, not one statement."""

_BOUNDARY = re.compile(r"(?:[.!?؟…]+|\.{3})[\"'”’»)\]]*")
_PAIRS = {"“": "”", "«": "»"}
_REPORT_VERB = re.compile(
    r"(?<=\s)و(?:قال|قالت|أضاف|أضافت|أكد|أكدت|أوضح|أوضحت|أشار|أشارت|ذكر|ذكرت|تابع|تابعت"
    r"|اتهم|اتهمت|نفى|نفت|أعلن|أعلنت|صرح|صرحت|كشف|كشفت)\s+(?P<next>\S+)"
)
# A named speaker: a definite noun (السفير، المتحدث) or an indefinite source word.
_SPEAKER_NOUNS = set("مصدر مصادر مسؤول مسؤولون مسؤولو وزير رئيس قائد متحدث بيان سكان شهود".split())
RUN_ON_WORDS = 12
"""An unpunctuated run at least this long may be cut before a reporting verb."""


def _quotes(text: str) -> list[tuple[int, int]]:
    """Spans ``[open, close]`` of balanced quotations (typographic pairs, ASCII pairs)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    ascii_open: int | None = None
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((_PAIRS[ch], i))
        elif stack and ch == stack[-1][0]:
            _, start = stack.pop()
            spans.append((start, i))
        elif ch == '"':
            if ascii_open is None:
                ascii_open = i
            else:
                spans.append((ascii_open, i))
                ascii_open = None
    return [(a, b) for a, b in spans if b - a <= MAX_QUOTE]


def _is_boundary(text: str, m: re.Match[str], quotes: list[tuple[int, int]]) -> bool:
    stop, end = m.start(), m.end()
    if end < len(text) and not (text[end].isspace() or text[end] in '"“«([&*•|'):
        # ``1.3``, ``U.S.``, ``www.site.com``: a stop glued to what follows is no boundary,
        # unless an Arabic word follows a stop after a word (``القاهرة.وقال``).
        glued_arabic = (
            text[stop] == "."
            and "\u0621" <= text[end] <= "\u064a"
            and stop > 0
            and "\u0621" <= text[stop - 1] <= "\u064a"
        )
        if not glued_arabic:
            return False
    if text[stop] == "." and m.group(0).rstrip("\"'”’»)]") == ".":
        word = re.search(r"(\S+)$", text[:stop])
        if word and len(word.group(1)) == 1 and word.group(1).isalpha():
            return False  # one-letter abbreviation: د. م. أ.
    return not any(a < stop and end <= b for a, b in quotes)


def _run_on_cuts(text: str, cuts: list[int], quotes: list[tuple[int, int]]) -> list[int]:
    """Cuts before a reporting verb with a named speaker inside a long unpunctuated run."""
    out: list[int] = []
    bounds = [0, *cuts, len(text)]
    for m in _REPORT_VERB.finditer(text):
        pos = m.start()
        nxt = m.group("next")
        if not (nxt.startswith("ال") or nxt in _SPEAKER_NOUNS):
            continue
        if text[:pos].rstrip()[-1:] in "،,؛;:" or any(a < pos < b for a, b in quotes):
            continue
        before = max([b for b in bounds if b <= pos] + out)
        after = min(b for b in bounds if b > pos)
        if len(text[before:pos].split()) >= RUN_ON_WORDS and len(text[pos:after].split()) >= 5:
            out.append(pos)
    return out


def split_sentences(original: str, paragraphs: list[Span]) -> list[Sentence]:
    """The sentences of each paragraph, numbered in reading order across the article."""
    out: list[Sentence] = []
    for p_index, para in enumerate(paragraphs):
        text = original[para.start : para.end]
        quotes = _quotes(text)
        cuts = [m.end() for m in _BOUNDARY.finditer(text) if _is_boundary(text, m, quotes)]
        cuts = sorted(cuts + _run_on_cuts(text, cuts, quotes))
        start = 0
        for cut in [*cuts, len(text)]:
            if cut <= start:
                continue
            s, e = trim_span(text, start, cut)
            start = cut
            if e <= s or is_debris(text[s:e]):
                continue
            a, b = para.start + s, para.start + e
            out.append(Sentence(len(out), a, b, original[a:b], p_index))
    return out
