"""The ontology's documentation is served, generated from the Turtle."""

from __future__ import annotations

from fastapi.testclient import TestClient

from server.routes.meta import router


def client() -> TestClient:
    from fastapi import FastAPI

    app = FastAPI()
    app.include_router(router)
    return TestClient(app)


def test_the_ontology_page_shows_classes_in_arabic_and_english() -> None:
    r = client().get("/ontology", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Meeting" in r.text and "لقاء" in r.text


def test_the_ontology_itself_comes_as_turtle() -> None:
    r = client().get("/ontology", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "owl:Ontology" in r.text
