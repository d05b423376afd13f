"""The ontology is the contract researchers query against: bilingual, defined, aligned."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.records import ACTION_TYPES, ENTITY_TYPES, STANCES, STATUSES
from kg.validate import load_ontology
from kg.vocab import ACT, ACTION_TYPE_SCHEME, MARSAD, OA, ONTOLOGY_IRI, SCHEMA, SEM

PROV = URIRef("http://www.w3.org/ns/prov#")
# A plain Namespace: pytest's collector warns when it inspects rdflib's XSD class.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
CLASS_TYPES = (OWL.Class, RDFS.Class)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _declared(g: Graph, types: tuple[URIRef, ...], ns: str) -> set[URIRef]:
    return {s for t in types for s in g.subjects(RDF.type, t)
            if isinstance(s, URIRef) and str(s).startswith(ns)}


def _terms(g: Graph) -> set[URIRef]:
    """Every named class, property, individual and concept the two files define."""
    ns = str(MARSAD._NS)
    terms = _declared(g, CLASS_TYPES + PROPERTY_TYPES + (OWL.NamedIndividual,), ns)
    terms |= set(g.subjects(RDF.type, SKOS.Concept))
    terms.add(ACTION_TYPE_SCHEME)
    return terms


def test_every_term_has_arabic_and_english_labels_and_a_definition(onto: Graph) -> None:
    missing = []
    for term in sorted(_terms(onto)):
        langs = {lbl.language for lbl in onto.objects(term, RDFS.label)}
        defs = list(onto.objects(term, SKOS.definition)) + list(onto.objects(term, RDFS.comment))
        if not {"ar", "en"} <= langs or not defs:
            missing.append(f"{term} labels={sorted(filter(None, langs))} definitions={len(defs)}")
    assert not missing, "\n".join(missing)


def test_no_term_is_both_a_class_and_a_property(onto: Graph) -> None:
    classes = {s for t in CLASS_TYPES for s in onto.subjects(RDF.type, t)}
    properties = {s for t in PROPERTY_TYPES for s in onto.subjects(RDF.type, t)}
    assert not classes & properties


def test_vocab_and_ontology_declare_the_same_marsad_terms(onto: Graph) -> None:
    in_code = {MARSAD[name] for name in MARSAD.__annotations__}
    in_ontology = {t for t in _terms(onto) if str(t).startswith(str(MARSAD._NS))}
    assert in_code - in_ontology == set(), "used in kg/vocab.py but not declared in marsad.ttl"
    assert in_ontology - in_code == set(), "declared in marsad.ttl but missing from kg/vocab.py"


def test_brief_vocabulary_is_all_there(onto: Graph) -> None:
    """The names the brief fixes for every helper exist, with the right kind."""
    classes = ["Source", "Publisher", "Actor", "Person", "Organization", "State", "ArmedGroup",
               "Place", "Event", "Meeting", "MilitaryAction", "Claim", "Evidence"]
    properties = [
        "articleId", "title", "publisher", "published", "language", "contentHash",
        "charLength", "mentions", "participant", "attendee", "agent", "target", "place", "date",
        "actionType", "status", "casualties", "topic", "claimant", "anonymousSource", "stance",
        "claimText", "about", "innerSource", "reportedIn", "evidence", "refersTo", "inSource",
        "sentenceIndex", "startOffset", "endOffset", "evidenceText", "extractionRule",
        "confidence", "role", "affiliation"]
    for name in classes:
        assert (MARSAD[name], RDF.type, OWL.Class) in onto, name
    for name in properties:
        kinds = set(onto.objects(MARSAD[name], RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
    for name in ENTITY_TYPES:
        assert (MARSAD[name], RDF.type, OWL.Class) in onto


def test_statuses_and_stances_are_named_individuals(onto: Graph) -> None:
    for name in STATUSES:
        assert (MARSAD[name], RDF.type, MARSAD.Status) in onto
        assert (MARSAD[name], RDF.type, OWL.NamedIndividual) in onto
    for name in STANCES:
        assert (MARSAD[name], RDF.type, MARSAD.Stance) in onto
        assert (MARSAD[name], RDF.type, OWL.NamedIndividual) in onto


def test_action_types_are_the_ten_concepts_of_the_scheme(onto: Graph) -> None:
    concepts = set(onto.subjects(SKOS.inScheme, ACTION_TYPE_SCHEME))
    assert concepts == {ACT[t] for t in ACTION_TYPES}
    assert {str(c).rsplit("/", 1)[1] for c in concepts} == set(ACTION_TYPES)
    for c in concepts:
        assert (c, RDF.type, SKOS.Concept) in onto
        assert {lbl.language for lbl in onto.objects(c, SKOS.prefLabel)} == {"ar", "en"}


def test_cameo_codes_are_cameo_shaped(onto: Graph) -> None:
    codes = {c: str(v) for c, v in onto.subject_objects(MARSAD.cameoCode)}
    assert codes[ACT.airstrike] == "195"
    assert codes[ACT.intelligence_sharing] == "064"
    assert all(v.isdigit() and 2 <= len(v) <= 4 for v in codes.values())


@pytest.mark.parametrize(("term", "aligned_to"), [
    (MARSAD.Source, SCHEMA.NewsArticle),
    (MARSAD.Person, SCHEMA.Person),
    (MARSAD.Organization, SCHEMA.Organization),
    (MARSAD.Place, SCHEMA.Place),
    (MARSAD.Event, SCHEMA.Event),
    (MARSAD.Event, SEM.Event),
    (MARSAD.Actor, SEM.Actor),
    (MARSAD.Place, SEM.Place),
    (MARSAD.Source, URIRef(PROV + "Entity")),
    (MARSAD.Build, URIRef(PROV + "Activity")),
    (MARSAD.Evidence, OA.TextPositionSelector),
    (MARSAD.Evidence, OA.TextQuoteSelector),
])
def test_classes_align_with_known_vocabularies(onto: Graph, term: URIRef,
                                               aligned_to: URIRef) -> None:
    assert (term, RDFS.subClassOf, aligned_to) in onto


@pytest.mark.parametrize(("prop", "aligned_to"), [
    (MARSAD.participant, SEM.hasActor),
    (MARSAD.agent, SEM.hasActor),
    (MARSAD.place, SEM.hasPlace),
    (MARSAD.date, SEM.hasTimeStamp),
    (MARSAD.startOffset, OA.start),
    (MARSAD.endOffset, OA.end),
    (MARSAD.evidenceText, OA.exact),
    (MARSAD.claimant, URIRef(PROV + "wasAttributedTo")),
])
def test_properties_align_with_known_vocabularies(onto: Graph, prop: URIRef,
                                                  aligned_to: URIRef) -> None:
    assert (prop, RDFS.subPropertyOf, aligned_to) in onto


def test_date_properties_accept_the_three_precisions(onto: Graph) -> None:
    for prop in (MARSAD.date, MARSAD.published):
        union = onto.value(onto.value(prop, RDFS.range), OWL.unionOf)
        assert union is not None
        assert set(onto.items(union)) == {XSD.date, XSD.gYearMonth, XSD.gYear}


def test_top_classes_are_declared_disjoint(onto: Graph) -> None:
    wanted = {MARSAD.Actor, MARSAD.Place, MARSAD.Event, MARSAD.Claim, MARSAD.Source}
    groups = [set(onto.items(onto.value(node, OWL.members)))
              for node in onto.subjects(RDF.type, OWL.AllDisjointClasses)]
    assert any(wanted <= g for g in groups)


def test_ontology_metadata(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://opensource.org/licenses/MIT")
    for prop in (DCTERMS.created, DCTERMS.modified):
        assert onto.value(ONTOLOGY_IRI, prop).datatype == XSD.date  # type: ignore[union-attr]


def test_documentation_says_why_exact_match_not_same_as(onto: Graph) -> None:
    comment = " ".join(str(c) for c in onto.objects(ONTOLOGY_IRI, RDFS.comment))
    assert "skos:exactMatch" in comment and "owl:sameAs" in comment
