"""Event identity: one key per real meeting or military action, however many articles tell it.

``extract_meetings`` and ``extract_actions`` already return each distinct event once per
article. ``link_events`` then links events across articles: two events are the same when
they are of the same kind and type, share their parties (meetings: two participants, or all
of them when fewer; actions: an agent, or a target when neither names an agent, with no
conflicting agents or targets), their places do not conflict, offers and plans are not
mixed with deeds, and their dates agree.

Dates decide a lot, so they are strict: each event is anchored at its own date or, failing
that, its article's publication date (a meeting is reported within days). Two anchors agree
when they are compatible at their shared precision and, when one of them is only a
publication date, lie within a week of each other. An event without any anchor is never
linked to another article: two undated Sisi–Haftar meetings may be years apart.

Two events of one article are never put together by way of a third (linking is greedy and
refuses to join clusters that already hold different events of the same article).

The key hashes the cluster's canonical member (the earliest by article id and offset): its
kind, type, sorted entity keys and date, so it is deterministic from content. If two
clusters would still hash alike, the canonical member's article id and offset are added.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from kg.records import EntityRef, Extraction, Meeting, MilitaryAction, PartialDate

__all__ = ["link_events"]

_WEEK = 7


@dataclass
class _Item:
    article: str
    order: int  # position of the event's first evidence in its article
    event: Meeting | MilitaryAction
    anchor: PartialDate | None
    anchor_is_published: bool


def link_events(extractions: list[Extraction]) -> None:
    """Set ``.key`` on every meeting and action of ``extractions`` (in place)."""
    items = _items(extractions)
    parent = list(range(len(items)))
    members: dict[int, set[tuple[str, int]]] = {i: {(it.article, i)} for i, it in enumerate(items)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(items):
        a, b = items[i], items[j]
        if a.article == b.article or not _same_event(a, b):
            continue
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        arts_i = {art for art, _ in members[ri]}
        arts_j = {art for art, _ in members[rj]}
        if arts_i & arts_j:
            continue  # would join two events of one article
        parent[rj] = ri
        members[ri] |= members.pop(rj)

    clusters: dict[int, list[int]] = {}
    for i in range(len(items)):
        clusters.setdefault(find(i), []).append(i)
    keys: dict[int, str] = {}
    for root, idx in clusters.items():
        canon = min((items[i] for i in idx), key=lambda it: (it.article, it.order))
        keys[root] = _content_key(canon.event)
    seen: dict[str, int] = {}
    for key in keys.values():
        seen[key] = seen.get(key, 0) + 1
    for root, idx in clusters.items():
        key = keys[root]
        if seen[key] > 1:
            canon = min((items[i] for i in idx), key=lambda it: (it.article, it.order))
            key = _hash(key, canon.article, str(canon.order))
        for i in idx:
            items[i].event.key = key


def _blocks(it: _Item) -> set[tuple[str, ...]]:
    """The blocks an event falls in: two events can only be the same event when they share
    one (same kind and type, a shared participant, or agent, or target when neither has an
    agent). Dates narrow the candidates further in ``_candidate_pairs``."""
    if it.anchor is None:
        return set()  # never linked across articles
    ev = it.event
    if isinstance(ev, Meeting):
        return {("meeting", e.key) for e in ev.participants}
    if ev.agents:
        return {("action", ev.type, e.key) for e in ev.agents}
    return {("action", ev.type, "target:" + e.key) for e in ev.targets}


def _near_in_time(items: list[_Item], members: list[int]) -> Iterator[tuple[int, int]]:
    """Pairs of ``members`` whose anchors can agree (``_dates_agree``): days at most a week
    apart; a month with the days and the month itself; a year with everything in it.

    A superset of the pairs ``_dates_agree`` accepts, found without comparing every pair:
    a block of one actor over many years of reporting would otherwise grow with the
    square of the corpus."""
    days: list[tuple[int, int]] = []
    months: dict[tuple[int, int], list[int]] = {}
    years: dict[int, list[int]] = {}
    for i in members:
        a = items[i].anchor
        assert a is not None
        if a.day is not None and a.month is not None:
            days.append((_as_day(a).toordinal(), i))
            months.setdefault((a.year, a.month), []).append(i)
        elif a.month is not None:
            months.setdefault((a.year, a.month), []).append(i)
        years.setdefault(a.year, []).append(i)
    days.sort()
    lo = 0
    for hi, (day, i) in enumerate(days):
        while days[lo][0] < day - _WEEK:
            lo += 1
        for _, j in days[lo:hi]:
            yield i, j
    month_only = [i for i in members if items[i].anchor.precision == "month"]  # type: ignore[union-attr]
    for i in month_only:
        a = items[i].anchor
        assert a is not None and a.month is not None
        for j in months[(a.year, a.month)]:
            yield i, j
    for i in members:
        a = items[i].anchor
        assert a is not None
        if a.month is None:
            for j in years[a.year]:
                yield i, j


def _candidate_pairs(items: list[_Item]) -> list[tuple[int, int]]:
    """Pairs of events that share a block and whose dates can agree, in the order of an
    all-pairs loop, so results do not depend on how the candidates were found."""
    index: dict[tuple[str, ...], list[int]] = {}
    for i, it in enumerate(items):
        for b in _blocks(it):
            index.setdefault(b, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        for i, j in _near_in_time(items, members):
            if i != j:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _items(extractions: list[Extraction]) -> list[_Item]:
    out = []
    for ex in sorted(extractions, key=lambda e: e.article.id):
        published = ex.article.meta.published
        events: list[Meeting | MilitaryAction] = [*ex.meetings, *ex.actions]
        for ev in events:
            order = min((e.start for e in ev.evidence), default=0)
            anchor = ev.date or published
            stand_in = ev.date is None and anchor is not None
            out.append(_Item(ex.article.id, order, ev, anchor, stand_in))
    return out


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def _content_key(ev: Meeting | MilitaryAction) -> str:
    if isinstance(ev, Meeting):
        who = sorted(p.key for p in ev.participants)
        kind, typ = "meeting", "meeting"
    else:
        who = sorted({e.key for e in ev.agents} | {"target:" + e.key for e in ev.targets})
        kind, typ = "action", ev.type
    date = ev.date.iso() if ev.date else ""
    return _hash(kind, typ, *who, date)


def _as_day(d: PartialDate) -> dt.date:
    return dt.date(d.year, d.month or 1, d.day or 1)


def _dates_agree(a: _Item, b: _Item) -> bool:
    """Both anchored, compatible, and within a week when a publication date stands in."""
    if a.anchor is None or b.anchor is None or not a.anchor.compatible(b.anchor):
        if a.anchor is None or b.anchor is None:
            return False
        if not (a.anchor_is_published or b.anchor_is_published):
            return False
    if a.anchor_is_published or b.anchor_is_published:
        if a.anchor.precision == "day" and b.anchor.precision == "day":
            return abs((_as_day(a.anchor) - _as_day(b.anchor)).days) <= _WEEK
        return a.anchor.compatible(b.anchor)
    return True


def _keys(entities: list[EntityRef]) -> set[str]:
    return {e.key for e in entities}


def _places_agree(a: set[str], b: set[str]) -> bool:
    return not a or not b or bool(a & b)


def _same_event(a: _Item, b: _Item) -> bool:
    x, y = a.event, b.event
    if isinstance(x, Meeting) and isinstance(y, Meeting):
        px, py = _keys(x.participants), _keys(y.participants)
        need = min(2, len(px), len(py))
        if need == 0 or len(px & py) < need:
            return False
        places = (
            {x.place.key} if x.place else set(), {y.place.key} if y.place else set())
        return _places_agree(*places) and _dates_agree(a, b)
    if isinstance(x, MilitaryAction) and isinstance(y, MilitaryAction):
        if x.type != y.type:
            return False
        if {x.status, y.status} - {"occurred", "alleged"} and x.status != y.status:
            return False
        ax, ay, tx, ty = _keys(x.agents), _keys(y.agents), _keys(x.targets), _keys(y.targets)
        if (ax and ay and not ax & ay) or (tx and ty and not tx & ty):
            return False
        if not (ax & ay or (not ax and not ay and tx & ty)):
            return False
        return _places_agree(_keys(x.places), _keys(y.places)) and _dates_agree(a, b)
    return False
