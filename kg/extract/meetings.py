"""Meetings: who met whom, where and when, with the sentence that says so.

A meeting is found from a trigger of ``lexicons/meeting_triggers.tsv`` (التقى، استقبل،
اجتمع، بحث مع، لقاء، اجتماع، مباحثات، زيارة ...). Its parties come from the trigger's
clause, following Arabic word order:

- after a verb, a person right after it is its subject and a second person its object
  (VSO: ``استقبل السيسي حفتر``); otherwise the subject stands before the verb in the
  clause (SVO: ``قالت الرئاسة إن السيسي التقى ... حفتر``) or, for a later verb of the same
  sentence, is the nearest person named before it;
- after a noun, the parties follow it (``لقاء السيسي وحفتر``, ``اجتماع ضم مسؤولين من
  تونس والجزائر``);
- a visit's object is its destination: the host state (``يزور مصر وفد``) or a place
  (``زيارة إلى القاهرة``), which gives the meeting place.

People are the participants; states and organisations only when no person is named (an
organisation also brings its state, so "officials of the Libyan government" is Libya).
A capital listed among states stands for its state (``من تونس والجزائر والقاهرة``).
``بحضور X`` and ``X حضروا اللقاء`` give attendees; ``لبحث``/``حول``/``تناول`` open the
topics. The place is a place named after في/ب/إلى/مدينة/مقر in the clause, the date the
nearest date expression of the clause, resolved by ``kg.text.dates``.

Each distinct meeting is returned once per article: a later mention with the same parties
(or a subset of them and their states, or the other way round: a visit told first and the
meeting held during it), or a definite anaphor with none (اللقاء، خلال الاجتماع، هذه
الزيارة), adds its evidence, place and date to the earlier one; the place named first
yields to a more precise one, or to any other when it is only the dateline city. A
``زيارة مماثلة`` ("a similar visit") is a new meeting of the same parties. A meeting needs
two parties; an organisation and its own state count as one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.modality import (
    ACTOR_TYPES,
    SentenceContext,
    Trigger,
    contexts,
    entity_index,
    load_lexicon,
    state_key,
    state_of,
)
from kg.records import Article, EntityRef, Evidence, Meeting, Mention, PartialDate
from kg.text.arabic import normalize

__all__ = ["extract_meetings"]

_PLACE_MARKERS = {"في", "الي", "مدينه", "بمدينه", "مقر", "بمقر", "داخل", "بلده", "منتجع"}
# Nouns heading a place name (بمنطقة الرجمة، في مدينة بنغازي): locative when glued to ب or
# after في, like the place-name heads of lexicons/place_heads.tsv (folded).
_PLACE_HEADS = {"مدينه", "منطقه", "بلده", "قريه", "واحه", "محافظه", "ولايه", "مقر", "قاعده",
                "مطار", "ميناء", "حي", "ضاحيه", "العاصمه", "مدينتي"}
_TOPIC_MARKERS = {"لبحث", "لمناقشه", "حول", "بشان", "تناول", "لبحثه", "ناقش", "ناقشوا",
                  "ناقشا", "لتناول", "لاستعراض"}
_SIMILAR = {"مماثله", "مماثل", "مشابهه", "مشابه", "اخري", "ثانيه"}
_PARTY_OPENERS = {"بين", "مع", "ضم", "الذي", "التي", "جمع"}
_DEMONSTRATIVES = {"هذه", "هذا", "ذلك", "تلك", "وهذه", "وهذا"}
_WINDOW = 24  # tokens after the trigger that can still hold its parties


@dataclass
class _Candidate:
    """A meeting as read from one mention, before the mentions of one article are merged."""

    participants: list[EntityRef]
    evidence: Evidence
    rule: str
    place: EntityRef | None = None
    date: PartialDate | None = None
    attendees: list[EntityRef] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    anaphoric: bool = False
    similar: bool = False
    subject: list[EntityRef] = field(default_factory=list)


def extract_meetings(article: Article, mentions: list[Mention]) -> list[Meeting]:
    """Meetings of one article, each distinct meeting once, with its evidence sentences."""
    index = entity_index(mentions)
    meetings: list[tuple[Meeting, bool]] = []  # (meeting, came from a "similar visit")
    for ctx in contexts(article, mentions):
        for cand in _sentence_candidates(ctx, index, meetings):
            _add(meetings, cand, index, article.meta.dateline_city)
    return [m for m, _ in meetings if len(_parties(m.participants)) >= 2]


def _parties(entities: list[EntityRef]) -> set[str]:
    """Distinct parties: an organisation and its own state are one party, so "the Libyan
    delegation" and "the Libyan army" alone are no meeting; nor is a person with his own
    state (a minister meeting "Egyptian officials")."""
    people_states = {state_key(e) for e in entities if e.type == "Person"}
    return {e.key if e.type == "Person" else (state_key(e) or e.key) for e in entities
            if e.type == "Person" or (state_key(e) or e.key) not in people_states}


# --------------------------------------------------------------------------- one sentence


def _groups(ctx: SentenceContext, triggers: list[Trigger]) -> list[list[Trigger]]:
    """Triggers that tell one meeting: a noun after a verb in its clause (استقبل ... في لقاء)."""
    groups: list[list[Trigger]] = []
    for t in triggers:
        if groups and t.entry.kind == "noun":
            head = groups[-1][0]
            if ctx.clause(head.first) == ctx.clause(t.first) and t.first - head.last <= _WINDOW:
                groups[-1].append(t)
                continue
        groups.append([t])
    return groups


def _sentence_candidates(ctx: SentenceContext, index: dict[str, EntityRef],
                         earlier: list[tuple[Meeting, bool]]) -> list[_Candidate]:
    found = ctx.find(load_lexicon("meeting_triggers"))
    attendee_cues = [t for t in found if t.entry.kind == "attendee"]
    triggers = [t for t in found if t.entry.kind != "attendee"]
    attendee_tokens = _attendee_tokens(ctx, attendee_cues)
    out: list[_Candidate] = []
    groups = _groups(ctx, triggers)
    for gi, group in enumerate(groups):
        stop = groups[gi + 1][0].first if gi + 1 < len(groups) else len(ctx.tokens)
        prev_subject = out[-1].subject if out else []
        cand = _read_group(ctx, group, stop, attendee_tokens, index, prev_subject, earlier)
        if cand is not None:
            out.append(cand)
    for cue in attendee_cues:
        _attach_attendees(ctx, cue, out, earlier)
    return out


def _attendee_tokens(ctx: SentenceContext, cues: list[Trigger]) -> dict[int, Trigger]:
    """Tokens of mentions that are attendees: after بحضور, or before حضروا اللقاء."""
    taken: dict[int, Trigger] = {}
    for cue in cues:
        c_start, c_end = ctx.clause(cue.first)
        if cue.entry.fields["pattern"].startswith("بحضور"):
            span = ctx.mentions_in(cue.last + 1, min(c_end, cue.last + _WINDOW), {"Person"})
        else:
            span = ctx.mentions_in(c_start, cue.first, {"Person"})
        for tok, _ in span:
            taken[tok] = cue
    return taken


def _attach_attendees(ctx: SentenceContext, cue: Trigger, out: list[_Candidate],
                      earlier: list[tuple[Meeting, bool]]) -> None:
    """Attendees go to the meeting told just before them (in this sentence or earlier)."""
    c_start, c_end = ctx.clause(cue.first)
    if cue.entry.fields["pattern"].startswith("بحضور"):
        people = ctx.mentions_in(cue.last + 1, min(c_end, cue.last + _WINDOW), {"Person"})
    else:
        people = ctx.mentions_in(c_start, cue.first, {"Person"})
    if out:
        target: list[EntityRef] = out[-1].attendees
    elif earlier:
        meeting = earlier[-1][0]
        target = meeting.attendees
        if ctx.evidence() not in meeting.evidence:
            meeting.evidence.append(ctx.evidence())
    else:
        return
    for _, m in people:
        if m.entity.key not in {a.key for a in target}:
            target.append(m.entity)


def _read_group(ctx: SentenceContext, group: list[Trigger], stop: int,
                attendees: dict[int, Trigger], index: dict[str, EntityRef],
                prev_subject: list[EntityRef], earlier: list[tuple[Meeting, bool]]
                ) -> _Candidate | None:
    head, tail = group[0], group[-1]
    c_start, c_end = ctx.clause(head.first)
    end = min(stop, c_end, tail.last + _WINDOW)
    topic_at = next((i for i in range(head.last + 1, end) if ctx.tokens[i].text in _TOPIC_MARKERS),
                    None)
    p_end = topic_at if topic_at is not None else end
    forward = [(t, m) for t, m in _actors(ctx, head.last + 1, p_end, index) if t not in attendees]
    backward = [(t, m) for t, m in _actors(ctx, c_start, head.first, index) if t not in attendees]
    kind = head.entry.kind
    is_verb = kind == "verb" or (kind == "visit" and not _is_noun_visit(ctx, head))
    rule = f"meeting.{kind}"

    subject: list[EntityRef] = []
    objects: list[EntityRef] = []
    f_people = [m.entity for _, m in forward if m.entity.type == "Person"]
    if is_verb:
        named = [m for _, m in forward if m.rule != "event.nationality_adjective"]
        if named and named[0].entity.type == "Person" and len(f_people) >= 2:
            subject, objects = [f_people[0]], f_people[1:]
            rule += ".vso"
        else:
            subject = _subject_before(ctx, backward, head.first, index) or list(prev_subject)
            objects = f_people or [m.entity for _, m in forward]
            if len(f_people) == 1 and not subject:
                # التقى صالح والسفير الإيطالي: one named person, the other party by its state
                objects = [m.entity for _, m in forward]
            rule += ".svo" if subject else ".object"
    elif _definite(ctx, head) and not _names_parties(ctx, tail, forward):
        forward = []  # خلال الاجتماع، اللقاء تناول: the meeting told before
        rule += ".anaphor"
    else:
        objects = f_people or [m.entity for _, m in forward]
        b_people = [m.entity for _, m in backward if m.entity.type == "Person"]
        if not f_people and b_people:
            subject = b_people  # عقد شكري ونظيره لعمامرة جلسة مباحثات
        elif len(objects) < 2:
            # شارك وزراء خارجية مصر وتونس والجزائر في اجتماع ...
            subject = b_people[-1:] or [m.entity for _, m in backward]
        rule += ".noun"

    similar = any(ctx.tokens[i].text in _SIMILAR
                  for i in range(tail.last + 1, min(tail.last + 3, len(ctx.tokens))))
    # a long description of the guest (وفدا برئاسة رئيس أركان ... فلان) can push the place
    # past the window for parties; the place marker (في، بمنطقة) still ties it to the meeting
    place_end = topic_at if topic_at is not None else min(stop, c_end, tail.last + 2 * _WINDOW)
    place = _place(ctx, head, tail, c_start, place_end, kind, index)
    if place is not None:  # في مقر وزارة الدفاع: where they met, not who met
        objects = [o for o in objects if o.key != place.key]
    host = _host(place, objects, subject, kind, index)
    participants = _choose(subject + objects + host, index)
    if similar and earlier:
        base = next((m for m, sim in earlier if not sim), earlier[-1][0])
        participants = list(base.participants)
        rule += ".similar"
    anaphoric = not participants and _definite(ctx, head)
    if not participants and not anaphoric:
        return None

    date = _date(ctx, head.first, c_start, end)
    topics = []
    if topic_at is not None:
        topics.append(ctx.evidence(topic_at, end - 1).text)
    return _Candidate(
        participants=participants, evidence=ctx.evidence(), rule=rule, place=place,
        date=date, topics=topics, anaphoric=anaphoric, similar=similar and bool(earlier),
        subject=subject or prev_subject,
    )


def _names_parties(ctx: SentenceContext, tail: Trigger, forward: list[tuple[int, Mention]]
                   ) -> bool:
    """A definite meeting noun that names its parties: اللقاء بين X و Y، الاجتماع الذي ضم،
    لقاء X (annexed), rather than pointing back to a meeting already told."""
    if any(ctx.tokens[i].text in _PARTY_OPENERS or (
            ctx.tokens[i].text[:1] == "و" and ctx.tokens[i].text[1:] in _PARTY_OPENERS)
           for i in range(tail.last + 1, min(len(ctx.tokens), tail.last + 5))):
        return True
    return bool(forward) and forward[0][0] <= tail.last + 2 and forward[0][1].entity.type != "Place"


def _is_noun_visit(ctx: SentenceContext, t: Trigger) -> bool:
    return ctx.tokens[t.first].text.lstrip("وف").lstrip("بل").startswith(("زيار", "الزيار",
                                                                          "لزيار"))


def _definite(ctx: SentenceContext, t: Trigger) -> bool:
    """اللقاء، الاجتماع، هذه الزيارة، اجتماع القاهرة: a meeting already told."""
    word = ctx.tokens[t.first].text
    bare = word[1:] if word[:1] in "وف" else word
    if bare.startswith(("ال", "بال", "لل", "خلال")):
        return True
    if ctx.word_before(t.first) in _DEMONSTRATIVES:
        return True
    nxt = t.last + 1
    annexed = [m for _, m in ctx.mentions_in(nxt, nxt + 1, {"Place"})]
    return bool(annexed) and not ctx.prefix_of(annexed[0])  # اجتماع القاهرة, not بالقاهرة


def _actors(ctx: SentenceContext, start: int, end: int, index: dict[str, EntityRef]
            ) -> list[tuple[int, Mention]]:
    """Actor mentions in ``[start, end)``, with a capital joined to states read as its state."""
    out: list[tuple[int, Mention]] = []
    places = ctx.mentions_in(start, end, {"Place"})
    actors = ctx.mentions_in(start, end, ACTOR_TYPES)
    for tok, m in sorted(actors + places, key=lambda x: x[0]):
        if m.entity.type == "Place":
            state = state_of(m.entity, index)
            prev = out[-1][1] if out else None
            if (state is not None and prev is not None and prev.entity.type == "State"
                    and ctx.prefix_of(m).startswith("و") and tok - ctx.mention_end(prev) <= 1):
                out.append((tok, Mention(state, m.surface, m.start, m.end, m.sentence,
                                         "meeting.capital_as_state", m.confidence)))
            continue
        out.append((tok, m))
    return out


def _subject_before(ctx: SentenceContext, backward: list[tuple[int, Mention]], first: int,
                    index: dict[str, EntityRef]) -> list[EntityRef]:
    """The subject of a verb: the actors before it in its clause, else the nearest person
    named earlier in the sentence (``... السراج ... حيث بدأ جولة زار فيها ...``)."""
    people = [m.entity for _, m in backward if m.entity.type == "Person"]
    if people:
        return people[-1:]
    if backward:
        return [m.entity for _, m in backward]
    earlier = [m.entity for _, m in ctx.mentions_in(0, first, {"Person"})]
    return earlier[-1:]


def _host(place: EntityRef | None, objects: list[EntityRef], visitors: list[EntityRef],
          kind: str, index: dict[str, EntityRef]) -> list[EntityRef]:
    """The host of a visit: the state visited, or the state of the place visited."""
    if kind != "visit" or any(o.type == "State" for o in objects) or place is None:
        return []
    objects = objects + visitors
    state = place if place.type == "State" else state_of(place, index)
    if state is None or any(state_key(o) == state.key for o in objects):
        return []  # a visitor in his own country meets no one by visiting
    return [state]


def _choose(entities: list[EntityRef], index: dict[str, EntityRef]) -> list[EntityRef]:
    """People when two are named; else every party, each organisation with its state."""
    seen: dict[str, EntityRef] = {}
    for e in entities:
        seen.setdefault(e.key, e)
    people = [e for e in seen.values() if e.type == "Person"]
    if len(people) >= 2:
        return people
    out = list(seen.values())
    for e in list(out):
        state = state_of(e, index) if e.type == "Organization" else None
        if state is not None and state.key not in {x.key for x in out}:
            out.append(state)
    return out


def _place(ctx: SentenceContext, head: Trigger, tail: Trigger, c_start: int, end: int,
           kind: str, index: dict[str, EntityRef]) -> EntityRef | None:
    """A place named after a locative word or clitic, forward first, then in the clause."""
    spans = [(tail.last + 1, end), (c_start, head.first)]
    for start, stop in spans:
        for tok, m in ctx.mentions_in(start, stop, {"Place", "Organization", "State"}):
            before = ctx.word_before(tok)
            glued = ctx.prefix_of(m)
            locative = before in _PLACE_MARKERS or glued.endswith("ب") or before.endswith("في") \
                or _headed_locative(ctx, tok)
            visited = kind == "visit" and tok == tail.last + 1  # زار القاهرة
            if m.entity.type == "Place" and (locative or visited):
                return m.entity
            if m.entity.type == "Organization" and before in {"مقر", "بمقر"}:
                return m.entity
            if m.entity.type == "State" and kind == "visit" and before == "الي":
                return m.entity
    return None


def _headed_locative(ctx: SentenceContext, tok: int) -> bool:
    """``بمنطقة الرجمة``، ``في ولاية الجفرة``: a place-name head noun that is itself locative."""
    head = ctx.word_before(tok)
    bare = head.removeprefix("و")
    if bare.startswith("ب") and bare[1:] in _PLACE_HEADS:
        return True
    return head in _PLACE_HEADS and ctx.word_before(tok, 2) in {"في", "وفي"}


def _date(ctx: SentenceContext, first: int, c_start: int, end: int) -> PartialDate | None:
    """The date expression of the clause nearest to the trigger."""
    dates = [(abs(tok - first), d) for tok, d in ctx.dates() if c_start <= tok < end]
    return min(dates, key=lambda x: x[0])[1] if dates else None


# --------------------------------------------------------------------------- one article


def _same_meeting(m: Meeting, cand: _Candidate, index: dict[str, EntityRef]) -> bool:
    """A later mention repeats ``m`` when its people are among m's people (or, naming no
    person, its parties are among m's parties and their states) and its other parties are
    the states of m's parties."""
    if cand.date and m.date and not cand.date.compatible(m.date):
        return False
    own = {p.key for p in m.participants} | {a.key for a in m.attendees}
    countries = {state_key(index[k]) for k in own if k in index} - {None}
    people = {p.key for p in cand.participants if p.type == "Person"}
    others = {p.key for p in cand.participants if p.type != "Person"}
    unknown = any(state_key(p) is None for p in m.participants if p.type == "Person")
    if people and people <= own and (unknown or others <= own | countries):
        return True  # كما استقبل صبحي نظيره الليبي: a party whose state may be Libya
    if not people and others and others <= own | countries:
        return True
    # the other way round: a visit told first (المنفي، مصر), the meeting in it after
    cand_countries = {state_key(p) for p in cand.participants} - {None}
    m_people = {p.key for p in m.participants if p.type == "Person"}
    m_others = {p.key for p in m.participants if p.type != "Person"}
    return bool(m_people) and m_people <= people and m_others <= others | cand_countries


