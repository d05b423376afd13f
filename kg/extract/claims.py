"""Claims: who said what, with which stance, about whom, and the sentence that says so.

A claim is a statement the article attributes to a source (``قال``، ``نفى``، ``اتهم``،
``بحسب`` ...). It is never a fact: an airstrike that a minister denies stays whatever the
actions extractor made it, and the denial points at it through ``about_events``.

The rules, each named in ``Claim.rule`` as ``claim/<trigger>/<content>/<speaker>``:

* trigger: ``verb`` (a reporting verb: ``وقال``، ``قالت``، ``ويقول``، ``تتهمها``), ``hal``
  (a participle continuing the speaker: ``مضيفا``، ``مشيرا إلى``), ``prep``
  (``بحسب X``، ``وفقا لـ X``، ``نقلا عن X``), ``relay`` (``نقلت X عن Y``);
* content: ``clause`` (after ``إن/أن``), ``quote`` (between quotation marks), ``colon``,
  ``prep`` (after the verb's preposition: ``أشار إلى``، ``أعرب عن``), ``np`` (a bare
  object: ``نفى وقوع انتهاكات``، ``اتهم X بـ``; the text is then the whole verb phrase),
  ``before`` (``X، بحسب ما أعلن الجيش``، ``X، وهو ما نفته القاهرة``: the clause before
  the attribution, with the attribution itself in the text), ``after`` (``وبحسب ما نقلته
  رويترز عن شهود، فإن X``: the clause after an opening attribution); a quotation right
  before the verb (``"..."، قال الوزير``) is a ``quote``;
* speaker: ``named`` (an entity mention, titles and metonyms included), ``anonymous``
  (``مصادر أمنية``: claimant ``None`` and the description kept), ``anaphora``
  (``المصدر``، ``الخبير الجزائري``: the last unnamed or described source of that kind),
  ``surname`` (``وأوضح راضي``: a person named in full earlier), ``institution``
  (``وقالت الوزارة``: the last ministry named), ``document`` (``بيان الرئاسة``،
  ``تقرير لخبراء الأمم المتحدة``، ``بيان صادر عن الوزارة``، ``وجاء في بيان للجيش``،
  ``وأشار البيان``: the author), ``organ`` (``القيادة العامة للجيش``: the body it belongs
  to), ``authorities`` (``السلطات الجزائرية``: the state of the adjective), ``spokesperson``
  (``المتحدث باسم الوزارة`` without a name: the ministry), ``pronoun`` (``لكنها قالت``),
  ``continuation`` (``وأضاف``، ``وتابع`` without a subject: the last speaker; a participle
  after another verb: that verb's subject), ``party`` (``ونفت الدولتان``: the parties just
  named), ``described`` (a speaker phrase nothing resolves, after the verb or framed by
  ``وكان ... قد``: kept as its words).

Several reporting verbs in one sentence give several claims, each content ending where
the next attribution starts. A reporting verb inside a reported clause (``قال A إن B أشاد
بـ``) does not start a new claim: A is the claimant and B the ``inner_source``. Nor does a
participle with the same stance (``قال إن X، مشيرا إلى أن Y``: one speech act, one claim);
``نافيا``، ``متهما`` after an assertion do; neither does a conjoined verb of likelihood
without a subject (``أفادت مصادر بأن X، ورجحت أن Y``). ``ويرى محللون أن`` (an opinion of
unnamed analysts) frames commentary and is no claim. A quotation is content: reporting verbs inside
it belong to the quote. The same statement twice in an article (headline and body) is one
claim.

Example::

    claims = extract_claims(article, mentions, meetings, actions)
    [(c.stance, c.claimant and c.claimant.label_ar, c.text) for c in claims]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.attribution import (
    ADVERBS,
    BARE_COMPLEMENTIZERS,
    CLAUSE_WORDS,
    COMPLEMENTIZERS,
    DEMONSTRATIVES,
    LEADING_PARTICLES,
    PARTY_ANAPHORS,
    PREPOSITIONS,
    PRONOUN_CLAUSE_WORDS,
    QUOTE_CHARS,
    RELATIVES,
    REPORT_MASDAR,
    RESUMPTIVES,
    Speaker,
    Token,
    Trigger,
    anonymous_head,
    description_of,
    find_triggers,
    fold,
    np_extent,
    quote_regions,
    skip_adverbs,
    subject_mentions,
    tokenize,
)
from kg.records import (
    Article,
    Claim,
    EntityRef,
    Evidence,
    Meeting,
    Mention,
    MilitaryAction,
    Sentence,
)
from kg.text.arabic import normalize, normalize_with_map

__all__ = ["extract_claims"]

_ALWAYS_ANONYMOUS = {"source", "official", "diplomat", "report", "witness"}
_ACTOR_TYPES = {"Person", "Organization", "State", "ArmedGroup"}
_MEETING_WORDS = {
    "لقاء", "اللقاء", "لقائه", "اجتماع", "الاجتماع", "اجتماعات", "مباحثات", "المباحثات",
    "محادثات", "المحادثات", "زياره", "الزياره", "قمه", "القمه", "مشاورات", "المشاورات",
}
_DISCOURSE = {"من", "في", "المقابل", "ذلك", "جهه", "جانبه", "جانبها", "جهتها", "ناحيه",
              "ناحيته", "وفي", "ومن", "بدوره", "بدورها", "اثر", "كما", "ايضا"}
# Words before إن/أن that make it a subordinate clause, not reported content.
_SUBORDINATORS = {"بعد", "قبل", "منذ", "دون", "حتى", "رغم", "من", "على", "علي", "الى", "عقب",
                  "بمجرد", "لاجل", "بدون", "بعدما", "وبعد"}
_DOCUMENTS = {"بيان", "بيانا", "تقرير", "تقريرا", "وثيقه", "رساله", "مذكره", "تصريح",
              "تصريحات", "بلاغ", "منشور", "تسجيل"}
# Definite institution nouns that refer back to the last institution of that kind.
_INSTITUTIONS = {"وزاره", "حكومه", "رئاسه", "جيش", "شرطه", "بعثه", "منظمه", "هيئه", "مجلس",
                 "حركه", "جماعه", "تنظيم", "قياده", "وكاله", "سفاره", "قوات"}
# Organs that speak for the body they belong to (القيادة العامة للجيش، المكتب الإعلامي لـ).
_ORGANS = {"قياده", "مكتب", "شعبه", "غرفه", "مركز", "اداره", "امانه", "ناطق", "متحدث",
           "هيئه", "رئاسه"}
_MEDIA = {"صحيفه", "جريده", "موقع", "وكاله", "قناه", "مجله", "اذاعه", "تلفزيون", "شبكه",
          "برنامج", "منصه", "حساب", "صفحه"}
# Verbs that weigh how likely something is rather than state something new.
_EPISTEMIC = {"رجح", "توقع", "استبعد"}
_AUTHORITIES = {"سلطات"}
_KANA = {"كان", "وكان", "كانت", "وكانت", "كانوا", "وكانوا"}
# جاء في بيان: "it came in a statement", a claim only when a document follows في.
_CAME_IN = {"جاء"}
_ISSUED = {"صادر", "صادره", "الصادر", "الصادره"}
# Verbs of opinion: with unnamed analysts (يرى محللون) they frame commentary, not a claim.
_OPINION = {"رأى"}
_TRIM = set(" \t\n\r،,.:;؛!?؟-–—" + QUOTE_CHARS)
_MAX_SPAN = 22
_CONFIDENCE = {"verb": 0.8, "relay": 0.75, "hal": 0.7, "prep": 0.7}


@dataclass
class _Item:
    """One trigger read in its sentence, before it becomes a claim (or not)."""

    trig: Trigger
    speaker: Speaker = field(default_factory=Speaker)
    clause_start: int = 0  # token index where the attribution clause begins
    phrase_start: int = 0  # token index of the verb phrase (its subject first when SVO)
    cut: bool = False  # the previous claim's content ends at clause_start
    accepted: bool = False
    mode: str = ""
    content_start: int | None = None
    content_end: int | None = None  # fixed end (quotation close, text before)
    nested_in: _Item | None = None
    inner: Speaker | None = None
    marker: int | None = None
    subject: Speaker | None = None  # the speaker phrase read from the text, if any


@dataclass
class _State:
    """What the article has said so far: last speaker, last subject, sources by kind."""

    last_speaker: Speaker | None = None
    last_subject: Speaker | None = None
    by_group: dict[str, Speaker] = field(default_factory=dict)


def extract_claims(article: Article, mentions: list[Mention], meetings: list[Meeting],
                   actions: list[MilitaryAction]) -> list[Claim]:
    """Every attributed statement of ``article``, in reading order.

    ``mentions`` come from the entity matcher (names, titles, metonyms such as القاهرة);
    ``meetings`` and ``actions`` are only read, to fill ``about_meetings`` and
    ``about_events``.
    """
    quotes = quote_regions(article)
    actors = sorted((m for m in mentions if m.entity.type in _ACTOR_TYPES),
                    key=lambda m: (m.start, -m.end))
    state = _State()
    claims: list[Claim] = []
    for sent in article.sentences:
        tokens = tokenize(article, sent.start, sent.end)
        if not tokens:
            continue
        in_sentence = [m for m in actors if sent.start <= m.start and m.end <= sent.end]
        reader = _SentenceReader(article, sent, tokens, in_sentence, actors, quotes, state)
        for item in reader.read():
            claim = _to_claim(article, sent, tokens, item, mentions, meetings, actions)
            if claim is not None:
                claims.append(claim)
    return _dedupe(claims)


# --------------------------------------------------------------------------- reading


class _SentenceReader:
    """Reads the triggers of one sentence in order; keeps the article state up to date."""

    def __init__(self, article: Article, sent: Sentence, tokens: list[Token],
                 mentions: list[Mention], all_actors: list[Mention],
                 quotes: list[tuple[int, int]], state: _State) -> None:
        self.article = article
        self.sent = sent
        self.tokens = tokens
        self.mentions = mentions
        self.all_actors = all_actors
        self.quotes = quotes
        self.quote_opens = {a: b for a, b in quotes}
        self.state = state
        self.triggers = _absorb_qaailan(find_triggers(tokens, quotes, mentions))
        self.items: list[_Item] = []

    # -- the sentence

    def read(self) -> list[_Item]:
        for k, trig in enumerate(self.triggers):
            # a negated verb inside a speaker phrase (فضل عدم ذكر اسمه) does not stop it
            later = [t for t in self.triggers[k + 1:] if t.conj or not t.negated]
            stop = later[0].first if later else len(self.tokens)
            item = _Item(trig=trig, clause_start=trig.first, phrase_start=trig.first)
            if trig.entry.kind == "prep":
                self._read_prep(item, stop)
            else:
                self._read_verb(item, stop)
            self._merge_participle(item)
            self.items.append(item)
            if item.accepted and item.nested_in is None:
                self.state.last_speaker = item.speaker
        self._set_ends()
        return [it for it in self.items if it.accepted and it.nested_in is None]

    def _merge_participle(self, item: _Item) -> None:
        """``قال إن X، مشيرا إلى أن Y``: one speech act, so one claim whose text runs on,
        unless the participle changes the stance (``نافيا``، ``متهما``)."""
        opened = self._open_claim()
        # مصادر أفادت بأن طائرات قصفت X، ورجحت أن تكون مصرية: a conjoined verb of likelihood
        # without a subject of its own weighs the report just made, like a participle (a new
        # statement, وأضاف أن، وأكد, stays a claim of its own)
        conjoined = (item.trig.entry.kind == "verb" and item.trig.conj and item.subject is None
                     and item.trig.entry.lemma in _EPISTEMIC)
        if (not (item.trig.entry.kind == "hal" or conjoined) or not item.accepted or opened is None
                or opened.trig.entry.stance != item.trig.entry.stance
                or item.speaker.how != "continuation" or opened.mode == "before"):
            return
        item.nested_in = opened
        item.cut = False
        if opened.mode == "quote":
            opened.content_end = None  # the text now runs past the closing quote

    def _open_claim(self) -> _Item | None:
        return next((it for it in reversed(self.items)
                     if it.accepted and it.nested_in is None), None)

    def _at_sentence_start(self, idx: int) -> bool:
        """Only particles, discourse adverbs (``من جهته،``، ``في المقابل،``، ``بدوره``) or a
        dateline (``الجزائر -``) before ``tokens[idx]``."""
        before = self.tokens[:idx]
        dash = next((k for k, t in enumerate(before[:4]) if t.text in "-–—"), None)
        if dash is not None:
            before = before[dash + 1:]
        return all(t.is_punct or t.fold in LEADING_PARTICLES or t.fold in ADVERBS
                   or t.fold in _DISCOURSE for t in before)

    # -- verbs, participles and relays

    def _read_verb(self, item: _Item, stop: int) -> None:
        trig = item.trig
        comps = trig.entry.complements
        toks = self.tokens
        if trig.negated:
            item.cut = trig.conj
            return
        if trig.after_as:
            self._read_after_as(item, stop)
            return
        subject, boundary, pre_start = self._subject_before(trig)
        if subject is not None:
            bt = toks[boundary] if boundary is not None else None
            opened = self._open_claim()
            if bt is not None and bt.fold in COMPLEMENTIZERS and opened is not None \
                    and opened.marker == boundary:
                # قال A إن B أشاد بـ ...: B is the inner source of A's claim.
                opened.inner = subject
                item.nested_in = opened
                self._remember_subject(subject)
                return
            if boundary is None or bt is None:
                item.clause_start = 0
            else:
                item.clause_start = boundary + 1 if bt.is_punct else boundary
            item.phrase_start = pre_start
            self._remember_subject(subject)
        span_from = trig.last + 1
        subject_end = span_from
        np_ok = any(c == "np" or c.startswith(("np:", "np~")) for c in comps)
        marker: tuple[str, int] | None
        if trig.entry.kind == "relay":
            found = _find_marker(toks, span_from, stop, comps, self.quote_opens)
            if found is None or found[0] != "prep":
                return
            source = self._relay_source(found[1], stop)
            marker = _find_marker(toks, found[1] + 1, stop, ("clause", "quote", "colon"),
                                  self.quote_opens)
            if marker is None:
                return
            if source is None and subject is None:
                source = self._resolve(toks[span_from:found[1]], "vso")
            subject = source or subject
            subject_end = marker[1]
        elif np_ok:
            marker = None
            if subject is None and trig.entry.kind != "hal":
                # أكد الباحث ... فلان، أنه ...: a speaker phrase closed by its content marker
                far = _find_marker(toks, span_from, stop, _no_np(comps), self.quote_opens)
                if far is not None and self._speaker_phrase(span_from, far):
                    subject = self._resolve(toks[span_from:far[1]], "vso")
                    if subject is not None:
                        marker, subject_end = far, far[1]
                        self._remember_subject(subject)
                if subject is None:
                    subject = self._resolve(toks[span_from:min(stop, span_from + 8)], "np")
                    if subject is not None:
                        subject_end = subject.end
                        self._remember_subject(subject)
            if marker is None and subject is not None and item.phrase_start < trig.first:
                # the speaker came first (تونس أعلنت في وقت سابق عن ...): a marker may follow
                # a few adverbial words
                far = _find_marker(toks, span_from, min(stop, span_from + 8), _no_np(comps),
                                   self.quote_opens)
                if far is not None and (far[1] == span_from or
                                        toks[far[1] - 1].fold not in _SUBORDINATORS):
                    marker = far
            if marker is None:
                marker = _find_marker(toks, subject_end, min(stop, subject_end + 3), comps,
                                      self.quote_opens)
            if marker is None and subject_end < stop:
                marker = ("np", subject_end)
        elif trig.entry.lemma in _CAME_IN:
            # وجاء في بيان للجيش أن ...: only a document, read after في, is the speaker
            marker = _find_marker(toks, span_from, stop, comps, self.quote_opens)
            if marker is None:
                return
            span = toks[span_from:marker[1]]
            if len(span) < 2 or span[0].fold not in {"في", "وفي"} or \
                    span[1].fold.removeprefix("ال") not in _DOCUMENTS:
                return
            subject = self._resolve(span[1:], "vso")
            if subject is None or subject.how not in ("document", "named"):
                return
            subject_end = marker[1]
        else:
            marker = _find_marker(toks, span_from, stop, comps, self.quote_opens)
            if marker is None and subject is None and "quote" in comps \
                    and trig.entry.kind == "verb" and self._read_postposed(item, stop):
                return
            if subject is None and trig.entry.kind != "hal":
                subject, subject_end = self._subject_after(trig, marker, stop)
        item.subject = subject
        if subject is None:
            if not (trig.conj or trig.entry.kind == "hal"
                    or self._at_sentence_start(trig.first)):
                return
            subject = self._continuation(item)
            if subject is None:
                return
        item.cut = True
        item.speaker = subject
        if marker is None:
            return
        if trig.entry.lemma in _OPINION and subject.how == "anonymous" \
                and subject.group == "analyst":
            return  # ويرى محللون أن ...: the writer's framing of commentary, nobody's statement
        if not self._set_content(item, marker, subject_end, stop):
            return
        item.accepted = True

    def _read_after_as_opening(self, item: _Item, first: int, words: int,
                               speaker: Speaker) -> None:
        """``وبحسب ما نقلته رويترز عن شهود، فإن ...``: opening the sentence, the attribution
        reports what follows it (after فإن/أن, or the rest of the sentence)."""
        toks = self.tokens
        trig = item.trig
        k = trig.last + 1 + words
        while k < len(toks) and toks[k].is_punct and toks[k].text in "،,":
            k += 1
        if k >= len(toks):
            return
        if toks[k].fold in COMPLEMENTIZERS:
            if toks[k].fold in BARE_COMPLEMENTIZERS:
                k += 1
            item.mode = "clause"
        else:
            item.mode = "after"
        if k >= len(toks):
            return
        item.speaker = speaker
        item.content_start = toks[k].start
        item.clause_start = first
        item.cut = True
        item.accepted = True
        self._remember_subject(speaker)

    def _read_postposed(self, item: _Item, stop: int) -> bool:
        """``"الوضع تحت السيطرة"، قال الوزير للصحفيين``: a quotation that ends right before
        the verb is its content, and the speaker follows the verb (or, with none, the last
        speaker goes on: ``"..."، أضاف``)."""
        toks = self.tokens
        trig = item.trig
        j = trig.first - 1
        while j >= 0 and (toks[j].text in "،," or toks[j].fold in {"هكذا", "وهكذا"}):
            j -= 1
        if j < 0 or toks[j].text not in QUOTE_CHARS:
            return False
        region = next(((a, b) for a, b in self.quotes if b == toks[j].start), None)
        if region is None:
            return False
        span = _until_punct(toks[trig.last + 1:stop])
        speaker = self._resolve(span, "np") if span else None
        if speaker is None and not span and self.state.last_speaker is not None:
            speaker = _as(self.state.last_speaker, "continuation")
        if speaker is None:
            return False
        self._remember_subject(speaker)
        item.speaker = speaker
        item.mode = "quote"
        item.content_start = max(region[0] + 1, self.sent.start)
        item.content_end = region[1]
        item.clause_start = trig.first
        item.phrase_start = max(0, j)
        item.cut = True
        item.accepted = True
        return True

    def _read_after_as(self, item: _Item, stop: int) -> None:
        """``X، كما قال الوزير`` / ``بحسب ما ذكرت مصادر``: the content is the text before."""
        trig = item.trig
        span = self.tokens[trig.last + 1:min(stop, trig.last + 1 + _MAX_SPAN)]
        span = _until_punct(span)
        speaker = None
        if trig.entry.kind == "relay":
            # بحسب ما نقلته رويترز عن شهود عيان: the source after عن
            at = next((k for k, t in enumerate(span) if t.fold == "عن"), None)
            speaker = self._resolve(span[at + 1:], "vso") if at is not None else None
        if speaker is None:
            speaker = self._resolve(span, "vso")
        if speaker is None:
            return
        opened = self._open_claim()
        first = trig.first - 1
        while first > 0 and (self.tokens[first - 1].fold in RESUMPTIVES or self.tokens[
                first - 1].fold.removeprefix("و") in {"بحسب", "حسب", "وفق", "وفقا", "طبقا"}):
            first -= 1
        if opened is None and self._at_sentence_start(first):
            self._read_after_as_opening(item, first, len(span), speaker)
            return
        if opened is not None and opened.trig.entry.stance == trig.entry.stance:
            # مصادر رجحت X، حسبما ذكرت وسائل إعلام: the source that said it stays the
            # claimant; the relaying source only ends the content
            item.clause_start = first
            item.cut = True
            return
        item.speaker = speaker
        item.mode = "before"
        item.content_start = self._previous_end()
        item.content_end = self.tokens[first].start if first < len(self.tokens) else self.sent.end
        item.clause_start = first
        item.cut = True
        item.accepted = True

    def _previous_end(self) -> int:
        """Where text reported before an attribution starts: after the last trigger, or
        after the sentence's dateline (``تونس -``)."""
        # a trigger that made nothing (تابعة "affiliated", read as تابعه) ends nothing
        spoken = [it for it in self.items if it.accepted or it.cut]
        if not spoken:
            head = self.tokens[:4]
            dash = next((k for k, t in enumerate(head) if t.text in "-–—"), None)
            if dash is not None and dash + 1 < len(self.tokens):
                return self.tokens[dash + 1].start
            return self.sent.start
        nxt = spoken[-1].trig.last + 1
        return self.tokens[nxt].start if nxt < len(self.tokens) else self.sent.end

    def _relay_source(self, at: int, stop: int) -> Speaker | None:
        """``نقلت وسائل إعلام عن مسؤولين أمريكيين قولهم``: the source after عن."""
        span = []
        for t in self.tokens[at + 1:stop]:
            if t.fold in REPORT_MASDAR or t.fold in COMPLEMENTIZERS or t.is_punct:
                break
            span.append(t)
        return self._resolve(span, "vso")

    def _set_content(self, item: _Item, marker: tuple[str, int], subject_end: int,
                     stop: int) -> bool:
        kind, j = marker
        comps = item.trig.entry.complements
        toks = self.tokens
        item.marker = j
        if kind == "prep":
            prep_clitic = len(toks[j].fold) > 1 and toks[j].fold[0] in "بل" and \
                toks[j].fold not in {"الى", "علي", "عن", "من"}
            nxt = j if prep_clitic else j + 1
            if nxt >= stop:
                return False
            needs_clause = any(c.startswith("prep:") and c.endswith("+clause") for c in comps)
            if toks[nxt].fold in COMPLEMENTIZERS:
                kind, j = "clause", nxt
                item.marker = nxt
            elif toks[nxt].start in self.quote_opens and not needs_clause:
                kind, j = "quote", nxt
            elif needs_clause:
                return False
            else:
                item.mode = "prep"
                item.content_start = toks[item.phrase_start].start
                return True
        if kind == "clause":
            item.mode = "clause"
            bare = toks[j].fold in BARE_COMPLEMENTIZERS
            if bare and j + 1 >= len(toks):
                return False
            item.content_start = toks[j + 1].start if bare else toks[j].start
            return True
        if kind == "quote":
            item.mode = "quote"
            if j + 1 >= len(toks):
                return False
            item.content_start = toks[j + 1].start
            close = self.quote_opens.get(toks[j].start)
            item.content_end = min(close, self.sent.end) if close is not None else None
            return True
        if kind == "colon":
            item.mode = "colon"
            if j + 1 >= len(toks):
                return False
            item.content_start = toks[j + 1].start
            return True
        # a bare noun phrase: the verb phrase is the claim
        # أعلن الجيش، السبت، السيطرة على ...: a day or an adverb may precede the object
        obj = [t for t in skip_adverbs(toks[subject_end:stop]) if not t.is_punct]
        if not obj:
            return False
        for c in comps:
            if c.startswith("np~"):
                # حمّل X مسؤولية Y: the object holds one of these words, not first
                stems = {fold(s) for s in c[3:].split("/")}
                if any(t.fold.startswith(s) for t in obj[:6] for s in stems):
                    break
            if c.startswith("np:"):
                # the lexicon writes a stem with or without ال; the object may have either
                stems = {fold(s).removeprefix("ال") for s in c[3:].split("/")}
                word = obj[0].fold.removeprefix("و")
                if any(w.startswith(s) for s in stems
                       for w in (word, word.removeprefix("ال"))):
                    break
        else:
            if not any(c == "np" for c in comps):
                return False
        if item.trig.entry.stance == "asserts" and all(t.fold in DEMONSTRATIVES for t in obj[:3]) \
                and len(obj) <= 3:
            return False  # وأكد المسؤولون ذلك: an endorsement with no content of its own
        item.mode = "np"
        item.content_start = toks[item.phrase_start].start
        return True

    # -- prepositional attribution

    def _read_prep(self, item: _Item, stop: int) -> None:
        trig = item.trig
        toks = self.tokens
        span: list[Token] = []
        k = trig.last + 1
        while k < stop and len(span) < 8:
            t = toks[k]
            if t.is_punct or t.fold in COMPLEMENTIZERS:
                break
            span.append(t)
            k += 1
        speaker = self._resolve(span, "prep")
        if speaker is None:
            return
        item.speaker = speaker
        item.cut = True
        self._remember_subject(speaker)
        after = k
        while after < stop and toks[after].is_punct and toks[after].text in "،,":
            after += 1
        if after < stop and toks[after].fold in COMPLEMENTIZERS:
            item.mode = "clause"
            bare = toks[after].fold in BARE_COMPLEMENTIZERS
            if bare and after + 1 >= len(toks):
                return
            item.content_start = toks[after + 1].start if bare else toks[after].start
        elif self._at_sentence_start(trig.first):
            if after >= len(toks):
                return
            item.mode = "after"
            item.content_start = toks[after].start
        else:
            # X، وفقا لمصادر، Y: the whole clause around the attribution
            item.mode = "around"
            item.content_start = self._previous_end()
            item.clause_start = trig.first
        item.accepted = True

    # -- speakers

    def _subject_before(self, trig: Trigger) -> tuple[Speaker | None, int | None, int]:
        """An SVO speaker (``مصادر رجحت``، ``وكان الرئيس دعا``), the clause boundary before
        it and the index of its first word."""
        toks = self.tokens
        j = trig.first - 1
        pre: list[Token] = []
        earlier = {t.last for t in self.triggers if t.first < trig.first}
        while j >= 0 and len(pre) < 10:
            t = toks[j]
            if (t.is_punct or t.fold in COMPLEMENTIZERS or t.fold in CLAUSE_WORDS
                    or t.fold in PRONOUN_CLAUSE_WORDS or t.fold in RELATIVES or j in earlier):
                break
            pre.insert(0, t)
            j -= 1
        boundary = j if j >= 0 else None
        if trig.conj or trig.entry.kind != "verb" or len(pre) >= 10:
            return None, boundary, trig.first
        btok = toks[boundary] if boundary is not None else None
        if btok is not None and btok.fold in RELATIVES:
            return None, boundary, trig.first
        framed = bool(pre) and pre[0].fold in _KANA
        while pre and pre[0].fold in LEADING_PARTICLES:
            pre = pre[1:]
        framed = framed and bool(pre) and pre[-1].fold == "قد"
        while pre and pre[-1].fold in {"قد", "فقد", "لقد"}:
            pre = pre[:-1]
        if pre and pre[0].fold in PREPOSITIONS:
            return None, boundary, trig.first  # في لقائه مع فلان أكد: the speaker follows
        if not pre and btok is not None and btok.fold == "ان" and boundary is not None:
            # وسبق لفلان أن كشف ...: the speaker sits between سبق and أن
            k = boundary - 1
            while k >= 0 and boundary - k <= 10 and toks[k].fold not in {"سبق", "وسبق", "يسبق"}:
                k -= 1
            if k >= 0 and toks[k].fold in {"سبق", "وسبق", "يسبق"} and k + 1 < boundary:
                speaker = self._resolve(toks[k + 1:boundary], "prep")
                if speaker is not None:
                    return speaker, k - 1 if k > 0 else None, k
        if not pre and btok is not None and btok.fold in PRONOUN_CLAUSE_WORDS:
            last = self.state.last_subject
            if last is not None and last.found:
                return _as(last, "pronoun"), boundary, trig.first
            return None, boundary, trig.first
        if not pre:
            return None, boundary, trig.first
        starts_mention = any(pre[0].start <= m.start <= pre[0].start + 1 for m in self.mentions)
        verb_like = len(pre[0].fold) > 4 and pre[0].fold[0] in "وف" and pre[0].fold[1] in "يتن"
        if verb_like and not starts_mention:
            return None, boundary, trig.first  # a conjoined verb or noun, not a subject
        speaker = self._resolve(pre, "svo")
        if speaker is None and framed and len(pre) <= 6 and not _adverbial(pre):
            # وكانت وكالة الأنباء الرسمية قد ذكرت: كان ... قد frames the subject, even one
            # the gazetteer does not know (kept as its words, naming no one)
            speaker = Speaker(None, description_of(pre, self.article) or None, None,
                              "described", end=pre[-1].i + 1)
        return speaker, boundary, pre[0].i

    def _speaker_phrase(self, start: int, marker: tuple[str, int]) -> bool:
        """Whether ``tokens[start:marker]`` reads as a speaker phrase alone (for verbs that
        also take a bare object): إن/أن, a quotation or a colon not opening a subordinate
        clause (``بعد أن``); a preposition after a short phrase, a comma or a name."""
        kind, at = marker
        span = self.tokens[start:at]
        # اتهم X مصر بالوقوف وراء الهجوم، ووصفه بأنه ...: a comma then a conjoined word
        # starts a new clause, so the marker after it is not this verb's
        if any(t.text in "،," and k + 1 < len(span) and span[k + 1].fold[:1] == "و"
               and len(span[k + 1].fold) > 2 for k, t in enumerate(span)):
            return False
        if kind in ("clause", "quote", "colon"):
            return not span or span[-1].fold not in _SUBORDINATORS
        if len(span) <= 4:
            return True
        last = span[-1]
        if last.is_punct and last.text in "،,":
            return True
        return any(m.end == last.end for m in self.mentions)

    def _subject_after(self, trig: Trigger, marker: tuple[str, int] | None,
                       stop: int) -> tuple[Speaker | None, int]:
        """A VSO speaker between the verb and its content marker, and where it ends."""
        first = trig.last + 1
        if marker is None:
            return None, first
        span = self.tokens[first:marker[1]]
        if not span or all(t.is_punct for t in span):
            return None, first
        speaker = self._resolve(span, "vso")
        if speaker is not None:
            self._remember_subject(speaker)
            return speaker, marker[1]
        clean = skip_adverbs(span)
        if _adverbial(clean) or trig.entry.kind == "hal" or len(clean) > 6:
            return None, first
        if not (trig.conj or self._at_sentence_start(trig.first)):
            return None, first  # يعتبر mid-sentence: a passive or a relative, no speaker
        # a speaker the gazetteer does not know: keep its words, name no one
        desc = description_of(clean, self.article)
        return Speaker(None, desc or None, None, "described", end=marker[1]), marker[1]

    def _resolve(self, span: list[Token], mode: str) -> Speaker | None:
        """The speaker named by ``span``: a mention, an unnamed source, or a party anaphor.

        ``mode`` says where the span is: ``vso`` (between the verb and its content marker,
        the whole span is the speaker phrase), ``svo`` (before the verb), ``np`` (after a
        verb whose object follows the subject: the speaker must start the span), ``prep``
        (after بحسب / وفقا لـ).
        """
        span = skip_adverbs(span)
        if mode == "prep" and span:
            span = [_strip_lam(span[0]), *span[1:]]
        if not span:
            return None
        whole = mode in ("vso", "svo")
        end_of_span = span[-1].i + 1

        def mention_end(m: Mention) -> int:
            return end_of_span if whole else _token_index(span, m.end - 1) + 1
        lead = 1 if span[0].fold in {"نفس", "ذات", "كبار", "بعض"} and len(span) > 1 else 0
        head = anonymous_head(span, lead)

        def noun_end() -> int:
            assert head is not None
            k = np_extent(span, lead + head[2] - 1)
            return end_of_span if whole else (span[k].i if k < len(span) else end_of_span)

        cands = subject_mentions(span, self.mentions, prep=mode == "prep")
        window = len(span) if mode == "vso" else 3
        first_i = span[0].i
        near = [m for m in cands if _token_index(span, m.start) - first_i < window]
        # a person may follow a long title: وزير الخارجية الليبي فلان ...
        reach = [m for m in cands if _token_index(span, m.start) - first_i < 7] \
            if mode in ("svo", "np", "prep") else near
        persons = [m for m in reach if m.entity.type == "Person"]
        at_start = [m for m in cands if _token_index(span, m.start) == first_i]
        if at_start and head is None:
            named = Speaker(at_start[0].entity, None, None, "named", end=mention_end(at_start[0]))
            if at_start[0].entity.type == "Person":
                self._remember_apposition(span, at_start[0], named)
            return named
        if span[0].fold.removeprefix("ال") in _DOCUMENTS and span[0].fold.startswith("ال"):
            # وأشار البيان إلى: the statement just cited, by the last institution that spoke
            last = self.state.last_speaker
            if last is not None and last.entity is not None and last.entity.type != "Person":
                return Speaker(last.entity, None, None, "document",
                               end=end_of_span if whole else span[0].i + 1)
        if span[0].fold in _DOCUMENTS or (head is not None and head[0] == "report"):
            # بيان الرئاسة، تقرير للأمم المتحدة: the document speaks for its author
            author = self._author(span[1:7], cands)
            if author is not None:
                return Speaker(author, None, None, "document", end=end_of_span if whole else
                               _token_index(span, span[min(2, len(span) - 1)].start) + 1)
        state = _authorities_of(span)
        if state is not None and head is None:
            # السلطات الجزائرية: the authorities of a state speak for it
            return Speaker(state, None, None, "authorities",
                           end=end_of_span if whole else span[1].i + 1)
        organ = self._organ_of(span)
        if organ is not None and head is None:
            return Speaker(organ[0], None, None, "organ",
                           end=end_of_span if whole else organ[1])
        institution = self._institution(span[0])
        if institution is not None and head is None:
            return Speaker(institution, None, None, "institution",
                           end=end_of_span if whole else span[0].i + 1)

        bism = next((k for k in range(lead + 1, min(lead + 3, len(span)))
                     if span[k].fold in {"باسم", "بلسان"}), None)
        if head is not None and not persons and bism is not None and \
                span[lead].fold.removeprefix("ال") in {"متحدث", "ناطق"}:
            # المتحدث (الرسمي) باسم الوزارة: an unnamed spokesperson speaks for it
            author = self._author(span[bism + 1:bism + 2], cands)
            if author is not None:
                return Speaker(author, None, None, "spokesperson", end=end_of_span if whole else
                               _token_index(span, span[min(bism + 1, len(span) - 1)].start) + 1)
        if head is not None:
            group, definite, _ = head
            if not (not definite and group in _ALWAYS_ANONYMOUS) and persons:
                named = Speaker(persons[0].entity, None, group, "named",
                                end=mention_end(persons[0]))
                self.state.by_group[group] = named
                return named
            end = noun_end()
            if definite and not (not definite and group in _ALWAYS_ANONYMOUS):
                previous = self.state.by_group.get(group)
                if previous is not None:
                    return Speaker(previous.entity, previous.description, group, "anaphora",
                                   end=end)
            words = [t for t in span if t.i < end]
            speaker = Speaker(None, description_of(words, self.article) or None, group,
                              "anonymous", end=end)
            self.state.by_group[group] = speaker
            return speaker
        if persons:
            named = Speaker(persons[0].entity, None, None, "named", end=mention_end(persons[0]))
            self._remember_apposition(span, persons[0], named)
            return named
        others = [m for m in near if m.entity.type != "Person"]
        if others and _token_index(span, others[0].start) - first_i < 2:
            return Speaker(others[0].entity, None, None, "named", end=mention_end(others[0]))
        known = self._known_person(span)
        if known is not None:
            return known
        if span[0].fold in PARTY_ANAPHORS:
            parties = self._recent_parties(span[0].start)
            if parties:
                return Speaker(parties[0], None, None, "party", parties[1:],
                               end=end_of_span if whole else span[0].i + 1)
        return None

    def _remember_apposition(self, span: list[Token], person: Mention, named: Speaker) -> None:
        """``العقيد فلان، المتحدث العسكري باسم ...``: a title set after the name in apposition
        lets a later ``وأوضح المتحدث العسكري`` refer back to that person."""
        k = _token_index(span, person.end - 1) + 1 - span[0].i
        if k < len(span) and span[k].text in "،,":
            k += 1
        head = anonymous_head(span, k) if k < len(span) else None
        if head is not None:
            self.state.by_group[head[0]] = Speaker(named.entity, None, head[0], "named")

    def _organ_of(self, span: list[Token]) -> tuple[EntityRef, int] | None:
        """``القيادة العامة للجيش``، ``المكتب الإعلامي لوزارة الدفاع``: an organ of a body
        speaks for it. The body is the mention written with the ل of the genitive, after
        the organ noun and at most two adjectives; returns it and the index past it."""
        if not span or span[0].fold.removeprefix("و").removeprefix("ال") not in _ORGANS:
            return None
        for tok in span[1:4]:
            if tok.fold.startswith("ل"):
                hit = next((m for m in self.mentions if m.start == tok.start
                            and m.entity.type in ("Organization", "ArmedGroup", "State")), None)
                if hit is None:
                    return None
                return hit.entity, _token_index(span, hit.end - 1) + 1
            if tok.is_punct or not tok.fold.startswith("ال"):
                return None
        return None

    def _author(self, words: list[Token], cands: list[Mention]) -> EntityRef | None:
        """The entity right after a document noun: a mention, or an institution anaphor."""
        if not words:
            return None
        near = [m for m in self.mentions if words[0].start <= m.start < words[0].end]
        if near:
            return near[0].entity
        institution = self._institution(words[0])
        if institution is not None:
            return institution
        # تقرير لخبراء الأمم المتحدة، بيان صادر عن وزارة الخارجية، بيان للقيادة العامة
        # للقوات المسلحة: the author after صادر عن/من or after ل-nouns and their adjectives
        for k, w in enumerate(words[:5]):
            if w.is_punct or w.fold in COMPLEMENTIZERS:
                break
            near = [m for m in self.mentions if w.start <= m.start < w.end
                    and m.entity.type in ("Organization", "State", "ArmedGroup", "Person")
                    and (m.start == w.start or w.fold[:1] == "ل")]
            if near and k > 0:
                return near[0].entity
            issued = w.fold in _ISSUED or (w.fold in {"عن", "من"} and k > 0
                                           and words[k - 1].fold in _ISSUED)
            owned = (w.fold.startswith("ل") and not w.fold.startswith("ال")) or (
                k > 0 and w.fold.startswith("ال"))
            if not (issued or owned):
                break
        return None

    def _institution(self, tok: Token) -> EntityRef | None:
        """``الوزارة``، ``للوزارة``: the last organisation named with that head noun."""
        f = tok.fold
        for pre in ("لل", "بال", "وال", "ال"):
            if f.startswith(pre):
                f = f[len(pre):]
                break
        else:
            return None
        if f not in _INSTITUTIONS:
            return None
        for m in reversed([m for m in self.all_actors if m.end <= tok.start]):
            if m.entity.type not in ("Organization", "ArmedGroup"):
                continue
            first = (_words(m.entity.label_ar) or [""])[0]
            if first.removeprefix("ال") == f:
                return m.entity
        return None

    def _known_person(self, span: list[Token]) -> Speaker | None:
        """``وأوضح راضي أن``: a family name alone, of a person named earlier in full."""
        for tok in span[:2]:
            if len(tok.fold) < 3 or tok.fold in PREPOSITIONS:
                return None
            for m in reversed([m for m in self.all_actors if m.end <= span[0].start]):
                if m.entity.type != "Person":
                    continue
                names = _words(m.entity.label_ar) + _words(m.surface)
                full = len(_words(m.entity.label_ar)) > 1
                if full and tok.fold in names[-1:] + _words(m.surface)[-1:]:
                    end = span[-1].i + 1 if len(span) <= 3 else tok.i + 1
                    return Speaker(m.entity, None, None, "surname", end=end)
        return None

    def _recent_parties(self, before: int) -> list[EntityRef]:
        out: list[EntityRef] = []
        for m in reversed([m for m in self.all_actors if m.end <= before]):
            if m.entity.type in ("State", "Organization") and m.entity not in out:
                out.append(m.entity)
            if len(out) == 2:
                break
        return out[::-1]

    def _remember_subject(self, speaker: Speaker) -> None:
        if speaker.found:
            self.state.last_subject = speaker

    def _continuation(self, item: _Item) -> Speaker | None:
        """``وأضاف``، ``مشيرا``: the speaker of the claim before, in this sentence or the last."""
        opened = self._open_claim()
        spoke = next((it for it in reversed(self.items) if it.nested_in is None and (
            it.accepted or (it.subject is not None and it.subject.found))), None)
        if spoke is not None and spoke is not opened and spoke.subject is not None:
            return _as(spoke.subject, "continuation")  # رفضت X ... واتهمت ...: X
        if opened is not None:
            if item.trig.entry.kind == "hal":
                item.inner = opened.inner
            return _as(opened.speaker, "continuation")
        if item.trig.entry.kind == "hal":
            # أدان المجلس الهجوم، مؤكدا ...: the participle's subject is the clause's
            return self._sentence_subject()
        if self._at_sentence_start(item.trig.first):
            last = self.state.last_speaker
            return _as(last, "continuation") if last is not None else None
        subject = self._sentence_subject()
        if subject is not None:
            return subject
        last = self.state.last_speaker
        return _as(last, "continuation") if last is not None else None

    def _sentence_subject(self) -> Speaker | None:
        """``وتعارض القاهرة ... وتدعو إلى``: the subject of the sentence's first verb."""
        toks = self.tokens
        if len(toks) < 2:
            return None
        k = 0
        if toks[0].fold in PREPOSITIONS or toks[0].fold in _DISCOURSE:
            # وفي طرابلس، أدان المجلس ...: skip the opening phrase up to its comma
            comma = next((j for j, t in enumerate(toks[:8]) if t.text in "،,"), None)
            if comma is None:
                return None
            k = comma + 1
        if k + 1 >= len(toks):
            return None
        starting = [m for m in self.mentions if toks[k].start <= m.start <= toks[k].start + 1]
        if starting:  # السيسي يستقبل ... ويؤكد
            return Speaker(starting[0].entity, None, None, "continuation")
        first = toks[k].fold
        if len(first) < 3 or first in PREPOSITIONS:
            return None
        found = self._resolve(toks[k + 1:k + 7], "np")
        return _as(found, "continuation") if found is not None else None

    # -- content ends

    def _set_ends(self) -> None:
        toks = self.tokens
        for k, item in enumerate(self.items):
            if not item.accepted or item.nested_in is not None or item.content_start is None:
                continue
            end = item.content_end if item.content_end is not None else self.sent.end
            if item.mode not in ("before",):
                for later in self.items[k + 1:]:
                    start = toks[later.clause_start].start
                    if later.cut and later.nested_in is None and start > item.content_start:
                        end = min(end, start)
                        break
            item.content_end = end


