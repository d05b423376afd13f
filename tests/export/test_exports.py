"""``kg export`` on the bundled corpus: GEXF and GraphML that networkx reads with their
attributes, valid GeoJSON, CSV lists, and the neighbourhood and time-window cuts.

The store is built once (``kg build``, as a researcher runs it); every export is written
by the CLI. XSD validation of GEXF 1.3 / GraphML is not done here: the schemas are not
available offline in this repository.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
SISI = "https://w3id.org/marsad/id/entity/Q307871"


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export") / "store"
    kg("build", str(ARTICLES), "--store", str(root))
    return root


@pytest.fixture(scope="session")
def haftar(store: Path) -> str:
    """Khalifa Haftar's IRI, found by his Arabic label (not written into the test)."""
    from kg.store import open_store

    db = open_store(store, read_only=True)
    result = db.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?s ?name WHERE { ?s rdfs:label ?name }",
        use_default_graph_as_union=True,
        substitutions={ox.Variable("name"): ox.Literal("خليفة حفتر", language="ar")},
    )
    assert isinstance(result, ox.QuerySolutions)
    rows = list(result)
    del db
    assert len(rows) == 1, rows
    return str(rows[0]["s"].value)


def export(store: Path, out: Path, fmt: str, *args: str) -> Path:
    kg("export", "--store", str(store), "--format", fmt, *args, "-o", str(out))
    return out


def test_gexf_loads_in_networkx_with_node_and_edge_attributes(store: Path, tmp_path: Path) -> None:
    g = nx.read_gexf(export(store, tmp_path / "all.gexf", "gexf"))
    assert g.number_of_nodes() > 50 and g.number_of_edges() > 50
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert {"Person", "State", "Place", "Meeting", "MilitaryAction", "Claim", "Source"} <= kinds
    sisi = g.nodes[SISI]
    assert sisi["label_en"] and sisi["label_ar"] and sisi["wikidata"] == "Q307871"
    places = [d for _, d in g.nodes(data=True) if d["kind"] == "Place" and "lat" in d]
    assert places and all(isinstance(d["lat"], float) for d in places)
    edge_types = {d["type"] for *_, d in g.edges(data=True)}
    assert {"met", "participant", "claimed_about", "mentioned_in"} <= edge_types
    # dated events carry a time interval for Gephi's timeline
    assert any("start" in d for _, d in g.nodes(data=True) if d["kind"] == "Meeting")


def test_graphml_loads_in_networkx_with_the_same_graph(store: Path, tmp_path: Path) -> None:
    gm = nx.read_graphml(export(store, tmp_path / "all.graphml", "graphml"))
    gx = nx.read_gexf(export(store, tmp_path / "all.gexf", "gexf"))
    assert set(gm.nodes) == set(gx.nodes)
    assert gm.nodes[SISI]["kind"] == "Person"
    assert gm.nodes[SISI]["label"] and gm.nodes[SISI]["wikidata"] == "Q307871"
    assert all("type" in d for *_, d in gm.edges(data=True))


def test_geojson_is_a_feature_collection_of_points_in_range(store: Path, tmp_path: Path) -> None:
    doc = json.loads(export(store, tmp_path / "all.geojson", "geojson").read_text("utf-8"))
    assert doc["type"] == "FeatureCollection" and doc["features"]
    for f in doc["features"]:
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f["properties"]["events"], list)
    # Libya and Egypt lie east of Greenwich and north of the equator: [long, lat] order
    assert all(0 < f["geometry"]["coordinates"][1] < 60 for f in doc["features"])
    assert any(f["properties"]["events"] for f in doc["features"])


def test_csv_node_and_edge_lists_have_headers(store: Path, tmp_path: Path) -> None:
    edges = export(store, tmp_path / "net.csv", "csv")
    nodes = tmp_path / "net-nodes.csv"
    with edges.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["id", "source", "target", "type", "event", "date"]
    with nodes.open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:3] == ["id", "label", "kind"] and {"lat", "long", "wikidata"} <= set(header)


def test_around_haftar_has_a_met_edge_to_sisi(store: Path, haftar: str, tmp_path: Path) -> None:
    g = nx.read_gexf(
        export(store, tmp_path / "haftar.gexf", "gexf", "--around", haftar, "--depth", "1")
    )
    met = [(a, b) for a, b, d in g.edges(data=True) if d["type"] == "met"]
    assert (haftar, SISI) in met or (SISI, haftar) in met
    whole = nx.read_gexf(export(store, tmp_path / "all.gexf", "gexf"))
    assert g.number_of_nodes() < whole.number_of_nodes()
    # depth 1: every node is Haftar or one step from him
    assert all(n == haftar or g.has_edge(n, haftar) or g.has_edge(haftar, n) for n in g.nodes)


def test_time_window_keeps_only_events_inside_it(store: Path, tmp_path: Path) -> None:
    whole = nx.read_gexf(export(store, tmp_path / "all.gexf", "gexf"))
    cut = nx.read_gexf(
        export(store, tmp_path / "2015.gexf", "gexf", "--from", "2015", "--to", "2015")
    )
    dated = {"Meeting", "MilitaryAction", "Claim"}
    events = [d for _, d in cut.nodes(data=True) if d["kind"] in dated]
    assert events and len(events) < sum(1 for _, d in whole.nodes(data=True) if d["kind"] in dated)
    for d in events:
        assert d["end"] >= "2015-01-01" and d["start"] <= "2015-12-31", d


def test_a_bad_date_is_refused(store: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "export",
            "--store",
            str(store),
            "--format",
            "gexf",
            "--from",
            "last year",
            "-o",
            str(tmp_path / "x.gexf"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "--from" in done.stderr
