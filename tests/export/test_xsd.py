"""GEXF and GraphML exports of the bundled corpus are valid against their published
schemas: the whole graph, Haftar's neighbourhood and a one-year window.

The schemas are vendored in ``schemas/`` (sources and licences in ``schemas/README.md``)
and loaded with the network forbidden, so the tests never fetch anything.

- GraphML: the GraphML 1.0 XSD (``graphml.xsd`` redefining ``graphml-structure.xsd``,
  which imports ``xlink.xsd``), checked with ``lxml.etree.XMLSchema``, identity
  constraints included (unique node ids, edges pointing at declared nodes).
- GEXF: the published GEXF 1.3 XSD does not compile (its ``graph``, ``node`` and ``edge``
  elements refer to types no file defines; upstream gephi/gexf issue 19), so the export
  is checked against the GEXF 1.3 RELAX NG grammar the XSD files are generated from, with
  ``lxml.etree.RelaxNG``, and against an XSD generated from that grammar with trang
  (``schemas/gexf/from-rng/``: how upstream makes its XSDs), with
  ``lxml.etree.XMLSchema``. A test pins the published XSD's failure, so that a fixed
  upstream XSD is noticed and can replace the generated one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from tests.export.conftest import export

SCHEMAS = Path(__file__).parent / "schemas"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"


class _Offline(etree.Resolver):
    """Fails loudly if a schema or document asks for anything over the network."""

    def resolve(self, system_url: str, public_id: str, context: object) -> None:
        if system_url.startswith(("http:", "https:", "ftp:")):
            raise AssertionError(f"schema loading tried to fetch {system_url}")
        return None  # local files: lxml's default resolution, relative to the schema


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Offline())
    return parser


def _load(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), _parser())


@pytest.fixture(scope="module")
def graphml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(_load(SCHEMAS / "graphml" / "graphml.xsd"))


@pytest.fixture(scope="module")
def gexf_grammar() -> etree.RelaxNG:
    return etree.RelaxNG(_load(SCHEMAS / "gexf" / "gexf.rng"))


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    return etree.XMLSchema(_load(SCHEMAS / "gexf" / "from-rng" / "gexf.xsd"))


def _without_xsi(doc: etree._ElementTree) -> etree._ElementTree:
    """The document without ``xsi:`` attributes.

    XSD processors treat ``xsi:schemaLocation`` as a hint outside the grammar; RELAX NG
    has no such notion and would reject any attribute its grammar does not declare.
    """
    doc = copy.deepcopy(doc)
    for el in doc.iter():
        for name in [n for n in el.attrib if n.startswith(f"{{{XSI}}}")]:
            del el.attrib[name]
    return doc


def _errors(validator: etree.XMLSchema | etree.RelaxNG) -> str:
    return "\n".join(f"line {e.line}: {e.message}" for e in list(validator.error_log)[:10])


CUTS: dict[str, Callable[[str], list[str]]] = {
    "whole graph": lambda haftar: [],
    "around Haftar": lambda haftar: ["--around", haftar, "--depth", "1"],
    "year 2015": lambda haftar: ["--from", "2015", "--to", "2015"],
}


@pytest.mark.parametrize("cut", list(CUTS))
def test_graphml_export_is_valid_against_the_graphml_xsd(
    store: Path, haftar: str, tmp_path: Path, graphml_schema: etree.XMLSchema, cut: str
) -> None:
    doc = _load(export(store, tmp_path / "net.graphml", "graphml", *CUTS[cut](haftar)))
    assert doc.getroot().tag == f"{GRAPHML}graphml"
    assert doc.getroot().findall(f"{GRAPHML}graph/{GRAPHML}node"), "an empty cut proves nothing"
    assert graphml_schema.validate(doc), _errors(graphml_schema)


@pytest.mark.parametrize("cut", list(CUTS))
def test_gexf_export_is_valid_against_the_gexf_13_grammar(
    store: Path, haftar: str, tmp_path: Path, gexf_grammar: etree.RelaxNG, cut: str
) -> None:
    doc = _load(export(store, tmp_path / "net.gexf", "gexf", *CUTS[cut](haftar)))
    root = doc.getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    assert root.findall(f"{GEXF}graph/{GEXF}nodes/{GEXF}node"), "an empty cut proves nothing"
    assert gexf_grammar.validate(_without_xsi(doc)), _errors(gexf_grammar)


@pytest.mark.parametrize("cut", list(CUTS))
def test_gexf_export_is_valid_against_the_gexf_13_xsd_generated_from_the_grammar(
    store: Path, haftar: str, tmp_path: Path, gexf_schema: etree.XMLSchema, cut: str
) -> None:
    doc = _load(export(store, tmp_path / "net.gexf", "gexf", *CUTS[cut](haftar)))
    assert doc.getroot().findall(f"{GEXF}graph/{GEXF}nodes/{GEXF}node"), "an empty cut"
    assert gexf_schema.validate(doc), _errors(gexf_schema)


def test_gexf_xsd_rejects_a_node_without_id_a_bad_date_and_a_bad_edge_type(
    small_gexf: Path, gexf_schema: etree.XMLSchema
) -> None:
    doc = _load(small_gexf)
    assert gexf_schema.validate(doc), _errors(gexf_schema)
    for path, attr, value in (
        (f"{GEXF}graph/{GEXF}nodes/{GEXF}node", "id", None),
        (f"{GEXF}graph/{GEXF}nodes/{GEXF}node[@start]", "start", "2015-13-45"),
        (f"{GEXF}graph/{GEXF}edges/{GEXF}edge", "type", "sideways"),
    ):
        broken = copy.deepcopy(doc)
        el = broken.getroot().find(path)
        assert el is not None, path
        if value is None:
            del el.attrib[attr]
        else:
            el.set(attr, value)
        assert not gexf_schema.validate(broken), (path, attr, value)


@pytest.fixture(scope="module")
def small_graphml(store: Path, haftar: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xsd") / "haftar.graphml"
    return export(store, out, "graphml", "--around", haftar, "--depth", "1")


@pytest.fixture(scope="module")
def small_gexf(store: Path, haftar: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xsd") / "haftar.gexf"
    return export(store, out, "gexf", "--around", haftar, "--depth", "1")


def test_graphml_schema_rejects_an_iri_as_node_id(
    small_graphml: Path, graphml_schema: etree.XMLSchema
) -> None:
    doc = _load(small_graphml)
    assert graphml_schema.validate(doc), _errors(graphml_schema)
    node = doc.getroot().find(f"{GRAPHML}graph/{GRAPHML}node")
    assert node is not None
    node.set("id", "https://w3id.org/marsad/id/entity/Q1")  # what the writer once did
    assert not graphml_schema.validate(doc)
    assert "NMTOKEN" in _errors(graphml_schema)


def test_graphml_schema_rejects_an_edge_to_an_undeclared_node(
    small_graphml: Path, graphml_schema: etree.XMLSchema
) -> None:
    doc = _load(small_graphml)
    edge = doc.getroot().find(f"{GRAPHML}graph/{GRAPHML}edge")
    assert edge is not None
    edge.set("target", "nowhere")
    assert not graphml_schema.validate(doc)
    assert "edge_target_ref" in _errors(graphml_schema)


def test_gexf_grammar_rejects_a_node_without_id_and_a_bad_date(
    small_gexf: Path, gexf_grammar: etree.RelaxNG
) -> None:
    doc = _without_xsi(_load(small_gexf))
    assert gexf_grammar.validate(doc), _errors(gexf_grammar)

    no_id = copy.deepcopy(doc)
    node = no_id.getroot().find(f"{GEXF}graph/{GEXF}nodes/{GEXF}node")
    assert node is not None
    del node.attrib["id"]
    assert not gexf_grammar.validate(no_id)

    bad_date = copy.deepcopy(doc)
    dated = bad_date.getroot().find(f"{GEXF}graph/{GEXF}nodes/{GEXF}node[@start]")
    assert dated is not None, "Haftar's neighbourhood has dated events"
    dated.set("start", "2015-13-45")
    assert not gexf_grammar.validate(bad_date)


def test_gexf_grammar_rejects_an_undeclared_attribute(
    small_gexf: Path, gexf_grammar: etree.RelaxNG
) -> None:
    doc = _without_xsi(_load(small_gexf))
    graph = doc.getroot().find(f"{GEXF}graph")
    assert graph is not None
    graph.set("colour", "blue")
    assert not gexf_grammar.validate(doc)


def test_published_gexf_13_xsd_still_does_not_compile() -> None:
    """gephi/gexf issue 19: ``graph-content``, ``node-content`` and ``edge-content`` are
    never defined as types. If this fails, upstream fixed the XSD: vendor it and validate
    the GEXF exports with ``XMLSchema`` as for GraphML."""
    with pytest.raises(etree.XMLSchemaParseError, match="graph-content"):
        etree.XMLSchema(_load(SCHEMAS / "gexf" / "gexf.xsd"))
