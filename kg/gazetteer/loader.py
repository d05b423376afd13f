"""Reading the gazetteer's TSV files (format: notes/GAZETTEER_FORMAT.md).

Files start with ``#`` comment lines (where the entries came from), then a header row;
columns are found by name, an empty cell is unknown and ``|`` separates several values.
A malformed row raises ``ConfigError`` naming the file and line, because a silently
skipped entry would make the matcher miss an actor without anyone noticing.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from kg.errors import ConfigError
from kg.gazetteer.model import Entry, Gazetteer, Office
from kg.records import ENTITY_TYPES, EntityType

__all__ = ["DATA_DIR", "ENTITY_FILES", "load_gazetteer", "read_gazetteer", "read_tsv"]

DATA_DIR = Path(__file__).resolve().parent / "data"
ENTITY_FILES = ("states.tsv", "people.tsv", "organizations.tsv", "armed_groups.tsv",
                "places.tsv")
_QID = re.compile(r"^Q[1-9]\d*$")


def read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a commented TSV file as ``(line number, {column: stripped value})``."""
    with path.open(encoding="utf-8", newline="") as fh:
        header: list[str] | None = None
        for lineno, line in enumerate(fh, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = next(csv.reader([line.rstrip("\r\n")], delimiter="\t",
                                    quoting=csv.QUOTE_NONE))
            if header is None:
                header = [c.strip().lower() for c in cells]
                continue
            yield lineno, {h: (cells[i].strip() if i < len(cells) else "")
                           for i, h in enumerate(header)}


def _many(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _float(cell: str, where: str) -> float | None:
    if not cell:
        return None
    try:
        return float(cell)
    except ValueError:
        raise ConfigError(f"{where}: {cell!r} is not a decimal number of degrees") from None


def _date(cell: str, where: str) -> dt.date | None:
    if not cell:
        return None
    try:
        if len(cell) == 4:
            return dt.date(int(cell), 1, 1)
        if len(cell) == 7:
            return dt.date(int(cell[:4]), int(cell[5:7]), 1)
        return dt.date.fromisoformat(cell)
    except ValueError:
        raise ConfigError(f"{where}: {cell!r} is not an ISO date (YYYY-MM-DD)") from None


def _entry(row: dict[str, str], where: str) -> Entry:
    kind = row.get("type", "")
    if kind not in ENTITY_TYPES:
        raise ConfigError(f"{where}: type {kind!r} is not one of {', '.join(ENTITY_TYPES)}")
    if not row.get("id") or not row.get("name_ar"):
        raise ConfigError(f"{where}: every entry needs an id and a name_ar")
    qid = row.get("qid") or None
    if qid and not _QID.match(qid):
        raise ConfigError(f"{where}: {qid!r} is not a Wikidata QID such as Q79")
    etype: EntityType = kind
    return Entry(
        id=row["id"], type=etype, name_ar=row["name_ar"],
        aliases_ar=_many(row.get("aliases_ar", "")), name_en=row.get("name_en") or None,
        qid=qid, qid_evidence=row.get("qid_evidence") or None,
        country=row.get("country") or None, lat=_float(row.get("lat", ""), where),
        long=_float(row.get("long", ""), where),
        adjectives_ar=_many(row.get("adjectives_ar", "")),
        capital=row.get("capital") or None, source=row.get("source") or None,
    )


def read_gazetteer(data_dir: Path) -> Gazetteer:
    """Read every gazetteer file of ``data_dir`` (missing files are simply empty)."""
    gaz = Gazetteer()
    for name in ENTITY_FILES:
        path = data_dir / name
        if path.exists():
            for lineno, row in read_tsv(path):
                where = f"{path}:{lineno}"
                entry = _entry(row, where)
                if entry.id in gaz.entries:
                    raise ConfigError(f"{where}: id {entry.id!r} is used twice")
                gaz.add(entry)
    titles = data_dir / "titles.tsv"
    if titles.exists():
        for _, row in read_tsv(titles):
            if row.get("office"):
                known = gaz.titles.get(row["office"], ())
                gaz.titles[row["office"]] = known + _many(row.get("titles_ar", ""))
    offices = data_dir / "offices.tsv"
    if offices.exists():
        for lineno, row in read_tsv(offices):
            where = f"{offices}:{lineno}"
            if not row.get("person_id") or not row.get("office"):
                raise ConfigError(f"{where}: an office needs a person_id and an office")
            gaz.offices.append(Office(
                person=row["person_id"], office=row["office"], state=row.get("state", ""),
                start=_date(row.get("start", ""), where), end=_date(row.get("end", ""), where),
                source=row.get("source") or None))
    return gaz


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The project's gazetteer (``kg/gazetteer/data``), read once per process."""
    return read_gazetteer(DATA_DIR)
