"""Actors and places named in an article: gazetteer matching plus cue rules.

No Arabic NER model can be installed here, so mentions come from rules that generalise:

1. **Gazetteer names**, matched through ``kg.gazetteer.matching`` (normalised tokens,
   proclitics و ف ب ل ك ال, joined/spaced عبد ال… and أبو), leftmost-longest.
2. **Institutions + nationality adjective** (``الشرطة الجزائرية``) become Organizations
   tied to the state (``affiliation``), when the gazetteer has no entry for them.
3. **Titles** (``الرئيس المصري``, ``وزير خارجية ليبيا``, ``قائد الجيش الوطني الليبي``)
   resolve to the office holder at the article's date; a title next to a name only
   gives that person a role.
4. **Capitals as metonyms**: ``القاهرة`` next to a (feminine, as cities are) speech or
   action verb, or as the subject after إن/أن, is the state; otherwise the city.
5. **Unknown people** after a rank, role or title cue, after a speech or action verb, or
   before a role in apposition: the name must start with a known given name (or stand
   right after a rank or a full title) and never contain a common word.
6. **Unknown armed groups and councils** after a head word (كتيبة، تنظيم …) when what
   follows reads as a proper name.
7. **Unknown places** after a place noun (بلدة، مطار، قاعدة … الجوية) when what follows
   reads as a proper name.
8. **Short forms**: the surname of a full name seen in the article (``الرميح`` after
   ``رمزي الرميح``) refers to that person; a person's one-word alias that is also a
   given name or a word (مبارك) counts only when the full name is there too.
9. **Governments and their bodies**: ``حكومة طرابلس`` (a government named by its seat:
   the one government of that seat the article names, else a government of its own),
   ``وزارة الداخلية بحكومة الوفاق`` / ``جهاز الأمن الداخلي التابع لحكومة الاستقرار`` (a
   body affiliated to a named government), ``مديرية أمن بنغازي`` (a body named for its
   town), and a bare ministry that speaks (``أعلنت وزارة الداخلية``).
10. **Military units** by number (``اللواء 106 مجحفل``) or by one definite name
   (``كتيبة الحلبوص``), and operations rooms named for the fronts they cover.

Cue words live in ``kg/extract/lexicons/*.tsv`` (each file says where its entries came
from). Indexes are built once per gazetteer, so an article costs a few dictionary
look-ups per token.

Every mention keeps its sentence index and exact offsets into ``article.original``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.gazetteer import Gazetteer, PhraseIndex, PhraseMatch, Token, load_gazetteer
from kg.gazetteer.matching import (
    adjacent,
    clitic_readings,
    phrase_tokens,
    surface_start,
    tokenize_article,
)
from kg.records import Article, EntityRef, EntityType, Mention
from kg.text.arabic import normalize

__all__ = ["extract_mentions", "mentions_by_entity", "Lexicons", "load_lexicons"]

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
_PARTICLES = frozenset({"بن", "ابن", "بنت", "ولد"})
_SUBJECT_INTRO = frozenset({"ان", "بان", "لان", "وان", "فان"})
_CITY_WORDS = frozenset({"مدينه", "العاصمه", "بلده", "عاصمه", "مدينتي"})
_ENCLITICS = ("هما", "هم", "ها", "ه")
_HAMZA = frozenset("أإآؤئء")
_FREQUENT_GIVEN = 200  # attestations in given_names.tsv above which a name is "very common"
_MAX_GAP = 7  # tokens between a role cue and the name it introduces
# given names whose folded form is a function word: علي (Ali) = على (on)
_FOLDS_TO_STOPWORD = frozenset({"علي"})
# words that end the stretch between a role cue and its name: a new clause begins
_CLAUSE_BREAKERS = frozenset(normalize(w) for w in (
    "أن", "إن", "أنه", "أنها", "بأن", "لأن", "قد", "لقد", "الذي", "التي", "الذين", "حيث",
    "لكن", "بينما", "عندما", "كما", "ثم", "أو", "بل", "لم", "لن", "لا", "ما", "إنه", "إنها"))


# --------------------------------------------------------------------------- lexicons


def _rows(name: str) -> list[list[str]]:
    out: list[list[str]] = []
    with (LEXICON_DIR / name).open(encoding="utf-8", newline="") as fh:
        header_seen = False
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            out.append([c.strip() for c in next(csv.reader([line.rstrip("\n")],
                                                           delimiter="\t"))])
    return out


@dataclass(frozen=True, eq=False)
class Lexicons:
    """The cue-word lists of ``kg/extract/lexicons/``, folded for matching."""

    stop: frozenset[str]
    common: frozenset[str]
    also_name: frozenset[str]
    hamza_common: frozenset[str]  # common words whose every spelling carries a hamza
    given: frozenset[str]
    frequent_given: frozenset[str]  # محمد، أحمد ...: too common to stand for one person
    verbs: dict[str, str]
    cues: dict[str, str]
    institutions: dict[str, str]
    group_heads: dict[str, tuple[str, bool]]
    group_starts: frozenset[str]
    modifiers: dict[str, str]
    place_heads: dict[str, tuple[bool, frozenset[str]]]
    place_stop: frozenset[str]
    body_heads: frozenset[str] = frozenset()  # وزارة، جهاز ...: bodies tied to a government
    seats: dict[str, tuple[str, ...]] = field(default_factory=dict)  # place -> governments


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    """Read every lexicon once per process."""
    common_rows = _rows("common_words.tsv")
    common = {normalize(r[0]): r[1] for r in common_rows}
    spellings: dict[str, set[str]] = {}
    for r in common_rows:
        spellings.setdefault(normalize(r[0]), set()).add(r[0])
    given_rows = _rows("given_names.tsv")
    return Lexicons(
        stop=frozenset(normalize(r[0]) for r in _rows("stopwords.tsv")),
        common=frozenset(w for w, k in common.items() if k == "common"),
        also_name=frozenset(w for w, k in common.items() if k == "also_name"),
        hamza_common=frozenset(w for w, raw in spellings.items()
                               if all(_HAMZA & set(x) for x in raw)),
        given=frozenset(normalize(r[0]) for r in given_rows),
        frequent_given=frozenset(normalize(r[0]) for r in given_rows
                                 if int(r[1] or 0) >= _FREQUENT_GIVEN),
        verbs={normalize(r[0]): r[1] for r in _rows("verbs.tsv")},
        cues={normalize(r[0]): r[1] for r in _rows("person_cues.tsv")},
        institutions={normalize(r[0]): r[1] for r in _rows("institutions.tsv")},
        group_heads={normalize(r[0]): (r[1], r[2] == "yes") for r in _rows("group_heads.tsv")},
        group_starts=frozenset(normalize(r[0]) for r in _rows("group_name_starts.tsv")),
        modifiers={normalize(r[0]): r[1] for r in _rows("modifiers.tsv")},
        place_heads={normalize(r[0]): (r[1] == "yes", frozenset(
            normalize(x) for x in (r[2] if len(r) > 2 else "").split("|") if x))
            for r in _rows("place_heads.tsv")},
        place_stop=frozenset(normalize(r[0]) for r in _rows("place_stop.tsv")),
        body_heads=frozenset(normalize(r[0]) for r in _rows("body_heads.tsv")),
        seats={r[0]: tuple(x for x in r[1].split("|") if x)
               for r in _rows("government_seats.tsv")},
    )


# --------------------------------------------------------------------------- indexes


@dataclass
class _Indexes:
    """Phrase indexes built once per gazetteer."""

    entities: PhraseIndex[str]
    titles: PhraseIndex[tuple[str, str]]
    cues: PhraseIndex[str]
    institutions: PhraseIndex[str]
    group_heads: PhraseIndex[str]
    place_heads: PhraseIndex[str]
    adjectives: dict[str, str]
    title_heads: dict[str, set[str]]
    body_heads: PhraseIndex[str] = field(default_factory=PhraseIndex)


def _adjective_forms(adj: str) -> set[str]:
    """An adjective and its gender/number variants, with and without the article."""
    base = normalize(adj)
    stem = base[2:] if base.startswith("ال") else base
    forms = {stem}
    if stem.endswith("ي"):
        forms |= {stem + "ه", stem + "ين", stem + "ون"}
    return forms | {"ال" + f for f in forms}


_CACHE: dict[int, tuple[Gazetteer, _Indexes]] = {}


def _indexes(gaz: Gazetteer, lex: Lexicons) -> _Indexes:
    hit = _CACHE.get(id(gaz))
    if hit is not None and hit[0] is gaz:
        return hit[1]
    ents: PhraseIndex[str] = PhraseIndex()
    for entry in gaz.entries.values():
        for name in entry.names:
            toks = phrase_tokens(name)
            if len(toks) == 1 and (toks[0] in lex.stop or toks[0] in lex.common):
                continue  # a one-word alias that is a function or common word (كيف)
            ents.add(toks, entry.id)
    titles: PhraseIndex[tuple[str, str]] = PhraseIndex()
    heads: dict[str, set[str]] = {}
    for office, phrases in gaz.titles.items():
        for phrase in phrases:
            toks = tuple(normalize(phrase).split())
            if not toks:
                continue
            titles.add(toks, ("title", office))
            if toks[0][-1] not in "هيا":  # the feminine title: رئيسة الوزراء، وزيرة الدفاع
                titles.add((toks[0] + "ه", *toks[1:]), ("title", office))
            heads.setdefault(toks[0], set()).add(office)
            if toks[0][-1] not in "هيا":
                heads.setdefault(toks[0] + "ه", set()).add(office)
            head = toks[0][2:] if toks[0].startswith("ال") else toks[0]
            titles.add((head,), ("head", office))  # head + organisation: رئيس حكومة الوفاق
            if len(toks) == 2 and toks[1].startswith("ال") and len(toks[1]) > 3:
                titles.add((toks[0], toks[1][2:]), ("construct", office))
    cues: PhraseIndex[str] = PhraseIndex()
    for cue, kind in lex.cues.items():
        cues.add(cue, kind)
    inst: PhraseIndex[str] = PhraseIndex()
    for name, kind in lex.institutions.items():
        inst.add(name, kind)
    groups: PhraseIndex[str] = PhraseIndex()
    for head in lex.group_heads:
        groups.add(head, head)
    adjectives: dict[str, str] = {}
    for entry in gaz.entries.values():
        if entry.type == "State":
            for adj in entry.adjectives_ar:
                for form in _adjective_forms(adj):
                    adjectives.setdefault(form, entry.id)
    places: PhraseIndex[str] = PhraseIndex()
    for head in lex.place_heads:
        places.add(head, head)
    bodies: PhraseIndex[str] = PhraseIndex()
    for head in lex.body_heads:
        bodies.add(head, head)
    built = _Indexes(ents, titles, cues, inst, groups, places, adjectives, heads, bodies)
    _CACHE[id(gaz)] = (gaz, built)
    return built


# --------------------------------------------------------------------------- working state


@dataclass
class _Found:
    """A mention under construction: tokens ``[first, last)`` and what they name."""

    first: int
    last: int
    start: int
    end: int
    key: str
    type: EntityType
    rule: str
    label: str | None = None
    candidates: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    confidence: float = 1.0
    prefix: str = ""  # proclitics cut off the first token
    alias: str | None = None  # another name for it within the article (without its head)


@dataclass
class _Ctx:
    article: Article
    text: str
    tokens: list[Token]
    gaz: Gazetteer
    lex: Lexicons
    idx: _Indexes
    found: list[_Found] = field(default_factory=list)
    owner: dict[int, int] = field(default_factory=dict)  # token -> index into found

    def add(self, f: _Found) -> bool:
        if any(k in self.owner for k in range(f.first, f.last)):
            return False
        self.found.append(f)
        for k in range(f.first, f.last):
            self.owner[k] = len(self.found) - 1
        return True

    def mention_at(self, k: int) -> _Found | None:
        i = self.owner.get(k)
        return None if i is None else self.found[i]

    def adj(self, i: int, j: int) -> bool:
        return 0 <= i < j < len(self.tokens) and adjacent(self.text, self.tokens[i],
                                                          self.tokens[j])

    def comma_between(self, i: int, j: int) -> bool:
        """Tokens i and j are next to each other with only a comma (and spaces) between."""
        toks = self.tokens
        if not (0 <= i < j < len(toks)) or toks[i].sentence != toks[j].sentence:
            return False
        gap = self.text[self.tokens[i].end:self.tokens[j].start].strip()
        return gap in {"،", ",", "-", "–"}

    def span(self, i: int, j: int, prefix: str = "", restored: bool = False) -> tuple[int, int]:
        start = surface_start(self.text, self.tokens[i], prefix, restored)
        return start, self.tokens[j - 1].end

    def surface(self, i: int, j: int) -> str:
        return self.text[self.tokens[i].start:self.tokens[j - 1].end]


def _bare(norm: str) -> str:
    """A token without a leading و/ف (for verb and cue checks)."""
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 3 else norm


def _verb_kind(ctx: _Ctx, k: int) -> str | None:
    """The kind of verb token k is (speech, action, aux), clitics and pronouns cut off."""
    if not 0 <= k < len(ctx.tokens):
        return None
    return _verb_kind_of(ctx.tokens[k].norm, ctx.lex)


@lru_cache(maxsize=1 << 16)
def _verb_kind_of(norm: str, lex: Lexicons) -> str | None:
    verbs = lex.verbs
    for cand in (norm, _bare(norm)):
        for form in (cand, cand[1:] if cand.startswith("س") else cand):
            if form in verbs:
                return verbs[form]
            for enc in _ENCLITICS:
                if form.endswith(enc) and form[: -len(enc)] in verbs:
                    return verbs[form[: -len(enc)]]
    return None


def _adjective_state(ctx: _Ctx, k: int) -> str | None:
    if not 0 <= k < len(ctx.tokens):
        return None
    norm = ctx.tokens[k].norm
    return ctx.idx.adjectives.get(norm) or ctx.idx.adjectives.get(_bare(norm))


# --------------------------------------------------------------------------- rules


_PLURALS = ("ون", "ين", "ات")


def _attributive(ctx: _Ctx, m: PhraseMatch[str]) -> bool:
    """A one-word definite alias that agrees in number with the definite word before it
    is an adjective of that word: المتشددون المرابطون ("stationed"), not the group."""
    if m.length != 1 or m.prefix or not m.stem.startswith("ال") or m.first == 0:
        return False
    prev = ctx.tokens[m.first - 1].norm
    if not ctx.adj(m.first - 1, m.first) or not prev.startswith("ال"):
        return False
    return any(prev.endswith(p) and m.stem.endswith(p) for p in _PLURALS)


def _other_bearer(ctx: _Ctx, m: PhraseMatch[str]) -> bool:
    """A known surname right after an unknown given name is someone else of that family:
    ``ناصر الحاسي`` is not ``عمر الحاسي`` although the gazetteer knows him as الحاسي."""
    if m.length != 1 or m.prefix or m.first == 0 or not ctx.adj(m.first - 1, m.first):
        return False
    if not all(ctx.gaz.entries[i].type == "Person" for i in m.payloads):
        return False
    return ctx.tokens[m.first - 1].norm in ctx.lex.given


def _weak(ctx: _Ctx, m: PhraseMatch[str]) -> bool:
    """A person's one-word alias that is also a given name or a word (مبارك، البشير):
    it names that person only when the article names them in full too."""
    return m.length == 1 and all(ctx.gaz.entries[i].type == "Person" for i in m.payloads) \
        and (m.stem in ctx.lex.given or m.stem in ctx.lex.also_name)


def _foreign_adjective(ctx: _Ctx, m: PhraseMatch[str]) -> bool:
    """A body's alias followed by another state's nationality adjective names that
    state's body: ``الجيش الوطني التشادي`` is not the Libyan ``الجيش الوطني``."""
    if m.last >= len(ctx.tokens) or not ctx.adj(m.last - 1, m.last):
        return False
    state = _adjective_state(ctx, m.last)
    if state is None or ctx.tokens[m.last].norm.startswith("و"):
        return False
    countries = {ctx.gaz.entries[i].country for i in m.payloads
                 if ctx.gaz.entries[i].type in ("Organization", "ArmedGroup")}
    return bool(countries) and None not in countries and state not in countries


