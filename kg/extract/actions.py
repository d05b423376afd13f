"""Military actions: who struck, trained, armed or helped whom, where, when, and whether it
happened, is alleged, offered or planned.

A trigger of ``lexicons/action_triggers.tsv`` gives the type and CAMEO code (غارات →
airstrike 195, هجوم → armed_attack 190, تدريب → military_training 062 ...). Roles are read
from the trigger's clause (see ``kg.extract.modality.SentenceContext``):

- **agent**, first rule that applies: an agent marker after the trigger (``تقودها X``،
  ``شنتها X``، ``يشتبه أنه من تنفيذ X``) or a claim of responsibility (``أعلنت X
  مسؤوليتها``); for attack nouns the actor annexed to the noun or its nationality
  adjective (``ضربات الناتو``، ``الضربات المصرية``، ``هجمات لداعش``); for cooperation
  nouns a nationality adjective (``دعم عسكري مصري``); the accused of an accusation
  (``اتهم A B بتنفيذ ...``: B, not A; also over a following ``هذه الدول ...``); the
  subject before the trigger (``عرضت مصر تدريب``، ``شن الجيش المصري غارات``: close to a
  noun, anywhere in the clause before a verb), unless it only receives (``الحصول على
  دعم``); for a verb the actor right after it (VSO: ``قصفت الطائرات التركية ...``);
  ``اشتباكات بين A و B``: both; a subject given by a pronoun (``أن بوسعها``، ``إلا أنها``)
  is the nearest earlier actor of the same gender; ``التنظيم`` is the group named before.
  After ``تعرض`` ("was subjected to") the actors before the trigger are targets.
- **target**: actors after ضد / على or a target noun (معاقل، مواقع); for nouns of
  transitive verbs the annexed actor (``اقتحام المقر``، ``إعدام الرهائن``); for a verb its
  object; for cooperation the actor right after the trigger or after ل / إلى
  (``تدريب القوات الليبية``، ``للجيش الليبي``), and for an object pronoun (``تزويده``)
  the last other actor named before; an exchange (``تبادلت مصر وتونس معلومات``) is mutual.
- **place**: places in the clause, and states after في (``في العراق وسوريا``).
- **date**: the nearest resolved date of the clause; **casualties**: a number after a
  killing word (``مقتل ثلاثة``، ``أعدم 21``).
- **status**: ``kg.extract.modality.status_of``; appeals, wishes, fears, topics of talks,
  purposes, obligations and negation drop the candidate: general policies and requests
  are not actions.

A cooperation action (training, arms, logistics, intelligence, borders) needs an agent or
a target; in an enumeration (``دعم عسكري ... يشمل التدريب والعتاد``) it shares the parties
of the action before it. An attack with no actor, place, date or toll is an anaphor of the
last one of its type, or nothing. Each distinct action is returned once per article: a
definite mention (``الهجوم``، ``إعدام الرهائن``) joins the last compatible action of its
type, an indefinite one only an action with the same actors (and, for attacks, the same
target or place); ``هذه الهجمات`` never opens a new action; a joint action keeps all its
agents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.modality import (
    ACTOR_TYPES,
    Cue,
    Modality,
    SentenceContext,
    Trigger,
    contexts,
    cues,
    load_lexicon,
    merge_status,
    state_key,
    status_of,
)
from kg.records import ActionType, Article, EntityRef, Mention, MilitaryAction, PartialDate
from kg.text.arabic import normalize

__all__ = ["extract_actions", "ATTACK_TYPES", "COOPERATION_TYPES", "INTENT_CAMEO"]

ATTACK_TYPES = frozenset({"airstrike", "ground_offensive", "armed_attack", "bombing",
                          "execution"})
COOPERATION_TYPES = frozenset({"military_training", "arms_supply", "logistic_support",
                               "intelligence_sharing", "border_security"})
# CAMEO 03x "express intent to ...": the code of an offered or planned cooperation.
INTENT_CAMEO: dict[str, str] = {
    "military_training": "0312", "logistic_support": "0312", "border_security": "0312",
    "arms_supply": "0332", "intelligence_sharing": "0314",
}

_AGENT_MARKERS = {"شنها", "شنتها", "شنه", "شنته", "نفذها", "نفذتها", "نفذه", "نفذته",
                  "تقودها", "يقودها", "تقوده", "يقوده", "وجهها", "وجهتها", "بقياده", "اطلقها",
                  "يد", "ايدي", "قبل"}
_TARGET_MARKERS = {"ضد", "علي", "استهدف", "استهدفت", "تستهدف", "يستهدف", "معاقل", "مواقع",
                   "اهداف", "لمعاقل", "لمواقع", "مقرات", "تجاه", "بحق"}
_LOCATIVES = {"في", "قرب", "بمدينه", "مدينه", "بلده", "داخل", "شرق", "غرب", "شمال", "جنوب",
              "شرقي", "غربي", "شمالي", "جنوبي", "بمنطقه", "منطقه", "محيط", "ضواحي"}
_PREPOSITIONS = {"من", "الي", "مع", "في", "عن", "ضد", "علي", "بين", "لدي", "عبر", "نحو"}
_SOURCE_MARKERS = {"تنفيذ", "تدبير", "صنع", "فعل"}
_GROUP_ANAPHORS = {"التنظيم", "الجماعه", "الحركه", "التنظيمات", "الجماعات", "الميليشيا"}
_FORCE_NOUNS = {"القوات", "قوات", "الطايرات", "طايرات", "المقاتلات", "مقاتلات", "الجيش",
                "جيش", "وحدات", "الوحدات", "البحريه", "الطيران", "عناصر", "مسلحين", "مسلحون"}
_TARGET_REACH = 9  # tokens after a trigger that can still hold its target
_VERB_TARGET_REACH = 14  # a verb's object may follow its subject and a relative clause
_RECEIVING = {"الحصول", "حصول", "تلقي", "تتلقي", "يتلقي", "تسلم", "استلام", "تسلمت"}
_NOUN_SUBJECT_REACH = 5  # tokens between a noun trigger and the subject before it
_PASSIVE = {"تعرض", "تعرضت", "يتعرض", "تتعرض", "تعرضوا"}
_DEMONSTRATIVES = {"هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين"}
_COMPOUND_BLOCKERS = {"معسكر", "معسكرات", "مركز", "مراكز", "اكاديميه", "ساحه", "طايرات",
                      "طايره"}
_KILL_WORDS = re.compile(r"^(?:و|ف|ب)?(?:ال)?(?:مقتل|قتل|قتلوا|مصرع|ذبح|ذبحه|اعدام|اعدم|"
                         r"اعدمت|سقوط)$")
_NUMBER_WORDS = {
    "واحد": 1, "اثنين": 2, "اثنان": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4,
    "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8,
    "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10,
}


@dataclass
class _Candidate:
    action: MilitaryAction
    modality: Modality
    definite: bool
    anaphor_only: bool = False
    demonstrative: bool = False


def extract_actions(article: Article, mentions: list[Mention]) -> list[MilitaryAction]:
    """Military actions of one article, each distinct action once, with its evidence."""
    merged: list[_Candidate] = []
    for ctx in contexts(article, mentions):
        for cand in _sentence_candidates(ctx):
            _add(merged, cand)
    out = []
    for c in merged:
        if c.anaphor_only:
            continue
        c.action.status = c.modality.status or "occurred"
        if c.action.status in {"offered", "planned"} and c.action.type in INTENT_CAMEO:
            c.action.cameo = INTENT_CAMEO[c.action.type]
        out.append(c.action)
    return out


# --------------------------------------------------------------------------- one sentence


def _sentence_candidates(ctx: SentenceContext) -> list[_Candidate]:
    out: list[_Candidate] = []
    sentence_cues = cues(ctx)
    triggers = [t for t in ctx.find(load_lexicon("action_triggers"))
                if not t.entry.fields.get("context")
                or re.search(t.entry.fields["context"], ctx.norm)]
    for i, t in enumerate(triggers):
        nxt = triggers[i + 1] if i + 1 < len(triggers) else None
        if (nxt is not None and t.entry.kind == "verb" and nxt.entry.fields["type"] ==
                t.entry.fields["type"] and nxt.first - t.last <= 2):
            continue  # استهدفت غارات جوية ...، انفجرت سيارة مفخخة: the noun tells it
        if ctx.word_before(t.first) in _COMPOUND_BLOCKERS:
            continue  # معسكر تدريب: a training camp, not a training
        modality = status_of(ctx, t.first, t.last, verb=t.entry.kind == "verb")
        if modality.status is None:
            continue
        cand = _read(ctx, t, modality, sentence_cues, out)
        if cand is not None:
            out.append(cand)
    return out


def _read(ctx: SentenceContext, t: Trigger, modality: Modality, sentence_cues: list[Cue],
          earlier: list[_Candidate]) -> _Candidate | None:
    kind: ActionType = t.entry.fields["type"]  # type: ignore[assignment]
    c_start, c_end = ctx.clause(t.first)
    agents, targets, accused = _roles(ctx, t, kind, c_start, c_end, sentence_cues)
    if accused and modality.status == "occurred":
        modality = Modality("alleged", cues=("accusation",))
    # an enumeration (دعم عسكري ... يتراوح بين التدريب والعتاد) shares its head's parties
    prev = earlier[-1].action if earlier else None
    if prev is not None and kind in COOPERATION_TYPES and prev.type in COOPERATION_TYPES:
        agents = agents or list(prev.agents)
        targets = targets or list(prev.targets)
    places = _places(ctx, t, c_start, c_end, agents + targets)
    if not places and c_start > 0 and _continues(ctx, c_start):
        # وإن بوسعها تزويده بمواقعهم: a clause that goes on from the one before it
        prev_start, _ = ctx.clause(c_start - 1)
        places = [m.entity for _, m in ctx.mentions_in(prev_start, c_start, {"Place"})]
    date = _date(ctx, t.first, c_start, c_end)
    action = MilitaryAction(
        type=kind, status=modality.status or "occurred", evidence=[ctx.evidence()],
        rule=f"action.{kind}.{t.entry.kind}", agents=_unique(agents), targets=_unique(targets),
        places=_unique(places), date=date, casualties=_casualties(ctx, c_start, c_end),
        cameo=t.entry.fields["cameo"],
    )
    action.targets = [x for x in action.targets if x.key not in {a.key for a in action.agents}
                      ] or action.targets
    has_party = bool(action.agents or action.targets)
    if kind in COOPERATION_TYPES and not has_party:
        return None
    anaphor_only = (kind in ATTACK_TYPES and not has_party and not action.places
                    and action.date is None and action.casualties is None)
    return _Candidate(action, modality, _definite(ctx, t) or anaphor_only,
                      anaphor_only=anaphor_only,
                      demonstrative=_is(ctx.word_before(t.first), _DEMONSTRATIVES))


def _is(word: str, words: set[str]) -> bool:
    """``word`` is one of ``words``, itself or after a proclitic و/ف (وجهها is itself)."""
    return word in words or (word[:1] in "وف" and word[1:] in words)


def _unique(entities: list[EntityRef]) -> list[EntityRef]:
    seen: dict[str, EntityRef] = {}
    for e in entities:
        seen.setdefault(e.key, e)
    return list(seen.values())


def _definite(ctx: SentenceContext, t: Trigger) -> bool:
    """الهجوم، هذه الضربات, or a noun annexed to a definite one (إعدام المصريين)."""
    word = ctx.tokens[t.first].text
    bare = word[1:] if word[:1] in "وف" else word
    if bare.startswith(("ال", "بال", "لل")) or ctx.word_before(t.first) in _DEMONSTRATIVES:
        return True
    nxt = t.last + 1
    return (t.entry.kind == "noun" and nxt < len(ctx.tokens)
            and ctx.tokens[nxt].text.startswith("ال"))


def _actors(ctx: SentenceContext, start: int, end: int) -> list[tuple[int, Mention]]:
    return ctx.mentions_in(start, end, ACTOR_TYPES)


def _clitic(ctx: SentenceContext, m: Mention) -> str:
    """The preposition glued to a mention (ب، ل، لل), inside or just before its surface."""
    glued = ctx.prefix_of(m)
    if glued:
        return glued
    surface = normalize(m.surface)
    label = normalize(m.entity.label_ar)
    if surface.startswith("لل") and not label.startswith("لل"):
        return "لل"
    for p in ("وب", "ول", "ب", "ل", "و"):
        if surface.startswith(p) and not label.startswith(p) and surface[len(p):len(p) + 2] == "ال":
            return p
    return ""


def _prepositional(ctx: SentenceContext, tok: int, m: Mention) -> bool:
    clitic = _clitic(ctx, m).lstrip("و")
    return clitic in {"ب", "ل", "لل"} or ctx.word_before(tok) in _PREPOSITIONS


def _roles(ctx: SentenceContext, t: Trigger, kind: str, c_start: int, c_end: int,
           sentence_cues: list[Cue]) -> tuple[list[EntityRef], list[EntityRef], bool]:
    """Agents, targets, and whether the agents are only accused."""
    agents: list[EntityRef] = []
    targets: list[EntityRef] = []
    t_end = min(c_end, t.last + (_VERB_TARGET_REACH if t.entry.kind == "verb" else _TARGET_REACH))
    after = _actors(ctx, t.last + 1, c_end)
    before = _actors(ctx, c_start, t.first)
    accused = False

    gap = t.entry.fields.get("gap", "")
    inner = [m.entity for _, m in _actors(ctx, t.first + 1, t.last + 1)]
    if gap == "agent":
        agents += inner
    elif gap == "target":
        targets += inner
    agents += _marked_agents(ctx, t)
    # a claim of responsibility in the clause: أعلنت X مسؤوليتها
    for cue in sentence_cues:
        if cue.effect == "confirmed" and c_start <= cue.token < c_end:
            agents += [m.entity for _, m in _actors(ctx, cue.token, cue.last + 1)]

    accusation = next((c for c in sentence_cues if c.effect == "alleged" and "تهم" in c.text
                       and c.token < t.first), None)
    passive = any(_is(ctx.tokens[i].text, _PASSIVE) for i in range(c_start, t.first))

    if kind in ATTACK_TYPES and t.entry.kind != "verb":
        # an actor annexed to the noun, or its adjective: ضربات الناتو، الضربات المصرية،
        # هجمات لداعش (agent); اقتحام المقر، إعدام الرهائن (target, per the lexicon)
        near = [m for tok, m in after if tok <= t.last + 2 and (
            not _prepositional(ctx, tok, m) or _clitic(ctx, m).lstrip("و") == "ل")]
        if near and t.entry.fields.get("genitive") == "target":
            targets.append(near[0].entity)
        elif near and not agents:
            agents.append(near[0].entity)
    if kind in COOPERATION_TYPES and not agents and t.entry.kind != "verb":
        # دعم عسكري مصري: the adjective names the giver
        near = [m for tok, m in after
                if tok == t.last + 1 and m.rule == "event.nationality_adjective"]
        if near:
            agents.append(near[0].entity)

    if accusation is not None and not agents and (
            accusation.token >= c_start or _demonstrative_subject(ctx, c_start, t.first)):
        agents = _accused(ctx, accusation.token, t.first)
        accused = bool(agents)
    elif passive:
        targets += [m.entity for tok, m in before if not _prepositional(ctx, tok, m)]
    if not agents and not passive:
        agents = _subject(ctx, before, t)
        if agents and any(_is(ctx.tokens[i].text, _RECEIVING)
                          for i in range(c_start, t.first)):
            targets, agents = targets + agents, []  # الحصول على دعم: the subject receives
    if not agents and not passive and t.entry.kind == "verb":
        agents = _verb_subject_after(ctx, t, after)
    if not agents:
        agents = _pronoun_subject(ctx, t, c_start)

    # targets after the trigger
    taken = {a.key for a in agents}
    for tok, m in after:
        if tok >= t_end or m.entity.key in taken:
            continue
        word = ctx.word_before(tok)
        clitic = _clitic(ctx, m).lstrip("و")
        object_reach = t.last + (5 if m.rule == "event.nationality_adjective" else 3)
        if word in _TARGET_MARKERS or (kind in COOPERATION_TYPES and (
                clitic in {"ل", "لل"} or word == "الي")) or (
                kind in COOPERATION_TYPES and tok <= object_reach
                and not _prepositional(ctx, tok, m)):
            targets.append(m.entity)
    if kind in ATTACK_TYPES and not targets:
        targets += [m.entity for tok, m in ctx.mentions_in(t.last + 1, t_end, {"Place"})
                    if ctx.word_before(tok) in {"علي", "ضد"}]
        if t.entry.kind == "verb":
            targets += [m.entity for tok, m in after
                        if tok < t_end and m.entity.key not in taken
                        and ctx.word_before(tok) not in {"من", "في"}][:1]
    # an exchange is mutual: تبادلت مصر وتونس معلومات
    if kind == "intelligence_sharing" and t.entry.fields["pattern"].startswith("تبادل"):
        targets += agents
    # an object pronoun on the trigger (تزويده، تدريبهم): the last other actor named before
    if not targets and kind in COOPERATION_TYPES and any(re.search(
            r"(?:ه|ها|هم|هما)$", ctx.tokens[i].text) for i in {t.first, t.last}):
        prior = [m.entity for _, m in _actors(ctx, 0, t.first) if m.entity.key not in taken]
        targets = prior[-1:]
    return agents, targets, accused


def _verb_subject_after(ctx: SentenceContext, t: Trigger, after: list[tuple[int, Mention]]
                        ) -> list[EntityRef]:
    """VSO: the actor right after an action verb (قصفت تركيا ...), or the nationality of
    a force noun there (قصفت الطائرات التركية ...), is its subject."""
    nxt = t.last + 1
    for tok, m in after:
        if tok == nxt and not _prepositional(ctx, tok, m):
            return _list_after(ctx, tok - 1, ctx.soft_end(tok, 6))
        if (tok == nxt + 1 and nxt < len(ctx.tokens)
                and _is(ctx.tokens[nxt].text, _FORCE_NOUNS)):
            return [m.entity]
        break
    return []


def _marked_agents(ctx: SentenceContext, t: Trigger) -> list[EntityRef]:
    """``غارات تقودها X``، ``الضربات التي وجهها X`` (the marker within three words of the
    trigger), ``هجوم ... يشتبه أنه من تنفيذ X`` (من تنفيذ/تدبير further on)."""
    for i in range(t.last + 1, ctx.soft_end(t.last, 14)):
        word = ctx.tokens[i].text
        if _is(word, _AGENT_MARKERS) and i - t.last <= 3:
            return _list_after(ctx, i, ctx.soft_end(i, 8))
        if _is(word, _SOURCE_MARKERS) and ctx.word_before(i) in {"من", "علي"}:
            return _list_after(ctx, i, ctx.soft_end(i, 8))
        if word == "بين" and t.entry.fields["type"] == "armed_attack" and i - t.last <= 3:
            return _between(ctx, i)  # اشتباكات بين قوات X وقوات Y
    return []


def _between(ctx: SentenceContext, i: int) -> list[EntityRef]:
    """The two sides after بين: the first actor, and the first one after a و."""
    found = _actors(ctx, i + 1, ctx.soft_end(i, 10))
    if not found:
        return []
    out = [found[0][1].entity]
    for tok, m in found[1:]:
        if _clitic(ctx, m).startswith("و") or any(
                ctx.tokens[j].text.startswith("و") for j in range(found[0][0] + 1, tok + 1)):
            out.append(m.entity)
            break
    return out


def _list_after(ctx: SentenceContext, i: int, end: int) -> list[EntityRef]:
    """The actor right after token ``i`` and those joined to it by و."""
    out: list[EntityRef] = []
    last = i
    for tok, m in _actors(ctx, i + 1, end):
        joined = _clitic(ctx, m).startswith("و") or ctx.word_before(tok) == "و"
        if out and not (joined and tok - last <= 1):
            break
        if not out and tok - last > 2:
            break
        out.append(m.entity)
        last = ctx.mention_end(m)
    return out


def _subject(ctx: SentenceContext, before: list[tuple[int, Mention]], t: Trigger
             ) -> list[EntityRef]:
    """The subject before the trigger: the nearest actors not behind a preposition and
    those joined to them by و. A noun's subject must stand close to it (عرضت مصر تدريب،
    شن الجيش غارات); a verb's may open its clause."""
    ok = [(tok, m) for tok, m in before if not _prepositional(ctx, tok, m)]
    if t.entry.kind != "verb":
        ok = [(tok, m) for tok, m in ok if t.first - ctx.mention_end(m) <= _NOUN_SUBJECT_REACH]
    if not ok:
        return _group_anaphor(ctx, before[0][0] if before else t.first, t.first)
    group = [ok[-1]]
    for tok, m in reversed(ok[:-1]):
        joined = _clitic(ctx, group[0][1]).startswith("و") or ctx.word_before(group[0][0]) == "و"
        if joined and group[0][0] - ctx.mention_end(m) <= 1:
            group.insert(0, (tok, m))
        else:
            break
    return [m.entity for _, m in group]


