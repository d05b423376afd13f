"""Every IRI Marsad writes, defined once.

Code writes ``MARSAD.MilitaryAction`` or ``entity_iri(ref)``, never a string IRI, so that
the ontology in ``ontology/marsad.ttl`` and the data can not drift apart (a test checks
that every ``MARSAD`` term below is declared there).

IRI policy (documented for researchers in ``ontology/README.md``):

- ``ID.article/{id}`` a news article (``marsad:Source``); ``ID.graph/{id}`` its named graph.
- ``ID.entity/Q123`` an actor or place linked to Wikidata; ``ID.entity/{gazetteer id}`` a
  gazetteer entry without a QID; ``ID.entity/{Type}/{sha1(normalised name)[:16]}`` an
  entity found only in text. All three are stable across builds.
- ``ID.event/{hash}``: the hash of the coreference key when event coreference set one
  (so every article reporting the same event names the same IRI), else of the event's
  content (article, kind, type, participants, date, evidence).
- ``ID.claim/{hash}`` of (article id, start, end, claimant key, stance).
- ``ID.evidence/{article}/{start}-{end}`` a span of the article's original text.

Example::

    >>> str(article_iri("000_cca04ae43eaeca51"))
    'https://w3id.org/marsad/id/article/000_cca04ae43eaeca51'
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from kg.records import Claim, EntityRef, Meeting, MilitaryAction
from kg.text.arabic import normalize

__all__ = [
    "MARSAD", "ACT", "ID", "WD", "SEM", "OA", "GEO", "SCHEMA",
    "ONTOLOGY_IRI", "ONTOLOGY_GRAPH", "GAZETTEER_GRAPH", "ACTION_TYPE_SCHEME",
    "article_iri", "graph_iri", "entity_iri", "entity_iri_for_key", "event_iri", "claim_iri",
    "evidence_iri", "publisher_iri", "build_iri", "input_iri", "software_iri", "wikidata_iri",
    "is_wikidata_qid",
]


class MARSAD(DefinedNamespace):
    """The Marsad ontology: ``https://w3id.org/marsad/ontology#`` (see ontology/marsad.ttl)."""

    _NS = Namespace("https://w3id.org/marsad/ontology#")
    _fail = True

    # classes
    Source: URIRef
    Publisher: URIRef
    Entity: URIRef
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    State: URIRef
    ArmedGroup: URIRef
    Place: URIRef
    Event: URIRef
    Meeting: URIRef
    MilitaryAction: URIRef
    Claim: URIRef
    Evidence: URIRef
    Status: URIRef
    Stance: URIRef
    Build: URIRef
    InputFile: URIRef
    Tenure: URIRef
    # object properties
    publisher: URIRef
    mentions: URIRef
    participant: URIRef
    attendee: URIRef
    agent: URIRef
    target: URIRef
    place: URIRef
    actionType: URIRef
    status: URIRef
    claimant: URIRef
    stance: URIRef
    about: URIRef
    innerSource: URIRef
    reportedIn: URIRef
    evidence: URIRef
    refersTo: URIRef
    inSource: URIRef
    affiliation: URIRef
    holds: URIRef
    # derived network edges (queries/viz/ CONSTRUCTs; never stored)
    met: URIRef
    actedOn: URIRef
    actedOnAlleged: URIRef
    officeOf: URIRef
    # datatype properties
    articleId: URIRef
    title: URIRef
    published: URIRef
    language: URIRef
    contentHash: URIRef
    charLength: URIRef
    sourceUrl: URIRef
    byline: URIRef
    sourcePath: URIRef
    date: URIRef
    casualties: URIRef
    cameoCode: URIRef
    topic: URIRef
    anonymousSource: URIRef
    claimText: URIRef
    sentenceIndex: URIRef
    startOffset: URIRef
    endOffset: URIRef
    evidenceText: URIRef
    extractionRule: URIRef
    confidence: URIRef
    role: URIRef
    affiliationName: URIRef
    softwareVersion: URIRef
    pipelineFingerprint: URIRef
    office: URIRef
    startDate: URIRef
    endDate: URIRef
    # individuals: statuses and stances
    occurred: URIRef
    alleged: URIRef
    offered: URIRef
    planned: URIRef
    asserts: URIRef
    denies: URIRef
    accuses: URIRef


class ACT(DefinedNamespace):
    """The action-type concepts (ontology/action-types.ttl), local names = ``ActionType``."""

    _NS = Namespace("https://w3id.org/marsad/action-type/")
    _fail = True

    airstrike: URIRef
    ground_offensive: URIRef
    armed_attack: URIRef
    bombing: URIRef
    execution: URIRef
    military_training: URIRef
    arms_supply: URIRef
    logistic_support: URIRef
    intelligence_sharing: URIRef
    border_security: URIRef


