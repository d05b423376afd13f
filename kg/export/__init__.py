"""Exports of the knowledge graph for visualisation tools: GEXF (Gephi), GraphML,
Cytoscape.js JSON, GeoJSON and CSV node/edge lists, of the whole graph or a part of it."""

from kg.export.network import Edge, Network, Node, load_network
from kg.export.writers import FORMATS, to_csv, to_cytoscape, to_geojson, to_gexf, to_graphml

__all__ = ["Edge", "Network", "Node", "load_network", "FORMATS", "to_csv", "to_cytoscape",
           "to_geojson", "to_gexf", "to_graphml", "select"]


def select(net: Network, around: str | None = None, depth: int = 1, start: str | None = None,
           end: str | None = None, articles: list[str] | None = None) -> Network:
    """Cut ``net`` to an entity's neighbourhood, a time window and/or a set of articles."""
    if articles:
        net = net.of_articles(articles)
    if start or end:
        net = net.between(start, end)
    if around:
        net = net.around(around, depth)
    return net