def _gazetteer_names(ctx: _Ctx) -> None:
    weak: list[int] = []
    for m in ctx.idx.entities.scan(ctx.text, ctx.tokens):
        if _attributive(ctx, m) or _other_bearer(ctx, m) or _foreign_adjective(ctx, m):
            continue
        start, end = ctx.span(m.first, m.last, m.prefix, m.restored_article)
        ids = m.payloads
        entry = ctx.gaz.entries[ids[0]]
        if ctx.add(_Found(m.first, m.last, start, end, entry.id, entry.type, "gazetteer",
                          candidates=tuple(ids) if len(ids) > 1 else (), prefix=m.prefix)) \
                and _weak(ctx, m):
            weak.append(len(ctx.found) - 1)
    strong = {f.key for n, f in enumerate(ctx.found) if n not in weak}
    for n in weak:
        f = ctx.found[n]
        if not set(f.candidates or (f.key,)) & strong:
            f.key = ""
            for k in range(f.first, f.last):
                ctx.owner.pop(k, None)


def _institutions(ctx: _Ctx) -> None:
    """``الجيش المصري``: an institution word, optional modifiers, a nationality adjective."""
    skip = set(ctx.owner)
    for m in ctx.idx.institutions.scan(ctx.text, ctx.tokens, skip=skip):
        k = m.last
        while k < len(ctx.tokens) and ctx.adj(k - 1, k) and k not in ctx.owner and \
                ctx.lex.modifiers.get(ctx.tokens[k].norm) == "plain":
            k += 1
        if k >= len(ctx.tokens) or not ctx.adj(k - 1, k) or k in ctx.owner:
            continue
        state = _adjective_state(ctx, k)
        if state is None or ctx.tokens[k].norm.startswith("و"):
            continue
        if _feminine(m.stem) != ctx.tokens[k].norm.endswith("ه"):
            continue  # the adjective agrees with another noun: وزير الخارجية الليبي
        if m.first > 0 and ctx.adj(m.first - 1, m.first) and \
                ctx.tokens[m.first - 1].norm in ctx.idx.title_heads:
            continue  # a minister's portfolio, not the ministry: وزير الداخلية التونسي
        start, end = ctx.span(m.first, k + 1, m.prefix, m.restored_article)
        label = ctx.text[start:end]
        etype: EntityType = "ArmedGroup" if m.payloads[0] == "ArmedGroup" else "Organization"
        stem = normalize(" ".join(t.norm for t in ctx.tokens[m.first + 1:k + 1]))
        key = f"new:{etype}:{normalize(m.stem + ' ' + stem)}"
        if m.restored_article:
            label = "ال" + label[2:] if label.startswith("لل") else label
        ctx.add(_Found(m.first, k + 1, start, end, key, etype, "institution+adjective",
                       label=label, affiliation=state, confidence=0.8))


