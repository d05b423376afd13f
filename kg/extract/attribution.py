"""Who is speaking: the pieces of reported speech that claims are built from.

Arabic news attributes nearly every statement with a small set of patterns, and this
module finds their parts in one sentence so that ``kg.extract.claims`` can assemble them:

* a trigger: a reporting verb in any person, number and tense, with its clitics
  (``وقال``، ``قالت``، ``ويقول``، ``تتهمها``), a circumstantial participle that continues
  the speaker (``مضيفا``، ``مشيرا``), a prepositional attribution (``بحسب``، ``وفقا لـ``)
  or a relay (``نقلت X عن Y``); the forms are data (``lexicons/speech_verbs.tsv``);
* the content marker that follows it: the complementizer ``إن/أن``، a quotation, a colon,
  the verb's preposition (``أشار إلى``، ``أعرب عن``) or a bare noun phrase;
* the speaker phrase: after the verb (``قال مسؤول في المخابرات إن``), before it
  (``مصادر رجحت``، ``وكان الرئيس دعا``), or absent (``وأضاف أن``: the last speaker);
  it resolves to an entity mention, to an unnamed source (``lexicons/anonymous_sources.tsv``)
  or to nothing.

Everything here works on tokens of one sentence whose offsets point into
``Article.original``; matching uses the folded spelling of ``kg.text.arabic`` so that
hamza, taa marbuta and alef maqsura variants all match.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.records import Article, EntityRef, Mention, Stance
from kg.text.arabic import normalize_with_map

__all__ = [
    "Token", "LexEntry", "Trigger", "Speaker", "tokenize", "quote_regions", "find_triggers",
    "speech_lexicon", "anonymous_heads", "fold", "COMPLEMENTIZERS",
]

LEXICON_DIR = Path(__file__).parent / "lexicons"

_WORD = re.compile(r"[^\s،,.:;؛!?؟\"“”«»()\[\]{}\-–—]+|[،,.:;؛!?؟\"“”«»()\[\]{}\-–—]")
QUOTE_CHARS = "\"“”«»"
PUNCT = set("،,.:;؛!?؟()[]{}-–—") | set(QUOTE_CHARS)

# Folded grammar words (closed classes, not lexicon data).
COMPLEMENTIZERS = {
    "ان", "انه", "انها", "انهم", "انهما", "انهن", "اننا", "انني", "انك", "انكم",
    "بان", "بانه", "بانها", "بانهم", "بانهما", "فان", "فانه", "فانها", "فانهم",
    "وان", "وانه", "وانها", "وانهم", "وبان",
}
BARE_COMPLEMENTIZERS = {"ان", "بان", "فان", "وان", "وبان"}
RELATIVES = {"التي", "الذي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي"}
CLAUSE_WORDS = {
    "لكن", "ولكن", "بينما", "فيما", "كما", "حيث", "اذ", "عندما", "حين", "بعدما", "وبينما",
    "وفيما", "وكما", "وحيث", "الا",
}
PRONOUN_CLAUSE_WORDS = {
    "لكنه", "لكنها", "لكنهم", "لكنهما", "ولكنه", "ولكنها", "ولكنهم", "انه", "انها",
    "انهم", "وانه", "وانها", "وانهم", "فانه", "فانها", "فانهم", "بانه", "بانها", "بانهم",
}
LEADING_PARTICLES = {
    "و", "ف", "وكان", "كان", "وكانت", "كانت", "قد", "وقد", "فقد", "لقد", "ولقد", "كانوا",
    "وكانوا", "ثم", "اما", "واما",
}
NEGATIONS = {"لم", "لن", "لا", "ما", "ولم", "ولن", "ولا", "وما", "فلم", "فلا", "ليس", "لما",
             "عدم", "دون"}
PREPOSITIONS = {
    "في", "ل", "ب", "من", "عن", "على", "علي", "الى", "الي", "خلال", "عبر", "امام", "اثناء",
    "لدى", "لدي", "مع", "منذ", "بعد", "قبل", "وفي", "ومن", "وعلى", "وعلي", "وخلال", "وبعد",
}
ADVERBS = {
    "ايضا", "كذلك", "حينها", "حينذاك", "بدوره", "بدورها", "بدورهم", "اليوم", "امس", "الان",
    "مجددا", "مؤخرا", "سابقا", "لاحقا", "صراحه", "السبت", "الاحد", "الاثنين", "الثلاثاء",
    "الاربعاء", "الخميس", "الجمعه", "جانبه", "جانبها", "جهته", "جهتها", "ذاته", "نفسه",
    "قايلا", "قايله", "قايلين",  # قائلا right after a reporting verb (folded spelling)
}
# Parts of the day (أعلن الجيش، مساء الاثنين، ...): adverbs of time before a day name.
ADVERBS |= {"مساء", "صباح", "فجر", "ظهر", "عصر", "ليله", "ليل", "ظهيره"}
DEMONSTRATIVES = {"ذلك", "هذا", "هذه", "ذاك", "تلك", "ايضا", "الامر", "الامر،"}
# Dual and plural nouns that point back at the parties just named (ونفت الدولتان ...).
PARTY_ANAPHORS = {
    "الدولتان", "الدولتين", "البلدان", "البلدين", "الطرفان", "الطرفين", "الجانبان",
    "الجانبين", "الحكومتان", "الحكومتين", "العاصمتان", "العاصمتين",
}
OBJECT_CLITICS = ("هما", "هم", "هن", "ها", "ه", "نا")
REPORT_MASDAR = {"قوله", "قولها", "قولهم", "قولهما", "قول"}
# Unvocalised يُذكر أن / يُشار is a passive: the writer's background, nobody's claim.
_IMPERSONAL = {"يذكر", "ويذكر", "يشار", "ويشار", "يقال", "ويقال"}
# A preposition is followed by a noun: رفض، نفي، قول after it are verbal nouns, not verbs.
_NOUN_AFTER = {"عن", "على", "علي", "الى", "من", "في", "مع"}
# Verbs that report only when they open their clause (وتحدثت تقارير عن ...); after a noun
# they describe it (مسؤول تحدث لرويترز، تقارير تحدثت عن توغل).
_CLAUSE_INITIAL = {"تحدث"}
# ثمّن "praised" is spelled like ثمن "price": not after the verbs of paying.
_NOT_AFTER = {"ثمن": {"دفع", "يدفع", "تدفع", "يدفعون", "دفعت", "دفعوا", "ندفع", "بنفس", "نصف"}}


def fold(text: str) -> str:
    """The matching form of a word (see ``kg.text.arabic``), without spaces."""
    folded, _ = normalize_with_map(text)
    return folded.replace(" ", "")


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Token:
    """A word or a punctuation mark of one sentence; offsets into ``Article.original``."""

    i: int
    start: int
    end: int
    text: str
    fold: str

    @property
    def is_punct(self) -> bool:
        return len(self.text) == 1 and self.text in PUNCT


def tokenize(article: Article, start: int, end: int) -> list[Token]:
    """Words and punctuation marks of ``original[start:end]``, tatweel dropped in ``fold``."""
    out: list[Token] = []
    for m in _WORD.finditer(article.original, start, end):
        text = m.group(0)
        out.append(Token(len(out), m.start(), m.end(), text, fold(text) or text))
    return out


# --------------------------------------------------------------------------- quotes


def quote_regions(article: Article) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of the quotation marks of every quotation.

    Straight and curly quotes are written both ways round in Arabic news, so a mark is
    read by its shape: space before and a letter after opens, a letter before and space
    after closes. A quotation opened again before it is closed ends where the next one
    opens; one never closed ends with its sentence.
    """
    sentence_ends = sorted(s.end for s in article.sentences)
    text = article.original
    regions: list[tuple[int, int]] = []
    spans = [(p.start, p.end) for p in article.paragraphs] or [(0, len(text))]
    for p_start, p_end in spans:
        open_at: int | None = None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in QUOTE_CHARS:
                continue
            before = text[i - 1] if i > p_start else " "
            after = text[i + 1] if i + 1 < p_end else " "
            opening = ch == "«" or (ch != "»" and (before.isspace() or before in "(:،,ـ" or
                                                  before in "بل") and not after.isspace())
            closing = ch == "»" or (ch != "«" and not before.isspace() and
                                    (after.isspace() or after in ".,،:؛)!?" or i + 1 >= p_end))
            if open_at is None:
                if opening or not closing:
                    open_at = i
            elif opening and not closing:
                regions.append((open_at, i))
                open_at = i
            else:
                regions.append((open_at, i))
                open_at = None
        if open_at is not None:
            end = next((e for e in sentence_ends if e > open_at), p_end)
            regions.append((open_at, min(end, p_end)))
    return regions


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < start and end <= b for a, b in regions)


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class LexEntry:
    """One row of ``speech_verbs.tsv``."""

    lemma: str
    kind: str  # verb | hal | prep | relay
    stance: Stance
    complements: tuple[str, ...]
    forms: tuple[str, ...]


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def speech_lexicon() -> dict[str, list[LexEntry]]:
    """Folded single-word form -> entries; multi-word forms are keyed by their first word."""
    out: dict[str, list[LexEntry]] = {}
    for row in _rows("speech_verbs.tsv"):
        stance = row["stance"].strip()
        if stance not in ("asserts", "denies", "accuses"):
            raise ValueError(f"speech_verbs.tsv: bad stance {stance!r} for {row['lemma']}")
        entry = LexEntry(row["lemma"].strip(), row["kind"].strip(), stance,  # type: ignore[arg-type]
                         tuple(c.strip() for c in row["complements"].split("|") if c.strip()),
                         tuple(f.strip() for f in row["forms"].split("|") if f.strip()))
        for form in entry.forms:
            out.setdefault(fold(form.split()[0]), []).append(entry)
    return out


