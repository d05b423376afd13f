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
  After ``تعرض`` ("was subjected to") the actors before the trigger are targets. A unit
  affiliated to an actor stands for it (``مقاتلات تابعة للقوات الجوية``، ``القيادة العامة
  للجيش``); a bare head noun (``الجيش``، ``السرايا``) is the organisation or group of that
  head named before in the article; forces with a possessive (``سيطرة قواتها``) belong to
  the actor before them; a force noun annexed to the trigger or after من (``توغل قوات
  مصرية``، ``لقصف من طائرات تركية``) acts, whoever reports or denies it; a light verb
  (``قد شنت في مايو الماضي هجوما``) carries its subject to a distant noun; a likelihood
  cue with an adjective (``رجحت أن تكون مصرية``) names the alleged agent; a state after
  a territory noun (``أراضي العراق``) is a place, never the subject.
- **target**: actors after ضد / على or a target noun (معاقل، مواقع); for nouns of
  transitive verbs the annexed actor (``اقتحام المقر``، ``إعدام الرهائن``); for a verb its
  object; for cooperation the actor right after the trigger or after ل / إلى
  (``تدريب القوات الليبية``، ``للجيش الليبي``), and for an object pronoun (``تزويده``)
  the last other actor named before; an exchange (``تبادلت مصر وتونس معلومات``) is mutual.
  A marker reaches past an owner or site noun and quotes (``ضد معاقل تنظيم "داعش"``،
  ``على كمين للجيش``); members name their body (``عناصر من الجيش``); a possessed target
  (``بقصف مواقعها``) and a relative's object pronoun (``داعش الذي تستهدفه غارات``) point
  back to their owner; a place closing the phrase after على is what was hit.
- **place**: places in the clause, states after في or a territory noun (``في العراق
  وسوريا``، ``في العمق الليبي``), the clause before one that goes on (``وأن بوسعها``),
  and for an attack told without one, the next sentence that goes on about it; not the
  seat of an actor who takes no part (``نفت حكومة الوفاق في طرابلس``).
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
target or place); ``هذه الهجمات`` never opens a new action, and over a series (``هذه
الهجمات المتتالية``) joins none; a joint action keeps all its agents, and a force that
took part (``شارك في الضربات``) joins it despite other agents; a denial of involvement
(``نفت أي صلة لها بالهجوم``) leaves alone an attack whose attackers are known.
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
                   "اهداف", "لمعاقل", "لمواقع", "مقرات", "تجاه", "بحق", "تمركزات", "لتمركزات",
                   "معسكرات", "مخازن", "اوكار", "مخابي", "ملاذات", "قبضه", "تجمعات"}
_LOCATIVES = {"في", "قرب", "بمدينه", "مدينه", "بلده", "داخل", "شرق", "غرب", "شمال", "جنوب",
              "شرقي", "غربي", "شمالي", "جنوبي", "بمنطقه", "منطقه", "محيط", "ضواحي"}
_PREPOSITIONS = {"من", "الي", "مع", "في", "عن", "ضد", "علي", "بين", "لدي", "عبر", "نحو"}
_SOURCE_MARKERS = {"تنفيذ", "تدبير", "صنع", "فعل"}
_GROUP_ANAPHORS = {"التنظيم", "الجماعه", "الحركه", "التنظيمات", "الجماعات", "الميليشيا"}
_FORCE_NOUNS = {"القوات", "قوات", "الطايرات", "طايرات", "المقاتلات", "مقاتلات", "الجيش",
                "جيش", "وحدات", "الوحدات", "البحريه", "الطيران", "عناصر", "مسلحين", "مسلحون",
                "طايره", "الطايره", "مقاتله", "المقاتله", "مسيره", "مسيرات", "المسيرات",
                "زوارق", "بوارج", "مدفعيه", "المدفعيه"}
# ``مقاتلات تابعة للقوات الجوية``، ``القيادة العامة للجيش``: an actor after ل that a unit
# belongs to, or whose command or arm is named, is the actor itself, not a complement
_AFFILIATION = {"تابع", "تابعه", "التابع", "التابعه", "التابعين", "التابعون", "العامه",
                "القياده", "قياده", "الجو", "الجوي", "قوات", "طايرات", "مقاتلات", "وحدات",
                "عناصر", "مقاتلو", "مقاتلي", "مسلحو", "مسلحي"}