_CLAUSE_OPENERS = {"ان", "بان", "وان"}


def _bare_institutions(ctx: _Ctx) -> None:
    """``أن القوات الجوية`` alone, as subject of a reported clause whose sentence tied
    institutions to one state only (``القوات المسلحة المصرية``): that state's institution,
    when the gazetteer names it so.

    News names the state once and then drops the adjective (المتحدث باسم القوات المسلحة
    المصرية ... أن القوات الجوية دمرت). Two states in the window leave the word generic."""
    skip = set(ctx.owner)
    for m in ctx.idx.institutions.scan(ctx.text, ctx.tokens, skip=skip):
        if any(k in ctx.owner for k in range(m.first, m.last)):
            continue
        sentence = ctx.tokens[m.first].sentence
        if m.first == 0 or ctx.tokens[m.first - 1].norm not in _CLAUSE_OPENERS or \
                ctx.tokens[m.first - 1].sentence != sentence:
            continue  # only the subject of a reported clause: أن القوات الجوية دمرت
        states = set()
        for f in ctx.found:
            if f.type != "Organization" or f.first >= m.first or \
                    ctx.tokens[f.first].sentence != sentence:
                continue
            entry = ctx.gaz.entries.get(f.key)
            state = f.affiliation or (entry.country if entry is not None else None)
            if state:
                states.add(state)
        if len(states) != 1:
            continue
        state_entry = ctx.gaz.entries.get(next(iter(states)))
        if state_entry is None:
            continue
        phrase = " ".join([m.stem, *(t.norm for t in ctx.tokens[m.first + 1:m.last])])
        ids = {i for adj in state_entry.adjectives_ar if adj.startswith("ال")
               for i in ctx.gaz.aliases.get(normalize(f"{phrase} {adj}"), [])
               if ctx.gaz.entries[i].type == "Organization"}
        if len(ids) != 1:
            continue
        start, end = ctx.span(m.first, m.last, m.prefix, m.restored_article)
        ctx.add(_Found(m.first, m.last, start, end, ids.pop(), "Organization",
                       "institution+article-state", confidence=0.6))


# --------------------------------------------------------------------------- governments


_GOVERNMENT = normalize("حكومة")
_TIED = frozenset(normalize(w) for w in ("التابعة", "التابع", "التابعين", "التابعتين"))
_WITHIN = frozenset(normalize(w) for w in ("في", "لدى"))
_MINISTRY = normalize("وزارة")


def _seat_governments(ctx: _Ctx) -> None:
    """``حكومة طرابلس``، ``حكومة شرق ليبيا``: a government named by its seat.

    Which government a seat means changes with the years (Tripoli: the GNA until 2021, the
    GNU after), and organisations carry no dates in the gazetteer; so the seat names the
    one government of that seat (``lexicons/government_seats.tsv``) the article names
    otherwise, or else a government of its own, labelled as written. Either way the place
    is part of the name, not a place the article talks about.
    """
    named = {f.key for f in ctx.found if f.key and f.type == "Organization"}
    for f in list(ctx.found):
        if f.type != "Place" or not f.key or f.prefix or f.first == 0:
            continue
        k = f.first - 1
        if k in ctx.owner or not ctx.adj(k, f.first):
            continue
        prefix = next((pre for pre, stem in clitic_readings(ctx.tokens[k].norm)
                       if stem == _GOVERNMENT), None)
        if prefix is None:
            continue
        place = ctx.gaz.entries.get(f.key)
        known = [g for g in ctx.lex.seats.get(f.key, ()) if g in named and g in ctx.gaz.entries]
        start = surface_start(ctx.text, ctx.tokens[k], prefix, False)
        label = ctx.text[start:f.end]
        for t in range(f.first, f.last):
            ctx.owner.pop(t, None)
        f.key = ""
        if len(known) == 1:
            gov = ctx.gaz.entries[known[0]]
            ctx.add(_Found(k, f.last, start, f.end, gov.id, gov.type, "government-seat",
                           prefix=prefix, confidence=0.8))
        else:
            ctx.add(_Found(k, f.last, start, f.end, f"new:Organization:{normalize(label)}",
                           "Organization", "government-seat", label=label, prefix=prefix,
                           affiliation=place.country if place else None, confidence=0.7))


def _portfolio_end(ctx: _Ctx, k: int, definite: bool = False) -> int:
    """End of a body's portfolio starting at token k (``الداخلية``، ``الأمن الداخلي``،
    ``دعم الاستقرار``، ``الخارجية والتعاون الدولي``): up to four free words that are not
    function words, verbs, nationality adjectives or a connector to another body.
    ``definite``: a bare ministry, whose name is one definite word and what is joined to
    it by و (``وزارة الداخلية``، ``وزارة الخارجية والتعاون الدولي``)."""
    lex = ctx.lex
    j = k
    while j < len(ctx.tokens) and j - k < 4 and (j == k or ctx.adj(j - 1, j)):
        w = ctx.tokens[j].norm
        if j in ctx.owner or not w.isalpha() or len(w) < 3 or w in lex.stop \
                or w in _TIED or (w in lex.modifiers and (
                    j == k or lex.modifiers[w] != "plain")) or _verb_kind(ctx, j) \
                or _adjective_state(ctx, j) or w.startswith(("بال", "لل", "كال", "فال")):
            break
        if definite and j > k and not w.startswith("وال") and not (
                w.startswith("ال") and w.endswith(("ي", "يه"))
                and ctx.tokens[j - 1].norm.startswith("وال")):
            break  # وزارة الداخلية [القبض]; but وزارة الخارجية والتعاون الدولي
        if definite and not w.startswith(("ال", "وال")):
            break
        if w.startswith("و") and not w.startswith("وال"):
            break  # a conjunction opens another phrase: وزارة الداخلية وقوات ...
        j += 1
    return j


def _tied_to(ctx: _Ctx, j: int) -> _Found | None:
    """The named body a phrase ending before token j is tied to: ``بحكومة الوفاق``،
    ``لحكومة الوفاق``، ``في حكومة الوحدة``، ``التابعة لحكومة الاستقرار``."""
    toks = ctx.tokens
    if j >= len(toks) or not ctx.adj(j - 1, j):
        return None
    owner = ctx.mention_at(j)
    if owner is not None and owner.first == j and owner.key and \
            owner.prefix.lstrip("و") in ("ب", "ل"):
        return owner if owner.type in ("Organization", "ArmedGroup") else None
    if toks[j].norm in _TIED or toks[j].norm in _WITHIN:
        nxt = ctx.mention_at(j + 1)
        if nxt is None or nxt.first != j + 1 or not nxt.key or not ctx.adj(j, j + 1):
            return None
        if toks[j].norm in _TIED and nxt.prefix.lstrip("و") != "ل":
            return None
        return nxt if nxt.type in ("Organization", "ArmedGroup") else None
    return None


# heads of bodies that are named for the town they serve (مديرية أمن بنغازي)
_TOWN_BODY_HEADS = frozenset(normalize(w) for w in (
    "مديرية", "المجلس العسكري", "غرفة عمليات", "المنطقة العسكرية"))