# --------------------------------------------------------------------------- helpers


def _authorities_of(span: list[Token]) -> EntityRef | None:
    """``السلطات الجزائرية``، ``والسلطات المصرية``: the state whose nationality adjective
    (gazetteer ``states.tsv``) follows the word for authorities."""
    if len(span) < 2 or span[0].fold.removeprefix("و").removeprefix("ال") not in _AUTHORITIES:
        return None
    from kg.gazetteer.loader import load_gazetteer  # the gazetteer is read once, lazily

    gaz = load_gazetteer()
    ident = gaz.adjectives.get(normalize(span[1].text))
    entry = gaz.entries.get(ident) if ident else None
    return entry.ref() if entry is not None and entry.type == "State" else None


def _absorb_qaailan(triggers: list[Trigger]) -> list[Trigger]:
    """``وأضاف قائلا:``، ``وختم الوزير حديثه قائلا إن``: after a reporting verb, قائلا only
    introduces that verb's content; after another verb it is a reporting verb itself."""
    out: list[Trigger] = []
    for t in triggers:
        if (t.entry.kind == "hal" and t.entry.lemma == "قال" and out
                and out[-1].entry.kind == "verb" and t.first - out[-1].last <= 6):
            continue
        out.append(t)
    return out


def _find_marker(tokens: list[Token], start: int, stop: int, comps: tuple[str, ...],
                 quote_opens: dict[int, int]) -> tuple[str, int] | None:
    """The first content marker after ``start``: إن/أن, a quotation, a colon or the verb's
    preposition written as a word (إلى، على، عن، من), or as a clitic (بـ، لـ) on the
    first word.

    A quotation of one word (``لـ"إيلاف"``، a name or a term), or one right after a word
    for a newspaper or a channel (``صحيفة "الشرق الأوسط"``), is not a content marker.
    """
    preps = {fold(c[5:].split("+")[0]) for c in comps if c.startswith("prep:")}
    for j in range(start, min(stop, start + _MAX_SPAN)):
        t = tokens[j]
        if t.text in ".!?؟;؛":
            return None
        if t.fold in COMPLEMENTIZERS and "clause" in comps:
            return "clause", j
        if t.start in quote_opens and "quote" in comps:
            close = quote_opens[t.start]
            words = sum(1 for x in tokens[j + 1:] if x.start < close and not x.is_punct)
            after_clitic = j > 0 and tokens[j - 1].fold in {"ل", "ب"}
            after_media = j > 0 and tokens[j - 1].fold.removeprefix("ال") in _MEDIA
            if words >= 2 and not after_clitic and not after_media:
                return "quote", j
        if t.text == ":" and "colon" in comps:
            return "colon", j
        if t.fold in preps and len(t.fold) > 1:
            return "prep", j
        if j == start and t.fold in preps:
            return "prep", j
        if j == start and any(len(p) == 1 and t.fold.startswith(p) and not t.fold.startswith("ال")
                              for p in preps):
            return "prep", j
    return None


