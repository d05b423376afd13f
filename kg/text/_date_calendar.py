"""Calendar arithmetic for the date resolver: weekdays, month steps, Hijri conversion.

Kept apart from the pattern rules in ``kg.text.dates`` so that the arithmetic can be read
and tested on its own. Every function returns ``None`` rather than guess when the input
does not pin a date down (an impossible day, a Hijri date outside the range the
Umm al-Qura tables cover, a span wider than one Gregorian year).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from hijridate import Gregorian, Hijri

from kg.records import PartialDate

Calendar = Literal["gregorian", "hijri"]
Direction = Literal["on_or_before", "before", "on_or_after", "after"]

# The Arab working week (Egypt, Libya, the Levant) starts on Saturday; "last week" is the
# Saturday-to-Friday week before the one the article was published in.
WEEK_START = 5  # datetime.weekday(): Monday 0 ... Saturday 5


def to_day(date: PartialDate) -> dt.date | None:
    """The ``datetime.date`` of a day-precision date, else None."""
    if date.month is None or date.day is None:
        return None
    return dt.date(date.year, date.month, date.day)


def from_day(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def weekday_near(anchor: dt.date, weekday: int, direction: Direction) -> dt.date:
    """The day with ``weekday`` nearest ``anchor`` in ``direction``.

    ``on_or_before`` is how news uses a bare weekday (``الخميس``: it reports the past);
    ``before`` is ``الخميس الماضي``; ``after`` is ``الخميس المقبل``.
    """
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if direction == "on_or_before":
        return anchor - dt.timedelta(days=back)
    if direction == "before":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "on_or_after":
        return anchor + dt.timedelta(days=forward)
    return anchor + dt.timedelta(days=forward or 7)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def span_date(first: dt.date, last: dt.date) -> PartialDate | None:
    """The finest PartialDate that contains every day from ``first`` to ``last``.

    A week that falls inside one month is that month; one that straddles two months is
    their year; one that straddles New Year is None (no single value is honest).
    """
    if first == last:
        return from_day(first)
    if first.year != last.year:
        return None
    if first.month != last.month:
        return PartialDate(first.year)
    return PartialDate(first.year, first.month)


def week_span(anchor: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    """The Saturday-to-Friday week ``weeks`` weeks from the one holding ``anchor``."""
    start = anchor - dt.timedelta(days=(anchor.weekday() - WEEK_START) % 7)
    start += dt.timedelta(weeks=weeks)
    return start, start + dt.timedelta(days=6)


# --------------------------------------------------------------------------- Hijri


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """A Hijri (Umm al-Qura) day as a Gregorian day; None outside 1343-1500 AH or invalid."""
    try:
        return Hijri(year, month, day, validate=True).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_month_span(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    """First and last Gregorian day of a Hijri month."""
    first = hijri_to_gregorian(year, month, 1)
    if first is None:
        return None
    try:
        length = Hijri(year, month, 1).month_length()
    except (ValueError, OverflowError):
        return None
    return first, first + dt.timedelta(days=length - 1)


def hijri_year_span(year: int) -> tuple[dt.date, dt.date] | None:
    first = hijri_month_span(year, 1)
    last = hijri_month_span(year, 12)
    if first is None or last is None:
        return None
    return first[0], last[1]


def gregorian_to_hijri(day: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def month_in_calendar(
    published: PartialDate, calendar: Calendar
) -> tuple[int, int] | None:
    """The (year, month) of the publication date in ``calendar`` (None if not known)."""
    if calendar == "gregorian":
        if published.month is None:
            return None
        return published.year, published.month
    day = to_day(published)
    if day is None:
        return None
    h = gregorian_to_hijri(day)
    return None if h is None else (h[0], h[1])