def _local_body(ctx: _Ctx, m: PhraseMatch[str], j: int) -> bool:
    """``مديرية أمن بنغازي``، ``المجلس العسكري لمصراتة``: a body named for the town it
    serves is an Organization of that town's state; the town is part of its name."""
    if j >= len(ctx.tokens) or not ctx.adj(j - 1, j):
        return False
    place = ctx.mention_at(j)
    if place is None or place.first != j or place.type != "Place" or not place.key or \
            place.prefix not in ("", "ل"):
        return False
    if m.payloads[0] not in _TOWN_BODY_HEADS:
        return False  # وحذرت وزارة الخارجية طرابلس: the town is the verb's object
    entry = ctx.gaz.entries.get(place.key)
    for t in range(place.first, place.last):
        ctx.owner.pop(t, None)
    place.key = ""
    last = _coordinated_places(ctx, place.last) if m.payloads[0] in _ROOM_HEADS \
        else place.last  # غرفة عمليات أجدابيا وبنغازي
    start, end = ctx.span(m.first, last, m.prefix, m.restored_article)
    label = ctx.text[start:end]
    return ctx.add(_Found(m.first, last, start, end,
                          f"new:Organization:{normalize(label)}", "Organization",
                          "body+place", label=label, prefix=m.prefix, confidence=0.7,
                          affiliation=entry.country if entry is not None else None))


def _parent_name(ctx: _Ctx, f: _Found) -> str:
    entry = ctx.gaz.entries.get(f.key)
    return entry.name_ar if entry is not None else (f.label or f.key)


def _affiliated_bodies(ctx: _Ctx) -> None:
    """``وزارة الداخلية بحكومة الوفاق``، ``جهاز الأمن الداخلي التابع لحكومة الاستقرار``:
    a ministry or agency tied to a named government becomes an Organization of its own,
    affiliated to that government (an armed group's body is an ArmedGroup). Its label is
    the body as written; the government stays a mention of its own.

    A gazetteer body tied so (``وزارة الدفاع الليبية التابعة للمجلس الرئاسي``) gets the
    affiliation."""
    toks = ctx.tokens
    for m in ctx.idx.body_heads.scan(ctx.text, toks, skip=set(ctx.owner)):
        j = _portfolio_end(ctx, m.last)
        if _local_body(ctx, m, j):
            continue
        if j == m.last:
            continue
        parent = _tied_to(ctx, j)
        if parent is None:
            continue
        start, end = ctx.span(m.first, j, m.prefix, m.restored_article)
        label = ctx.text[start:end]
        if m.restored_article and label.startswith("لل"):
            label = "ال" + label[2:]
        etype: EntityType = "ArmedGroup" if parent.type == "ArmedGroup" else "Organization"
        key = f"new:{etype}:{normalize(label)} {normalize(_parent_name(ctx, parent))}"
        ctx.add(_Found(m.first, j, start, end, key, etype, "body+affiliation", label=label,
                       affiliation=parent.key, prefix=m.prefix, confidence=0.8))
    for f in ctx.found:
        if f.rule == "gazetteer" and f.key and f.type in ("Organization", "ArmedGroup") \
                and not f.affiliation:
            parent = _tied_to(ctx, f.last)
            if parent is not None and parent.key != f.key:
                f.affiliation = parent.key


_SOURCE_WORDS = frozenset(normalize(w) for w in (
    "بيان", "لبيان", "وبيان", "حسب", "بحسب", "وحسب", "وفق", "وفقا", "طبقا", "مصدر", "مصادر",
    "المتحدث", "الناطق", "باسم"))


def _speaks(ctx: _Ctx, i: int, j: int) -> bool:
    """Tokens [i, j) are the subject of a speech verb right before or after them, or
    the source of a statement (بيان لـ، بحسب، المتحدث باسم)."""
    before = i - 1
    if before >= 0 and ctx.adj(before, i) and (
            _verb_kind(ctx, before) == "speech" or ctx.tokens[before].norm in _SOURCE_WORDS):
        return True
    return j < len(ctx.tokens) and ctx.adj(j - 1, j) and _verb_kind(ctx, j) == "speech"


def _bare_ministries(ctx: _Ctx) -> None:
    """``أعلنت وزارة الداخلية``: a ministry named by its portfolio alone.

    It is the ministry of that portfolio the article names in full (``وزارة الداخلية
    المصرية`` earlier), when there is one; otherwise an Organization of this article only
    (its key carries the article id), since the same words name a different ministry in
    another country's news. Only a ministry that speaks counts (``أعلنت وزارة الداخلية``،
    ``في بيان لوزارة الداخلية``): one only working on something in the background
    (``وتعمل وزارة الدفاع على``) is not what a reader looks up."""
    toks = ctx.tokens
    for m in ctx.idx.body_heads.scan(ctx.text, toks, skip=set(ctx.owner)):
        if m.stem != _MINISTRY:
            continue
        j = _portfolio_end(ctx, m.last, definite=True)
        if j == m.last or (j < len(toks) and ctx.adj(j - 1, j) and (
                j in ctx.owner or _adjective_state(ctx, j))):
            continue  # a longer name this rule does not read: وزارة الداخلية [الليبية]
        if not _speaks(ctx, m.first, j):
            continue  # only a ministry that states something is an actor by itself
        start, end = ctx.span(m.first, j, m.prefix, m.restored_article)
        label = ctx.text[start:end]
        if m.restored_article and label.startswith("لل"):
            label = "ال" + label[2:]
        words = normalize(label)
        full = {f.key for f in ctx.found if f.key and f.type == "Organization" and (
            normalize(f.label or "").startswith(words + " ") or (
                f.key in ctx.gaz.entries and
                normalize(ctx.gaz.entries[f.key].name_ar).startswith(words + " ")))}
        if len(full) == 1:
            key = full.pop()
            ref_label = None if key in ctx.gaz.entries else next(
                f.label for f in ctx.found if f.key == key)
            ctx.add(_Found(m.first, j, start, end, key, "Organization", "ministry-short-form",
                           label=ref_label, prefix=m.prefix, confidence=0.7))
        elif not full:
            ctx.add(_Found(m.first, j, start, end,
                           f"new:Organization:{words} ({ctx.article.id})", "Organization",
                           "ministry", label=label, prefix=m.prefix, confidence=0.6))


def _feminine(noun: str) -> bool:
    """Whether an adjective after this (folded) noun takes the feminine: ـة or plural ـات."""
    return noun.endswith("ه") or noun.endswith("ات")


def _name_like(ctx: _Ctx, k: int) -> bool:
    """Could token k be part of a person's name (not a function, common or cue word)?"""
    if k in ctx.owner:
        return False
    w = ctx.tokens[k].norm
    lex = ctx.lex
    if len(w) < 2 or not w.isalpha() or w in lex.stop:
        return False
    spelt_apart = _unhamzated_name(ctx, k)
    if w in lex.common and not spelt_apart:
        return False
    if (w in lex.cues and lex.cues[w] != "honorific") or _verb_kind(ctx, k) \
            or _adjective_state(ctx, k):
        return False  # (an honorific word is also a family name: مروان الشيخ)
    if w in lex.modifiers or (w in ctx.idx.title_heads and not spelt_apart):
        return False
    if w.startswith(("بال", "لل", "كال", "وال", "فال")):
        return False  # a preposition or conjunction glued to a definite noun (بالوفد)
    if w not in lex.given and (w[0] == "و" or (w[0] == "ف" and (
            w[1:] in lex.stop or w[1:] in lex.common))):
        return False  # "وعدد", "فإن": a conjunction, not a name
    return True


def _compound_given(norm: str) -> bool:
    """Kunyas and عبد-compounds are given names whatever follows: أبو عبيدة، عبد المطلب."""
    return len(norm) > 5 and norm.startswith(("ابو", "عبدال"))


def _unhamzated_name(ctx: _Ctx, k: int) -> bool:
    """A family name spelt like a common word without its hamza (القايد, not القائد).

    Folding erases the difference, so the written token decides, and only after a name
    has started (never as a first name).
    """
    if k == 0 or ctx.tokens[k].norm not in ctx.lex.hamza_common:
        return False
    written = ctx.text[ctx.tokens[k].start:ctx.tokens[k].end]
    return not (_HAMZA & set(written)) and ctx.tokens[k - 1].norm in ctx.lex.given


