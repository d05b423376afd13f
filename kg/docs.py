"""Documentation of the ontology, generated from the Turtle so it never drifts from it.

``python -m kg.docs`` writes ``ontology/README.md`` (Markdown with a Mermaid class diagram,
rendered by GitHub) and ``ontology/docs/index.html`` (a self-contained page with an inline
SVG diagram, no script, served by the SPARQL server). A test fails when either file is
older than the Turtle, so regenerate after every ontology change.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.vocab import ACTION_TYPE_SCHEME, MARSAD, ONTOLOGY_IRI

__all__ = ["Term", "render_markdown", "render_html", "write_docs", "main",
           "README_PATH", "HTML_PATH"]

ROOT = Path(__file__).resolve().parent.parent
README_PATH = ROOT / "ontology" / "README.md"
HTML_PATH = ROOT / "ontology" / "docs" / "index.html"
_NS = str(MARSAD._NS)

_PREFIXES = {
    _NS: "marsad:", "https://w3id.org/marsad/action-type/": "act:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:", "https://schema.org/": "schema:",
    "http://semanticweb.cs.vu.nl/2009/11/sem/": "sem:", "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/ns/oa#": "oa:", "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
}


def _short(node: object) -> str:
    text = str(node)
    for ns, prefix in _PREFIXES.items():
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text


def _lang(g: Graph, node: URIRef, prop: URIRef, lang: str) -> str:
    for value in g.objects(node, prop):
        if isinstance(value, Literal) and value.language == lang:
            return " ".join(str(value).split())
    return ""


def _class_expr(g: Graph, node: object) -> list[str]:
    """A class or datatype, or the members of an owl:unionOf, as short names."""
    if isinstance(node, BNode):
        members = g.value(node, OWL.unionOf)
        if members is not None:
            return [_short(m) for m in g.items(members)]
        return []
    return [_short(node)] if node is not None else []


@dataclass
class Term:
    """One documented term, read from the ontology graph."""

    iri: URIRef
    label_en: str
    label_ar: str
    definition_en: str
    definition_ar: str
    parents: list[str]
    domain: list[str]
    range: list[str]
    extra: str = ""

    @property
    def name(self) -> str:
        return _short(self.iri)


def _term(g: Graph, iri: URIRef, parent_prop: URIRef = RDFS.subClassOf, extra: str = "") -> Term:
    return Term(
        iri=iri, label_en=_lang(g, iri, RDFS.label, "en"), label_ar=_lang(g, iri, RDFS.label, "ar"),
        definition_en=_lang(g, iri, SKOS.definition, "en"),
        definition_ar=_lang(g, iri, SKOS.definition, "ar"),
        parents=sorted(_short(p) for p in g.objects(iri, parent_prop) if isinstance(p, URIRef)),
        domain=_class_expr(g, g.value(iri, RDFS.domain)),
        range=_class_expr(g, g.value(iri, RDFS.range)), extra=extra)


def _ours(g: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.type, kind)
                  if isinstance(s, URIRef) and str(s).startswith(_NS))


@dataclass
class _Model:
    title: str
    version: str
    comment: str
    classes: list[Term]
    object_properties: list[Term]
    datatype_properties: list[Term]
    individuals: list[Term]
    action_types: list[Term]


def _model(g: Graph) -> _Model:
    individuals = []
    for iri in _ours(g, OWL.NamedIndividual):
        kinds = [_short(t) for t in g.objects(iri, RDF.type) if t != OWL.NamedIndividual]
        individuals.append(_term(g, iri, extra=", ".join(sorted(kinds))))
    concepts = sorted(s for s in g.subjects(SKOS.inScheme, ACTION_TYPE_SCHEME)
                      if isinstance(s, URIRef))
    return _Model(
        title=_lang(g, ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/title"), "en"),
        version=str(g.value(ONTOLOGY_IRI, OWL.versionInfo) or ""),
        comment=str(g.value(ONTOLOGY_IRI, RDFS.comment) or ""),
        classes=[_term(g, c) for c in _ours(g, OWL.Class)],
        object_properties=[_term(g, p, RDFS.subPropertyOf) for p in _ours(g, OWL.ObjectProperty)],
        datatype_properties=[_term(g, p, RDFS.subPropertyOf)
                             for p in _ours(g, OWL.DatatypeProperty)],
        individuals=individuals,
        action_types=[_term(g, c, extra=str(g.value(c, MARSAD.cameoCode) or ""))
                      for c in concepts])


# --------------------------------------------------------------------------- diagram


def _edges(model: _Model) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """(subclass, superclass) pairs and (domain, property, range) associations among ours."""
    ours = {c.name for c in model.classes}
    inherit = [(c.name, p) for c in model.classes for p in c.parents if p in ours]
    assoc = [(d, p.name, r) for p in model.object_properties
             for d in p.domain for r in p.range if d in ours and r in ours]
    return inherit, assoc


def _mermaid(model: _Model) -> str:
    inherit, assoc = _edges(model)

    def bare(name: str) -> str:
        return name.split(":", 1)[1]

    lines = ["```mermaid", "classDiagram", "    direction LR"]
    lines += [f"    {bare(sup)} <|-- {bare(sub)}" for sub, sup in inherit]
    lines += [f"    {bare(d)} --> {bare(r)} : {bare(p)}" for d, p, r in assoc]
    lines.append("```")
    return "\n".join(lines)


def _svg(model: _Model) -> str:
    """The subclass hierarchy as an SVG tree (one column per depth), drawn without script."""
    inherit, _ = _edges(model)
    parent = dict(inherit)
    depth: dict[str, int] = {}

    def level(name: str) -> int:
        if name not in depth:
            depth[name] = 0 if name not in parent else level(parent[name]) + 1
        return depth[name]

    order: list[str] = []

    def visit(name: str) -> None:
        order.append(name)
        for child in sorted(c for c, p in inherit if p == name):
            visit(child)

    for root in sorted(c.name for c in model.classes if c.name not in parent):
        visit(root)
    box_w, box_h, gap_x, gap_y = 170, 26, 40, 10
    pos = {name: (20 + level(name) * (box_w + gap_x), 20 + i * (box_h + gap_y))
           for i, name in enumerate(order)}
    width = 40 + (max(depth.values(), default=0) + 1) * (box_w + gap_x)
    height = 40 + len(order) * (box_h + gap_y)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="Class hierarchy of the Marsad ontology">']
    for sub, sup in inherit:
        (x1, y1), (x2, y2) = pos[sup], pos[sub]
        parts.append(f'<path d="M{x1 + 12},{y1 + box_h} V{y2 + box_h / 2} H{x2}" '
                     f'fill="none" stroke="#777"/>')
    for name, (x, y) in pos.items():
        parts.append(f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="4" '
                     f'fill="#eef4fb" stroke="#3465a4"/>')
        anchor = html.escape(name.split(":", 1)[1])
        parts.append(f'<text x="{x + 8}" y="{y + 17}" font-size="13" font-family="sans-serif">'
                     f'<a href="#{anchor}">{html.escape(name)}</a></text>')
    parts.append("</svg>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- Markdown


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(g: Graph) -> str:
    """The ontology as Markdown: metadata, IRI policy, class diagram, one table per kind."""
    m = _model(g)
    out = [
        f"# {m.title} {m.version}",
        "",
        "<!-- Generated by `python -m kg.docs` from ontology/*.ttl: do not edit by hand. -->",
        "",
        f"Namespace `marsad:` = `{_NS}`; action types `act:` = "
        "`https://w3id.org/marsad/action-type/`. Licence: MIT. The same page as HTML: "
        "`ontology/docs/index.html` (served by `kg serve`).",
        "",
        "## IRIs and links",
        "",
        m.comment,
        "",
        "## Class diagram",
        "",
        _mermaid(m),
        "",
        "## Classes",
        "",
        _md_table(["class", "English", "العربية", "subclass of", "definition"],
                  ([c.name, c.label_en, c.label_ar, ", ".join(c.parents), c.definition_en]
                   for c in m.classes)),
        "",
        "## Object properties",
        "",
        _md_table(["property", "English", "العربية", "domain", "range", "definition"],
                  ([p.name, p.label_en, p.label_ar, " or ".join(p.domain), " or ".join(p.range),
                    p.definition_en] for p in m.object_properties)),
        "",
        "## Datatype properties",
        "",
        _md_table(["property", "English", "العربية", "domain", "range", "definition"],
                  ([p.name, p.label_en, p.label_ar, " or ".join(p.domain), " or ".join(p.range),
                    p.definition_en] for p in m.datatype_properties)),
        "",
        "## Statuses and stances",
        "",
        _md_table(["individual", "type", "English", "العربية", "definition"],
                  ([i.name, i.extra, i.label_en, i.label_ar, i.definition_en]
                   for i in m.individuals)),
        "",
        "## Action types (SKOS scheme `https://w3id.org/marsad/action-type`)",
        "",
        _md_table(["concept", "English", "العربية", "CAMEO", "definition"],
                  ([a.name, a.label_en, a.label_ar, a.extra, a.definition_en]
                   for a in m.action_types)),
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- HTML


def _html_table(header: list[str], rows: Iterable[tuple[str, list[str]]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = []
    for anchor, row in rows:
        cells = "".join(f"<td>{html.escape(c)}</td>" for c in row)
        body.append(f'<tr id="{html.escape(anchor)}">{cells}</tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _anchor(t: Term) -> str:
    return t.name.split(":", 1)[1]


def render_html(g: Graph) -> str:
    """The ontology as one self-contained HTML page with an SVG class hierarchy."""
    m = _model(g)
    esc = html.escape

    def prop_rows(props: list[Term]) -> Iterable[tuple[str, list[str]]]:
        return ((_anchor(p), [p.name, p.label_en, p.label_ar, " or ".join(p.domain),
                              " or ".join(p.range), p.definition_en]) for p in props)

    sections = [
        f"<h1>{esc(m.title)} {esc(m.version)}</h1>",
        f"<p>Namespace <code>marsad:</code> = <code>{esc(_NS)}</code>. Licence: MIT. "
        "Generated from <code>ontology/*.ttl</code> by <code>python -m kg.docs</code>.</p>",
        "<h2>IRIs and links</h2>",
        "".join(f"<p>{esc(par)}</p>" for par in m.comment.split("\n\n")),
        "<h2>Class hierarchy</h2>", _svg(m),
        "<h2>Classes</h2>",
        _html_table(["class", "English", "العربية", "subclass of", "definition"],
                    ((_anchor(c), [c.name, c.label_en, c.label_ar, ", ".join(c.parents),
                                   c.definition_en]) for c in m.classes)),
        "<h2>Object properties</h2>",
        _html_table(["property", "English", "العربية", "domain", "range", "definition"],
                    prop_rows(m.object_properties)),
        "<h2>Datatype properties</h2>",
        _html_table(["property", "English", "العربية", "domain", "range", "definition"],
                    prop_rows(m.datatype_properties)),
        "<h2>Statuses and stances</h2>",
        _html_table(["individual", "type", "English", "العربية", "definition"],
                    ((_anchor(i), [i.name, i.extra, i.label_en, i.label_ar, i.definition_en])
                     for i in m.individuals)),
        "<h2>Action types</h2>",
        _html_table(["concept", "English", "العربية", "CAMEO", "definition"],
                    ((_anchor(a), [a.name, a.label_en, a.label_ar, a.extra, a.definition_en])
                     for a in m.action_types)),
    ]
    style = ("body{font-family:sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem}"
             "table{border-collapse:collapse;width:100%;margin-bottom:2rem}"
             "td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:start}"
             "tr:target{background:#fff6d5}code{background:#f4f4f4}")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{esc(m.title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
            + "\n".join(sections) + "\n</body>\n</html>\n")


def write_docs(g: Graph | None = None) -> list[Path]:
    """Regenerate ``ontology/README.md`` and ``ontology/docs/index.html``."""
    from kg.validate import load_ontology

    g = g if g is not None else load_ontology()
    HTML_PATH.parent.mkdir(parents=True, exist_ok=True)
    README_PATH.write_text(render_markdown(g), encoding="utf-8")
    HTML_PATH.write_text(render_html(g), encoding="utf-8")
    return [README_PATH, HTML_PATH]


def main() -> None:
    for path in write_docs():
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