@lru_cache(maxsize=1)
def anonymous_heads() -> dict[tuple[str, ...], str]:
    """Folded head (one or more words, without ال) -> group of ``anonymous_sources.tsv``."""
    out: dict[tuple[str, ...], str] = {}
    for row in _rows("anonymous_sources.tsv"):
        for form in row["forms"].split("|"):
            out[tuple(fold(w) for w in form.split())] = row["group"].strip()
    return out


def anonymous_head(tokens: list[Token], i: int) -> tuple[str, bool, int] | None:
    """``(group, definite, words)`` when an unnamed-source noun starts at ``tokens[i]``."""
    heads = anonymous_heads()
    for n in (2, 1):
        words = [t.fold for t in tokens[i:i + n]]
        if len(words) < n:
            continue
        for strip, definite in (("", False), ("ال", True), ("و", False), ("وال", True)):
            if not words[0].startswith(strip):
                continue
            key = (words[0][len(strip):], *words[1:])
            if key in heads:
                return heads[key], definite, n
    return None


# --------------------------------------------------------------------------- triggers


@dataclass
class Trigger:
    """A reporting expression found in a sentence."""

    entry: LexEntry
    first: int  # index of the first token of the expression
    last: int  # index of its last token
    conj: bool  # written with the conjunction و/ف
    object_clitic: bool  # تتهمها: the verb carries its object
    negated: bool
    after_as: bool = False  # كما قال، بحسب ما ذكرت: the content comes before


