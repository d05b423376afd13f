"""Shared rules for event extraction: trigger lexicons, clauses, roles' neighbourhoods and
the status (occurred, alleged, offered, planned) read from modality and attribution.

Meetings and military actions are found the same way: a trigger word from a TSV lexicon
(``lexicons/*.tsv``) is matched in the normalised text of one sentence, the sentence is cut
into clauses (at punctuation, reported-speech verbs and conjunctions that open a new
clause), and the entity mentions of the clause around the trigger fill the roles. Working
on ``normalize_with_map`` output keeps every match mapped back to exact offsets in
``Article.original``. Besides the entity extractor's mentions, ``contexts`` reads a state
from a nationality adjective no mention covers (``دعم عسكري مصري``، ``مسؤولين مصريين``)
using the gazetteer's adjectives, because news often names a state only that way.

Status rules (``status_of``) read ``lexicons/modality.tsv``: an offer (عرضت، مستعدة،
بوسعها) gives ``offered``; intent or the future (تعتزم، تخطط، سوف، ستكون) ``planned``;
suspicion, accusation, reports, likelihood or denial (يشتبه، اتهم، تشير تقارير، رجحت، نفت)
``alleged``; a claim of responsibility confirms; appeals, wishes, fears, topics of talks,
purposes, obligations, refusals, attempts and negation drop the candidate (it is not an
action), except that a purpose under a plan is planned (تستعد لشن هجوم); a threat
(هدد بشن) is planned; a report that speaks through its own verb (تقرير ... أشار إلى أن)
makes what it reports alleged anywhere after it in the sentence. Plain sourcing
(قال مصدر، وفقا لمصادر) does not change the status: news reports most attacks through
sources, and the gold annotations treat a sourced report of an attack as an occurrence; a
source that only suspects, accuses or deems likely makes it alleged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.errors import ConfigError
from kg.records import Article, EntityRef, Evidence, Mention, PartialDate, Sentence, Status
from kg.text.arabic import fold_char, normalize, normalize_with_map

__all__ = [
    "LexEntry", "load_lexicon", "SentenceContext", "Trigger", "Cue", "status_of",
    "contexts", "ACTOR_TYPES", "GAP", "entity_index", "state_key", "state_of",
]

LEXICON_DIR = Path(__file__).parent / "lexicons"
ACTOR_TYPES = frozenset({"Person", "Organization", "State", "ArmedGroup"})

# ``GAP`` in a lexicon pattern: up to four intervening words.
GAP = r"(?:\S+ ){0,4}?"
_VERB_PROCLITICS = r"(?:و|ف)?(?:س(?=[يتنا]))?"  # and the future prefix: ستدرب، سيلتقي
_NOUN_PROCLITICS = r"(?:و|ف)?(?:لل|(?:ب|ك|ل)?ال|ب|ك|ل)?"
_ANY_PROCLITICS = r"(?:و|ف)?(?:س(?=[يتنا])|لل|(?:ب|ك|ل)?ال|ب|ك|ل)?"

# Words that open a new clause (normalised; the و/ف forms are added below). Reported speech
# and complementisers end the subject's reach: in "قالت الرئاسة إن السيسي التقى حفتر" the
# clause of التقى starts after إن.
_CLAUSE_OPENERS = {
    "قال", "قالت", "قالوا", "قالا", "يقول", "تقول", "يقولون", "اضاف", "اضافت", "تابع",
    "تابعت", "اكد", "اكدت", "اوضح", "اوضحت", "اشار", "اشارت", "لفت", "لفتت", "ذكر",
    "ذكرت", "افاد", "افادت", "اعلن", "اعلنت", "شدد", "شددت", "كشف", "كشفت", "اعتبر",
    "ان", "انه", "انها", "انهم", "لكن", "لكنه", "لكنها", "بينما", "حيث", "فيما", "كما",
    "الا", "غير", "وسط", "هو", "هي", "وهناك", "مشيرا", "مضيفا", "مضيفه", "موضحا",
    "مؤكدا", "مشيده", "مشيدا", "منوها", "معتبرا", "وذلك", "ذلك", "غداه", "وقت",
}
# Parentheses and quotes are not boundaries: "التقى في مدينة العلمين (شمال) خليفة حفتر".
_PUNCT_BOUNDARY = set(".;:!?؛؟")
# A future verb: س + imperfect prefix + at least a three-letter stem (سيلتقي، ستدرب), told
# apart from nouns that start the same way (سيارة، سياسة) by the lexicon match itself.
_FUTURE_VERB = re.compile(r"^[وف]?س[يتن]\w{3,}$")


def _with_proclitics(words: Iterable[str]) -> set[str]:
    out = set()
    for w in words:
        out |= {w, "و" + w, "ف" + w}
    return out


# folded like the text they are looked up in (مؤكدا is matched as موكدا)
CLAUSE_OPENERS = frozenset(_with_proclitics(normalize(w) for w in _CLAUSE_OPENERS))
COMPLEMENTISERS = frozenset(_with_proclitics({"ان", "انه", "انها", "انهم"}))


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class LexEntry:
    """One lexicon row: the compiled pattern, its kind and the other columns by name."""

    regex: re.Pattern[str]
    kind: str
    fields: dict[str, str]
    source: str


def _fold_pattern(pattern: str) -> str:
    """Fold the Arabic letters of a pattern as ``normalize`` folds text (أ -> ا, ة -> ه, ...),
    so lexicon entries may be written with their usual spelling. Regex syntax is ASCII and
    left alone."""
    return "".join(fold_char(ch) if "\u0600" <= ch <= "\u06ff" else ch for ch in pattern)


def _compile(pattern: str, kind: str) -> re.Pattern[str]:
    body = pattern.replace("GAP", GAP)
    pre = {"verb": _VERB_PROCLITICS, "attendee": _VERB_PROCLITICS,
           "visit": _ANY_PROCLITICS}.get(kind, _NOUN_PROCLITICS)  # زيارة، بزيارة، سيزور
    return re.compile(rf"(?<![\w]){pre}(?:{body})(?![\w])")


@cache
def load_lexicon(name: str) -> tuple[LexEntry, ...]:
    """Read ``lexicons/<name>.tsv`` (comment lines start with ``#``; then a header row)."""
    path = LEXICON_DIR / f"{name}.tsv"
    rows = [ln for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    header = rows[0].split("\t")
    entries = []
    for n, line in enumerate(rows[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ConfigError(f"{path}: row {n} has {len(cells)} tab-separated cells, the header "
                              f"has {len(header)}; fix the row")
        row = dict(zip(header, cells, strict=True))
        for col in ("pattern", "context"):
            if col in row:
                row[col] = _fold_pattern(row[col])
        kind = row.get("kind", "verb")  # modality cues are verbs and particles
        entries.append(LexEntry(_compile(row["pattern"], kind), kind, row, row["source"]))
    return tuple(entries)


# --------------------------------------------------------------------------- sentences


@dataclass(frozen=True)
class Token:
    start: int  # offsets into the normalised sentence
    end: int
    text: str


@dataclass(frozen=True)
class Trigger:
    """A lexicon match: token range ``[first, last]`` and the entry that matched."""

    first: int
    last: int
    entry: LexEntry
    norm_start: int
    norm_end: int


@dataclass(frozen=True)
class Cue:
    token: int
    last: int
    effect: str
    scope: str
    text: str


@dataclass
class SentenceContext:
    """One sentence, normalised and tokenised, with its mentions placed on tokens."""

    article: Article
    sentence: Sentence
    mentions: list[Mention]
    norm: str = ""
    index: list[int] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mention_tokens: list[tuple[int, int]] = field(default_factory=list)
    boundaries: list[int] = field(default_factory=list)
    _hard: set[int] = field(default_factory=set)
    _dates: list[tuple[int, PartialDate]] | None = None

    def __post_init__(self) -> None:
        self.norm, self.index = normalize_with_map(self.sentence.text)
        self.tokens = [Token(m.start(), m.end(), m.group())
                       for m in re.finditer(r"\w+|[^\w\s]", self.norm)]
        self.mentions = sorted(self.mentions, key=lambda m: (m.start, -m.end))
        self.mention_tokens = [self._span_tokens(m.start, m.end) for m in self.mentions]
        self.boundaries = [i for i, t in enumerate(self.tokens)
                           if t.text in CLAUSE_OPENERS or t.text in _PUNCT_BOUNDARY]
        self._hard = {i for i in self.boundaries if self.tokens[i].text not in COMPLEMENTISERS}

    # ---- offsets

    def _norm_offset(self, absolute: int) -> int:
        rel = absolute - self.sentence.start
        for i, o in enumerate(self.index):
            if o >= rel:
                return i
        return len(self.norm)

    def _span_tokens(self, start: int, end: int) -> tuple[int, int]:
        a, b = self._norm_offset(start), self._norm_offset(end)
        first = next((i for i, t in enumerate(self.tokens) if t.end > a), len(self.tokens))
        last = max((i for i, t in enumerate(self.tokens) if t.start < b), default=first)
        return first, max(first, last)

    def token_of_char(self, rel_char: int) -> int:
        """Token index of a character offset relative to the sentence text."""
        return self._span_tokens(self.sentence.start + rel_char,
                                 self.sentence.start + rel_char + 1)[0]

    def original_span(self, first: int, last: int) -> tuple[int, int]:
        """Absolute ``[start, end)`` in ``Article.original`` of tokens ``first..last``."""
        a = self.index[self.tokens[first].start]
        b = self.index[self.tokens[last].end - 1] + 1
        return self.sentence.start + a, self.sentence.start + b

    def evidence(self, first: int | None = None, last: int | None = None) -> Evidence:
        """The sentence as evidence, or the piece of it from token ``first`` to ``last``."""
        if first is None or last is None or not self.tokens:
            s = self.sentence
            return Evidence(self.article.id, s.index, s.start, s.end, s.text)
        a, b = self.original_span(first, last)
        return Evidence(self.article.id, self.sentence.index, a, b, self.article.original[a:b])

    # ---- clauses

    def clause(self, tok: int) -> tuple[int, int]:
        """``[start, end)`` token range of the clause holding token ``tok``."""
        start = max((b for b in self.boundaries if b <= tok), default=-1) + 1
        end = min((b for b in self.boundaries if b > tok), default=len(self.tokens))
        return start, end

    def soft_end(self, tok: int, width: int) -> int:
        """End of a window of ``width`` tokens after ``tok`` that stops only at punctuation
        or reported speech, not at complementisers: ``هجوم يشتبه أنه من تنفيذ X``."""
        for i in range(tok + 1, min(len(self.tokens), tok + 1 + width)):
            if i in self._hard:
                return i
        return min(len(self.tokens), tok + 1 + width)

    def governed(self, cue: int, tok: int) -> bool:
        """True when only complementisers (أن، إن) separate cue ``cue`` from token ``tok``:
        ``يأمل الليبيون أن تقدم فرنسا ...`` — the wish governs the clause after أن."""
        return cue < tok and not any(cue < i < tok for i in self._hard)

    # ---- matching

    def find(self, entries: Sequence[LexEntry]) -> list[Trigger]:
        """Every lexicon match, longest first where two overlap."""
        found: list[Trigger] = []
        for e in entries:
            for m in e.regex.finditer(self.norm):
                first = next(i for i, t in enumerate(self.tokens) if t.end > m.start())
                last = max(i for i, t in enumerate(self.tokens) if t.start < m.end())
                found.append(Trigger(first, last, e, m.start(), m.end()))
        found.sort(key=lambda t: (t.first, -(t.norm_end - t.norm_start)))
        kept: list[Trigger] = []
        for t in found:
            if any(k.first <= t.first <= k.last or t.first <= k.first <= t.last for k in kept):
                continue
            kept.append(t)
        return sorted(kept, key=lambda t: t.first)

    def mentions_in(self, start: int, end: int, types: Iterable[str] = ACTOR_TYPES
                    ) -> list[tuple[int, Mention]]:
        """Mentions whose first token lies in ``[start, end)``, as (token, mention)."""
        wanted = set(types)
        return [(span[0], m) for m, span in zip(self.mentions, self.mention_tokens, strict=True)
                if start <= span[0] < end and m.entity.type in wanted]

    def mention_end(self, mention: Mention) -> int:
        return self.mention_tokens[self.mentions.index(mention)][1]

    def word_before(self, tok: int, n: int = 1) -> str:
        return self.tokens[tok - n].text if tok - n >= 0 else ""

    def prefix_of(self, mention: Mention) -> str:
        """Letters glued before a mention in its token (ب of بالقاهرة), normalised."""
        tok = self.mention_tokens[self.mentions.index(mention)][0]
        t = self.tokens[tok]
        rel = mention.start - self.sentence.start
        norm_at = self._norm_offset(self.sentence.start + rel)
        return self.norm[t.start : max(t.start, norm_at)]

    def dates(self) -> list[tuple[int, PartialDate]]:
        """Resolved dates of the sentence as (token, date), relative ones included."""
        if self._dates is None:
            from kg.text.dates import find_dates  # the dates helper's module

            self._dates = [(self.token_of_char(d.start), d.date)
                           for d in find_dates(self.sentence.text, self.article.meta.published)
                           if d.date is not None]
        return self._dates


def contexts(article: Article, mentions: list[Mention]) -> list[SentenceContext]:
    """One context per sentence, each with the mentions that fall inside it, plus the
    states named only by a nationality adjective (``دعم عسكري مصري``، ``مسؤولين مصريين``)."""
    out = []
    for s in article.sentences:
        inside = [m for m in mentions if s.start <= m.start and m.end <= s.end]
        out.append(SentenceContext(article, s, inside + _adjective_mentions(s, inside)))
    return out


# Adjectives that more often mean something else: مالي "financial" (Mali's adjective).
_AMBIGUOUS_ADJECTIVES = frozenset({"مالي"})


@cache
def _adjective_index() -> dict[str, str]:
    """Nationality adjectives of the gazetteer's states in every gender and number, with
    and without the article: مصري، المصرية، مصريين، مصريون، مصريا -> state-egypt."""
    from kg.gazetteer import load_gazetteer

    out: dict[str, str] = {}
    for adj, state in load_gazetteer().adjectives.items():
        if adj.removeprefix("ال") in _AMBIGUOUS_ADJECTIVES:
            continue
        stem = adj[2:] if adj.startswith("ال") else adj
        forms = {stem}
        if stem.endswith("ي"):
            forms |= {stem + suffix for suffix in ("ه", "ين", "ون", "ا", "تين", "ان", "ات")}
        for f in forms:
            for pre in ("", "ال", "و", "وال"):
                out.setdefault(pre + f, state)
    return out


def _adjective_mentions(sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """A mention of the state for each nationality adjective no other mention covers."""
    from kg.gazetteer import load_gazetteer

    index = _adjective_index()
    gaz = load_gazetteer()
    covered = [(m.start, m.end) for m in mentions]
    out = []
    for match in re.finditer(r"\w+", sentence.text):
        state = index.get(normalize_with_map(match.group())[0])
        if state is None or state not in gaz.entries:
            continue
        a, b = sentence.start + match.start(), sentence.start + match.end()
        if any(x < b and a < y for x, y in covered):
            continue
        out.append(Mention(gaz.ref(state), match.group(), a, b, sentence.index,
                           "event.nationality_adjective", 0.6))
    return out


def entity_index(mentions: Iterable[Mention]) -> dict[str, EntityRef]:
    """Entities of the article by key (to turn a capital into its state, and the like)."""
    return {m.entity.key: m.entity for m in mentions}


def state_key(entity: EntityRef) -> str | None:
    """The state an entity belongs to: its country, or a state it is affiliated with."""
    if entity.type == "State":
        return entity.key
    if entity.country:
        return entity.country
    aff = entity.affiliation or ""
    return aff if aff.startswith("state-") else None


def state_of(entity: EntityRef, index: dict[str, EntityRef]) -> EntityRef | None:
    """The state of ``entity`` as an EntityRef: from the article, else from the gazetteer."""
    key = state_key(entity)
    if key is None:
        return None
    if key in index:
        return index[key]
    from kg.gazetteer import load_gazetteer  # loaded once, only when an article lacks it

    gaz = load_gazetteer()
    return gaz.ref(key) if key in gaz.entries else None


# --------------------------------------------------------------------------- status


def cues(ctx: SentenceContext) -> list[Cue]:
    """Every modality cue of the sentence with its token position."""
    out = []
    for t in ctx.find(load_lexicon("modality")):
        out.append(Cue(t.first, t.last, t.entry.fields["effect"], t.entry.fields["scope"],
                       ctx.norm[t.norm_start : t.norm_end]))
    return out


@dataclass(frozen=True)
class Modality:
    """What the cues around one trigger say: the status, or ``None`` for no action."""

    status: Status | None
    denied: bool = False
    confirmed: bool = False
    cues: tuple[str, ...] = ()


def status_of(ctx: SentenceContext, first: int, last: int, verb: bool = False) -> Modality:
    """The status of the event whose trigger spans tokens ``first..last``.

    A cue counts when it is in the trigger's clause on the side its scope allows; the
    strongest effect wins (drop, offered, planned, denied, alleged, confirmed), and without a
    cue the event occurred. A purpose (``لشن``) drops the event unless an offer or a plan
    governs it (``تستعد لشن هجوم``: planned). A trigger that is a verb in the future
    (``ستدرب``) is planned.

    >>> # "عرضت مصر تدريب ..." -> offered; "يشتبه أنه من تنفيذ ..." -> alleged
    """
    c_start, c_end = ctx.clause(first)
    effects: dict[str, str] = {}
    if verb and _FUTURE_VERB.search(ctx.tokens[first].text):
        effects["planned"] = ctx.tokens[first].text  # the trigger verb itself: ستدرب
    for cue in cues(ctx):
        if first <= cue.token <= last:
            continue
        before = c_start <= cue.token < first
        after = last < cue.token < c_end
        ok = {
            "before": before, "after": after,
            # a belief or denial also reaches into the clause its أن opens
            "clause": before or after or ctx.governed(cue.token, first),
            "near": first - 2 <= cue.token < first,
            "governs": before or ctx.governed(cue.token, first),
            "next": cue.token == last + 1,
            # a report that speaks through its own verb: تقرير ... أشار إلى أن
            "sentence": cue.token < first,
        }[cue.scope]
        if ok:
            effects.setdefault(cue.effect, cue.text)
    if "drop" in effects:
        return Modality(None, cues=(effects["drop"],))
    if "purpose" in effects and not effects.keys() & {"offered", "planned"}:
        # لشن هجمات: a purpose is no action, but تستعد لشن هجوم is a planned one
        return Modality(None, cues=(effects["purpose"],))
    for effect in ("offered", "planned"):
        if effect in effects:
            status: Status = "offered" if effect == "offered" else "planned"
            return Modality(status, cues=(effects[effect],))
    denied, confirmed = "denied" in effects, "confirmed" in effects
    if confirmed and not denied:
        return Modality("occurred", confirmed=True, cues=(effects["confirmed"],))
    if denied or "alleged" in effects:
        return Modality("alleged", denied=denied, cues=tuple(effects.values()))
    return Modality("occurred")


def merge_status(a: Modality, b: Modality) -> Modality:
    """Status of one event told twice in an article.

    A denial keeps it alleged; otherwise a mention told as fact (or claimed by its author)
    outweighs another that only attributes it, so occurred wins over alleged.
    """
    if a.status == b.status:
        return Modality(a.status, a.denied or b.denied, a.confirmed or b.confirmed,
                        a.cues + b.cues)
    statuses = {a.status, b.status}
    if statuses == {"occurred", "alleged"}:
        denied = a.denied or b.denied
        confirmed = a.confirmed or b.confirmed
        status: Status = "alleged" if denied and not confirmed else "occurred"
        return Modality(status, denied, confirmed, a.cues + b.cues)
    return a