def _group_anaphor(ctx: SentenceContext, start: int, first: int) -> list[EntityRef]:
    """التنظيم، الجماعة: the armed group named last before (in this sentence)."""
    if not any(_is(ctx.tokens[i].text, _GROUP_ANAPHORS)
               for i in range(max(0, first - 4), first)):
        return []
    groups = [m.entity for _, m in ctx.mentions_in(0, first, {"ArmedGroup"})]
    return groups[-1:]


def _pronoun_subject(ctx: SentenceContext, t: Trigger, c_start: int) -> list[EntityRef]:
    """A subject given only by a pronoun (أن بوسعها، إلا أنها): the nearest earlier actor
    of the sentence that agrees in gender (ها: a state or organisation, ه: a person)."""
    words = [ctx.tokens[i].text for i in range(c_start, t.first + 1)]
    if c_start > 0:
        words.append(ctx.tokens[c_start - 1].text)
    found = [re.fullmatch(r"[وف]?(?:ان|بوسع|بامكان|لكن|مستعد)(ها|ه|هم)", w) for w in words]
    pronoun = next((f.group(1) for f in found if f is not None), None)
    if pronoun is None:
        return []
    prior = [(tok, m) for tok, m in _actors(ctx, 0, c_start) if not _prepositional(ctx, tok, m)]
    for _, mention in reversed(prior):
        if pronoun == "هم" or (pronoun == "ها") == _feminine(mention.entity):
            return [mention.entity]
    return []


