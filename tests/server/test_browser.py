"""Headless Chromium (Debian's) in the query UI and on an entity page; screenshots are
kept in ``test-artifacts/``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Chromium, LiveServer

SCRIPT = Path(__file__).resolve().parent / "browser.js"


@pytest.mark.browser
def test_query_ui_runs_an_example_and_entity_page_shows_arabic_label(
    server: LiveServer, chromium: Chromium, artifacts: Path
) -> None:
    done = chromium.run_script(SCRIPT, server.url, str(artifacts))
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert "failure" not in out, out["failure"]
    # the example query's results, Arabic names included, in YASGUI's table
    assert len(out["rows"]) == 3
    assert any("مصر" in row for row in out["rows"])
    # result IRIs point to this server's entity pages
    assert "/id/entity/Q79" in out["idLinks"]
    assert out["label"] == "عبد الفتّاح المُختبِر" and out["dir"] == "rtl" and out["labelVisible"]
    assert out["searchHits"][0] == ["/id/entity/person/t0001", "عبد الفتّاح المُختبِر"]
    # nothing was fetched from outside loopback: the UI works offline
    assert out["external"] == []
    assert out["errors"] == []
    for shot in ("query-ui-results.png", "entity-page.png", "search-box.png"):
        assert (artifacts / shot).stat().st_size > 10_000
