"""The gazetteer in memory: entries, dated offices and the title lexicon.

Offices make titles resolvable: ``وزير الدفاع المصري`` means Sedki Sobhy in 2015 and
Mohamed Zaki in 2019, so a title is only turned into a person when the article's date
(or, without a date, the whole plausible period) leaves exactly one holder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.records import EntityRef, EntityType, PartialDate
from kg.text.arabic import normalize

__all__ = ["Entry", "Office", "Gazetteer", "PLAUSIBLE_START", "date_range"]

# Marsad covers 2011 onwards (the span for offices): an article whose date is
# unknown may be from any day of that period.
PLAUSIBLE_START = dt.date(2011, 1, 1)


@dataclass(frozen=True)
class Entry:
    """One actor or place of the gazetteer (a row of ``states.tsv`` ... ``places.tsv``)."""

    id: str
    type: EntityType
    name_ar: str
    aliases_ar: tuple[str, ...] = ()
    name_en: str | None = None
    qid: str | None = None
    qid_evidence: str | None = None
    country: str | None = None
    lat: float | None = None
    long: float | None = None
    adjectives_ar: tuple[str, ...] = ()
    capital: str | None = None
    source: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The Arabic name and every alias, fullest first."""
        return (self.name_ar, *self.aliases_ar)

    def ref(self, role: str | None = None, affiliation: str | None = None) -> EntityRef:
        """The entry as the pipeline's ``EntityRef`` (key = gazetteer id)."""
        return EntityRef(key=self.id, type=self.type, label_ar=self.name_ar,
                         label_en=self.name_en, qid=self.qid, lat=self.lat, long=self.long,
                         country=self.country, role=role, affiliation=affiliation)


@dataclass(frozen=True)
class Office:
    """A person's tenure of an office for a state (or an organisation): a row of offices.tsv."""

    person: str
    office: str
    state: str
    start: dt.date | None = None
    end: dt.date | None = None  # None: still in office
    source: str | None = None

    def overlaps(self, lo: dt.date, hi: dt.date) -> bool:
        return (self.start is None or self.start <= hi) and (self.end is None or self.end >= lo)

    def covers(self, lo: dt.date, hi: dt.date) -> bool:
        return (self.start is None or self.start <= lo) and (self.end is None or self.end >= hi)


def date_range(when: PartialDate | None, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date may stand for (unknown: the plausible period)."""
    today = today or dt.date.today()
    if when is None:
        return PLAUSIBLE_START, today
    if when.month is None:
        return dt.date(when.year, 1, 1), dt.date(when.year, 12, 31)
    if when.day is None:
        nxt = dt.date(when.year + (when.month == 12), when.month % 12 + 1, 1)
        return dt.date(when.year, when.month, 1), nxt - dt.timedelta(days=1)
    day = dt.date(when.year, when.month, when.day)
    return day, day


@dataclass
class Gazetteer:
    """Entries by id, their aliases, nationality adjectives, capitals, offices and titles.

    ``aliases`` maps a normalised name (``kg.text.arabic.normalize``) to the ids it may
    name; more than one id means the alias is ambiguous and the matcher needs context.
    """

    entries: dict[str, Entry] = field(default_factory=dict)
    offices: list[Office] = field(default_factory=list)
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        """Add one entry and index its names, adjectives and capital."""
        self.entries[entry.id] = entry
        for name in entry.names:
            ids = self.aliases.setdefault(normalize(name), [])
            if entry.id not in ids:
                ids.append(entry.id)
        for adj in entry.adjectives_ar:
            self.adjectives.setdefault(normalize(adj), entry.id)
        if entry.capital:
            self.capitals[entry.capital] = entry.id

    def lookup(self, name: str) -> list[Entry]:
        """The entries an Arabic name may refer to, spelling variants folded."""
        return [self.entries[i] for i in self.aliases.get(normalize(name), [])]

    def holders(self, office: str, states: Iterable[str], when: PartialDate | None,
                today: dt.date | None = None) -> tuple[set[str], set[str]]:
        """People who held ``office`` for one of ``states`` at ``when``.

        Returns ``(throughout, sometime)``: those who held it over the whole range the
        date may stand for, and those who held it on some day of it.
        """
        lo, hi = date_range(when, today)
        wanted = set(states)
        rows = [o for o in self.offices if o.office == office and o.state in wanted]
        throughout = {o.person for o in rows if o.covers(lo, hi)}
        sometime = {o.person for o in rows if o.overlaps(lo, hi)}
        return throughout, sometime

    def resolve_title(self, office: str, states: Iterable[str], when: PartialDate | None,
                      mentioned: Iterable[str] = (), today: dt.date | None = None) -> str | None:
        """The one person a title means at ``when``, or None when it is not certain.

        With a known date, the holder on that day (or the only holder in that month or
        year). Without a date, only someone who held the office over the whole plausible
        period. Either way, when several held it, a holder the article names elsewhere
        (``mentioned``) settles it.
        """
        throughout, sometime = self.holders(office, states, when, today)
        if len(throughout) == 1:
            return next(iter(throughout))
        if when is not None and len(sometime) == 1:
            return next(iter(sometime))
        named = sometime & set(mentioned)
        if len(named) == 1:
            return next(iter(named))
        return None

    def ref(self, entry_id: str, role: str | None = None,
            affiliation: str | None = None) -> EntityRef:
        return self.entries[entry_id].ref(role=role, affiliation=affiliation)
