"""One article's extraction as RDF: the content of the article's named graph.

What the graph holds (see ontology/README.md for the picture):

- the Source (``article/{id}``) with its metadata, publisher and build provenance;
- every actor and place the article names, described as the article knows it (type,
  labels, Wikidata link, coordinates, role), and ``marsad:mentions`` from the Source;
- one Evidence per mention, ``marsad:refersTo`` the entity;
- meetings, military actions and claims, each with its evidence spans, the rule that
  found it, a confidence and ``marsad:reportedIn`` the Source. Records that share an IRI
  (one event mentioned twice, same coreference key) are merged first (``_merge``).

Offsets are checked against the article text here, because an evidence span that does not
point at its text is worse than none: a researcher would quote the wrong words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

import kg
from kg.errors import MappingError
from kg.records import Article, Claim, EntityRef, Evidence, Extraction, Meeting, MilitaryAction
from kg.vocab import (
    ACT,
    GEO,
    MARSAD,
    article_iri,
    build_iri,
    claim_iri,
    entity_iri,
    event_iri,
    evidence_iri,
    input_iri,
    publisher_iri,
    software_iri,
    wikidata_iri,
)
from mappings._gazetteer import gazetteer_ref
from mappings._literals import (
    date_literal,
    datetime_literal,
    decimal_literal,
    script_language,
    text_literal,
)
from mappings._merge import merge_actions, merge_by_iri, merge_claims, merge_meetings
from mappings._namespaces import bind_prefixes

__all__ = ["article_graph"]


def article_graph(extraction: Extraction, build: Mapping[str, Any] | None = None) -> Graph:
    """The RDF graph of one article's extraction (to be stored as ``graph_iri(article.id)``).

    ``build`` describes the run that produced it (``version``, ``started`` ISO time,
    ``fingerprint``, ``id``; all optional); without it the graph names an unrecorded
    build of the installed version, so that the output depends on the input only.

    Raises ``MappingError`` when an evidence span does not lie inside the article or does
    not match its text, or a claim points at an event the extraction does not have.
    """
    mapper = _ArticleMapper(extraction.article, _refs_by_key(extraction))
    mapper.source(build or {})
    for mention in extraction.mentions:
        mapper.mention(mention.entity, mention.start, mention.end, mention.sentence,
                       mention.rule, mention.confidence)
    aid = extraction.article.id
    meetings, meeting_iris = merge_by_iri(
        extraction.meetings, lambda m: event_iri(m, aid), merge_meetings)
    actions, action_iris = merge_by_iri(
        extraction.actions, lambda a: event_iri(a, aid), merge_actions)
    claims, _ = merge_by_iri(extraction.claims, claim_iri, merge_claims)
    for iri, meeting in meetings:
        mapper.meeting(iri, meeting)
    for iri, action in actions:
        mapper.action(iri, action)
    for iri, claim in claims:
        mapper.claim(iri, claim, meeting_iris, action_iris)
    return mapper.graph


def _refs_by_key(extraction: Extraction) -> dict[str, EntityRef]:
    """Every entity the extraction names, by key and by QID (first ref wins)."""
    refs: list[EntityRef] = [m.entity for m in extraction.mentions]
    for m in extraction.meetings:
        refs += m.participants + m.attendees + ([m.place] if m.place else [])
    for a in extraction.actions:
        refs += a.agents + a.targets + a.places
    for c in extraction.claims:
        refs += [r for r in (c.claimant, c.inner_source) if r is not None] + c.about
    known: dict[str, EntityRef] = {}
    for ref in refs:
        known.setdefault(ref.key, ref)
        if ref.qid:
            known.setdefault(ref.qid, ref)
    return known


class _ArticleMapper:
    """Accumulates one article's triples; entities are described once however often named."""

    def __init__(self, article: Article, known: dict[str, EntityRef]) -> None:
        self.article = article
        self.known = known
        self.lang = article.meta.language or "ar"
        self.graph = bind_prefixes(Graph())
        self.src = article_iri(article.id)
        self._entities: dict[URIRef, EntityRef] = {}
        self._labels: dict[URIRef, set[str]] = {}

    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        self.graph.add((s, p, o))

    # ------------------------------------------------------------------ source

    def source(self, build: Mapping[str, Any]) -> None:
        art, meta, s = self.article, self.article.meta, self.src
        self.add(s, RDF.type, MARSAD.Source)
        self.add(s, MARSAD.articleId, Literal(art.id))
        self.add(s, MARSAD.language, Literal(self.lang, datatype=XSD.language))
        self.add(s, MARSAD.contentHash, Literal(art.content_hash))
        self.add(s, MARSAD.charLength, Literal(len(art.original)))
        if meta.title:
            title_lang = script_language(meta.title, self.lang)
            self.add(s, MARSAD.title, Literal(meta.title, lang=title_lang))
        if meta.published:
            self.add(s, MARSAD.published, date_literal(meta.published))
        if meta.publisher:
            pub = publisher_iri(meta.publisher)
            self.add(s, MARSAD.publisher, pub)
            self.add(pub, RDF.type, MARSAD.Publisher)
            self.add(pub, RDFS.label, text_literal(meta.publisher, self.lang))
        if meta.url:
            self.add(s, MARSAD.sourceUrl, Literal(meta.url, datatype=XSD.anyURI))
        if meta.author:
            self.add(s, MARSAD.byline, Literal(meta.author))
        self._provenance(build)

    def _provenance(self, build: Mapping[str, Any]) -> None:
        """PROV-O: the build activity generated the Source from its input file."""
        version = str(build.get("version") or kg.__version__)
        activity = build_iri(str(build.get("id") or f"unrecorded-{version}"))
        software = software_iri(version)
        source_file = input_iri(self.article.id)
        self.add(self.src, PROV.wasGeneratedBy, activity)
        self.add(self.src, PROV.wasDerivedFrom, source_file)
        self.add(source_file, RDF.type, MARSAD.InputFile)
        self.add(source_file, MARSAD.sourcePath, Literal(self.article.source_path))
        self.add(activity, RDF.type, MARSAD.Build)
        self.add(activity, PROV.used, source_file)
        self.add(activity, PROV.wasAssociatedWith, software)
        self.add(activity, MARSAD.softwareVersion, Literal(version))
        if build.get("started"):
            self.add(activity, PROV.startedAtTime, datetime_literal(build["started"]))
        if build.get("fingerprint"):
            self.add(activity, MARSAD.pipelineFingerprint, Literal(str(build["fingerprint"])))
        self.add(software, RDF.type, PROV.SoftwareAgent)
        self.add(software, RDFS.label, Literal(f"Marsad {version}", lang="en"))
        self.add(software, MARSAD.softwareVersion, Literal(version))

    # ------------------------------------------------------------------ entities

    def entity(self, ref: EntityRef, mentioned: bool = True) -> URIRef:
        """Describe ``ref`` (once per IRI; later refs add aliases and roles) and return its IRI.

        ``mentioned=False`` for an entity only reached through another's affiliation: it is
        described (so the link has a typed, labelled target) but the Source does not
        ``marsad:mentions`` it, because the article does not name it.
        """
        iri = entity_iri(ref)
        first = self._entities.setdefault(iri, ref)
        labels = self._labels.setdefault(iri, set())
        if first is ref and not labels:
            # The first ref decides type and preferred labels: one entity, one type per
            # article, one rdfs:label per language.
            self.add(iri, RDF.type, MARSAD[ref.type])
            self.add(iri, RDFS.label, Literal(ref.label_ar, lang="ar"))
            if ref.label_en:
                self.add(iri, RDFS.label, Literal(ref.label_en, lang="en"))
            if ref.qid:
                self.add(iri, SKOS.exactMatch, wikidata_iri(ref.qid))
            if ref.lat is not None and ref.long is not None:
                self.add(iri, GEO.lat, decimal_literal(ref.lat, 6))
                self.add(iri, GEO.long, decimal_literal(ref.long, 6))
        elif ref.label_ar not in labels and ref.label_ar != first.label_ar:
            self.add(iri, SKOS.altLabel, Literal(ref.label_ar, lang="ar"))
        labels.add(ref.label_ar)
        if mentioned:
            self.add(self.src, MARSAD.mentions, iri)
        if ref.role:
            self.add(iri, MARSAD.role, text_literal(ref.role, self.lang))
        if ref.affiliation:
            # An affiliation is a key: an entity of this article first, else the gazetteer's.
            org = self.known.get(ref.affiliation) or gazetteer_ref(ref.affiliation)
            if org is not None and entity_iri(org) != iri:
                self.add(iri, MARSAD.affiliation, self.entity(org, mentioned=False))
            else:
                self.add(iri, MARSAD.affiliationName, text_literal(ref.affiliation, self.lang))
        return iri

    def entities(self, refs: Iterable[EntityRef]) -> list[URIRef]:
        return [self.entity(r) for r in refs]

    # ------------------------------------------------------------------ evidence

    def evidence(self, start: int, end: int, sentence: int, text: str | None = None) -> URIRef:
        """The Evidence node of a span, after checking it against the article text."""
        original = self.article.original
        where = f"article {self.article.id!r}, span {start}-{end}"
        if not 0 <= start < end <= len(original):
            raise MappingError(f"{where}: outside the article's {len(original)} characters; "
                               "offsets must index Article.original")
        quote = original[start:end]
        if text is not None and text != quote:
            raise MappingError(f"{where}: evidence text {text!r} differs from the article's "
                               f"{quote!r}; extractors must copy original[start:end]")
        iri = evidence_iri(self.article.id, start, end)
        self.add(iri, RDF.type, MARSAD.Evidence)
        self.add(iri, MARSAD.inSource, self.src)
        self.add(iri, MARSAD.sentenceIndex, Literal(sentence))
        self.add(iri, MARSAD.startOffset, Literal(start))
        self.add(iri, MARSAD.endOffset, Literal(end))
        self.add(iri, MARSAD.evidenceText, Literal(quote))
        return iri

    def _check_article(self, ev: Evidence) -> None:
        if ev.article_id != self.article.id:
            raise MappingError(f"article {self.article.id!r}: evidence from another article "
                               f"({ev.article_id!r}, span {ev.start}-{ev.end})")

    def provenance(self, item: URIRef, evidence: Iterable[Evidence], rule: str,
                   confidence: float) -> None:
        """Evidence spans, rule, confidence and reportedIn: what every extracted item carries."""
        for ev in evidence:
            self._check_article(ev)
            self.add(item, MARSAD.evidence, self.evidence(ev.start, ev.end, ev.sentence, ev.text))
        self.add(item, MARSAD.extractionRule, Literal(rule))
        self.add(item, MARSAD.confidence, decimal_literal(confidence))
        self.add(item, MARSAD.reportedIn, self.src)

    # ------------------------------------------------------------------ items

    def mention(self, ref: EntityRef, start: int, end: int, sentence: int, rule: str,
                confidence: float) -> None:
        iri = self.entity(ref)
        ev = self.evidence(start, end, sentence)
        self.add(ev, MARSAD.refersTo, iri)
        self.add(ev, MARSAD.extractionRule, Literal(rule))
        self.add(ev, MARSAD.confidence, decimal_literal(confidence))

    def meeting(self, iri: URIRef, m: Meeting) -> None:
        self.add(iri, RDF.type, MARSAD.Meeting)
        for who in self.entities(m.participants):
            self.add(iri, MARSAD.participant, who)
        for who in self.entities(m.attendees):
            self.add(iri, MARSAD.attendee, who)
        if m.place is not None:
            self.add(iri, MARSAD.place, self.entity(m.place))
        if m.date is not None:
            self.add(iri, MARSAD.date, date_literal(m.date))
        for topic in m.topics:
            self.add(iri, MARSAD.topic, text_literal(topic, self.lang))
        self.provenance(iri, m.evidence, m.rule, m.confidence)

    def action(self, iri: URIRef, a: MilitaryAction) -> None:
        self.add(iri, RDF.type, MARSAD.MilitaryAction)
        self.add(iri, MARSAD.actionType, ACT[a.type])
        self.add(iri, MARSAD.status, MARSAD[a.status])
        for who in self.entities(a.agents):
            self.add(iri, MARSAD.agent, who)
        for what in self.entities(a.targets):
            self.add(iri, MARSAD.target, what)
        for where in self.entities(a.places):
            self.add(iri, MARSAD.place, where)
        if a.date is not None:
            self.add(iri, MARSAD.date, date_literal(a.date))
        if a.casualties is not None:
            self.add(iri, MARSAD.casualties, Literal(a.casualties))
        if a.cameo:
            self.add(iri, MARSAD.cameoCode, Literal(a.cameo))
        self.provenance(iri, a.evidence, a.rule, a.confidence)

    def claim(self, iri: URIRef, c: Claim, meetings: list[URIRef],
              actions: list[URIRef]) -> None:
        self.add(iri, RDF.type, MARSAD.Claim)
        self.add(iri, MARSAD.stance, MARSAD[c.stance])
        self.add(iri, MARSAD.claimText, Literal(c.text, lang=script_language(c.text, self.lang)))
        if c.claimant is not None:
            self.add(iri, MARSAD.claimant, self.entity(c.claimant))
        if c.anonymous_description:
            self.add(iri, MARSAD.anonymousSource, text_literal(c.anonymous_description, self.lang))
        if c.inner_source is not None:
            self.add(iri, MARSAD.innerSource, self.entity(c.inner_source))
        for what in self.entities(c.about):
            self.add(iri, MARSAD.about, what)
        for kind, indices, events in (("action", c.about_events, actions),
                                      ("meeting", c.about_meetings, meetings)):
            for i in indices:
                if not 0 <= i < len(events):
                    raise MappingError(f"article {self.article.id!r}: a claim is about {kind} "
                                       f"#{i}, but the extraction has {len(events)}")
                self.add(iri, MARSAD.about, events[i])
        self.provenance(iri, [c.evidence], c.rule, c.confidence)