def _words(text: str | None) -> list[str]:
    return normalize_with_map(text)[0].split() if text else []


def _no_np(comps: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in comps if not c.startswith("np"))


def _until_punct(span: list[Token]) -> list[Token]:
    out = []
    for t in span:
        if t.is_punct:
            break
        out.append(t)
    return out


def _adverbial(span: list[Token]) -> bool:
    if not span:
        return True
    first = span[0].fold
    return first in PREPOSITIONS or (first.startswith("ل") and not first.startswith("ال")) \
        or first in REPORT_MASDAR


def _strip_lam(tok: Token) -> Token:
    """``للخبير`` -> ``الخبير``، ``لمصادر`` -> ``مصادر`` (the ل of وفقا لـ)."""
    f = tok.fold
    if f.startswith("لل"):
        f = "ا" + f[1:]
    elif f.startswith("ل") and len(f) > 2:
        f = f[1:]
    return Token(tok.i, tok.start, tok.end, tok.text, f)


def _token_index(span: list[Token], offset: int) -> int:
    for t in span:
        if t.start <= offset < t.end:
            return t.i
    return span[-1].i + 1


def _as(speaker: Speaker, how: str) -> Speaker:
    return Speaker(speaker.entity, speaker.description, speaker.group, how, list(speaker.extra))