def _feminine(e: EntityRef) -> bool:
    """Grammatical gender of an actor's name, for pronoun agreement: states are feminine
    (مصر أعلنت), people masculine unless named otherwise, organisations by their head noun
    (الحكومة، القوات: feminine; الجيش: masculine)."""
    if e.type == "State":
        return True
    if e.type == "Person":
        return False
    head = normalize(e.label_ar).split(" ")[0] if e.label_ar else ""
    return head.endswith(("ه", "ات"))


def _continues(ctx: SentenceContext, c_start: int) -> bool:
    """A clause opened by و + a complementiser with a pronoun (وإنها، وأن بوسعها) goes on
    from the clause before it, with the same subject and setting."""
    opener = ctx.tokens[c_start - 1].text if c_start > 0 else ""
    first = ctx.tokens[c_start].text if c_start < len(ctx.tokens) else ""
    return opener in {"وان", "وانه", "وانها", "وانهم"} or (
        opener.endswith("ان") and first.startswith(("بوسع", "بامكان")))


def _demonstrative_subject(ctx: SentenceContext, start: int, first: int) -> bool:
    """هذه الدول تعمل على تسليح ...: a subject that points back to those just accused."""
    return any(_is(ctx.tokens[i].text, _DEMONSTRATIVES) for i in range(start, first))