def _name_end(ctx: _Ctx, i: int, strict: bool, after_verb: bool = False) -> int | None:
    """End (exclusive) of a person's name starting at token i, or None.

    ``strict``: the first token must be a known given name. A name has two to four
    tokens; بن/ابن/بنت join two parts.
    """
    if i >= len(ctx.tokens) or i in ctx.owner:
        return None
    first = ctx.tokens[i].norm
    if first in _FOLDS_TO_STOPWORD:
        written = ctx.text[ctx.tokens[i].start:ctx.tokens[i].end]
        if after_verb or "ى" in written:
            return None  # "أكد على ضرورة": the preposition, not Ali
    elif first in ctx.lex.given or _compound_given(first):
        pass
    elif strict or not _name_like(ctx, i) or first in ctx.lex.also_name or \
            first.startswith("ال"):
        return None  # an unlisted first name is never "ال…" (الإسلامي المنتخب)
    j = i + 1
    while j < len(ctx.tokens) and j - i < 4 and ctx.adj(j - 1, j):
        w = ctx.tokens[j].norm
        if w in _PARTICLES and j + 1 < len(ctx.tokens) and ctx.adj(j, j + 1) \
                and _name_like(ctx, j + 1):
            j += 2
            continue
        if not _name_like(ctx, j):
            break
        j += 1
    return j if j - i >= 2 else None


def _cue_text(ctx: _Ctx, m: PhraseMatch[str], j: int) -> str:
    """The cue as written, from its first word (clitics cut off) to token j."""
    start = surface_start(ctx.text, ctx.tokens[m.first], m.prefix, m.restored_article)
    return ctx.text[start:ctx.tokens[j - 1].end].strip(" ،,")


def _after_title(ctx: _Ctx, k: int) -> bool:
    """Token k follows a complete title (وزير الخارجية، رئيسة الوزراء البريطانية).

    Right after a full title, a name need not start with a listed given name: foreign
    names (جيريمي هانت) are written that way.
    """
    j = k - 1
    while j >= 0 and (_adjective_state(ctx, j) or ctx.tokens[j].norm in ctx.lex.modifiers):
        j -= 1
    if j < 0 or not all(ctx.adj(x, x + 1) for x in range(j, k)):
        return False
    for i in range(max(0, j - 5), j + 1):
        t = ctx.idx.titles.longest_at(ctx.text, ctx.tokens, i)
        if t is not None and t.last == j + 1 and t.length > 1 and \
                any(kd == "title" for kd, _ in t.payloads):
            return True
    return False


def _affiliation_in(ctx: _Ctx, i: int, j: int) -> str | None:
    for k in range(i, j):
        f = ctx.mention_at(k)
        if f is not None and f.type in ("Organization", "State", "ArmedGroup"):
            return f.key
    for k in range(i, j):
        state = _adjective_state(ctx, k)
        if state:
            return state
    return None


def _new_person(ctx: _Ctx, i: int, j: int, rule: str, role: str | None,
                affiliation: str | None, confidence: float) -> None:
    label = ctx.surface(i, j)
    key = "new:Person:" + normalize(label)
    same = ctx.mention_at(i)
    if same is not None and (same.first, same.last, same.key) == (i, j, key):
        same.role = same.role or role  # found before by another cue: add what this one knows
        same.affiliation = same.affiliation or affiliation
        return
    ctx.add(_Found(i, j, ctx.tokens[i].start, ctx.tokens[j - 1].end, key, "Person", rule,
                   label=label, role=role, affiliation=affiliation, confidence=confidence))


def _people_from_cues(ctx: _Ctx) -> None:
    """Unknown people announced by a rank, role or title, or by a speech verb."""
    _people_after_cues(ctx)
    _people_after_speech_verbs(ctx)
    _people_before_roles(ctx)


def _people_after_cues(ctx: _Ctx) -> None:
    """``العميد فلان``; ``المتحدث باسم الجيش المصري العميد فلان``; ``رئيس X، فلان``."""
    toks = ctx.tokens
    for m in ctx.idx.cues.scan(ctx.text, toks):
        kind = m.payloads[0]
        sent = toks[m.first].sentence
        if kind in ("rank", "honorific"):
            j = _name_end(ctx, m.last, strict=False) if ctx.adj(m.last - 1, m.last) else None
            if j:
                _new_person(ctx, m.last, j, "cue:" + kind, _cue_text(ctx, m, m.last), None, 0.8)
            continue
        # role, head and lead cues: the name may come after the body the person serves
        k = m.last
        stop = min(len(toks), m.last + (2 if kind == "lead" else _MAX_GAP) + 1)
        while k < stop and toks[k].sentence == sent:
            comma = k > m.last and ctx.comma_between(k - 1, k)
            if k > m.last and not ctx.adj(k - 1, k) and not comma:
                break
            owner = ctx.mention_at(k)
            if owner is not None and owner.type == "Person":
                break
            if k > m.last and ctx.lex.cues.get(toks[k].norm) in ("head", "role", "lead"):
                break  # another cue opens: "رئيس الأركان، ورئيس ..."
            if owner is None and (kind != "head" or k > m.last):
                strict = not (kind == "role" and k == m.last) and not _after_title(ctx, k)
                j = _name_end(ctx, k, strict)
                if j:
                    _new_person(ctx, k, j, "cue:" + kind, _cue_text(ctx, m, k),
                                _affiliation_in(ctx, m.last, k), 0.8)
                    break
            if comma or _verb_kind(ctx, k) or toks[k].norm in _CLAUSE_BREAKERS:
                break
            k += 1


def _people_after_speech_verbs(ctx: _Ctx) -> None:
    """``وقال فلان الفلاني``، ``واستقبل فلان الفلاني``: a name starting with a known given
    name right after a speech or action verb (its subject or its object)."""
    for k in range(len(ctx.tokens)):
        if _verb_kind(ctx, k) in ("speech", "action") and ctx.adj(k, k + 1):
            j = _name_end(ctx, k + 1, strict=True, after_verb=True)
            if j:
                _new_person(ctx, k + 1, j, "cue:verb", None, None, 0.7)


def _people_before_roles(ctx: _Ctx) -> None:
    """``فلان الفلاني، الناشط السياسي``: a role in apposition after a name."""
    toks = ctx.tokens
    for m in ctx.idx.cues.scan(ctx.text, toks):
        if m.prefix or m.payloads[0] not in ("role", "head"):
            continue
        if m.payloads[0] == "head" and not _head_has_object(ctx, m):
            continue
        if not (ctx.adj(m.first - 1, m.first) or ctx.comma_between(m.first - 1, m.first)):
            continue
        end = m.last
        title = ctx.idx.titles.longest_at(ctx.text, toks, m.first)
        if title is not None:
            end = max(end, title.last)  # رئيس [الحكومة]
        owner = ctx.mention_at(end)
        if owner is not None and owner.first == end and ctx.adj(end - 1, end):
            end = owner.last  # قائد [الجماعة الليبية المقاتلة]
        while end < len(toks) and ctx.adj(end - 1, end) and (
                _adjective_state(ctx, end) or toks[end].norm in ctx.lex.modifiers):
            end += 1
        holder = ctx.mention_at(end) if end < len(toks) and ctx.adj(end - 1, end) else None
        if holder is not None and holder.first == end and holder.type == "Person":
            continue  # the role's own holder follows: التقى فلان [وزير الخارجية المصري سامح شكري]
        role, aff = _cue_text(ctx, m, end), _affiliation_in(ctx, m.last, end)
        prev = ctx.mention_at(m.first - 1)
        if prev is not None and prev.type == "Person" and prev.last == m.first:
            prev.role = prev.role or role  # a name found otherwise, its role given here
            prev.affiliation = prev.affiliation or aff
            continue
        for i in range(max(0, m.first - 4), m.first - 1):
            if _name_end(ctx, i, strict=True) == m.first:
                _new_person(ctx, i, m.first, "cue:apposition", role, aff, 0.7)
                break


def _head_has_object(ctx: _Ctx, m: PhraseMatch[str]) -> bool:
    """A head cue (قائد، رئيس) followed by what it heads: a title or a named body."""
    t = ctx.idx.titles.longest_at(ctx.text, ctx.tokens, m.first)
    if t is not None and t.length > 1:
        return True
    owner = ctx.mention_at(m.last)
    return owner is not None and owner.first == m.last and ctx.adj(m.last - 1, m.last) \
        and owner.type in ("Organization", "ArmedGroup", "State")


def _people_after_titles(ctx: _Ctx) -> None:
    """``الرئيس التونسي قيس سعيد``: a name right after a title (and what it is of)."""
    for m in ctx.idx.titles.scan(ctx.text, ctx.tokens):
        if not any(kind == "title" for kind, _ in m.payloads):
            continue
        k, states, _, _ = _title_qualifier(ctx, m)
        if k >= len(ctx.tokens) or not (ctx.adj(k - 1, k) or ctx.comma_between(k - 1, k)):
            continue
        while k < len(ctx.tokens) and ctx.lex.cues.get(ctx.tokens[k].norm) in (
                "rank", "honorific") and ctx.adj(k, k + 1):
            k += 1
        j = _name_end(ctx, k, strict=m.length < 2 and not states)
        if j:
            aff = next((x for x in sorted(states) if x.startswith("state-")), None) or \
                next(iter(sorted(states)), None)
            start = surface_start(ctx.text, ctx.tokens[m.first], m.prefix, m.restored_article)
            role = ctx.text[start:ctx.tokens[k - 1].end].strip(" ،,")
            _new_person(ctx, k, j, "cue:title", role, aff, 0.8)