def _trim(article: Article, start: int, end: int) -> tuple[int, int]:
    text = article.original
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # drop a dangling conjunction or clause word left before the next attribution
    changed = True
    while changed and end > start:
        changed = False
        words = text[start:end].rsplit(None, 1)
        if len(words) == 2 and fold(words[1]) in CLAUSE_WORDS | {"و", "ف", "ثم", "كما", "غير"}:
            end = start + len(words[0])
            while end > start and text[end - 1] in _TRIM:
                end -= 1
            changed = True
    return _balance_quotes(text, start, end)


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep a quotation whole: ``زي الرز" مشيرا`` takes back its opening mark."""
    inner = text[start:end]
    straight = inner.count('"') % 2 == 1
    curly = inner.count("“") + inner.count("”") + inner.count("«") + inner.count("»")
    if not straight and curly % 2 == 0:
        return start, end
    if start > 0 and text[start - 1] in QUOTE_CHARS:
        return start - 1, end
    if end < len(text) and text[end] in QUOTE_CHARS:
        return start, end + 1
    return start, end


def _to_claim(article: Article, sent: Sentence, tokens: list[Token], item: _Item,
              mentions: list[Mention], meetings: list[Meeting],
              actions: list[MilitaryAction]) -> Claim | None:
    assert item.content_start is not None and item.content_end is not None
    start, end = _trim(article, item.content_start, item.content_end)
    if len(article.original[start:end].split()) < 2:
        return None
    if item.mode == "before":
        # X، بحسب ما أعلن المتحدث: the clause and its attribution are read together, the
        # way an annotator quotes such a claim (the content alone names no source)
        end = max(end, _trim(article, start, _attribution_end(tokens, item))[1])
    text = article.original[start:end]
    ev_start = min(start, tokens[item.clause_start].start if item.mode != "before"
                   else start)
    postposed = item.mode == "quote" and end <= tokens[item.trig.first].start
    if item.mode == "before" or postposed:
        ev_end = _trim(article, tokens[item.trig.first].start, _attribution_end(tokens, item))[1]
        ev_start, ev_end = min(start, ev_start), max(end, ev_end)
    else:
        ev_end = end
    ev_start, ev_end = _trim(article, ev_start, ev_end)
    evidence = Evidence(article.id, sent.index, ev_start, ev_end, article.original[ev_start:ev_end])
    speaker = item.speaker
    about = _about(mentions, start, end)
    rule = f"claim/{item.trig.entry.kind}:{item.trig.entry.lemma}/{item.mode}/{speaker.how}"
    confidence = _CONFIDENCE.get(item.trig.entry.kind, 0.7)
    if speaker.how in ("continuation", "pronoun", "anaphora", "party", "described"):
        confidence -= 0.1
    return Claim(
        stance=item.trig.entry.stance,
        text=text,
        evidence=evidence,
        rule=rule,
        claimant=speaker.entity,
        anonymous_description=None if speaker.entity is not None else speaker.description,
        inner_source=item.inner.entity if item.inner is not None else None,
        about=about,
        about_events=_about_events(actions, evidence, about),
        about_meetings=_about_meetings(meetings, evidence, text, about),
        confidence=round(confidence, 2),
    )