def _accused(ctx: SentenceContext, cue_tok: int, trigger: int) -> list[EntityRef]:
    """``اتهم A B ب...``: B; ``تتهمها A ب...``: whoever the pronoun stands for."""
    cue_word = ctx.tokens[cue_tok].text
    if re.fullmatch(r"[وف]?(?:ا|ي|ت)تهم(?:ه|ها|هم|هما)", cue_word):
        prior = [m for tok, m in _actors(ctx, 0, cue_tok) if not _prepositional(ctx, tok, m)]
        return [prior[-1].entity] if prior else []
    named = [(tok, m) for tok, m in _actors(ctx, cue_tok + 1, trigger)
             if not _prepositional(ctx, tok, m)]
    if not named:
        return []
    # the accuser stands right after the verb (اتهمت الحكومة X), or is a person named after
    # a title (اتهم الوزير فلان دولة X) before a party that is not a person; else all named
    # are accused
    accuser = len(named) >= 2 and (named[0][0] <= cue_tok + 1 or (
        named[0][1].entity.type == "Person" and named[1][1].entity.type != "Person"))
    rest = named[1:] if accuser else named
    return _list_after(ctx, rest[0][0] - 1, trigger) or [m.entity for _, m in rest]


def _places(ctx: SentenceContext, t: Trigger, c_start: int, c_end: int,
            parties: list[EntityRef]) -> list[EntityRef]:
    """Places of the clause, and states after a locative word (في ليبيا، في العراق وسوريا)."""
    taken = {p.key for p in parties}
    out: list[EntityRef] = []
    last_tok = -10
    for tok, m in ctx.mentions_in(c_start, c_end, {"Place", "State"}):
        if m.entity.key in taken and m.entity.type != "Place":
            continue
        word = ctx.word_before(tok)
        glued = _clitic(ctx, m)
        locative = word in _LOCATIVES or glued.endswith("ب") or glued.endswith("في")
        coordinated = glued.startswith("و") and tok - last_tok <= 2
        if m.entity.type == "Place" or locative or (tok > t.last and coordinated):
            out.append(m.entity)
            last_tok = ctx.mention_end(m)
    return out