# a state after these nouns is where, not who: اجتاح أراضي العراق، في العمق الليبي
_TERRITORY = {"اراضي", "الاراضي", "ارض", "الارض", "العمق", "عمق", "اجواء", "الاجواء",
              "سماء", "مياه", "المياه", "داخل", "الداخل"}
# a target noun between a marker and its owner: ضد معاقل تنظيم "داعش"، على مواقع لمسلحي X
_OWNER_HEADS = {"تنظيم", "جماعه", "حركه", "ميليشيا", "ميليشيات", "مليشيات", "عناصر",
                "مسلحي", "مقاتلي", "قوات", "كتيبه", "كتايب", "لواء", "مجلس",
                # a site of the owner: على كمين للجيش، على مقر للشرطة، على دورية لقوات
                "كمين", "نقطه", "حاجز", "دوريه", "مقر", "قاعده", "معسكر", "رتل", "ارتال",
                "موقع", "تمركز", "مركز", "ثكنه"}
# ``عناصر من الجيش الليبي``: members drawn from the actor after من
_MEMBER_NOUNS = {"عناصر", "ضباط", "افراد", "جنود", "مقاتلين", "مجندين", "طلاب", "طلبه",
                 "منتسبي", "قيادات"}
# a possessed target or victim noun (مواقعها، سفيرها): the owner is the target
_OWNED_TARGET = re.compile(r"^[وف]?(?:ب|ل|لل)?(?:مواقع|مقرات|مقر|معسكرات|تمركزات|مخازن|"
                           r"قوات|جنود|عناصر|افراد|سفير|سفاره|رعايا|مواطني|دوريات|قواعد)"
                           r"(?:ها|ه|هم)$")
# a force noun annexed to a trigger (توغل قوات مصرية، غارات طائرات روسية): its actor acts
_FORCE_POSSESSIVE = re.compile(r"[وف]?(?:قوات|طايرات|مقاتلات|وحدات|جنود|عناصر|مقاتلي|"
                               r"طيران|جيش)(ها|ه|هم)")
# the arm a unit belongs to: طائرات تابعة لسلاح الجو الليبي
_ARMS = {"سلاح", "لسلاح", "الجو", "الجوي", "للقوات", "لقوات", "القوات", "الجويه", "البحريه"}
_FORCE_ADJECTIVES = {"بريه", "جويه", "حربيه", "خاصه", "مسيره", "عسكريه", "بحريه", "مقاتله"}
_CONTINUATIONS = {"واوضح", "واوضحت", "واضاف", "واضافت", "وتابع", "وتابعت"}
_JOINING = re.compile(r"^[وف]?(?:شارك|شاركت|شاركوا|يشارك|تشارك|مشارك|مشاركه|اشترك|اشتركت|"
                      r"اشتراك|اشتراكها|اشتراكه|مشاركتها|مشاركته)$")
_INVOLVEMENT = re.compile(r"^[وف]?(?:صله|علاقه|تورط|تورطها|تورطه|ضلوع|ضلوعها|ضلوعه)$")
_TARGET_REACH = 9  # tokens after a trigger that can still hold its target
_VERB_TARGET_REACH = 14  # a verb's object may follow its subject and a relative clause
_RECEIVING = {"الحصول", "حصول", "تلقي", "تتلقي", "يتلقي", "تسلم", "استلام", "تسلمت"}
_REPELLING = re.compile(r"^[وف]?(?:صد|صدت|صدوا|تصد|يصد|تصدت|تصدي|احبط|احبطت|يحبط|تحبط|"
                        r"افشل|افشلت|يفشل|تفشل|احباط|افشال)$")
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
    joins: bool = False  # شارك في الضربات: one more agent of an action told before
    involvement: bool = False  # نفى أي صلة له بالهجوم: denies a part in it, not the deed


