"""Arabic-aware phrase matching: tokens with offsets, proclitics, and a first-token index.

Arabic glues conjunctions, prepositions and the article to the next word (وحفتر, بليبيا,
للجيش = ل + الجيش, وبالقاهرة), and writes compound names spaced or joined (عبد الفتاح /
عبدالفتاح, أبو بكر / أبوبكر). Text is cut into tokens that keep their offsets into the
article; each token is folded with ``kg.text.arabic.normalize``; ``عبد`` + ``ال…`` and
``أبو`` + next word are merged into one token, as ``normalize`` joins them in names.

A ``PhraseIndex`` maps the first normalised token of every phrase to the phrases starting
with it, so matching costs a few dictionary look-ups per token (one per clitic reading)
however many aliases the gazetteer has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from kg.records import Article
from kg.text.arabic import fold_char, normalize

__all__ = ["Token", "PhraseMatch", "PhraseIndex", "tokenize", "tokenize_article",
           "phrase_tokens", "clitic_readings", "adjacent", "surface_start"]

_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d])+")
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_JOINERS = ("عبد", "ابو")
_GLUED = ("من", "في", "عن", "الي", "علي")

P = TypeVar("P")


@dataclass(frozen=True)
class Token:
    """A word of the article: ``norm`` is its folded form, offsets are into the article."""

    start: int
    end: int
    norm: str
    sentence: int
    index: int = 0  # position in the article's token list


def _strip_prefix(norm: str) -> str:
    """The token without a leading و/ف and one of ب/ل/ك (for the compound check)."""
    for c in ("", *_CONJ):
        for p in ("", *_PREP):
            pre = c + p
            if norm.startswith(pre) and norm[len(pre):] in _JOINERS:
                return norm[len(pre):]
    return norm


def tokenize(text: str, offset: int = 0, sentence: int = 0, first: int = 0) -> list[Token]:
    """Tokens of ``text`` (offsets shifted by ``offset``), compound names merged."""
    raw = [(m.start() + offset, m.end() + offset, _fold(m.group())) for m in
           _WORD.finditer(text)]
    out: list[Token] = []
    i = 0
    while i < len(raw):
        start, end, norm = raw[i]
        if norm.endswith(_JOINERS) and i + 1 < len(raw) and \
                text[end - offset:raw[i + 1][0] - offset].isspace():
            head = _strip_prefix(norm)
            nxt = raw[i + 1][2]
            if (head == "عبد" and nxt.startswith("ال")) or (head == "ابو" and len(nxt) > 1):
                out.append(Token(start, raw[i + 1][1], norm + nxt, sentence, first + len(out)))
                i += 2
                continue
        if norm:
            out.append(Token(start, end, norm, sentence, first + len(out)))
        i += 1
    return out


@lru_cache(maxsize=1 << 18)
def _fold(word: str) -> str:
    """``normalize`` of one word, cached: news vocabulary repeats a lot."""
    return normalize(word)


def tokenize_article(article: Article) -> list[Token]:
    """Every token of every sentence, in order, with its sentence index."""
    tokens: list[Token] = []
    for s in article.sentences:
        tokens.extend(tokenize(article.original[s.start:s.end], s.start, s.index, len(tokens)))
    return tokens


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """The normalised tokens of a gazetteer or lexicon phrase, as text tokens would be."""
    return tuple(t.norm for t in tokenize(phrase))


@lru_cache(maxsize=1 << 18)
def clitic_readings(norm: str) -> tuple[tuple[str, str], ...]:
    """Ways to read a token as proclitics + stem, the bare token first.

    ``وبالقاهرة`` gives ``("وب", "القاهرة")`` among others; ``للجيش`` gives
    ``("ل", "الجيش")`` (ل + ال is written لل). Stems shorter than two letters are
    never proposed.
    """
    out = [("", norm)]
    for c in ("", *_CONJ):
        for p in ("", *_PREP):
            pre = c + p
            if not pre or not norm.startswith(pre):
                continue
            rest = norm[len(pre):]
            if p == "ل" and rest.startswith("ل") and len(rest) > 2:
                out.append((pre, "ا" + rest))  # لل = ل + ال
            if len(rest) >= 2:
                out.append((pre, rest))
    for pre in _GLUED:
        # a dropped space after a preposition (منإيطاليا): only before an alef-initial
        # word, which the preposition cannot begin as a real word
        rest = norm[len(pre):]
        if norm.startswith(pre) and rest[:1] == "ا" and len(rest) >= 4:
            out.append((pre, rest))
    return tuple(out)


def adjacent(text: str, a: Token, b: Token) -> bool:
    """True when only white space separates token ``a`` from the next token ``b``."""
    return a.sentence == b.sentence and (a.end == b.start or text[a.end:b.start].isspace())


@dataclass(frozen=True)
class PhraseMatch(Generic[P]):
    """Tokens ``[first, last)`` read as a phrase; ``prefix`` is the clitic cut off."""

    first: int
    last: int
    payloads: tuple[P, ...]
    prefix: str = ""
    restored_article: bool = False
    stem: str = ""  # the first token as read, clitics cut off

    @property
    def length(self) -> int:
        return self.last - self.first


class PhraseIndex(Generic[P]):
    """Phrases by their first normalised token; each phrase carries payloads."""

    def __init__(self) -> None:
        self._by_first: dict[str, dict[tuple[str, ...], list[P]]] = {}

    def add(self, phrase: str | Sequence[str], payload: P) -> None:
        toks = phrase_tokens(phrase) if isinstance(phrase, str) else tuple(phrase)
        if not toks:
            return
        bucket = self._by_first.setdefault(toks[0], {}).setdefault(toks[1:], [])
        if payload not in bucket:
            bucket.append(payload)

    def __contains__(self, norm: str) -> bool:
        return norm in self._by_first

    def matches_at(self, text: str, tokens: Sequence[Token], i: int,
                   clitics: bool = True) -> list[PhraseMatch[P]]:
        """Every phrase that starts at token ``i``, longest first, bare readings first."""
        found: list[PhraseMatch[P]] = []
        readings = clitic_readings(tokens[i].norm) if clitics else (("", tokens[i].norm),)
        for prefix, stem in readings:
            tails = self._by_first.get(stem)
            if not tails:
                continue
            for tail, payloads in tails.items():
                j = i + 1
                ok = True
                for want in tail:
                    if (j >= len(tokens) or tokens[j].norm != want
                            or not adjacent(text, tokens[j - 1], tokens[j])):
                        ok = False
                        break
                    j += 1
                if ok:
                    restored = bool(prefix) and stem != tokens[i].norm[len(prefix):]
                    found.append(PhraseMatch(i, j, tuple(payloads), prefix, restored, stem))
        found.sort(key=lambda m: (-m.length, len(m.prefix)))
        return found

    def longest_at(self, text: str, tokens: Sequence[Token], i: int,
                   clitics: bool = True) -> PhraseMatch[P] | None:
        found = self.matches_at(text, tokens, i, clitics)
        return found[0] if found else None

    def scan(self, text: str, tokens: Sequence[Token], clitics: bool = True,
             skip: Iterable[int] = ()) -> list[PhraseMatch[P]]:
        """Leftmost-longest, non-overlapping matches over ``tokens``."""
        blocked = set(skip)
        out: list[PhraseMatch[P]] = []
        i = 0
        while i < len(tokens):
            if i in blocked:
                i += 1
                continue
            m = self.longest_at(text, tokens, i, clitics)
            if m is None or any(k in blocked for k in range(m.first, m.last)):
                i += 1
                continue
            out.append(m)
            i = m.last
        return out


def surface_start(text: str, token: Token, prefix: str, restored_article: bool) -> int:
    """Where a match's surface starts once its proclitics are cut off.

    With ل + ال written لل the article's letter is shared, so the whole token is kept.
    """
    if not prefix or restored_article:
        return token.start
    seen = 0
    pos = token.start
    while pos < token.end and seen < len(prefix):
        if fold_char(text[pos]):
            seen += 1
        pos += 1
    while pos < token.end and not fold_char(text[pos]):
        pos += 1  # diacritics of the clitic
    return pos