def _groups(ctx: _Ctx) -> None:
    """``كتيبة شهداء X``, ``تنظيم أنصار X``: new armed groups and councils."""
    lex = ctx.lex
    toks = ctx.tokens
    for m in ctx.idx.group_heads.scan(ctx.text, toks, skip=set(ctx.owner)):
        etype_name, keep = lex.group_heads[m.payloads[0]]
        i = m.last
        if i >= len(toks) or not ctx.adj(i - 1, i):
            continue
        if i in ctx.owner:
            # an operations room named for the places it covers: غرفة عمليات سرت والجفرة
            place = ctx.mention_at(i)
            if m.payloads[0] not in _ROOM_HEADS or place is None or place.first != i \
                    or place.type != "Place" or place.prefix:
                continue
        # an Arabic genitive chain: indefinite words, closed by a definite word or a name
        # (شهداء الزاوية، أنصار بيت المقدس، ثوار بنغازي)
        j = i
        has_place = False
        while j < len(toks) and j - i < 4 and (j == i or ctx.adj(j - 1, j)):
            w = toks[j].norm
            owner = ctx.mention_at(j)
            if owner is not None:
                if owner.type in ("Place", "Person") and owner.first == j:
                    has_place = True
                    j = owner.last
                break
            if (w in lex.stop or w in lex.common or w in lex.modifiers or _verb_kind(ctx, j)
                    or _adjective_state(ctx, j) or not w.isalpha()):
                break
            j += 1
            if w.startswith("ال"):
                break
        if j == i:
            continue
        if has_place and m.payloads[0] in _ROOM_HEADS:
            j = _coordinated_places(ctx, j)
        if toks[i].norm not in lex.group_starts and not has_place and not (
                j == i + 1 and m.payloads[0] in _UNIT_HEADS and _unit_name(ctx, i)):
            continue
        first = m.first if keep else i
        prefix = m.prefix if keep else ""
        start, end = ctx.span(first, j, prefix, m.restored_article if keep else False)
        etype: EntityType = "Organization" if etype_name == "Organization" else "ArmedGroup"
        label = ctx.text[start:end]
        # the place or person inside the name is part of it, not a mention of its own
        for k in range(i, j):
            o = ctx.owner.pop(k, None)
            if o is not None:
                ctx.found[o].key = ""
        alias = ctx.surface(i, j) if keep and j - i >= 2 else None  # شهداء الزاوية
        ctx.add(_Found(first, j, start, end, f"new:{etype}:{normalize(label)}", etype,
                       "pattern:group", label=label, confidence=0.7, alias=alias))