def extract_actions(article: Article, mentions: list[Mention]) -> list[MilitaryAction]:
    """Military actions of one article, each distinct action once, with its evidence."""
    merged: list[_Candidate] = []
    ctxs = contexts(article, mentions + _head_anaphors(article, mentions))
    for ctx in ctxs:
        for cand in _sentence_candidates(ctx):
            _add(merged, cand)
    for c in merged:
        if c.action.type in ATTACK_TYPES and not any(p.type == "Place" for p in c.action.places):
            c.action.places = _unique(c.action.places + _follow_up_places(ctxs, c.action))
    out = []
    for c in merged:
        if c.anaphor_only:
            continue
        c.action.status = c.modality.status or "occurred"
        if c.action.status in {"offered", "planned"} and c.action.type in INTENT_CAMEO:
            c.action.cameo = INTENT_CAMEO[c.action.type]
        out.append(c.action)
    return out


# Head nouns that name an armed actor already named in full: الجيش after الجيش الوطني
# الليبي، السرايا after سرايا الدفاع عن بنغازي. القوات is left out: too many forces share it.
_HEAD_NOUNS = {"الجيش", "السرايا", "الكتيبه", "الكتايب", "اللواء", "المجلس", "التنظيم",
               "الجماعه", "الحركه", "الميليشيا", "الميليشيات", "المليشيات", "الحرس", "الجبهه"}


def _head_of(word: str) -> str:
    """The definite bare form of a word: للجيش، والجيش، بالجيش -> الجيش; سرايا -> السرايا."""
    w = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    if w.startswith("لل"):
        return "ال" + w[2:]
    if w.startswith(("بال", "كال")):
        return w[1:]
    return w if w.startswith("ال") else "ال" + w


def _head_anaphors(article: Article, mentions: list[Mention]) -> list[Mention]:
    """Mentions for a bare head noun (``الجيش``، ``السرايا``) that refers back to the last
    organisation or armed group of the article whose name starts with it, so that ``سلاح
    الجو التابع للجيش`` or ``وكانت السرايا قد شنت هجوما`` get their actor. A word after the
    head must belong to that name (``الجيش الوطني``), else it names another (``الجيش
    السوري``)."""
    actors = sorted((m for m in mentions if m.entity.type in {"Organization", "ArmedGroup"}),
                    key=lambda m: m.start)
    covered = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for s in article.sentences:
        words = list(re.finditer(r"\w+", s.text))
        for n, match in enumerate(words):
            a, b = s.start + match.start(), s.start + match.end()
            word = normalize(match.group())
            if (not word.startswith(("ال", "لل", "وال", "فال", "بال", "وبال", "ولل"))
                    or any(x < b and a < y for x, y in covered)):
                continue
            head = _head_of(word)
            if head not in _HEAD_NOUNS:
                continue
            prior = [m for m in actors if m.end <= a
                     and _head_of(normalize(m.entity.label_ar).split(" ")[0]) == head]
            if not prior:
                continue
            name = set(normalize(prior[-1].entity.label_ar).split(" "))
            nxt = normalize(words[n + 1].group()) if n + 1 < len(words) else ""
            if nxt.startswith("ال") and nxt not in name:
                continue
            out.append(Mention(prior[-1].entity, match.group(), a, b, s.index,
                               "event.head_anaphor", 0.5))
    return out


def _follow_up_places(ctxs: list[SentenceContext], action: MilitaryAction) -> list[EntityRef]:
    """Where an attack told without a place happened, from the next sentence when that
    one goes on about it (``... دمرت 12 سيارة. وأوضح أن العناصر رصدت جنوب مدينة السلوم
    وتم التعامل معها بالتنسيق مع القوات الجوية``): it reports no action of its own, names
    one of the action's parties or goes on with the same speaker (وأوضح، وأضاف، وتابع),
    and puts the place after a locative word."""
    last = max(e.sentence for e in action.evidence)
    nxt = next((c for c in ctxs if c.sentence.index == last + 1), None)
    if nxt is None or _triggers(nxt):
        return []
    parties = {e.key for e in action.agents + action.targets}
    goes_on = bool(nxt.tokens) and nxt.tokens[0].text in _CONTINUATIONS
    if not goes_on and not parties & {m.entity.key for m in nxt.mentions}:
        return []
    return [m.entity for tok, m in nxt.mentions_in(0, len(nxt.tokens), {"Place"})
            if nxt.word_before(tok) in _LOCATIVES or _clitic(nxt, m).endswith("ب")]


# --------------------------------------------------------------------------- one sentence


