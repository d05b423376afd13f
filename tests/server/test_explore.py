"""The export routes and the graph explorer, over a store built from the bundled corpus.

The browser test drives Debian's chromium (playwright-core from npm) through
``/explore`` for Khalifa Haftar; requests leaving loopback are blocked and listed, the
screenshot is kept in ``test-artifacts/explorer-haftar.png``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest

from tests.conftest import HTTP, Chromium, LiveServer

ROOT = Path(__file__).resolve().parents[2]
SISI = "https://w3id.org/marsad/id/entity/Q307871"

_SCRIPT = r"""
"use strict";
const { chromium } = require("playwright-core");
const path = require("path");
(async () => {
  const [url, shot, sisi] = process.argv.slice(2);
  const flags = (process.env.CHROMIUM_FLAGS || "").split(" ")
    .filter((f) => f && f !== "--headless");
  const context = await chromium.launchPersistentContext(process.env.CHROMIUM_PROFILE, {
    executablePath: process.env.CHROMIUM, headless: true, args: flags,
    viewport: { width: 1280, height: 1400 },
  });
  const out = { external: [], errors: [] };
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on("pageerror", (e) => out.errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") out.errors.push(m.text()); });
    await page.route("**/*", (route) => {
      const u = new URL(route.request().url());
      const local = ["127.0.0.1", "localhost"].includes(u.hostname);
      if (local || u.protocol === "data:") {
        return route.continue();
      }
      out.external.push(u.href);
      return route.abort();
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector("#explorer[data-ready=true]", { timeout: 30000 });
    out.nodes = await page.$eval("#explorer", (d) => d.getAttribute("data-nodes"));
    out.canvas = await page.$$eval("#network canvas", (cs) => cs.length);
    out.sisi = await page.evaluate((id) => {
      const n = window.marsadCy.getElementById(id);
      return n.length ? [n.style("display"), n.connectedEdges("[type = 'met']").length] : null;
    }, sisi);
    out.title = await page.$eval("#explore-title", (h) => h.textContent);
    // the name search box offers the explorer of each hit
    await page.fill("#explore-box", "السيسي");
    await page.waitForSelector("#explore-hits li a", { timeout: 10000 });
    out.exploreHits = await page.$$eval("#explore-hits li a", (as) =>
      as.map((a) => a.getAttribute("href")));
    out.timeline = await page.$$eval("#timeline li time", (ts) => ts.map((t) => t.textContent));
    out.places = await page.$$eval("#map svg g.place",
      (gs) => gs.map((g) => g.getAttribute("data-id")));
    await page.screenshot({ path: shot, fullPage: true });
    // a time window: only events that overlap it stay in the timeline
    await page.fill("#filter-from", "2014");
    await page.dispatchEvent("#filter-from", "change");
    out.windowed = await page.$$eval("#timeline li time", (ts) => ts.map((t) => t.textContent));
    // a click on Sisi's node opens his entity page
    await page.fill("#filter-from", "");
    await page.dispatchEvent("#filter-from", "change");
    const box = await page.$eval("#network", (d) => {
      const r = d.getBoundingClientRect();
      return [r.x, r.y];
    });
    // zoom onto his node first, so that no neighbour lies under the click
    const pos = await page.evaluate((id) => {
      const n = window.marsadCy.getElementById(id);
      window.marsadCy.fit(n, 200);
      return n.renderedPosition();
    }, sisi);
    await Promise.all([page.waitForURL("**/id/**", { timeout: 10000 }),
                       page.mouse.click(box[0] + pos.x, box[1] + pos.y)]);
    out.clicked = new URL(page.url()).pathname;
  } catch (e) {
    out.failure = String(e && e.stack || e);
  } finally {
    await context.close();
  }
  process.stdout.write(JSON.stringify(out) + "\n");
})();
"""


@pytest.fixture(scope="module")
def corpus_server(live_server_factory, tmp_path_factory: pytest.TempPathFactory) -> LiveServer:  # type: ignore[no-untyped-def]
    store = tmp_path_factory.mktemp("explore") / "store"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(ROOT / "data" / "articles"),
            "--store",
            str(store),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=600,
    )
    srv: LiveServer = live_server_factory(store_dir=store, timeout=20.0, workers=2)
    return srv


@pytest.fixture(scope="module")
def haftar(corpus_server: LiveServer) -> str:
    """Khalifa Haftar's IRI, by the name search of the endpoint."""
    hits = HTTP.get(corpus_server.url + "/api/search", params={"q": "خليفة حفتر"}).json()
    assert hits, "the name search found no Haftar"
    return str(hits[0]["iri"])


@pytest.mark.parametrize(
    "fmt, media_type",
    [
        ("gexf", "application/gexf+xml"),
        ("graphml", "application/graphml+xml"),
        ("cytoscape", "application/json"),
        ("geojson", "application/geo+json"),
        ("csv", "text/csv; charset=utf-8"),
    ],
)
def test_export_routes_answer_with_their_media_type(
    corpus_server: LiveServer, haftar: str, fmt: str, media_type: str
) -> None:
    r = HTTP.get(f"{corpus_server.url}/export/{fmt}", params={"around": haftar})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == media_type
    assert len(r.content) > 100


def test_export_route_gexf_around_haftar_has_met_edge_to_sisi(
    corpus_server: LiveServer, haftar: str
) -> None:
    r = HTTP.get(f"{corpus_server.url}/export/gexf", params={"around": haftar, "depth": "1"})
    g = nx.read_gexf(io.BytesIO(r.content))
    assert any({a, b} == {haftar, SISI} for a, b, d in g.edges(data=True) if d["type"] == "met")


def test_export_route_cuts_match_the_cli_window(corpus_server: LiveServer) -> None:
    whole = HTTP.get(f"{corpus_server.url}/export/cytoscape").json()["elements"]
    cut = HTTP.get(
        f"{corpus_server.url}/export/cytoscape", params={"from": "2015", "to": "2015"}
    ).json()["elements"]
    assert 0 < len(cut["nodes"]) < len(whole["nodes"])
    nodes = HTTP.get(f"{corpus_server.url}/export/csv", params={"part": "nodes"}).text
    assert next(csv.reader(io.StringIO(nodes)))[:3] == ["id", "label", "kind"]


@pytest.mark.parametrize(
    "path, status",
    [
        ("/export/pdf", 404),
        ("/export/gexf?from=yesterday", 400),
        ("/export/gexf?around=https://w3id.org/marsad/id/entity/nobody", 404),
    ],
)
def test_export_route_refuses_bad_requests(
    corpus_server: LiveServer, path: str, status: int
) -> None:
    assert HTTP.get(corpus_server.url + path).status_code == status


def test_explorer_page_escapes_the_entity_parameter(corpus_server: LiveServer) -> None:
    r = HTTP.get(corpus_server.url + "/explore", params={"entity": '"><script>alert(1)</script>'})
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;" in r.text
    js = HTTP.get(corpus_server.url + "/assets/cytoscape/cytoscape.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]


@pytest.mark.browser
def test_explorer_shows_haftar_meeting_sisi_with_timeline_and_map(
    corpus_server: LiveServer, haftar: str, chromium: Chromium, artifacts: Path, tmp_path: Path
) -> None:
    script = tmp_path / "explore.js"
    script.write_text(_SCRIPT, encoding="utf-8")
    shot = artifacts / "explorer-haftar.png"
    url = f"{corpus_server.url}/explore?entity={quote(haftar, safe='')}"
    done = chromium.run_script(script, url, str(shot), SISI)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert "failure" not in out, out["failure"]
    assert out["errors"] == [] and out["external"] == []
    assert out["canvas"] > 0 and int(out["nodes"]) > 5
    assert "حفتر" in out["title"]
    # Sisi's node is drawn, joined to Haftar by a "met" edge
    assert out["sisi"] is not None and out["sisi"][0] == "element" and out["sisi"][1] >= 1
    assert out["timeline"] and out["timeline"] == sorted(
        out["timeline"], key=lambda t: (t == "—", t)
    )
    assert out["places"]
    assert out["windowed"] and len(out["windowed"]) < len(out["timeline"])
    assert all(t >= "2014" and t != "—" for t in out["windowed"]), out["windowed"]
    assert out["clicked"] == "/id/entity/Q307871"
    assert out["exploreHits"] and all(
        h.startswith("/explore?entity=") for h in out["exploreHits"]), out["exploreHits"]
    assert "/explore?entity=" + quote(SISI, safe="") in out["exploreHits"]
    assert shot.stat().st_size > 10_000
