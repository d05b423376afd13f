"""Writers for the network formats of Gephi, Cytoscape, GIS tools and spreadsheets.

Each writer takes a ``Network`` and returns bytes (CSV returns two files). XML is built
with ElementTree, so labels from articles are always escaped.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any

from kg.export.network import Edge, Network, Node

__all__ = ["to_gexf", "to_graphml", "to_cytoscape", "to_geojson", "to_csv", "FORMATS"]

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

_NODE_ATTRS = [  # name, GEXF/GraphML type
    ("kind", "string"), ("label_ar", "string"), ("label_en", "string"),
    ("wikidata", "string"), ("lat", "double"), ("long", "double"), ("date", "string"),
    ("action_type", "string"), ("status", "string"), ("stance", "string"),
]
_EDGE_ATTRS = [("type", "string"), ("event", "string"), ("date", "string")]


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def _edge_values(e: Edge) -> dict[str, str]:
    return {"type": e.type, "event": e.event, "date": e.date}


def to_gexf(net: Network) -> bytes:
    """GEXF 1.3 for Gephi, with node and edge time intervals for its timeline."""
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {
        "version": "1.3",
        f"{{{XSI}}}schemaLocation": f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd",
    })
    meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta")
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "Marsad"
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = \
        "Actors, places, meetings, military actions and claims from Arabic news"
    graph = ET.SubElement(root, f"{{{GEXF_NS}}}graph", {
        "defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"})
    for cls, declared in (("node", _NODE_ATTRS), ("edge", _EDGE_ATTRS)):
        el = ET.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": "static"})
        for i, (name, typ) in enumerate(declared):
            ET.SubElement(el, f"{{{GEXF_NS}}}attribute",
                          {"id": f"{cls[0]}{i}", "title": name, "type": typ})
    nodes = ET.SubElement(graph, f"{{{GEXF_NS}}}nodes")
    for n in net.nodes.values():
        attrs = {"id": n.id, "label": n.label}
        if n.interval:
            attrs["start"], attrs["end"] = n.interval
        el = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", attrs)
        values = ET.SubElement(el, f"{{{GEXF_NS}}}attvalues")
        for i, (name, _) in enumerate(_NODE_ATTRS):
            v = n.attributes()[name]
            if v not in (None, ""):
                ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": f"n{i}", "value": str(v)})
    edges = ET.SubElement(graph, f"{{{GEXF_NS}}}edges")
    for k, e in enumerate(net.edges):
        attrs = {"id": f"e{k}", "source": e.source, "target": e.target, "label": e.type}
        bounds = net.nodes[e.event].interval if e.event in net.nodes else None
        if bounds:
            attrs["start"], attrs["end"] = bounds
        el = ET.SubElement(edges, f"{{{GEXF_NS}}}edge", attrs)
        values = ET.SubElement(el, f"{{{GEXF_NS}}}attvalues")
        for i, (name, _) in enumerate(_EDGE_ATTRS):
            v = _edge_values(e)[name]
            if v:
                ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": f"e{i}", "value": v})
    return _xml(root)


def to_graphml(net: Network) -> bytes:
    """GraphML 1.0 for Cytoscape desktop, yEd and networkx.

    The GraphML schema types node ids (and edge ``source``/``target``) as ``xs:NMTOKEN``,
    which cannot hold the ``/`` of an IRI, so nodes are numbered ``n0, n1, …`` in the
    order they are written (as yEd and igraph do) and each node's IRI is kept in its
    ``iri`` data value.
    """
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml", {
        f"{{{XSI}}}schemaLocation":
            f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    node_keys = [("iri", "string"), *_NODE_ATTRS, ("label", "string"), ("start", "string"),
                 ("end", "string")]
    for cls, attrs in (("node", node_keys), ("edge", _EDGE_ATTRS)):
        for name, typ in attrs:
            ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {
                "id": f"{cls}_{name}", "for": cls, "attr.name": name, "attr.type": typ})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph",
                          {"id": "marsad", "edgedefault": "directed"})
    ids = {iri: f"n{i}" for i, iri in enumerate(net.nodes)}
    for n in net.nodes.values():
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": ids[n.id]})
        values = dict(n.attributes(), iri=n.id, label=n.label)
        for name, _ in node_keys:
            v = values[name]
            if v not in (None, ""):
                ET.SubElement(el, f"{{{GRAPHML_NS}}}data", {"key": f"node_{name}"}).text = str(v)
    for k, e in enumerate(net.edges):
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge",
                           {"id": f"e{k}", "source": ids[e.source], "target": ids[e.target]})
        for name, v in _edge_values(e).items():
            if v:
                ET.SubElement(el, f"{{{GRAPHML_NS}}}data", {"key": f"edge_{name}"}).text = v
    return _xml(root)


def cytoscape_elements(net: Network) -> dict[str, Any]:
    """Cytoscape.js elements: ``{"nodes": [{"data": …}], "edges": [{"data": …}]}``."""
    nodes = [{"data": {"id": n.id, "label": n.label,
                       **{k: v for k, v in n.attributes().items() if v not in (None, "")}}}
             for n in net.nodes.values()]
    edges = [{"data": {"id": f"e{k}", "source": e.source, "target": e.target,
                       **{k2: v for k2, v in _edge_values(e).items() if v}}}
             for k, e in enumerate(net.edges)]
    return {"nodes": nodes, "edges": edges}


def to_cytoscape(net: Network) -> bytes:
    """Cytoscape.js JSON (also read by Cytoscape desktop's JSON import)."""
    doc = {"format_version": "1.0", "generated_by": "Marsad", "elements": cytoscape_elements(net)}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def to_geojson(net: Network) -> bytes:
    """GeoJSON: one Point feature per place with coordinates, listing its events."""
    events: dict[str, list[Node]] = defaultdict(list)
    for e in net.edges:
        if e.type == "place" and e.source in net.nodes:
            events[e.target].append(net.nodes[e.source])
    features = []
    for n in net.nodes.values():
        if n.kind != "Place" or n.lat is None or n.long is None:
            continue
        features.append({
            "type": "Feature",
            "id": n.id,
            "geometry": {"type": "Point", "coordinates": [n.long, n.lat]},
            "properties": {
                "label_ar": n.label_ar, "label_en": n.label_en, "wikidata": n.wikidata or None,
                "events": [{"id": ev.id, "kind": ev.kind, "action_type": ev.action_type or None,
                            "status": ev.status or None, "date": ev.date or None}
                           for ev in sorted(events.get(n.id, []), key=lambda x: (x.date, x.id))],
            },
        })
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def to_csv(net: Network) -> tuple[bytes, bytes]:
    """Node and edge lists, UTF-8 with a header row (Gephi's spreadsheet import reads them)."""
    nodes_io, edges_io = io.StringIO(), io.StringIO()
    cols = ["id", "label"] + [name for name, _ in _NODE_ATTRS] + ["start", "end"]
    w = csv.writer(nodes_io)
    w.writerow(cols)
    for n in net.nodes.values():
        values = dict(n.attributes(), id=n.id, label=n.label)
        w.writerow(["" if values[c] is None else values[c] for c in cols])
    w = csv.writer(edges_io)
    w.writerow(["id", "source", "target", "type", "event", "date"])
    for k, e in enumerate(net.edges):
        w.writerow([f"e{k}", e.source, e.target, e.type, e.event, e.date])
    return nodes_io.getvalue().encode("utf-8"), edges_io.getvalue().encode("utf-8")


FORMATS = {
    "gexf": ("application/gexf+xml", to_gexf),
    "graphml": ("application/graphml+xml", to_graphml),
    "cytoscape": ("application/json", to_cytoscape),
    "geojson": ("application/geo+json", to_geojson),
}
