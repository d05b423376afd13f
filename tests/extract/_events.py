"""Builders for the event-extraction tests: an Article from sentences written for the
tests, and hand-made mentions, so these tests do not depend on the entity matcher."""

from __future__ import annotations

from typing import Any

from kg.records import (
    Article,
    ArticleMeta,
    EntityRef,
    Mention,
    MilitaryAction,
    PartialDate,
    Sentence,
    Span,
)


def ref(key: str, type_: str, label: str, country: str | None = None) -> EntityRef:
    return EntityRef(key=key, type=type_, label_ar=label, country=country)  # type: ignore[arg-type]


# A small cast of entities for the tests (keys in the gazetteer's style).
EGYPT = ref("state-egypt", "State", "مصر")
LIBYA = ref("state-libya", "State", "ليبيا")
TUNISIA = ref("state-tunisia", "State", "تونس")
ALGERIA = ref("state-algeria", "State", "الجزائر")
MOROCCO = ref("state-morocco", "State", "المغرب")
SUDAN = ref("state-sudan", "State", "السودان")
CHAD = ref("state-chad", "State", "تشاد")
TURKEY = ref("state-turkey", "State", "تركيا")
FRANCE = ref("state-france", "State", "فرنسا")
BRITAIN = ref("state-uk", "State", "بريطانيا")
ITALY = ref("state-italy", "State", "إيطاليا")
USA = ref("state-usa", "State", "الولايات المتحدة")
MALI = ref("state-mali", "State", "مالي")
CAIRO = ref("place-cairo", "Place", "القاهرة", country="state-egypt")
RABAT = ref("place-rabat", "Place", "الرباط", country="state-morocco")
TANGIER = ref("place-tangier", "Place", "طنجة", country="state-morocco")
ORAN = ref("place-oran", "Place", "وهران", country="state-algeria")
TRIPOLI = ref("place-tripoli", "Place", "طرابلس", country="state-libya")
MISRATA = ref("place-misrata", "Place", "مصراتة", country="state-libya")
KIDAL = ref("place-kidal", "Place", "كيدال", country="state-mali")
ALEXANDRIA = ref("place-alexandria", "Place", "الإسكندرية", country="state-egypt")
SISI = ref("person-sisi", "Person", "عبد الفتاح السيسي", country="state-egypt")
CONTE = ref("person-conte", "Person", "جوزيبي كونتي", country="state-italy")
LAMAMRA = ref("new:Person:رمطان لعمامره", "Person", "رمطان لعمامرة")
JERANDI = ref("new:Person:عثمان الجرندي", "Person", "عثمان الجرندي")
SHOUKRY = ref("person-shoukry", "Person", "سامح شكري", country="state-egypt")
SAFADI = ref("new:Person:ايمن الصفدي", "Person", "أيمن الصفدي")
ENVOY = ref("new:Person:محمد علي", "Person", "محمد علي")
AKAR = ref("new:Person:خلوصي اكار", "Person", "خلوصي أكار")
HAMED = ref("new:Person:احمد حامد", "Person", "أحمد حامد")
KAMAL = ref("new:Person:كمال سالم", "Person", "كمال سالم", country="state-egypt")
SOMALI_POLICE = ref("new:Organization:الشرطه الصوماليه", "Organization", "الشرطة الصومالية")
CHAD_ARMY = ref("new:Organization:الجيش التشادي", "Organization", "الجيش التشادي",
                country="state-chad")
LIBYAN_ARMY = ref("new:Organization:الجيش الليبي", "Organization", "الجيش الليبي",
                  country="state-libya")
SUDAN_GOV = ref("new:Organization:الحكومه السودانيه", "Organization", "الحكومة السودانية",
                country="state-sudan")
ISIS = ref("group-islamic-state", "ArmedGroup", "داعش")
JNIM = ref("new:ArmedGroup:نصره الاسلام", "ArmedGroup", "نصرة الإسلام")
SHABAB = ref("group-shabab", "ArmedGroup", "حركة الشباب")


def article(*sentences: str, published: PartialDate | None = None,
            dateline: str | None = None, id: str = "t1") -> Article:
    """An article whose sentences are the given strings, one paragraph."""
    original = " ".join(sentences)
    spans, pos = [], 0
    for i, s in enumerate(sentences):
        spans.append(Sentence(index=i, start=pos, end=pos + len(s), text=s))
        pos += len(s) + 1
    meta = ArticleMeta(published=published, dateline_city=dateline)
    return Article(id=id, source_path=f"{id}.txt", original=original,
                   paragraphs=[Span(0, len(original))], sentences=spans, meta=meta)


def mentions(art: Article, cast: dict[str, EntityRef]) -> list[Mention]:
    """Every occurrence of every surface of ``cast`` (longest surfaces first)."""
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for surface in sorted(cast, key=len, reverse=True):
        start = art.original.find(surface)
        while start != -1:
            end = start + len(surface)
            if not any(a < end and start < b for a, b in taken):
                sent = next(s.index for s in art.sentences if s.start <= start < s.end)
                out.append(Mention(cast[surface], surface, start, end, sent, "test"))
                taken.append((start, end))
            start = art.original.find(surface, end)
    return sorted(out, key=lambda m: m.start)


def actions_of(*sentences: str, cast: dict[str, EntityRef], **kw: Any) -> list[MilitaryAction]:
    """The military actions of an article made of ``sentences``, with ``cast`` as its
    mentions."""
    from kg.extract.actions import extract_actions

    art = article(*sentences, **kw)
    return extract_actions(art, mentions(art, cast))


def keys(entities: list[EntityRef]) -> set[str]:
    return {e.key for e in entities}


def only(actions: list[MilitaryAction], type_: str) -> MilitaryAction:
    """The one action of ``type_``; fails when there are none or several."""
    found = [a for a in actions if a.type == type_]
    assert len(found) == 1, found
    return found[0]