def _match_form(word: str, entry_forms: set[str], allow_clitic: bool) -> tuple[bool, bool] | None:
    """``(conj, clitic)`` when ``word`` is one of the forms with optional clitics."""
    for conj in (False, True):
        base = word[1:] if conj else word
        if conj and not (word.startswith("و") or word.startswith("ف")):
            continue
        if base in entry_forms:
            return conj, False
        if allow_clitic:
            for clitic in OBJECT_CLITICS:
                if base.endswith(clitic) and base[: -len(clitic)] in entry_forms:
                    return conj, True
    return None


@lru_cache(maxsize=1)
def _forms_by_entry() -> dict[LexEntry, set[str]]:
    out: dict[LexEntry, set[str]] = {}
    for entries in speech_lexicon().values():
        for e in entries:
            out[e] = {fold(f) if " " not in f else " ".join(fold(w) for w in f.split())
                      for f in e.forms}
    return out


def _candidates(word: str) -> list[LexEntry]:
    lex = speech_lexicon()
    seen: list[LexEntry] = []
    keys = {word, word[1:]}
    for clitic in OBJECT_CLITICS:
        for w in (word, word[1:]):
            if w.endswith(clitic):
                keys.add(w[: -len(clitic)])
    for k in keys:
        for e in lex.get(k, []):
            if e not in seen:
                seen.append(e)
    return seen


