"""The gazetteer data files (kg/gazetteer/data/*.tsv) keep their format and their facts.

These tests read the TSV files directly (not through the loader) so that a broken file is
reported by name and line even when the loader changes. They pin the format of
notes/GAZETTEER_FORMAT.md, the rule that every Wikidata QID carries its evidence and
names one entry only, the links between files (offices -> people, states; states ->
capitals), and that every entity of the gold annotations can be found by its name.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from kg.text.arabic import normalize

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "kg" / "gazetteer" / "data"
GOLD = ROOT.parent / "shared" / "eval" / "gold"

ENTITY_COLUMNS = ["id", "type", "name_ar", "aliases_ar", "name_en", "qid", "qid_evidence",
                  "country", "lat", "long", "adjectives_ar", "capital", "source"]
ENTITY_FILES = {
    "states.tsv": ("State", "state-"),
    "people.tsv": ("Person", "person-"),
    "organizations.tsv": ("Organization", "org-"),
    "armed_groups.tsv": ("ArmedGroup", "group-"),
    "places.tsv": ("Place", "place-"),
}
OFFICE_COLUMNS = ["person_id", "office", "state", "start", "end", "source"]
TITLE_COLUMNS = ["office", "titles_ar", "source"]

QID = re.compile(r"^Q[1-9]\d*$")
# Evidence is the gold file that pairs the QID with the entity, or a public file or page.
EVIDENCE = re.compile(r"^(gold:\d{3}_[0-9a-f]{16}|[\w.-]+/[\w.-]+:\S+|https?://\S+)$")

# Gold labels that name no single entity and so stay out of the gazetteer on purpose:
# generic institutions whose referent depends on the country or date in the sentence,
# and a plain count noun. The gold marks all of them optional.
GENERIC_GOLD_LABELS = {
    "الحكومة الليبية",  # which Libyan government depends on the date and the side
    "الحرس الوطني",  # Tunisian, Saudi, Libyan ... by context
    "الجمارك",  # customs of any country
    "مسيحيا",  # "(21) Christians": a count noun, not a name
}


def read(name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and rows (with line numbers) of a commented TSV file of the gazetteer."""
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, start=1):
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            assert len(cells) == len(header), f"{name}:{lineno} has {len(cells)} cells, not {len(header)}"
            rows.append((lineno, dict(zip(header, cells, strict=True))))
    assert header is not None, f"{name} has no header row"
    return header, rows


def entries() -> list[tuple[str, int, dict[str, str]]]:
    return [(name, lineno, row) for name in ENTITY_FILES for lineno, row in read(name)[1]]


def names(row: dict[str, str]) -> list[str]:
    return [row["name_ar"], *(a for a in row["aliases_ar"].split("|") if a)]


def parse_date(cell: str) -> dt.date:
    """ISO date, or YYYY-MM / YYYY when only the month or year is known (read as its first day)."""
    if re.fullmatch(r"\d{4}", cell):
        return dt.date(int(cell), 1, 1)
    if re.fullmatch(r"\d{4}-\d{2}", cell):
        return dt.date(int(cell[:4]), int(cell[5:]), 1)
    return dt.date.fromisoformat(cell)