def _sentence_candidates(ctx: SentenceContext) -> list[_Candidate]:
    out: list[_Candidate] = []
    sentence_cues = cues(ctx)
    triggers = _triggers(ctx)
    for i, t in enumerate(triggers):
        nxt = triggers[i + 1] if i + 1 < len(triggers) else None
        if (nxt is not None and t.entry.kind == "verb" and nxt.entry.fields["type"] ==
                t.entry.fields["type"] and nxt.first - t.last <= 2):
            continue  # استهدفت غارات جوية ...، انفجرت سيارة مفخخة: the noun tells it
        if ctx.word_before(t.first) in _COMPOUND_BLOCKERS:
            continue  # معسكر تدريب: a training camp, not a training
        if ctx.tokens[t.first].text in _SITE_WORDS and ctx.word_before(t.first) in {"علي", "ضد"}:
            continue  # هجوم على كمين للجيش: in Egyptian usage a checkpoint, what was hit
        modality = status_of(ctx, t.first, t.last, verb=t.entry.kind == "verb")
        if modality.status is None:
            continue
        cand = _read(ctx, t, modality, sentence_cues, out)
        if cand is not None:
            out.append(cand)
    return out


def _triggers(ctx: SentenceContext) -> list[Trigger]:
    """Action triggers of the sentence whose context, if the lexicon asks for one, is there."""
    return [t for t in ctx.find(load_lexicon("action_triggers"))
            if not t.entry.fields.get("context")
            or re.search(t.entry.fields["context"], ctx.norm)]


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
        # c_start - 1 is the boundary itself (وإن): the clause before ends before it
        prev_start, _ = ctx.clause(max(0, c_start - 2))
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
    if _series(ctx, t):
        return None
    anaphor_only = (kind in ATTACK_TYPES and not has_party and not action.places
                    and action.date is None and action.casualties is None)
    joins = ctx.word_before(t.first) == "في" and any(
        _JOINING.match(ctx.tokens[i].text) for i in range(max(0, t.first - 4), t.first - 1))
    involvement = modality.denied and any(
        _INVOLVEMENT.match(ctx.tokens[i].text) for i in range(c_start, t.first))
    return _Candidate(action, modality, _definite(ctx, t) or anaphor_only,
                      anaphor_only=anaphor_only,
                      demonstrative=_is(ctx.word_before(t.first), _DEMONSTRATIVES),
                      joins=joins, involvement=involvement)


_SITE_WORDS = {"كمين", "كماين"}
_SERIES = {"المتتاليه", "المتكرره", "الاخيره", "المتواصله", "المتزايده", "الاخري"}