def find_triggers(tokens: list[Token], quotes: list[tuple[int, int]],
                  mentions: list[Mention]) -> list[Trigger]:
    """Reporting expressions of a sentence, outside quotations and outside entity names."""
    found: list[Trigger] = []
    forms = _forms_by_entry()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.is_punct or inside(quotes, tok.start, tok.end) or any(
                m.start <= tok.start and tok.end <= m.end for m in mentions):
            i += 1
            continue
        hit: Trigger | None = None
        for entry in _candidates(tok.fold):
            fs = forms[entry]
            if entry.kind == "prep":
                hit = _match_prep(tokens, i, entry, fs)
            else:
                got = _match_form(tok.fold, {f for f in fs if " " not in f},
                                  allow_clitic=entry.kind in ("verb", "relay"))
                if got is not None:
                    prev = tokens[i - 1].fold if i else ""
                    if prev in _NOT_AFTER.get(entry.lemma, set()):
                        continue
                    nxt = tokens[i + 1].fold if i + 1 < len(tokens) else ""
                    if any(t.fold.startswith(("اسم", "هويت")) for t in tokens[i + 1:i + 4]):
                        continue  # مصادر، رفضت الكشف عن هويتها: part of the source's description
                    if prev in _NOUN_AFTER and not got[0]:
                        continue  # أعرب عن رفض بلاده: after a preposition, a verbal noun
                    if entry.lemma in _CLAUSE_INITIAL and not (
                            got[0] or i == 0 or tokens[i - 1].is_punct):
                        continue  # مسؤول تحدث لرويترز، تقارير تحدثت عن: a relative clause
                    if tok.fold in _IMPERSONAL and nxt in {"ان", "بان"}:
                        continue  # يذكر أن: "it is worth noting", the writer's own background
                    hit = Trigger(entry, i, i, got[0], got[1], prev in NEGATIONS)
                    # كما قال فلان after some content; at the start of a sentence كما is "also"
                    hit.after_as = (prev in {"كما", "وكما"} and i >= 3) or prev == "حسبما" or (
                        prev == "ما" and i >= 2 and tokens[i - 2].fold.removeprefix("و") in
                        {"بحسب", "حسب", "وفق", "لما", "وفقا", "طبقا"}) or prev == "لما" or (
                        _resumes_clause(tokens, i))
                    if hit.after_as:
                        hit.negated = False
            if hit is not None:
                break
        if hit is not None:
            found.append(hit)
            i = hit.last + 1
        else:
            i += 1
    return found


# وهو ما نفته القاهرة، الأمر الذي أكده الجيش: the verb's object is the clause before.
RESUMPTIVES = {"هو", "وهو", "هي", "وهي", "هذا", "وهذا", "ذلك", "وذلك", "الامر", "والامر"}


def _resumes_clause(tokens: list[Token], i: int) -> bool:
    """``X، وهو ما نفته القاهرة`` / ``الأمر الذي أكده``: the reporting verb at ``i`` takes
    the clause before it as its object (``ما`` or ``الذي`` after a resumptive word)."""
    if i < 2:
        return False
    prev, before = tokens[i - 1].fold, tokens[i - 2].fold
    return (prev == "ما" and before in RESUMPTIVES) or (prev == "الذي" and before in
                                                        {"الامر", "والامر"})


def _match_prep(tokens: list[Token], i: int, entry: LexEntry, forms: set[str]) -> Trigger | None:
    """بحسب، وفقا لـ، نقلا عن، على حد قول: the last word ``ل`` may be a clitic of the next."""
    for form in sorted(forms, key=lambda f: -len(f.split())):
        words = form.split()
        last = i + len(words) - 1
        ok = True
        conj = False
        for k, w in enumerate(words):
            j = i + k
            if j >= len(tokens):
                ok = False
                break
            tf = tokens[j].fold
            if k == 0 and tf != w and tf[1:] == w and tf[0] in "وف":
                conj = True
                continue
            if k == len(words) - 1 and w == "ل" and tf.startswith("ل") and tf != w:
                last = j - 1 if len(tf) > 1 else j
                continue
            if tf != w:
                ok = False
                break
        if ok:
            nxt = tokens[last + 1].fold if last + 1 < len(tokens) else ""
            if nxt == "ما" or nxt.startswith("لما"):
                return None  # بحسب ما قال ...: the verb carries the attribution
            return Trigger(entry, i, last, conj, False, False)
    return None


# --------------------------------------------------------------------------- speakers


@dataclass
class Speaker:
    """Who a claim is attributed to: an entity, or an unnamed source with its words."""

    entity: EntityRef | None = None
    description: str | None = None
    group: str | None = None  # group of the unnamed-source noun, for anaphora
    how: str = "none"  # named | anonymous | anaphora | pronoun | continuation | party
    extra: list[EntityRef] = field(default_factory=list)
    end: int = -1  # index of the token just past the speaker phrase, when read from text

    @property
    def found(self) -> bool:
        return self.entity is not None or self.description is not None


_DETERMINERS = {"نفس", "ذات", "كبار", "بعض"}
_SUBJECT_GROUPS_ALWAYS_ANON = {"source", "official", "diplomat", "report", "witness"}
_ADDRESSEE_PREFIXES = ("ل",)


