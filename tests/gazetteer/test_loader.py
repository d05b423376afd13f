"""The gazetteer loader: TSV files in, entries, aliases and dated offices out."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.gazetteer import DATA_DIR, load_gazetteer, read_gazetteer
from kg.gazetteer.model import date_range
from kg.records import PartialDate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def gaz():
    return read_gazetteer(FIXTURES)


HEADER = ("id\ttype\tname_ar\taliases_ar\tname_en\tqid\tqid_evidence\tcountry\tlat\tlong\t"
          "adjectives_ar\tcapital\tsource\n")


def write(tmp_path: Path, name: str, body: str, header: str = HEADER) -> Path:
    (tmp_path / name).write_text("# written for a test\n" + header + body, encoding="utf-8")
    return tmp_path


def test_entries_carry_every_column(gaz):
    cairo = gaz.entries["place-cairo"]
    assert cairo.type == "Place" and cairo.qid == "Q85" and cairo.country == "state-egypt"
    assert cairo.lat == pytest.approx(30.0444) and cairo.long == pytest.approx(31.2357)
    egypt = gaz.entries["state-egypt"]
    assert "المصرية" in egypt.adjectives_ar and egypt.capital == "place-cairo"


def test_aliases_are_found_whatever_the_spelling(gaz):
    for written in ("عبد الفتاح السيسي", "عبدالفتاح السيسي", "عبد الفتاح السيسى", "السيسي"):
        assert [e.id for e in gaz.lookup(written)] == ["person-abdel-fattah-el-sisi"], written
    assert [e.id for e in gaz.lookup("الاخوان")] == ["org-muslim-brotherhood"]


def test_an_alias_shared_by_two_entries_lists_both(gaz):
    ids = {e.id for e in gaz.lookup("الجزائر")}
    assert ids == {"state-algeria", "place-algiers"}


def test_capitals_and_adjectives_are_indexed(gaz):
    assert gaz.capitals["place-washington"] == "state-united-states"
    assert gaz.adjectives["الليبيه"] == "state-libya"


def test_ref_is_the_pipelines_entity(gaz):
    ref = gaz.ref("person-sedki-sobhy", role="وزير الدفاع")
    assert ref.key == "person-sedki-sobhy" and ref.qid == "Q4116437" and ref.type == "Person"
    assert ref.role == "وزير الدفاع" and not ref.is_new


def test_date_range_of_partial_dates():
    assert date_range(PartialDate(2015, 2, 24)) == (dt.date(2015, 2, 24), dt.date(2015, 2, 24))
    assert date_range(PartialDate(2016, 2)) == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert date_range(PartialDate(2019)) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert date_range(None, TODAY)[1] == TODAY


class TestTitleResolution:
    def test_a_day_picks_the_holder_of_that_day(self, gaz):
        egypt = {"state-egypt"}
        assert gaz.resolve_title("defence_minister", egypt, PartialDate(2015, 2, 24),
                                 today=TODAY) == "person-sedki-sobhy"
        assert gaz.resolve_title("defence_minister", egypt, PartialDate(2019, 5, 9),
                                 today=TODAY) == "person-mohamed-zaki"

    def test_the_handover_day_is_ambiguous_only_when_both_held_it(self, gaz):
        # Sobhy left and Zaki came on 2018-06-14: that day both rows overlap
        assert gaz.resolve_title("defence_minister", {"state-egypt"}, PartialDate(2018, 6, 14),
                                 today=TODAY) is None

    def test_a_year_with_one_holder_is_enough(self, gaz):
        assert gaz.resolve_title("president", {"state-egypt"}, PartialDate(2016),
                                 today=TODAY) == "person-abdel-fattah-el-sisi"

    def test_a_year_with_two_holders_is_not(self, gaz):
        assert gaz.resolve_title("president", {"state-egypt"}, PartialDate(2013),
                                 today=TODAY) is None

    def test_without_a_date_several_holders_mean_no_answer(self, gaz):
        assert gaz.resolve_title("president", {"state-egypt"}, None, today=TODAY) is None

    def test_without_a_date_a_holder_the_article_names_settles_it(self, gaz):
        named = {"person-abdel-fattah-el-sisi", "person-khalifa-haftar"}
        assert gaz.resolve_title("president", {"state-egypt"}, None, named,
                                 today=TODAY) == "person-abdel-fattah-el-sisi"

    def test_without_a_date_one_holder_over_the_whole_period_is_enough(self, tmp_path):
        write(tmp_path, "people.tsv", "person-a\tPerson\tفلان الفلاني\t\t\t\t\t\t\t\t\t\ttest\n")
        write(tmp_path, "offices.tsv", "person-a\temir\tstate-x\t2005-01-01\t\ttest\n",
              header="person_id\toffice\tstate\tstart\tend\tsource\n")
        g = read_gazetteer(tmp_path)
        assert g.resolve_title("emir", {"state-x"}, None, today=TODAY) == "person-a"

    def test_the_state_must_match(self, gaz):
        assert gaz.resolve_title("president", {"state-libya"}, PartialDate(2016),
                                 today=TODAY) is None

    def test_heads_of_organisations_resolve_by_the_organisation(self, gaz):
        assert gaz.resolve_title("army_commander", {"org-libyan-national-army"},
                                 PartialDate(2019, 4, 4), today=TODAY) == "person-khalifa-haftar"


class TestMalformedFiles:
    def test_an_unknown_type_names_file_and_line(self, tmp_path):
        write(tmp_path, "places.tsv", "place-x\tTown\tبلدة\t\t\t\t\t\t\t\t\t\ttest\n")
        with pytest.raises(ConfigError, match=r"places\.tsv:3.*Town"):
            read_gazetteer(tmp_path)

    def test_a_malformed_qid_is_refused(self, tmp_path):
        write(tmp_path, "states.tsv", "state-x\tState\tدولة\t\t\tq12\t\t\t\t\t\t\ttest\n")
        with pytest.raises(ConfigError, match="QID"):
            read_gazetteer(tmp_path)

    def test_a_duplicate_id_is_refused(self, tmp_path):
        row = "place-x\tPlace\tبلدة\t\t\t\t\t\t\t\t\t\ttest\n"
        write(tmp_path, "places.tsv", row + row)
        with pytest.raises(ConfigError, match="twice"):
            read_gazetteer(tmp_path)

    def test_a_bad_coordinate_is_refused(self, tmp_path):
        write(tmp_path, "places.tsv", "place-x\tPlace\tبلدة\t\t\t\t\t\tشمال\t\t\t\ttest\n")
        with pytest.raises(ConfigError, match="degrees"):
            read_gazetteer(tmp_path)

    def test_a_bad_office_date_is_refused(self, tmp_path):
        write(tmp_path, "offices.tsv", "person-a\tpresident\tstate-x\t2014/06/08\t\ttest\n",
              header="person_id\toffice\tstate\tstart\tend\tsource\n")
        with pytest.raises(ConfigError, match="ISO date"):
            read_gazetteer(tmp_path)

    def test_missing_files_are_empty(self, tmp_path):
        g = read_gazetteer(tmp_path)
        assert g.entries == {} and g.offices == [] and g.titles == {}


@pytest.mark.skipif(not (DATA_DIR / "states.tsv").exists(), reason="no gazetteer data yet")
class TestProjectGazetteer:
    def test_it_loads_once(self):
        assert load_gazetteer() is load_gazetteer()

    def test_offices_name_known_people_and_titles(self):
        g = load_gazetteer()
        missing = {o.person for o in g.offices if o.person not in g.entries}
        assert not missing, f"offices.tsv names unknown people: {sorted(missing)[:5]}"
        unknown = {o.office for o in g.offices if o.office not in g.titles}
        assert not unknown, f"offices without a title in titles.tsv: {sorted(unknown)}"

    def test_capitals_are_places(self):
        g = load_gazetteer()
        for place, state in g.capitals.items():
            assert g.entries.get(place) is not None, f"{state}: capital {place} is not an entry"
            assert g.entries[place].type == "Place"

    def test_qids_are_well_formed_unique_and_have_evidence(self):
        g = load_gazetteer()
        seen: dict[str, str] = {}
        for e in g.entries.values():
            if e.qid:
                assert re.fullmatch(r"Q[1-9]\d*", e.qid)
                assert e.qid_evidence, f"{e.id}: QID {e.qid} without evidence"
                assert e.qid not in seen, f"{e.id} and {seen.get(e.qid)} share {e.qid}"
                seen[e.qid] = e.id