def _series(ctx: SentenceContext, t: Trigger) -> bool:
    """``هذه الهجمات المتتالية لداعش``: a demonstrative over a series sums up several
    attacks; it is no new action and lends no party to the last one."""
    nxt = ctx.tokens[t.last + 1].text if t.last + 1 < len(ctx.tokens) else ""
    return _is(ctx.word_before(t.first), _DEMONSTRATIVES) and nxt in _SERIES


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
    """Behind a preposition, so no subject; not so for ل after a unit or command it owns
    (``مقاتلات تابعة للقوات الجوية``، ``القيادة العامة للجيش``: the actor itself)."""
    clitic = _clitic(ctx, m).lstrip("و")
    if clitic in {"ل", "لل"} and ctx.word_before(tok) in _AFFILIATION:
        return False
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
    if (not agents and not passive and kind in ATTACK_TYPES
            and t.entry.fields.get("genitive") != "target"):
        agents = _annexed_force(ctx, t, after)
    if not agents and kind in ATTACK_TYPES:
        agents = _force_after_min(ctx, t, after)
    if not agents and not passive:
        agents = _subject(ctx, before, t)
        if agents and any(_is(ctx.tokens[i].text, _RECEIVING)
                          for i in range(c_start, t.first)):
            targets, agents = targets + agents, []  # الحصول على دعم: the subject receives
    if not agents and not passive and t.entry.kind == "verb":
        agents = _verb_subject_after(ctx, t, after)
    if not agents:
        agents = _pronoun_subject(ctx, t, c_start)
    if not agents and kind in ATTACK_TYPES:
        agents = _suspected(ctx, t, sentence_cues)
    if agents and kind in ATTACK_TYPES and not _marked_agents(ctx, t) and any(
            _REPELLING.match(ctx.tokens[i].text)
            for i in range(max(c_start, t.first - 3), t.first)):
        targets, agents = targets + agents, []  # صدت قواته هجوما: the subject was attacked

    # targets after the trigger
    taken = {a.key for a in agents}
    for tok, m in after:
        if tok >= t_end or m.entity.key in taken:
            continue
        word = ctx.word_before(tok)
        clitic = _clitic(ctx, m).lstrip("و")
        object_reach = t.last + (5 if m.rule == "event.nationality_adjective" else 3)
        if _after_marker(ctx, tok) or (kind in COOPERATION_TYPES and word == "من" and
                                       ctx.word_before(tok, 2) in _MEMBER_NOUNS) or (
                kind in COOPERATION_TYPES and (
                clitic in {"ل", "لل"} or word == "الي")) or (
                kind in COOPERATION_TYPES and tok <= object_reach
                and not _prepositional(ctx, tok, m)):
            targets.append(m.entity)
    if kind in ATTACK_TYPES and not targets:
        targets += _relative_object(ctx, t, taken)
    if kind in ATTACK_TYPES and not targets:
        targets += [m.entity for tok, m in ctx.mentions_in(t.last + 1, t_end, {"Place"})
                    if _object_place(ctx, tok)]
        if t.entry.kind == "verb":
            targets += [m.entity for tok, m in after
                        if tok < t_end and m.entity.key not in taken
                        and ctx.word_before(tok) not in {"من", "في"}][:1]
    if not targets:
        targets = _owner_of_target(ctx, t, t_end, taken)
    # an exchange is mutual: تبادلت مصر وتونس معلومات
    if kind == "intelligence_sharing" and t.entry.fields["pattern"].startswith("تبادل"):
        targets += agents
    # an object pronoun on the trigger (تزويده، تدريبهم): the last other actor named before
    if not targets and kind in COOPERATION_TYPES and any(re.search(
            r"(?:ه|ها|هم|هما)$", ctx.tokens[i].text) for i in {t.first, t.last}):
        prior = [m.entity for _, m in _actors(ctx, 0, t.first) if m.entity.key not in taken]
        targets = prior[-1:]
    return agents, targets, accused


def _object_place(ctx: SentenceContext, tok: int) -> bool:
    """A place that is what was hit: right after على/ضد, or closing the phrase they open
    (``هجوما على إحدى المحطات الرئيسية بحقل الشرارة``), not after في (where, not what)."""
    for i in range(tok - 1, max(-1, tok - 6), -1):
        word = ctx.tokens[i].text
        if word in {"علي", "ضد"}:
            return True
        if word in {"في", "من", "قرب", "الي"} or not word[:1].isalnum():
            return False
    return False


def _suspected(ctx: SentenceContext, t: Trigger, sentence_cues: list[Cue]) -> list[EntityRef]:
    """``طائرات مجهولة قصفت ... ورجحت أن تكون مصرية``، ``طائرات يعتقد أنها إماراتية``: the
    state a likelihood cue names by its adjective, within four words, is the (alleged)
    agent."""
    for cue in sentence_cues:
        if cue.effect != "alleged" or not re.search(r"رجح|عتقد|شتبه|حتمل", cue.text):
            continue
        for _, m in ctx.mentions_in(cue.last + 1, min(len(ctx.tokens), cue.last + 5), {"State"}):
            if m.rule == "event.nationality_adjective":
                return [m.entity]
    return []


def _after_marker(ctx: SentenceContext, tok: int) -> bool:
    """The actor at ``tok`` is what a target marker names: right after it (ضد داعش، مواقع
    لداعش), or after an owner noun or a quote (ضد معاقل تنظيم "داعش"، على مواقع لمسلحي X)."""
    i = tok - 1
    for _ in range(3):
        if i < 0:
            return False
        word = ctx.tokens[i].text
        if word in _TARGET_MARKERS:
            return True
        bare = word[2:] if word.startswith("لل") else word[1:] if word[:1] in "لب" else word
        if not (word in _OWNER_HEADS or bare in _OWNER_HEADS or not word[:1].isalnum()):
            return False
        i -= 1
    return False


_RELATIVES = {"الذي", "التي", "والذي", "والتي", "الذين", "والذين"}
_TARGETING_PRONOUN = re.compile(r"^[وف]?(?:ت|ي)?ستهدف(?:ه|ها|هم)$")


