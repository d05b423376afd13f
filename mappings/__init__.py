"""Extracted records to RDF: one graph per article, and the gazetteer graph.

``article_graph(extraction, build=None)`` gives the content of the article's named graph;
``gazetteer_graph()`` every gazetteer entry. Both use only IRIs from ``kg.vocab``.
"""

from mappings._article import article_graph
from mappings._gazetteer import gazetteer_graph

__all__ = ["article_graph", "gazetteer_graph"]
