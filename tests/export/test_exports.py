"""``kg export`` on the bundled corpus: GEXF and GraphML that networkx reads with their
attributes, valid GeoJSON, CSV lists, and the neighbourhood and time-window cuts.

Every export is written by the CLI from the store built once in ``conftest.py``. Schema
validation of GEXF and GraphML is in ``test_xsd.py``.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import networkx as nx

from tests.export.conftest import ROOT, SISI, export


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
    # GraphML ids are NMTOKENs (n0, n1, …); each node carries its IRI as data
    by_iri = {d["iri"]: d for _, d in gm.nodes(data=True)}
    assert len(by_iri) == gm.number_of_nodes() and set(by_iri) == set(gx.nodes)
    assert gm.number_of_edges() == gx.number_of_edges()
    sisi = by_iri[SISI]
    assert sisi["kind"] == "Person"
    assert sisi["label"] and sisi["wikidata"] == "Q307871"
    assert all("type" in d for *_, d in gm.edges(data=True))


def test_geojson_is_a_valid_feature_collection_of_points_in_range(
    store: Path, tmp_path: Path
) -> None:
    geojson = pytest.importorskip("geojson")
    text = export(store, tmp_path / "all.geojson", "geojson").read_text("utf-8")
    checked = geojson.loads(text)
    assert checked.is_valid, checked.errors()  # RFC 7946 structure, by python-geojson
    doc = json.loads(text)
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