def _is_adverbial(tokens: list[Token]) -> bool:
    """``في تصريحات له``، ``لـ"إيلاف"``، ``أيضا``: words that are not a speaker."""
    if not tokens:
        return True
    first = tokens[0].fold
    return first in ADVERBS or first in PREPOSITIONS or (
        first.startswith("ل") and not first.startswith("ال")) or tokens[0].is_punct


def skip_adverbs(tokens: list[Token]) -> list[Token]:
    """Drop leading ``أيضا``، ``من جانبه``، ``أمس`` and punctuation before a speaker."""
    k = 0
    while k < len(tokens):
        f = tokens[k].fold
        if tokens[k].is_punct or f in ADVERBS:
            k += 1
        elif f in {"من", "في"} and k + 1 < len(tokens) and tokens[k + 1].fold in ADVERBS:
            k += 2
        else:
            break
    return tokens[k:]


def clitic_prefix(m: Mention) -> str:
    """The proclitics the matcher kept in a mention's surface: ``للجزائر`` -> ``ل``،
    ``وبالقاهرة`` -> ``وب``; ``ليبيا`` -> ``''`` (its ل is part of the name)."""
    surface = fold(m.surface)
    for label in (m.entity.label_ar, *([m.entity.label_en] if m.entity.label_en else [])):
        name = fold(label)
        core = name[2:] if name.startswith("ال") else name
        for k in range(0, 4):
            rest = surface[k:]
            if rest.startswith(name) or rest.startswith(core) or (
                    name.startswith("ال") and rest.startswith("ل" + core)):
                prefix = surface[:k]
                if prefix and all(c in "وفبلك" for c in prefix):
                    return prefix
                return ""
    return ""


def subject_mentions(span: list[Token], mentions: list[Mention],
                     prep: bool = False) -> list[Mention]:
    """Mentions that can be a speaker: starting a word, not an addressee (``لرويترز``)
    nor the object of a preposition (``مسؤول بالأمن الوطني``).

    With ``prep`` (the span follows بحسب / وفقا لـ) a ل on the first word is the
    preposition's, and the mention it starts is the source.
    """
    if not span:
        return []
    lo, hi = span[0].start, span[-1].end
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not (lo <= m.start and m.end <= hi):
            continue
        tok = next((t for t in span if t.start <= m.start < t.end), None)
        if tok is None:
            continue
        first_word = tok is span[0]
        if tok.start == m.start:
            clitic = clitic_prefix(m).lstrip("وف")
        else:
            clitic = fold(tok.text[: m.start - tok.start]).lstrip("وف")
            if clitic not in ("", "ل", "ب", "ك", "لل", "بال"):
                continue  # the mention starts inside a word: not a name of its own
        if clitic and clitic[:1] in "بلك":
            if prep and first_word and clitic[:1] == "ل":
                out.append(m)  # للخبير محمود سعيد: the source after the ل of وفقا لـ
            continue
        k = span.index(tok)
        prev = span[k - 1].fold if k > 0 else ""
        if prev in PREPOSITIONS or prev == "ل" or prev == "ب":
            continue
        out.append(m)
    return out


def description_of(span: list[Token], article: Article) -> str:
    """The unnamed source's own words, as written (``مسؤول في المخابرات طلب عدم نشر اسمه``)."""
    words: list[Token] = []
    for t in span:
        if t.fold in REPORT_MASDAR or t.text == ":":
            break
        words.append(t)
    while words and words[-1].is_punct:
        quotes = sum(1 for t in words if t.text in QUOTE_CHARS)
        if words[-1].text in QUOTE_CHARS and quotes % 2 == 0:
            break  # صحيفة "الشرق الأوسط": the closing mark of a quoted name stays
        words.pop()
    words = words[:12]
    if not words:
        return ""
    return article.original[words[0].start:words[-1].end]


def np_extent(span: list[Token], start: int) -> int:
    """Index (in ``span``) just past a bare noun phrase head and its modifiers:
    ``مصدر بالجيش الليبي`` in ``مصدر بالجيش الليبي حينها الدولة ...``."""
    k = start + 1
    while k < len(span) and k < start + 5:
        f = span[k].fold
        adjective = f.startswith("ال") and f.endswith(("ي", "يه", "يين", "يون", "ين"))
        nisba = not f.startswith("ال") and f.endswith(("ي", "يه", "يون", "يين")) and len(f) > 3
        pp = f.startswith(("بال", "لل")) or f in {"في", "من"}
        if f in {"في", "من", "باسم", "بلسان"}:
            k += 2
            continue
        if adjective or nisba or pp:
            k += 1
            continue
        break
    return min(k, len(span))