_ROOM_HEADS = frozenset({normalize("غرفة عمليات")})
# heads of military units whose name may be one definite word: كتيبة الحلبوص، لواء المحجوب
_UNIT_HEADS = frozenset(normalize(w) for w in ("كتيبة", "كتائب", "لواء", "سرايا"))
# what a unit head followed by one definite word may be that is not a name: كتيبة المدفعية
_UNIT_GENERIC = frozenset(normalize(w) for w in (
    "المشاة", "الدبابات", "المدرعات", "المدفعية", "الصاعقة", "المغاوير", "الإسناد",
    "الحراسة", "الاستطلاع", "الدفاع", "الهندسة", "الإشارة", "المهام", "الحماية", "الأمن",
    "الشرطة", "الجيش", "القوات", "المدينة", "المنطقة", "الكتيبة", "اللواء", "المسلحة",
    "المذكورة", "نفسها", "ذاتها", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة"))
# the number of a military unit and what may follow it: اللواء 106 مجحفل، الكتيبة 128 مشاة
_NUMBERED_HEADS = frozenset(normalize(w) for w in (
    "كتيبة", "الكتيبة", "لواء", "اللواء", "سرية", "السرية", "فرقة", "الفرقة"))
_UNIT_KINDS = frozenset(normalize(w) for w in (
    "مشاة", "مجحفل", "مدرع", "مدرعة", "آلية", "قتال", "صاعقة", "مغاوير", "دبابات",
    "مدفعية", "حرس", "حدود", "مشاه", "ميكانيكية", "مظلات", "خاصة"))


def _unit_name(ctx: _Ctx, k: int) -> bool:
    """Could the one definite word at token k name a unit (كتيبة الحلبوص)?"""
    w = ctx.tokens[k].norm
    lex = ctx.lex
    return w.startswith("ال") and len(w) > 4 and w not in _UNIT_GENERIC and \
        w not in lex.common and w not in lex.place_stop and w not in lex.modifiers and \
        not w.endswith(("يه", "ين", "ون", "ات")) and not _adjective_state(ctx, k)


def _coordinated_places(ctx: _Ctx, j: int) -> int:
    """Extend an operations room's name past the places joined to it (غرفة عمليات سرت
    الجفرة، غرفة عمليات أجدابيا وبنغازي): rooms are named for the fronts they cover."""
    while j < len(ctx.tokens) and ctx.adj(j - 1, j):
        owner = ctx.mention_at(j)
        if owner is None or owner.first != j or owner.type != "Place" or \
                owner.prefix not in ("", "و"):
            break
        owner.key = ""
        for k in range(owner.first, owner.last):
            ctx.owner.pop(k, None)
        j = owner.last
    return j


def _numbered_units(ctx: _Ctx) -> None:
    """``اللواء 106 مجحفل``، ``كتيبة 101 مشاة``: military units named by their number.

    A number never follows the rank اللواء, so the head and a number are a unit; the
    kind of unit after the number (مشاة، مجحفل) is part of its name."""
    toks = ctx.tokens
    for i in range(len(toks) - 1):
        if i in ctx.owner or i + 1 in ctx.owner or not ctx.adj(i, i + 1):
            continue
        prefix = next((pre for pre, stem in clitic_readings(toks[i].norm)
                       if stem in _NUMBERED_HEADS), None)
        number = toks[i + 1].norm
        if prefix is None or not number.isdigit() or len(number) > 4:
            continue
        j = i + 2
        while j < len(toks) and j - i < 4 and ctx.adj(j - 1, j) and j not in ctx.owner \
                and toks[j].norm in _UNIT_KINDS:
            j += 1
        start, end = ctx.span(i, j, prefix, False)
        label = ctx.text[start:end]
        head = toks[i].norm[len(prefix):]
        head = head[2:] if head.startswith("ال") else head
        name = " ".join([head, *(t.norm for t in toks[i + 1:j])])
        parent = _tied_to(ctx, j)  # اللواء 106 مجحفل التابع للجيش الوطني الليبي
        ctx.add(_Found(i, j, start, end, f"new:ArmedGroup:{name}", "ArmedGroup",
                       "pattern:unit", label=label, prefix=prefix, confidence=0.7,
                       affiliation=parent.key if parent is not None else None))


# first words of compound place names: رأس لانوف، بني وليد، عين زارة، سيدي براني
_PLACE_COMPOUND_STARTS = frozenset(normalize(w) for w in (
    "رأس", "عين", "بئر", "بني", "سيدي", "وادي", "جبل", "سوق", "تل", "خليج", "مرسى", "برج",
    "قصر", "أم", "بن", "شط", "كفر", "منشية", "نجع", "عزبة"))


def _new_places(ctx: _Ctx) -> None:
    """``بلدة غدوة``، ``مطار معيتيقة``: places the gazetteer does not know, after a place noun."""
    lex = ctx.lex
    toks = ctx.tokens
    for m in ctx.idx.place_heads.scan(ctx.text, toks, skip=set(ctx.owner)):
        keep, needs = lex.place_heads[m.payloads[0]]
        i = m.last
        if i >= len(toks) or i in ctx.owner or not ctx.adj(i - 1, i):
            continue
        j = i + 1
        if toks[i].norm in _PLACE_COMPOUND_STARTS and j < len(toks) and ctx.adj(i, j) \
                and j not in ctx.owner:
            j += 1
        if not all(_place_word(ctx, k) for k in range(i, j)):
            continue
        if needs and not (j < len(toks) and ctx.adj(j - 1, j) and toks[j].norm in needs):
            continue
        first = m.first if keep else i
        start, end = ctx.span(first, j, m.prefix if keep else "",
                              m.restored_article if keep else False)
        label = ctx.text[start:end]
        ctx.add(_Found(first, j, start, end, f"new:Place:{normalize(label)}", "Place",
                       "pattern:place", label=label, confidence=0.6))


def _place_word(ctx: _Ctx, k: int) -> bool:
    """Could token k be (part of) a place's proper name after a place noun?"""
    w = ctx.tokens[k].norm
    lex = ctx.lex
    if k in ctx.owner or len(w) < 3 or not w.isalpha():
        return False
    if w in lex.stop or w in lex.common or w in lex.place_stop or w in lex.modifiers:
        return False
    if _adjective_state(ctx, k) or _verb_kind(ctx, k) or w in ctx.idx.title_heads:
        return False
    if not w.startswith("ال") and (w.endswith("يه") or w.endswith("ين") or w.endswith("ون")):
        return False  # an indefinite adjective or plural: منطقة عسكرية، قرى مجاورين
    return not w.startswith(("بال", "لل", "وال", "فال", "كال"))


def _title_qualifier(ctx: _Ctx, m: PhraseMatch[tuple[str, str]]
                     ) -> tuple[int, set[str], bool, bool]:
    """What a title is of: ``(end token, state or organisation ids, former, head only)``.

    ``وزير الدفاع المصري`` (adjective), ``وزير خارجية مصر`` (construct + state),
    ``قائد الجيش الوطني الليبي`` (the title's last word opens an organisation),
    ``رئيس حكومة الوفاق`` (head + organisation). السابق marks a former holder.
    """
    toks = ctx.tokens
    kinds = {k for k, _ in m.payloads}
    states: set[str] = set()
    head_only = "head" in kinds and len(kinds) == 1
    former = False
    k = m.last
    org = ctx.mention_at(m.last - 1) if "title" in kinds else None
    if org is not None and org.type in ("Organization", "ArmedGroup") and org.key \
            and org.first >= m.first:
        states.add(org.key)
        country = ctx.gaz.entries[org.key].country if org.key in ctx.gaz.entries else None
        if country:
            states.add(country)
        k = max(k, org.last)
    while k < len(toks) and ctx.adj(k - 1, k) and toks[k].norm in ctx.lex.modifiers:
        former = former or ctx.lex.modifiers[toks[k].norm] == "former"
        k += 1
    if k < len(toks) and ctx.adj(k - 1, k):
        owner = ctx.mention_at(k)
        at = owner is not None and owner.first == k and bool(owner.key)
        state = _adjective_state(ctx, k)
        if "title" in kinds and state and not toks[k].norm.startswith("و"):
            states.add(state)
            k += 1
        elif at and owner is not None and (
                (owner.type == "State" and "construct" in kinds)
                or (owner.type in ("Organization", "ArmedGroup") and kinds & {"title", "head"})):
            states.add(owner.key)
            k = owner.last
    if not states and m.length > 1 and ctx.adj(m.first, m.first + 1):
        # the head alone over an organisation: رئيس [حكومة الوفاق]
        owner = ctx.mention_at(m.first + 1)
        if owner is not None and owner.first == m.first + 1 and owner.key and \
                owner.type in ("Organization", "ArmedGroup"):
            states.add(owner.key)
            k = owner.last
            head_only = True
    if not states and "title" in kinds and k + 1 < len(toks) and ctx.adj(k - 1, k) and \
            toks[k].norm in _WITHIN and ctx.adj(k, k + 1):
        # the government the minister serves in: وزير الخارجية في حكومة الوحدة الوطنية
        owner = ctx.mention_at(k + 1)
        if owner is not None and owner.first == k + 1 and owner.key and \
                owner.type == "Organization":
            states.add(owner.key)
            k = owner.last
    if not states and "title" in kinds and m.length > 1:
        # a title held for one body only names it: المبعوث الأممي (the UN mission's head)
        bodies = {o.state for o in ctx.gaz.offices
                  if o.office in {office for _, office in m.payloads}}
        if len(bodies) == 1 and not next(iter(bodies)).startswith("state-"):
            states = bodies
    while k < len(toks) and ctx.adj(k - 1, k) and \
            ctx.lex.modifiers.get(toks[k].norm) == "former":
        former = True
        k += 1
    return k, states, former, head_only


def _person_after(ctx: _Ctx, k: int) -> _Found | None:
    """A person mention starting at token k, or after the ranks standing there."""
    while k < len(ctx.tokens):
        owner = ctx.mention_at(k)
        if owner is not None and owner.first == k:
            if any(c in owner.prefix for c in "بلك"):
                return None  # the title's object, not its holder: التقى رئيس X بالسيسي
            return owner if owner.type == "Person" else None
        if ctx.lex.cues.get(ctx.tokens[k].norm) not in ("rank", "honorific") or \
                not ctx.adj(k, k + 1):
            return None
        k += 1
    return None


def _titles(ctx: _Ctx, named: set[str]) -> None:
    """Titles resolved by date; next to a name they only give that person a role."""
    toks = ctx.tokens
    when = ctx.article.meta.published
    for m in ctx.idx.titles.scan(ctx.text, toks):
        k, states, former, head_only = _title_qualifier(ctx, m)
        if not states:
            after = _person_after(ctx, k) if k < len(toks) and ctx.adj(k - 1, k) else None
            if after is not None and m.length > 1 and not after.role:
                start = ctx.span(m.first, k, m.prefix, m.restored_article)[0]
                after.role = ctx.text[start:toks[k - 1].end]  # وزير الداخلية كمال الفقي
            continue
        offices = {o for _, o in m.payloads}
        if head_only:  # any office named by this head word: رئيس -> president, prime minister
            offices = ctx.idx.title_heads.get(m.stem, set()) | \
                ctx.idx.title_heads.get("ال" + m.stem, set())
        start = ctx.span(m.first, k, m.prefix, m.restored_article)[0]
        role = ctx.text[start:toks[k - 1].end]
        # a person right after (ranks and a comma may stand between) or right before
        after = _person_after(ctx, k) if k < len(toks) and toks[k].sentence == \
            toks[m.first].sentence and (ctx.adj(k - 1, k) or ctx.comma_between(k - 1, k)) \
            else None
        if after is not None:
            _merge_title_person(ctx, after, offices, states, role)
            continue
        before = ctx.mention_at(m.first - 1) if m.first > 0 else None
        if before is not None and before.type == "Person" and before.last == m.first and (
                ctx.adj(m.first - 1, m.first) or ctx.comma_between(m.first - 1, m.first)):
            before.role = before.role or role
            continue
        if former:
            continue
        holders = {ctx.gaz.resolve_title(office, states, when, named) for office in offices}
        holders.discard(None)
        if len(holders) != 1:
            continue  # nobody, or several people for the offices this head word names
        holder = holders.pop()
        if holder is None or holder not in ctx.gaz.entries:
            continue
        # the title may contain an organisation mention: both are kept
        ctx.found.append(_Found(m.first, k, start, toks[k - 1].end, holder,
                                ctx.gaz.entries[holder].type, "title", role=role,
                                confidence=0.9 if when else 0.8))


def _merge_title_person(ctx: _Ctx, person: _Found, offices: set[str], states: set[str],
                        role: str) -> None:
    """A title next to a new name whose surname is the office holder's: that holder.

    Catches misspelt first names (صديقي صبحي for صدقي صبحي) without guessing.
    """
    person.role = person.role or role
    if not person.key.startswith("new:Person:"):
        return
    last = normalize(ctx.tokens[person.last - 1].norm)
    matches: set[str] = set()
    for office in offices:
        _, sometime = ctx.gaz.holders(office, states, ctx.article.meta.published)
        for pid in sometime:
            entry = ctx.gaz.entries.get(pid)
            if entry and any(normalize(n).split()[-1] == last for n in entry.names):
                matches.add(pid)
    if len(matches) == 1:
        pid = matches.pop()
        person.key, person.type, person.label = pid, "Person", None
        person.rule = "title+surname"


def _metonyms(ctx: _Ctx) -> None:
    """A capital that says or does something is its state (``أعلنت واشنطن``).

    It acts when a speech, action or auxiliary verb stands right before it (VSO) or a
    speech or action verb right after it (SVO), or when it opens a clause after إن/أن.
    With a preposition glued on (بالقاهرة) or after مدينة/العاصمة it stays a place.
    """
    for f in ctx.found:
        state = ctx.gaz.capitals.get(f.key) if f.type == "Place" else None
        if state is None or state not in ctx.gaz.entries:
            continue
        prev_k, next_k = f.first - 1, f.last
        prev = ctx.tokens[prev_k].norm if prev_k >= 0 else ""
        if prev in _CITY_WORDS or _has_prep_clitic(ctx, f):
            continue
        before = ctx.adj(prev_k, f.first) and (
            (_verb_kind(ctx, prev_k) in ("speech", "action", "aux") and _feminine_verb(ctx, prev_k))
            or prev in _SUBJECT_INTRO or _bare(prev) in _ADDRESS_VERBS
            or _object_after_subject(ctx, prev_k))
        after = ctx.adj(f.last - 1, next_k) and _verb_kind(ctx, next_k) in (
            "speech", "action") and _feminine_verb(ctx, next_k)
        if before or after:
            f.key, f.type, f.rule = state, "State", "metonym"
            f.confidence = 0.8


# verbs whose direct object is someone accused, blamed, urged or warned: a capital right
# after them is its state (اتهم أنقرة بنقل المرتزقة، محذرا القاهرة من التدخل)
_ADDRESS_VERBS = frozenset(normalize(w) for w in (
    "اتهم", "اتهمت", "يتهم", "تتهم", "متهما", "متهمة", "متهمين", "حمل", "حملت", "محملا",
    "محملة", "طالب", "طالبت", "يطالب", "تطالب", "مطالبا", "مطالبة", "حث", "حثت", "يحث",
    "تحث", "حاثا", "حذر", "حذرت", "يحذر", "تحذر", "محذرا", "محذرة", "ناشد", "ناشدت",
    "يناشد", "تناشد", "مناشدا", "أدان", "أدانت", "يدين", "تدين", "انتقد", "انتقدت",
    "ينتقد", "تنتقد", "منتقدا", "منتقدة", "هدد", "هددت", "يهدد", "تهدد", "مهددا"))


def _object_after_subject(ctx: _Ctx, k: int) -> bool:
    """Token k ends an actor that is the subject of an accusing or warning verb right
    before it, so what follows is that verb's object: اتهمت حكومة الوفاق [القاهرة]."""
    subject = ctx.mention_at(k)
    if subject is None or subject.last != k + 1 or subject.type == "Place" or not subject.key:
        return False
    verb = subject.first - 1
    return verb >= 0 and ctx.adj(verb, subject.first) and \
        _bare(ctx.tokens[verb].norm) in _ADDRESS_VERBS


def _feminine_verb(ctx: _Ctx, k: int) -> bool:
    """Cities are feminine, so a verb they govern is too: قالت، أعلنت، تدعم، ستدعم، مستعدة.

    This also keeps nouns spelt like masculine verbs (دعم "support", عرض "offer") out.
    """
    w = _bare(ctx.tokens[k].norm)
    if w.startswith("ست"):
        w = w[1:]
    for enc in ("", *_ENCLITICS):
        stem = w[: len(w) - len(enc)] if enc and w.endswith(enc) else w
        if enc and not w.endswith(enc):
            continue
        if stem in ctx.lex.verbs and (stem.endswith("ت") or stem.startswith("ت")
                                      or stem.endswith("ه")):
            return True
    return False


def _has_prep_clitic(ctx: _Ctx, f: _Found) -> bool:
    """Whether the mention's token carries ب/ل/ك before its stem (بالقاهرة, للقاهرة)."""
    return any(c in f.prefix for c in "بلك")


def _resolve_ambiguous(ctx: _Ctx) -> None:
    """An alias of several entries: the one the article names otherwise, or a state."""
    seen = {f.key for f in ctx.found if not f.candidates}
    for f in ctx.found:
        if not f.candidates:
            continue
        named = [c for c in f.candidates if c in seen]
        if len(named) == 1:
            pick = named[0]
        else:
            prev = ctx.tokens[f.first - 1].norm if f.first > 0 else ""
            types = {c: ctx.gaz.entries[c].type for c in f.candidates}
            places = [c for c, t in types.items() if t == "Place"]
            states = [c for c, t in types.items() if t == "State"]
            if prev in _CITY_WORDS and len(places) == 1:
                pick = places[0]
            elif len(states) == 1:
                pick = states[0]
            else:
                f.key = ""  # cannot tell which: no mention
                continue
        f.key, f.type = pick, ctx.gaz.entries[pick].type


def _short_forms(ctx: _Ctx) -> None:
    """Names found by a cue once are names everywhere in the article, and surnames of
    people named in full refer to them (رمزي الرميح ... الرميح)."""
    lex = ctx.lex
    index: PhraseIndex[int] = PhraseIndex()
    for n, f in enumerate(ctx.found):
        if f.key.startswith("new:") and f.label:
            index.add(phrase_tokens(f.label), n)  # a group, place or person found by a cue
            if f.alias:
                index.add(phrase_tokens(f.alias), n)
        if f.type != "Person" or f.rule == "title" or f.last - f.first < 2 or not f.key:
            continue
        last = ctx.tokens[f.last - 1].norm
        if len(last) < 3 or last in lex.stop or last in lex.common or last in lex.also_name \
                or last in lex.frequent_given or last in _PARTICLES:
            continue  # (a rarer given name is a fine surname: محمد محفوظ ... محفوظ)
        index.add((last,), n)
    for m in index.scan(ctx.text, ctx.tokens, skip=set(ctx.owner)):
        keys = {ctx.found[n].key for n in m.payloads}
        if len(keys) != 1:
            continue
        src = ctx.found[m.payloads[0]]
        if src.type == "Place" and m.prefix and m.length == 1:
            continue  # a one-word new place needs its place noun or no clitic (بتراغن?)
        start, end = ctx.span(m.first, m.last, m.prefix, m.restored_article)
        ctx.add(_Found(m.first, m.last, start, end, src.key, src.type, "short-form",
                       label=src.label, confidence=0.8))


# --------------------------------------------------------------------------- assembly


def _refs(ctx: _Ctx) -> dict[str, EntityRef]:
    """One EntityRef per entity of the article, its fullest label, first role and body."""
    by_key: dict[str, list[_Found]] = {}
    for f in ctx.found:
        if f.key:
            by_key.setdefault(f.key, []).append(f)
    refs: dict[str, EntityRef] = {}
    for key, fs in by_key.items():
        role = next((f.role for f in fs if f.role), None)
        aff = next((f.affiliation for f in fs if f.affiliation and f.affiliation != key), None)
        if key in ctx.gaz.entries:
            refs[key] = ctx.gaz.ref(key, role=role, affiliation=aff)
            continue
        label = max((f.label for f in fs if f.label), key=len, default=key.split(":", 2)[-1])
        country = aff if aff and aff.startswith("state-") else None
        refs[key] = EntityRef(key=key, type=fs[0].type, label_ar=label, role=role,
                              affiliation=aff, country=country)
    return refs


def extract_mentions(article: Article, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every actor and place mention of ``article``, in text order.

    ``gazetteer`` defaults to the project's (``load_gazetteer()``); tests pass their own.

    >>> ms = extract_mentions(article)        # doctest: +SKIP
    >>> all(article.original[m.start:m.end] == m.surface for m in ms)
    True
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    lex = load_lexicons()
    tokens = tokenize_article(article)
    ctx = _Ctx(article, article.original, tokens, gaz, lex, _indexes(gaz, lex))
    _gazetteer_names(ctx)
    _resolve_ambiguous(ctx)
    _seat_governments(ctx)
    _affiliated_bodies(ctx)
    _institutions(ctx)
    _bare_ministries(ctx)
    _bare_institutions(ctx)
    _numbered_units(ctx)
    _groups(ctx)
    _new_places(ctx)
    _people_from_cues(ctx)
    _people_after_titles(ctx)
    named = {f.key for f in ctx.found if f.type == "Person" and f.key in gaz.entries}
    _titles(ctx, named)
    _metonyms(ctx)
    _short_forms(ctx)
    refs = _refs(ctx)
    out: list[Mention] = []
    for f in ctx.found:
        if not f.key or f.key not in refs:
            continue
        surface = ctx.text[f.start:f.end]
        if f.type == "Place" and _quoted_title(ctx.text, f.start, f.end):
            continue
        out.append(Mention(entity=refs[f.key], surface=surface, start=f.start, end=f.end,
                           sentence=ctx.tokens[f.first].sentence, rule=f.rule,
                           confidence=f.confidence))
    out.sort(key=lambda m: (m.start, m.end))
    return out


_OPEN_QUOTES, _CLOSE_QUOTES = "«\"“", "»\"”"


def _quoted_title(text: str, start: int, end: int) -> bool:
    """``لـ«الشرق الأوسط»``، ``عملية "سرت"``: a place name that is all of a quoted phrase is the
    title of a newspaper, channel or operation, not the place itself."""
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    return bool(before) and before in _OPEN_QUOTES and bool(after) and after in _CLOSE_QUOTES


def mentions_by_entity(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """Group mentions by entity key (a convenience for the other extractors)."""
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        out.setdefault(m.entity.key, []).append(m)
    return out