ID = Namespace("https://w3id.org/marsad/id/")
WD = Namespace("http://www.wikidata.org/entity/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
# The W3C Basic Geo vocabulary. rdflib's ``WGS`` spells it with https, which is not the
# IRI the W3C publishes and query writers use.
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
SCHEMA = Namespace("https://schema.org/")

ONTOLOGY_IRI = URIRef("https://w3id.org/marsad/ontology")
ONTOLOGY_GRAPH = URIRef("https://w3id.org/marsad/graph/ontology")
GAZETTEER_GRAPH = URIRef("https://w3id.org/marsad/graph/gazetteer")
ACTION_TYPE_SCHEME = URIRef("https://w3id.org/marsad/action-type")

_QID = re.compile(r"Q[1-9][0-9]*")


def _sha1(*parts: object) -> str:
    """A short stable digest of ``parts`` (joined with a separator no part contains)."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _segment(text: str) -> str:
    """One IRI path segment: unreserved characters kept, everything else percent-encoded."""
    return quote(text, safe="-._~")


def is_wikidata_qid(qid: str | None) -> bool:
    """True for a well-formed Wikidata item id such as ``Q79``."""
    return bool(qid) and _QID.fullmatch(qid or "") is not None


def wikidata_iri(qid: str) -> URIRef:
    """``http://www.wikidata.org/entity/Q79`` for ``Q79``; a malformed id is a ValueError."""
    if not is_wikidata_qid(qid):
        raise ValueError(f"not a Wikidata item id: {qid!r} (expected Q followed by digits)")
    return WD[qid]


def article_iri(article_id: str) -> URIRef:
    """The news article as a ``marsad:Source``."""
    return ID[f"article/{_segment(article_id)}"]


def graph_iri(article_id: str) -> URIRef:
    """The named graph holding everything extracted from one article."""
    return ID[f"graph/{_segment(article_id)}"]


def entity_iri_for_key(key: str, type_: str, label: str, qid: str | None = None) -> URIRef:
    """The IRI of an actor or place from its parts; see ``entity_iri``.

    ``key`` is a gazetteer id or ``new:<Type>:<normalised name>``; for a new entity the
    name hashed is the key's name part (normalised again, so spelling variants agree), or
    the label when the key has none.
    """
    if qid and is_wikidata_qid(qid):
        return ID[f"entity/{qid}"]
    if key.startswith("new:"):
        parts = key.split(":", 2)
        name = parts[2] if len(parts) == 3 and parts[2] else label
        return ID[f"entity/{_segment(type_)}/{_sha1(normalize(name))}"]
    return ID[f"entity/{_segment(key)}"]


def entity_iri(ref: EntityRef) -> URIRef:
    """The IRI of an actor or place, stable across builds and articles.

    >>> str(entity_iri(EntityRef(key="egypt", type="State", label_ar="مصر", qid="Q79")))
    'https://w3id.org/marsad/id/entity/Q79'
    """
    return entity_iri_for_key(ref.key, ref.type, ref.label_ar, ref.qid)


def _date_key(item: Meeting | MilitaryAction) -> str:
    return item.date.iso() if item.date else ""


def event_iri(item: Meeting | MilitaryAction, article_id: str) -> URIRef:
    """The IRI of a meeting or military action.

    With a coreference ``key`` every article reporting the event shares the IRI; without
    one the IRI hashes the article id and the event's content, so it is stable across
    builds and distinct from every other event of the article.
    """
    if item.key:
        return ID[f"event/{_sha1('key', item.key)}"]
    evidence = sorted((e.start, e.end) for e in item.evidence)
    if isinstance(item, Meeting):
        who = sorted(str(entity_iri(r)) for r in item.participants)
        content: tuple[object, ...] = ("meeting", who, _date_key(item))
    else:
        who = sorted(str(entity_iri(r)) for r in item.agents + item.targets)
        content = ("action", item.type, item.status, who, _date_key(item))
    return ID[f"event/{_sha1(article_id, *content, evidence)}"]


def _claimant_key(claim: Claim) -> str:
    if claim.claimant is not None:
        return str(entity_iri(claim.claimant))
    return f"anonymous:{normalize(claim.anonymous_description or '')}"


def claim_iri(claim: Claim) -> URIRef:
    """The IRI of a claim: a hash of (article, evidence span, claimant, stance)."""
    ev = claim.evidence
    return ID[f"claim/{_sha1(ev.article_id, ev.start, ev.end, _claimant_key(claim), claim.stance)}"]


def evidence_iri(article_id: str, start: int, end: int) -> URIRef:
    """A span ``[start, end)`` of an article's original text."""
    return ID[f"evidence/{_segment(article_id)}/{start}-{end}"]


def publisher_iri(name: str) -> URIRef:
    """A publisher by its normalised name, so every article of one outlet shares it."""
    return ID[f"publisher/{_sha1(normalize(name))}"]


def build_iri(build_id: str) -> URIRef:
    """One run of ``kg build`` (a ``prov:Activity``)."""
    return ID[f"build/{_segment(build_id)}"]


def input_iri(article_id: str) -> URIRef:
    """The input file (or JSONL record) an article was read from."""
    return ID[f"input/{_segment(article_id)}"]


def software_iri(version: str) -> URIRef:
    """Marsad itself at one version, the ``prov:SoftwareAgent`` of every build."""
    return ID[f"software/marsad/{_segment(version)}"]