def gold_entities() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(GOLD.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        out += [(path.stem, ent) for ent in doc.get("actors", []) + doc.get("places", [])]
    return out


@pytest.mark.parametrize("name", list(ENTITY_FILES))
def test_entity_files_have_the_documented_columns_and_a_source_comment(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} must start with a comment saying where entries came from"
    header, rows = read(name)
    assert header == ENTITY_COLUMNS
    assert rows, f"{name} is empty"


@pytest.mark.parametrize("name", list(ENTITY_FILES))
def test_each_entry_has_its_files_type_id_prefix_name_and_source(name: str) -> None:
    kind, prefix = ENTITY_FILES[name]
    for lineno, row in read(name)[1]:
        where = f"{name}:{lineno}"
        assert row["type"] == kind, where
        assert re.fullmatch(re.escape(prefix) + r"[a-z0-9]+(-[a-z0-9]+)*", row["id"]), where
        assert re.search("[\u0621-\u064a]", row["name_ar"]), f"{where}: name_ar is not Arabic"
        assert row["name_en"], f"{where}: no English name"
        assert row["source"], f"{where}: no source"
        assert all(a.strip() == a and a for a in row["aliases_ar"].split("|") if row["aliases_ar"]), where


def test_ids_are_unique_across_files() -> None:
    seen: dict[str, str] = {}
    for name, lineno, row in entries():
        assert row["id"] not in seen, f"{name}:{lineno}: {row['id']} also at {seen.get(row['id'])}"
        seen[row["id"]] = f"{name}:{lineno}"


def test_qids_are_well_formed_evidenced_and_name_one_entry() -> None:
    owner: dict[str, str] = {}
    for name, lineno, row in entries():
        where = f"{name}:{lineno} ({row['id']})"
        if not row["qid"]:
            assert not row["qid_evidence"], f"{where}: evidence without a QID"
            continue
        assert QID.match(row["qid"]), f"{where}: {row['qid']!r} is not a QID"
        assert EVIDENCE.match(row["qid_evidence"]), f"{where}: evidence {row['qid_evidence']!r}"
        assert row["qid"] not in owner, f"{where}: {row['qid']} already used by {owner[row['qid']]}"
        owner[row["qid"]] = row["id"]


@pytest.mark.skipif(not GOLD.is_dir(), reason=f"{GOLD} is absent: run beside ../shared to check gold evidence")
def test_gold_evidence_names_a_gold_file_that_pairs_that_qid_with_the_entry() -> None:
    gold = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in GOLD.glob("*.json")}
    for name, lineno, row in entries():
        if not row["qid_evidence"].startswith("gold:"):
            continue
        doc = gold[row["qid_evidence"][5:]]
        mine = {normalize(n) for n in names(row)}
        paired = [e for e in doc["actors"] + doc["places"] if e.get("qid") == row["qid"]]
        assert paired, f"{name}:{lineno}: {row['qid']} is not in that gold file"
        assert any(normalize(lab) in mine for e in paired for lab in e["labels"]), (
            f"{name}:{lineno}: gold pairs {row['qid']} with another name")


def test_entries_agree_with_every_qid_the_gold_gives() -> None:
    by_name: dict[str, list[dict[str, str]]] = defaultdict(list)
    for _, _, row in entries():
        for n in names(row):
            by_name[normalize(n)].append(row)
    for stem, ent in gold_entities():
        if not ent.get("qid"):
            continue
        for label in ent["labels"]:
            for row in by_name.get(normalize(label), []):
                if row["type"] == ent["type"]:
                    assert row["qid"] == ent["qid"], (
                        f"{row['id']} is {row['qid'] or 'unlinked'}, gold {stem} says {ent['qid']}")


def test_every_gold_entity_is_named_by_some_entry() -> None:
    known = {normalize(n) for _, _, row in entries() for n in names(row)}
    missing = [(stem, ent["labels"]) for stem, ent in gold_entities()
               if not any(normalize(lab) in known for lab in ent["labels"])
               and not set(ent["labels"]) & GENERIC_GOLD_LABELS]
    assert not missing, f"gold entities without a gazetteer entry: {missing}"


def test_no_name_or_alias_points_to_two_entries() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for _, _, row in entries():
        for n in {normalize(x) for x in names(row)}:
            if n in seen and seen[n] != row["id"]:
                clashes.append((n, seen[n], row["id"]))
            seen.setdefault(n, row["id"])
    assert not clashes, clashes


def test_links_between_entries_point_to_existing_entries() -> None:
    rows = {row["id"]: row for _, _, row in entries()}
    for name, lineno, row in entries():
        where = f"{name}:{lineno}"
        if row["country"]:
            assert rows.get(row["country"], {}).get("type") == "State", f"{where}: country {row['country']}"
        if row["capital"]:
            assert row["type"] == "State", where
            assert rows.get(row["capital"], {}).get("type") == "Place", f"{where}: capital {row['capital']}"
        if row["adjectives_ar"]:
            assert row["type"] == "State", f"{where}: adjectives belong to states"


def test_coordinates_are_given_in_pairs_within_range_for_places_only() -> None:
    for name, lineno, row in entries():
        where = f"{name}:{lineno}"
        assert bool(row["lat"]) == bool(row["long"]), where
        if row["lat"]:
            assert row["type"] == "Place", where
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["long"]) <= 180, where