def _relative_object(ctx: SentenceContext, t: Trigger, taken: set[str]) -> list[EntityRef]:
    """``داعش الذي تستهدفه غارات ...``: the object pronoun of a targeting verb right before
    the trigger stands for the actor the relative clause hangs on."""
    for i in range(max(0, t.first - 3), t.first):
        if not _TARGETING_PRONOUN.match(ctx.tokens[i].text):
            continue
        # X الذي خرج من ... والذي تستهدفه: a coordinated relative hangs on the first one's X
        rel = next((r for r in range(i - 1, max(-1, i - 3), -1)
                    if ctx.tokens[r].text in _RELATIVES), i)
        while ctx.tokens[rel].text.startswith("و") and rel > 0:
            rel = next((r for r in range(rel - 1, -1, -1)
                        if ctx.tokens[r].text in {"الذي", "التي"}), rel)
            if ctx.tokens[rel].text.startswith("و"):
                break
        prior = [m.entity for _, m in _actors(ctx, 0, rel) if m.entity.key not in taken]
        return prior[-1:]
    return []


def _owner_of_target(ctx: SentenceContext, t: Trigger, t_end: int, taken: set[str]
                     ) -> list[EntityRef]:
    """``بقصف مواقعها``، ``بقتل سفيرها``: a possessed target noun after the trigger points to
    its owner, the nearest actor named before that is not an agent."""
    for i in range(t.last + 1, min(t_end, t.last + 4)):
        if _OWNED_TARGET.match(ctx.tokens[i].text):
            prior = [m.entity for _, m in _actors(ctx, 0, t.first) if m.entity.key not in taken]
            return prior[-1:]
    return []


def _annexed_force(ctx: SentenceContext, t: Trigger, after: list[tuple[int, Mention]]
                   ) -> list[EntityRef]:
    """A force noun right after the trigger, with its nationality or owner (``توغل قوات
    برية مصرية``، ``غارات طائرات روسية``، ``هجوم عناصر تابعة لداعش``): that actor acts,
    whoever else the clause names (the one who reports or denies it)."""
    nxt = t.last + 1
    if nxt >= len(ctx.tokens) or not _is(ctx.tokens[nxt].text, _FORCE_NOUNS):
        return []
    for tok, m in after:
        if tok <= nxt:
            continue
        between = [ctx.tokens[i].text for i in range(nxt + 1, tok)]
        if len(between) <= 4 and all(w in _FORCE_ADJECTIVES or w in _AFFILIATION
                                     or w in _ARMS for w in between) and (
                not _prepositional(ctx, tok, m) or between):
            return [m.entity]
        break
    return []


def _force_after_min(ctx: SentenceContext, t: Trigger, after: list[tuple[int, Mention]]
                     ) -> list[EntityRef]:
    """``لقصف جوي عنيف من طائرات مصرية``: من + a force noun + its nationality or owner,
    within a few words after the trigger, names who struck (the passive's agent)."""
    for i in range(t.last + 1, min(len(ctx.tokens) - 1, t.last + 4)):
        if ctx.tokens[i].text == "من" and _is(ctx.tokens[i + 1].text, _FORCE_NOUNS):
            for tok, m in after:
                if i + 1 < tok <= i + 4 and not _prepositional(ctx, tok, m):
                    return [m.entity]
    return []


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
    ok = [(tok, m) for tok, m in before if not _prepositional(ctx, tok, m)
          and ctx.word_before(tok) not in _TERRITORY]
    if t.entry.kind != "verb":
        ok = [(tok, m) for tok, m in ok
              if _words_between(ctx, ctx.mention_end(m), t.first) < _NOUN_SUBJECT_REACH
              or _support_verb(ctx, ctx.mention_end(m), t.first)]
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


_SUPPORT_VERBS = re.compile(r"^[وف]?(?:قد )?(?:شن|شنت|شنوا|تشن|يشن|نفذ|نفذت|نفذوا|تنفذ|ينفذ|"
                            r"وجه|وجهت|قام|قامت|قاموا|اطلق|اطلقت|بدا|بدات|شرع|شرعت)$")


def _support_verb(ctx: SentenceContext, a: int, b: int) -> bool:
    """A light verb between a subject and its noun trigger (``وكانت السرايا قد شنت في مايو
    الماضي هجوما``): the subject of شن/نفذ/قام ب is the agent however far the noun."""
    return any(_SUPPORT_VERBS.match(ctx.tokens[i].text) for i in range(a + 1, b))


