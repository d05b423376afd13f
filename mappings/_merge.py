"""Records that name the same node are merged before mapping.

Event coreference gives two mentions of one meeting in one article the same key, hence the
same IRI; two claim readings of one span by one claimant with one stance get one claim
IRI. Mapped naively, that node would carry two statuses, dates, rules or confidences and
break the "exactly one" shapes. Merging keeps every participant, place and evidence span,
and picks one value for each single-valued field by a stated rule:

- status: the strongest report wins (occurred > alleged > planned > offered);
- date: the most precise date, when it agrees with the others (else the first record's);
- confidence: the highest; rule, type, text: the first record's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from rdflib import URIRef

from kg.records import Claim, EntityRef, Evidence, Meeting, MilitaryAction, PartialDate

__all__ = ["merge_by_iri", "merge_meetings", "merge_actions", "merge_claims"]

T = TypeVar("T")
_STATUS_STRENGTH = {"occurred": 0, "alleged": 1, "planned": 2, "offered": 3}
_PRECISION = {"day": 0, "month": 1, "year": 2}


def merge_by_iri(items: Sequence[T], iri: Callable[[T], URIRef],
                 merge: Callable[[list[T]], T]) -> tuple[list[tuple[URIRef, T]], list[URIRef]]:
    """Group ``items`` by IRI (first occurrence order) and merge each group.

    Returns ``(iri, merged item)`` pairs and, for each input item, its IRI (so that indices
    into the original list, such as ``Claim.about_events``, still resolve).
    """
    groups: dict[URIRef, list[T]] = {}
    iris = []
    for item in items:
        key = iri(item)
        iris.append(key)
        groups.setdefault(key, []).append(item)
    merged = [(key, group[0] if len(group) == 1 else merge(group))
              for key, group in groups.items()]
    return merged, iris


def _union(lists: Sequence[Sequence[EntityRef]]) -> list[EntityRef]:
    out: list[EntityRef] = []
    for refs in lists:
        out += [r for r in refs if r not in out]
    return out


def _evidence(lists: Sequence[Sequence[Evidence]]) -> list[Evidence]:
    out: list[Evidence] = []
    for evs in lists:
        out += [e for e in evs if e not in out]
    return out


def _date(dates: Sequence[PartialDate | None]) -> PartialDate | None:
    known = [d for d in dates if d is not None]
    if not known:
        return None
    if all(known[0].compatible(d) for d in known):
        return min(known, key=lambda d: _PRECISION[d.precision])
    return known[0]


def merge_meetings(group: list[Meeting]) -> Meeting:
    first = group[0]
    return replace(
        first,
        participants=_union([m.participants for m in group]),
        attendees=_union([m.attendees for m in group]),
        evidence=_evidence([m.evidence for m in group]),
        place=next((m.place for m in group if m.place is not None), None),
        date=_date([m.date for m in group]),
        topics=list(dict.fromkeys(t for m in group for t in m.topics)),
        confidence=max(m.confidence for m in group),
    )


def merge_actions(group: list[MilitaryAction]) -> MilitaryAction:
    first = group[0]
    return replace(
        first,
        status=min((a.status for a in group), key=_STATUS_STRENGTH.__getitem__),
        agents=_union([a.agents for a in group]),
        targets=_union([a.targets for a in group]),
        places=_union([a.places for a in group]),
        evidence=_evidence([a.evidence for a in group]),
        date=_date([a.date for a in group]),
        casualties=next((a.casualties for a in group if a.casualties is not None), None),
        cameo=next((a.cameo for a in group if a.cameo), None),
        confidence=max(a.confidence for a in group),
    )


def merge_claims(group: list[Claim]) -> Claim:
    first = group[0]
    return replace(
        first,
        inner_source=next((c.inner_source for c in group if c.inner_source), None),
        about=_union([c.about for c in group]),
        about_events=sorted({i for c in group for i in c.about_events}),
        about_meetings=sorted({i for c in group for i in c.about_meetings}),
        confidence=max(c.confidence for c in group),
    )