def _add(meetings: list[tuple[Meeting, bool]], cand: _Candidate, index: dict[str, EntityRef],
         dateline: str | None) -> None:
    """Merge ``cand`` into the meeting it repeats, or append it as a new meeting."""
    target: Meeting | None = None
    if cand.anaphoric:
        if not meetings:
            return
        target = meetings[-1][0]
    elif not cand.similar:
        # the latest original meeting first: "وتأتي زيارة حفتر" is the visit told first,
        # not the similar one told after it
        for m, _ in sorted(reversed(meetings), key=lambda x: x[1]):
            if _same_meeting(m, cand, index):
                target = m
                break
    if target is None:
        meeting = Meeting(participants=list(cand.participants), evidence=[cand.evidence],
                          rule=cand.rule, place=cand.place, date=cand.date,
                          attendees=list(cand.attendees), topics=list(cand.topics))
        meetings.append((meeting, cand.similar))
        return
    if cand.evidence not in target.evidence:
        target.evidence.append(cand.evidence)
    for p in cand.participants:
        if p.key not in {x.key for x in target.participants} and p.type == "Person":
            target.participants.append(p)
    if sum(p.type == "Person" for p in target.participants) >= 2:
        target.participants = [p for p in target.participants if p.type == "Person"]
    for a in cand.attendees:
        if a.key not in {x.key for x in target.attendees}:
            target.attendees.append(a)
    target.place = _better_place(target.place, cand.place, dateline)
    target.date = target.date or cand.date
    target.topics.extend(t for t in cand.topics if t not in target.topics)


def _better_place(old: EntityRef | None, new: EntityRef | None, dateline: str | None
                  ) -> EntityRef | None:
    """Keep the first place told, unless the new one is more specific (a place, not a
    state) or the old one is only the dateline city, where the story was filed."""
    if new is None:
        return old
    if old is None:
        return new
    if old.type != "Place" and new.type == "Place":
        return new
    if dateline and new.type == "Place" and normalize(old.label_ar) == normalize(dateline) \
            and normalize(new.label_ar) != normalize(dateline):
        return new
    return old