def _date(ctx: SentenceContext, first: int, c_start: int, c_end: int) -> PartialDate | None:
    dates = [(abs(tok - first), d) for tok, d in ctx.dates() if c_start <= tok < c_end]
    return min(dates, key=lambda x: x[0])[1] if dates else None


def _casualties(ctx: SentenceContext, c_start: int, c_end: int) -> int | None:
    """A number within three words after a killing word: مقتل ثلاثة، أعدم 21 مصريا."""
    for i in range(c_start, c_end):
        if not _KILL_WORDS.match(ctx.tokens[i].text):
            continue
        for j in range(i + 1, min(i + 4, c_end)):
            word = ctx.tokens[j].text
            if word.isdigit():
                return int(word)
            if word in _NUMBER_WORDS:
                return _NUMBER_WORDS[word]
    return None


# --------------------------------------------------------------------------- one article


def _keys(entities: list[EntityRef]) -> set[str]:
    """Entity keys and the states they belong to: the Egyptian army overlaps Egypt."""
    out = set()
    for e in entities:
        out.add(e.key)
        state = state_key(e) if e.type != "Place" else None  # two towns are not one place
        if state:
            out.add(state)
    return out


def _conflict(a: set[str], b: set[str]) -> bool:
    return bool(a) and bool(b) and not a & b


