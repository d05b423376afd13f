"""The kg command line on the bundled corpus: build, validate, query, stats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.foundation.conftest import ARTICLES, kg

PREFIX = "PREFIX marsad: <https://w3id.org/marsad/ontology#>\n"


def select(store: Path, query: str) -> list[dict]:
    out = kg("query", "--store", str(store), PREFIX + query, "--format", "json").stdout
    return json.loads(out)["results"]["bindings"]


def class_count(store: Path, cls: str) -> int:
    rows = select(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a marsad:{cls} }}")
    return int(rows[0]["n"]["value"])


def test_every_command_explains_itself() -> None:
    for cmd in ("build", "validate", "query", "serve", "stats"):
        out = kg(cmd, "--help").stdout
        assert "--store" in out and len(out) > 200, cmd


def test_the_bundled_corpus_builds_and_validates(bundled_store: Path) -> None:
    assert kg("validate", "--store", str(bundled_store)).returncode == 0


def test_the_reference_engine_agrees_on_the_bundled_corpus(bundled_store: Path) -> None:
    ran = kg("validate", "--store", str(bundled_store), "--engine", "pyshacl")
    assert ran.returncode == 0 and ran.stdout.startswith("Conforms: True"), ran.stdout


def test_the_graph_holds_every_kind_of_record(bundled_store: Path) -> None:
    assert class_count(bundled_store, "Source") == len(list(ARTICLES.glob("*.txt")))
    assert class_count(bundled_store, "Meeting") >= 1
    assert class_count(bundled_store, "MilitaryAction") >= 1
    assert class_count(bundled_store, "Claim") >= 1
    assert class_count(bundled_store, "Person") >= 5
    assert class_count(bundled_store, "State") >= 5


def test_one_named_graph_per_article_and_the_ontology_apart(bundled_store: Path) -> None:
    rows = select(bundled_store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = {r["g"]["value"] for r in rows}
    for article in ARTICLES.glob("*.txt"):
        assert f"https://w3id.org/marsad/id/graph/{article.stem}" in graphs
    assert "https://w3id.org/marsad/graph/ontology" in graphs


def test_an_unchanged_corpus_is_not_built_again(bundled_store: Path) -> None:
    out = kg("build", str(ARTICLES), "--store", str(bundled_store)).stdout
    assert out.startswith("0 articles built, 5 unchanged"), out


def test_results_come_in_every_format(bundled_store: Path) -> None:
    q = PREFIX + "SELECT ?s WHERE { ?s a marsad:Source }"
    csv_rows = list(csv.reader(io.StringIO(
        kg("query", "--store", str(bundled_store), q, "--format", "csv").stdout)))
    assert csv_rows[0] == ["s"] and len(csv_rows) == 6
    assert "<sparql" in kg("query", "--store", str(bundled_store), q, "--format", "xml").stdout
    assert kg("query", "--store", str(bundled_store), q, "--format", "tsv").stdout.startswith("?s")
    c = PREFIX + "CONSTRUCT { ?s a marsad:Source } WHERE { ?s a marsad:Source }"
    for fmt, marker in (("turtle", "Source"), ("ntriples", "> ."), ("jsonld", "@id")):
        assert marker in kg("query", "--store", str(bundled_store), c, "--format", fmt).stdout


def test_a_malformed_query_is_a_usage_error_with_the_parsers_words(bundled_store: Path) -> None:
    res = kg("query", "--store", str(bundled_store), "SELEC ?x WHERE {", check=False)
    assert res.returncode == 2
    assert "malformed query" in res.stderr and "Traceback" not in res.stderr


def test_a_format_that_does_not_fit_the_query_is_refused(bundled_store: Path) -> None:
    res = kg("query", "--store", str(bundled_store), "SELECT * WHERE {}", "--format", "turtle",
             check=False)
    assert res.returncode == 2 and "json" in res.stderr


def test_stats_counts_per_class_and_per_graph(bundled_store: Path) -> None:
    st = json.loads(kg("stats", "--store", str(bundled_store), "--format", "json").stdout)
    assert st["classes"]["Source"] == 5
    assert any(g.endswith("/graph/002_9e473b031b4d0b21") for g in st["graphs"])


def test_building_nothing_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    res = kg("build", str(empty), "--store", str(tmp_path / "s"), check=False)
    assert res.returncode == 2 and "nothing was built" in res.stderr


def test_every_researcher_query_runs_and_answers(bundled_store: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "queries"
    for rq in sorted(root.glob("*.rq")):
        if "SERVICE" in rq.read_text(encoding="utf-8"):
            continue  # federated: needs Wikidata, tested against a stand-in in tests/server
        out = kg("query", "--store", str(bundled_store), "--file", str(rq), "--format", "json")
        assert json.loads(out.stdout)["results"]["bindings"], rq.name


def test_an_event_lists_its_articles_and_the_claims_about_it(bundled_store: Path) -> None:
    rq = Path(__file__).resolve().parents[2] / "queries" / "event-reports-and-claims.rq"
    out = kg("query", "--store", str(bundled_store), "--file", str(rq), "--format", "json")
    rows = json.loads(out.stdout)["results"]["bindings"]
    assert any("claim" in r and r["articleId"]["value"].startswith("00") for r in rows)


def test_visualisation_constructs_give_non_empty_subgraphs(bundled_store: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "queries" / "viz"
    for rq in sorted(root.glob("*.rq")):
        out = kg("query", "--store", str(bundled_store), "--file", str(rq), "--format", "ntriples")
        assert out.stdout.count(" .\n") > 3, rq.name
