"""The knowledge graph as a network for visualisation tools, and the ways to cut it.

Nodes are the actors and places that articles mention, the meetings and military
actions, the claims and the articles themselves. Edges are typed:

- ``participant``, ``agent``, ``target``, ``place``: an actor or place's role in an event;
- ``met``: two participants of the same meeting (undirected in meaning, one edge a pair);
- ``acted_on``: an action's agent to its target;
- ``claimant`` and ``claimed_about``: who made a claim, and what it is about;
- ``mentioned_in`` and ``reported_in``: an entity or event to the article that names it.

Dates are kept as the ISO strings of the graph (``2015-02``), with the first and last day
they cover, so that a time window and GEXF's timeline treat month and year precision
honestly.
"""

from __future__ import annotations

import calendar
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

__all__ = ["Node", "Edge", "Network", "load_network", "date_bounds"]

_SPARQL = Path(__file__).parent / "sparql"
MARSAD = "https://w3id.org/marsad/ontology#"
# Entity kinds are never expanded through when walking a neighbourhood: every entity is
# two steps from every other one through the articles that mention both.
_NO_EXPANSION = {"Source"}


@cache
def _rq(name: str) -> str:
    return (_SPARQL / f"{name}.rq").read_text(encoding="utf-8")


def _local(iri: str | None) -> str:
    return (iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def date_bounds(iso: str | None) -> tuple[str, str] | None:
    """The first and last day an ISO date of any precision covers.

    >>> date_bounds("2015-02")
    ('2015-02-01', '2015-02-28')
    """
    if not iso:
        return None
    parts = iso[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        month = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        day = int(parts[2])
        return (f"{year:04d}-{month:02d}-{day:02d}",) * 2
    except (ValueError, IndexError):
        return None


@dataclass
class Node:
    id: str
    kind: str  # Person, Organization, State, ArmedGroup, Place, Meeting, MilitaryAction, Claim, Source
    label_ar: str = ""
    label_en: str = ""
    wikidata: str = ""
    lat: float | None = None
    long: float | None = None
    date: str = ""
    action_type: str = ""
    status: str = ""
    stance: str = ""

    @property
    def label(self) -> str:
        return self.label_ar or self.label_en or _local(self.id)

    @property
    def interval(self) -> tuple[str, str] | None:
        return date_bounds(self.date)

    def attributes(self) -> dict[str, Any]:
        """The attributes every export writes, in a fixed order, empty ones included."""
        start, end = self.interval or ("", "")
        return {
            "kind": self.kind, "label_ar": self.label_ar, "label_en": self.label_en,
            "wikidata": self.wikidata, "lat": self.lat, "long": self.long, "date": self.date,
            "start": start, "end": end, "action_type": self.action_type,
            "status": self.status, "stance": self.stance,
        }


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type: str
    event: str = ""
    date: str = ""

    @property
    def id(self) -> str:
        return f"{self.type}:{self.source}->{self.target}:{self.event}"


@dataclass
class Network:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def neighbours(self) -> dict[str, set[str]]:
        adj: dict[str, set[str]] = defaultdict(set)
        for e in self.edges:
            adj[e.source].add(e.target)
            adj[e.target].add(e.source)
        return adj

    def keep(self, ids: Iterable[str]) -> Network:
        """The sub-network on ``ids``: those nodes and the edges between them."""
        kept = {i for i in ids if i in self.nodes}
        return Network({i: self.nodes[i] for i in kept},
                       [e for e in self.edges if e.source in kept and e.target in kept])

    def around(self, iri: str, depth: int) -> Network:
        """The neighbourhood of ``iri`` up to ``depth`` steps (articles are leaves)."""
        if iri not in self.nodes:
            raise KeyError(iri)
        adj = self.neighbours()
        seen = {iri: 0}
        queue = deque([iri])
        while queue:
            cur = queue.popleft()
            if seen[cur] >= depth or (cur != iri and self.nodes[cur].kind in _NO_EXPANSION):
                continue
            for nxt in adj.get(cur, ()):
                if nxt not in seen:
                    seen[nxt] = seen[cur] + 1
                    queue.append(nxt)
        return self.keep(seen)

    def between(self, start: str | None, end: str | None) -> Network:
        """Events and claims whose date overlaps ``[start, end]``, with what they link.

        Entities and articles stay when something dated in the window links to them;
        undated events and claims are left out of a window.
        """
        lo, hi = start or "0000-01-01", end or "9999-12-31"
        dated = {"Meeting", "MilitaryAction", "Claim"}
        inside = set()
        for n in self.nodes.values():
            if n.kind in dated:
                b = n.interval
                if b and b[1] >= lo and b[0] <= hi:
                    inside.add(n.id)
        keep = set(inside)
        for e in self.edges:
            if e.source in inside:
                keep.add(e.target)
            if e.target in inside:
                keep.add(e.source)
            if e.event in inside:
                keep.update((e.source, e.target))
        return self.keep(keep)

    def of_articles(self, article_ids: Iterable[str]) -> Network:
        """What the given articles (by article id) report and mention."""
        wanted = {f"https://w3id.org/marsad/id/article/{a}" for a in article_ids}
        keep = set(wanted & self.nodes.keys())
        for e in self.edges:
            if e.type in {"mentioned_in", "reported_in"} and e.target in wanted:
                keep.add(e.source)
        for e in self.edges:  # the roles of the events those articles report
            if e.source in keep and self.nodes[e.source].kind in {"Meeting", "MilitaryAction", "Claim"}:
                keep.add(e.target)
        return self.keep(keep)


def _val(row: ox.QuerySolution, var: str) -> str:
    term = row[var]
    return "" if term is None else str(term.value)


def load_network(store: ox.Store) -> Network:
    """Read the whole network from ``store`` (queries over the union of all graphs)."""
    def run(name: str) -> Any:
        return store.query(_rq(name), use_default_graph_as_union=True)

    net = Network()
    for r in run("entities"):
        lat, long_ = _val(r, "lat"), _val(r, "long")
        net.nodes[_val(r, "node")] = Node(
            _val(r, "node"), _local(_val(r, "type")), _val(r, "labelAr"), _val(r, "labelEn"),
            _local(_val(r, "wikidata")), float(lat) if lat else None,
            float(long_) if long_ else None)
    for r in run("events"):
        net.nodes[_val(r, "node")] = Node(
            _val(r, "node"), _local(_val(r, "type")), date=_val(r, "date") or _val(r, "published"),
            action_type=_local(_val(r, "actionType")), status=_local(_val(r, "status")))
    for r in run("claims"):
        text = _val(r, "text")
        net.nodes[_val(r, "node")] = Node(
            _val(r, "node"), "Claim", label_ar=text[:80] + ("…" if len(text) > 80 else ""),
            date=_val(r, "published"), stance=_local(_val(r, "stance")))
    for r in run("sources"):
        net.nodes[_val(r, "node")] = Node(
            _val(r, "node"), "Source", label_ar=_val(r, "title") or _val(r, "articleId"),
            date=_val(r, "published"))

    edges: set[Edge] = set()
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in run("links"):
        a, role, b = _val(r, "from"), _val(r, "role"), _val(r, "to")
        if a not in net.nodes or b not in net.nodes:
            continue
        date = net.nodes[a].date
        if role in {"participant", "attendee", "agent"}:
            edges.add(Edge(b, a, "agent" if role == "agent" else "participant", a, date))
            roles[a]["agent" if role == "agent" else "participant"].append(b)
        elif role == "target":
            edges.add(Edge(a, b, "target", a, date))
            roles[a]["target"].append(b)
        elif role == "place":
            edges.add(Edge(a, b, "place", a, date))
        elif role == "claimant":
            edges.add(Edge(b, a, "claimant", a, date))
        elif role == "about":
            edges.add(Edge(a, b, "claimed_about", a, date))
        elif role == "mentions":
            edges.add(Edge(b, a, "mentioned_in", "", net.nodes[a].date))
        elif role == "reportedIn":
            edges.add(Edge(a, b, "reported_in", a, date))
    for event, rs in roles.items():
        date = net.nodes[event].date
        parts = sorted(set(rs["participant"]))
        for i, x in enumerate(parts):
            for y in parts[i + 1:]:
                edges.add(Edge(x, y, "met", event, date))
        for agent in set(rs["agent"]):
            for target in set(rs["target"]):
                if agent != target:
                    edges.add(Edge(agent, target, "acted_on", event, date))
    net.edges = sorted(edges, key=lambda e: (e.type, e.source, e.target, e.event))
    return net