def _places_conflict(a: list[EntityRef], b: list[EntityRef]) -> bool:
    """Two lists of places conflict when no place of one is, holds or lies in one of the
    other (Derna lies in Libya; Derna and Sirte are two places)."""
    def near(x: EntityRef, y: EntityRef) -> bool:
        return x.key == y.key or x.country == y.key or y.country == x.key
    return bool(a) and bool(b) and not any(near(x, y) for x in a for y in b)


def _compatible(old: _Candidate, new: _Candidate) -> bool:
    """Whether ``new`` tells the action ``old`` again.

    Never across types, across offers/plans and deeds, or against the dates, agents or
    targets. A definite mention (الهجوم، هذه الضربات) is then the same action; an
    indefinite one only when it shares the agents and, for attacks, a target or place
    (two attacks by one group on two towns are two attacks).
    """
    a, b = old.action, new.action
    if a.type != b.type:
        return False
    statuses = {old.modality.status, new.modality.status}
    if statuses - {"occurred", "alleged"} and len(statuses) > 1:
        return False
    if a.date and b.date and not a.date.compatible(b.date):
        return False
    if _conflict(_keys(a.agents), _keys(b.agents)) or _conflict(_keys(a.targets), _keys(b.targets)):
        return False
    places_conflict = _places_conflict(a.places, b.places)
    if new.definite:
        return not (places_conflict and a.type in ATTACK_TYPES)
    shared_agents = bool(_keys(a.agents) & _keys(b.agents))
    shared_targets = bool(_keys(a.targets) & _keys(b.targets))
    if a.type in COOPERATION_TYPES:
        return shared_agents or shared_targets
    if places_conflict:
        return False
    shared = shared_targets or bool(_keys(a.places) & _keys(b.places))
    if shared_agents:
        # the same attackers: the same attack if it hit the same target or place, or if
        # one of the two mentions names neither
        return shared or not (a.targets or a.places) or not (b.targets or b.places)
    # no shared attacker: only when every site of one is a site of the other
    sites_a = {e.key for e in a.targets + a.places if e.type != "State"}  # a country is
    sites_b = {e.key for e in b.targets + b.places if e.type != "State"}  # too wide a site
    return bool(sites_a and sites_b) and (sites_a <= sites_b or sites_b <= sites_a) and not (
        a.agents and b.agents)


def _add(merged: list[_Candidate], cand: _Candidate) -> None:
    """Merge ``cand`` into the action it repeats (the latest compatible one), or keep it."""
    target = next((c for c in reversed(merged) if not c.anaphor_only and _compatible(c, cand)),
                  None)
    if target is None:
        if not cand.anaphor_only and not cand.demonstrative:
            merged.append(cand)  # هذه الهجمات points back; it never opens a new action
        return
    a, b = target.action, cand.action
    for ev in b.evidence:
        if ev not in a.evidence:
            a.evidence.append(ev)
    a.agents = _unique(a.agents + b.agents)
    a.targets = _unique(a.targets + b.targets)
    a.places = _unique(a.places + b.places)
    a.date = a.date or b.date
    a.casualties = a.casualties or b.casualties
    if len(b.cameo or "") > len(a.cameo or ""):
        a.cameo = b.cameo  # the finer code: 1832 (car bomb) over 183 (bombing)
    if not cand.anaphor_only:  # a bare "they stormed the town" does not settle the status
        target.modality = merge_status(target.modality, cand.modality)
