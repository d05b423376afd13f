"""The ontology's documentation is generated from the Turtle and kept up to date."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from rdflib.namespace import OWL, RDF

from kg.docs import HTML_PATH, README_PATH, render_html, render_markdown
from kg.validate import load_ontology
from kg.vocab import MARSAD


def test_committed_docs_match_the_turtle() -> None:
    onto = load_ontology()
    hint = "regenerate with: .venv/bin/python -m kg.docs"
    assert README_PATH.read_text(encoding="utf-8") == render_markdown(onto), hint
    assert HTML_PATH.read_text(encoding="utf-8") == render_html(onto), hint


def test_every_class_is_in_the_diagrams_and_tables() -> None:
    onto = load_ontology()
    markdown, page = render_markdown(onto), render_html(onto)
    classes = [str(c)[len(str(MARSAD._NS)):] for c in onto.subjects(RDF.type, OWL.Class)
               if str(c).startswith(str(MARSAD._NS))]
    mermaid = markdown.split("```mermaid", 1)[1].split("```", 1)[0]
    for name in ("Actor", "Person", "Meeting", "MilitaryAction", "Place"):
        assert name in mermaid
    for name in classes:
        assert f"| marsad:{name} |" in markdown
        assert f'id="{name}"' in page


def test_the_html_diagram_is_well_formed_svg() -> None:
    page = render_html(load_ontology())
    svg = page[page.index("<svg"):page.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) >= 10