def _attribution_end(tokens: list[Token], item: _Item) -> int:
    last = item.trig.last
    for t in tokens[item.trig.last + 1:]:
        if t.is_punct:
            break
        last = t.i
    return tokens[last].end


def _about(mentions: list[Mention], start: int, end: int) -> list[EntityRef]:
    """Entities named inside the claim text, once each, in order."""
    out: list[EntityRef] = []
    keys: set[str] = set()
    for m in sorted(mentions, key=lambda m: m.start):
        if start <= m.start and m.end <= end and m.entity.key not in keys:
            keys.add(m.entity.key)
            out.append(m.entity)
    return out


def _keys(refs: list[EntityRef]) -> set[str]:
    return {r.key for r in refs}


def _overlaps(ev: Evidence, claim: Evidence) -> bool:
    return ev.sentence == claim.sentence and ev.start < claim.end and claim.start < ev.end


def _about_events(actions: list[MilitaryAction], claim: Evidence,
                  about: list[EntityRef]) -> list[int]:
    """Actions whose evidence overlaps the claim's, or whose agent and target (the place,
    for an action without a target) the claim names."""
    named = _keys(about)
    out = []
    for i, a in enumerate(actions):
        same = any(_overlaps(ev, claim) for ev in a.evidence)
        others = _keys(a.targets) or _keys(a.places)
        names = bool(_keys(a.agents) & named) and bool(others & named)
        if same or names:
            out.append(i)
    return out