def test_states_of_the_region_have_adjectives_and_capitals() -> None:
    states = {row["id"]: row for _, row in read("states.tsv")[1]}
    for sid in ("state-egypt", "state-libya", "state-tunisia", "state-algeria", "state-sudan",
                "state-chad", "state-niger", "state-turkey", "state-uae", "state-qatar",
                "state-russia", "state-usa", "state-uk", "state-france", "state-italy"):
        assert sid in states, sid
        adjectives = {normalize(a) for a in states[sid]["adjectives_ar"].split("|")}
        assert len(adjectives) >= 4, sid
        assert states[sid]["capital"], sid
    assert normalize("المصرية") in {normalize(a) for a in states["state-egypt"]["adjectives_ar"].split("|")}


def test_offices_name_known_people_states_titles_and_ordered_dates() -> None:
    header, rows = read("offices.tsv")
    assert header == OFFICE_COLUMNS
    ids = {row["id"]: row["type"] for _, _, row in entries()}
    titles = {row["office"] for _, row in read("titles.tsv")[1]}
    for lineno, row in rows:
        where = f"offices.tsv:{lineno}"
        assert ids.get(row["person_id"]) == "Person", f"{where}: {row['person_id']}"
        assert ids.get(row["state"]) in {"State", "Organization", "ArmedGroup"}, f"{where}: {row['state']}"
        assert row["office"] in titles, f"{where}: office {row['office']} has no titles"
        start = parse_date(row["start"]) if row["start"] else None
        end = parse_date(row["end"]) if row["end"] else None
        if start and end:
            assert start <= end, where
        assert row["source"], where


# Offices that several people hold at once (a council's deputies): their titles name a group.
COLLEGIAL_OFFICES = {"deputy_presidential_council_head", "deputy_prime_minister"}


def test_one_holder_per_office_and_state_at_a_time() -> None:
    """Two people holding the same office of the same state on one day would make a title ambiguous."""
    spans: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for _, row in read("offices.tsv")[1]:
        if row["start"] and row["office"] not in COLLEGIAL_OFFICES:
            end = parse_date(row["end"]) if row["end"] else dt.date(2100, 1, 1)
            spans[(row["office"], row["state"])].append((parse_date(row["start"]), end, row["person_id"]))
    for key, items in spans.items():
        items.sort()
        for (s1, e1, p1), (s2, _, p2) in zip(items, items[1:]):
            # a hand-over day shared by the outgoing and incoming holder is allowed
            assert s2 >= e1 or p1 == p2, f"{key}: {p1} until {e1} overlaps {p2} from {s2}"


def test_titles_resolve_the_common_offices() -> None:
    header, rows = read("titles.tsv")
    assert header == TITLE_COLUMNS
    titles = {row["office"]: row["titles_ar"].split("|") for _, row in rows}
    assert "وزير الدفاع" in titles["defence_minister"]
    assert "الرئيس" in titles["president"]
    for office in ("prime_minister", "foreign_minister", "interior_minister", "intelligence_chief",
                   "chief_of_staff", "army_commander", "spokesman_army", "spokesman_presidency",
                   "parliament_speaker"):
        assert titles.get(office), office


def test_a_title_and_date_pick_the_holder_of_that_year() -> None:
    """وزير الدفاع المصري was Sedki Sobhy in 2015 and Mohamed Zaki in 2019."""
    rows = [row for _, row in read("offices.tsv")[1]]

    def holder(office: str, state: str, day: dt.date) -> set[str]:
        return {r["person_id"] for r in rows if r["office"] == office and r["state"] == state
                and r["start"] and parse_date(r["start"]) <= day
                and (not r["end"] or day < parse_date(r["end"]))}

    assert holder("defence_minister", "state-egypt", dt.date(2015, 5, 1)) == {"person-sedki-sobhy"}
    assert holder("defence_minister", "state-egypt", dt.date(2019, 5, 1)) == {"person-mohamed-zaki"}
    assert holder("president", "state-egypt", dt.date(2019, 5, 1)) == {"person-abdel-fattah-el-sisi"}
    assert holder("president", "state-egypt", dt.date(2013, 1, 1)) == {"person-mohamed-morsi"}
