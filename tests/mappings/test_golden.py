"""Golden tests: each case's record.json maps to exactly the triples of its expected.ttl.

Run ``pytest tests/mappings --update-golden`` after an intended change of the mapping and
review the diff of the expected.ttl files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.validate import validate_graph
from mappings import article_graph
from tests.mappings.records_json import load_case

CASES_DIR = Path(__file__).parent
CASES = sorted(p.parent.name for p in CASES_DIR.glob("*/record.json"))
# Cases without a recorded build get this one, so that a version bump does not change them.
DEFAULT_BUILD = {"version": "0.0.0-golden", "id": "golden"}


def _describe_difference(actual: Graph, expected: Graph) -> str:
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = ["only in the mapping's output:"]
    lines += sorted(f"  + {t}" for t in only_actual.triples((None, None, None)))
    lines += ["only in expected.ttl:"]
    lines += sorted(f"  - {t}" for t in only_expected.triples((None, None, None)))
    return "\n".join(lines)


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 4


@pytest.mark.parametrize("case", CASES)
def test_mapping_matches_golden_graph(case: str, update_golden: bool) -> None:
    extraction, build = load_case(CASES_DIR / case / "record.json")
    actual = article_graph(extraction, build=build or DEFAULT_BUILD)
    expected_path = CASES_DIR / case / "expected.ttl"
    if update_golden or not expected_path.exists():
        expected_path.write_text(actual.serialize(format="turtle"), encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{expected_path} did not exist and was written: review it")
    expected = Graph().parse(expected_path, format="turtle")
    assert isomorphic(actual, expected), _describe_difference(actual, expected)


@pytest.mark.parametrize("case", CASES)
def test_golden_graph_conforms_to_the_shapes(case: str) -> None:
    extraction, build = load_case(CASES_DIR / case / "record.json")
    report = validate_graph(article_graph(extraction, build=build))
    assert report.conforms, report.text
