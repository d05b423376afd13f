"""Literals with the right datatype or language tag, in one place.

Dates keep their precision (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``), scores are
``xsd:decimal`` (exact, and printed without exponent), and text gets the language tag of
the script it is written in, so that an Arabic label is always ``@ar``.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from rdflib import Literal
from rdflib.namespace import XSD

from kg.records import PartialDate

__all__ = ["date_literal", "decimal_literal", "text_literal", "script_language",
           "datetime_literal"]

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")

_DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def date_literal(date: PartialDate) -> Literal:
    """``2015-02-24``^^xsd:date, ``2014-07``^^xsd:gYearMonth or ``2014``^^xsd:gYear."""
    return Literal(date.iso(), datatype=_DATE_TYPES[date.precision])


def decimal_literal(value: float, places: int = 4) -> Literal:
    """An ``xsd:decimal`` rounded to ``places`` (``0.8`` stays ``0.8``, not ``0.80000001``)."""
    return Literal(Decimal(str(round(value, places))), datatype=XSD.decimal)


def script_language(text: str, default: str = "ar") -> str:
    """``ar`` for text with Arabic letters, ``en`` for Latin-only text, else ``default``."""
    if _ARABIC.search(text):
        return "ar"
    if _LATIN.search(text):
        return "en"
    return default


def text_literal(text: str, default: str = "ar") -> Literal:
    """Text tagged with the language of its script (see ``script_language``)."""
    return Literal(text, lang=script_language(text, default))


def datetime_literal(value: str | datetime) -> Literal:
    """An ``xsd:dateTime`` from an ISO string or a datetime (the build's start time)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return Literal(value, datatype=XSD.dateTime)
