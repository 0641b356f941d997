"""The ontology is self-describing, and data uses only terms it declares."""

import pytest
from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.namespace import SKOS

from govgraph import loading, paths
from govgraph.namespaces import GG

ONTOLOGY = loading.load([paths.ONTOLOGY_FILE])
TERMS = sorted({s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in ONTOLOGY.subjects(RDF.type, kind)})


def test_the_ontology_declares_the_core_terms():
    for term in (
        "Statement",
        "Commitment",
        "ActKind",
        "Forum",
        "Initiative",
        "Actor",
        "Document",
        "Paragraph",
        "StakeholderGroup",
        "TargetGroup",
        "Region",
        "Theme",
        "Meeting",
        "Process",
    ):
        assert (GG[term], RDF.type, OWL.Class) in ONTOLOGY, term
    for term in (
        "actKind",
        "madeBy",
        "quote",
        "forum",
        "initiative",
        "stakeholder",
        "targetGroup",
        "region",
        "theme",
        "targetTime",
        "reaffirms",
        "startOffset",
        "endOffset",
        "inParagraph",
    ):
        assert (GG[term], None, None) in ONTOLOGY, term


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.split("#")[-1])
def test_every_term_has_one_english_label_and_a_definition(term):
    labels = list(ONTOLOGY.objects(term, RDFS.label))
    definitions = list(ONTOLOGY.objects(term, SKOS.definition))
    assert len(labels) == 1 and labels[0].language == "en"
    assert len(definitions) == 1 and definitions[0].language == "en" and len(definitions[0]) > 20


def test_ontology_terms_live_in_the_ontology_namespace():
    assert all(str(term).startswith(str(GG)) for term in TERMS)


def test_data_uses_only_declared_govgraph_terms():
    data = loading.load(paths.data_files())
    used = {p for p in data.predicates() if str(p).startswith(str(GG))}
    used |= {o for o in data.objects(None, RDF.type) if str(o).startswith(str(GG))}
    undeclared = sorted(t for t in used if t not in TERMS)
    assert undeclared == []


def test_every_class_used_in_data_is_a_shape_target():
    data = loading.load(paths.data_files())
    shapes = loading.load([paths.SHAPES_FILE])
    targets = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    used = set(data.objects(None, RDF.type)) - {OWL.Ontology}
    assert sorted(used - targets) == []