def _words_between(ctx: SentenceContext, a: int, b: int) -> int:
    """Words strictly between tokens ``a`` and ``b``; commas and quotes do not count
    (``شنت مقاتلات مصرية، مساء الجمعة، غارات``)."""
    return sum(1 for i in range(a + 1, b) if ctx.tokens[i].text[:1].isalnum())


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
    spots = list(range(c_start, t.first + 1))
    if c_start > 0:
        spots.append(c_start - 1)
    for i in spots:
        found = re.fullmatch(r"[وف]?(?:ان|بوسع|بامكان|لكن|مستعد)(ها|ه|هم)", ctx.tokens[i].text)
        if found is not None:
            pronoun, upto, forces = found.group(1), c_start, False
            break
        found = _FORCE_POSSESSIVE.fullmatch(ctx.tokens[i].text)
        if found is not None:  # سيطرة قواتها ... بعد هجوم: the forces' owner attacked
            pronoun, upto, forces = found.group(1), i, True
            break
    else:
        return []
    prior = [(tok, m) for tok, m in _actors(ctx, 0, upto) if not _prepositional(ctx, tok, m)]
    for _, mention in reversed(prior):
        if pronoun == "هم" or (pronoun == "ها") == _feminine(mention.entity):
            return [mention.entity]
    # قواتها after القيادة العامة للجيش: the pronoun agrees with the command, not the army
    return [prior[-1][1].entity] if forces and prior else []


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
        named[0][1].entity.type == "Person" and named[1][1].entity.type != "Person") or (
        # اتهمت الحكومة الليبية مصر: the accuser named by its adjective after its noun
        named[0][0] == cue_tok + 2 and named[0][1].rule == "event.nationality_adjective"))
    rest = named[1:] if accuser else named
    return _list_after(ctx, rest[0][0] - 1, trigger) or [m.entity for _, m in rest]


def _places(ctx: SentenceContext, t: Trigger, c_start: int, c_end: int,
            parties: list[EntityRef]) -> list[EntityRef]:
    """Places of the clause, and states after a locative word (في ليبيا، في العراق وسوريا)."""
    taken = {p.key for p in parties}
    # حكومة الوفاق في طرابلس: where an actor who takes no part sits, not where it happened
    seats = {ctx.mention_end(m) + 2 for _, m in _actors(ctx, c_start, t.first)
             if m.entity.key not in taken}
    out: list[EntityRef] = []
    last_tok = -10
    for tok, m in ctx.mentions_in(c_start, c_end, {"Place", "State"}):
        if tok in seats and ctx.word_before(tok) == "في" and tok < t.first:
            continue
        word = ctx.word_before(tok)
        glued = _clitic(ctx, m)
        locative = (word in _LOCATIVES or word in _TERRITORY or glued.endswith("ب")
                    or glued.endswith("في"))
        if m.entity.key in taken and m.entity.type != "Place" and word not in _LOCATIVES:
            continue  # a party; but في شرق تشاد is where, whoever else Chad is
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

    # a place the gazetteer does not know (حي الفتائح) may lie inside any other
    a = [x for x in a if not x.key.startswith("new:")]
    b = [y for y in b if not y.key.startswith("new:")]
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
    if (_conflict(_keys(a.agents), _keys(b.agents)) and not (new.joins and new.definite)
            or _conflict(_keys(a.targets), _keys(b.targets))):
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
    if cand.involvement and a.agents:
        # نفت الحكومة أي صلة لها بالهجوم: the attackers are known; the deed stands
        a.places = _unique(a.places + [p for p in b.places if p.type == "Place"
                                       and not a.places])
        return
    a.agents = _unique(a.agents + b.agents)
    a.targets = _unique(a.targets + b.targets)
    a.places = _unique(a.places + b.places)
    a.date = a.date or b.date
    a.casualties = a.casualties or b.casualties
    if len(b.cameo or "") > len(a.cameo or ""):
        a.cameo = b.cameo  # the finer code: 1832 (car bomb) over 183 (bombing)
    if not cand.anaphor_only:  # a bare "they stormed the town" does not settle the status
        target.modality = merge_status(target.modality, cand.modality)