def _about_meetings(meetings: list[Meeting], claim: Evidence, text: str,
                    about: list[EntityRef]) -> list[int]:
    """Meetings whose evidence overlaps the claim's, or two of whose participants the claim
    names along with a word for a meeting (لقاء، اجتماع، مباحثات ...)."""
    named = _keys(about)
    words = {fold(w) for w in text.split()}
    out = []
    for i, mt in enumerate(meetings):
        same = any(_overlaps(ev, claim) for ev in mt.evidence)
        names = len(_keys(mt.participants) & named) >= 2 and bool(words & _MEETING_WORDS)
        if same or names:
            out.append(i)
    return out


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One statement printed twice (a headline and its body, a page printed twice) is one
    claim: same stance and speaker, and most words of the shorter text in the longer. The
    longer text is kept, at the place of the first."""
    out: list[Claim] = []
    for c in claims:
        words = set(_words(c.text))
        twin = next((k for k, o in enumerate(out) if o.stance == c.stance
                     and (o.claimant.key if o.claimant else o.anonymous_description)
                     == (c.claimant.key if c.claimant else c.anonymous_description)
                     and _mostly_in(words, set(_words(o.text)))), None)
        if twin is None:
            out.append(c)
        elif len(c.text) > len(out[twin].text):
            out[twin] = c
    return out


def _mostly_in(a: set[str], b: set[str]) -> bool:
    short, long_ = sorted((a, b), key=len)
    return bool(short) and len(short & long_) >= 0.7 * len(short)
