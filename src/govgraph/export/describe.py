"""The dataset description a registry harvests: DCAT 3 and VoID, in Turtle and JSON-LD.

It is written after the distributions, because each distribution's byte size is measured
from the file just written. Dates follow `dates.release_date` so the bytes stay stable.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from ..namespaces import DCAT, DCTERMS, DEFAULT_BASE, FOAF, GG, ID, PREFIXES, RDF, RDFS, VOID, XSD
from .canonical import Triples
from .dates import ISSUED, release_date

DATASET = DEFAULT_BASE + "dataset"
PUBLISHER = DEFAULT_BASE + "publisher"
SHAPES = DEFAULT_BASE + "shapes"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_DOWNLOAD_BASE = DEFAULT_BASE + "dump/"
IANA = "https://www.iana.org/assignments/media-types/"
TITLE = "govgraph: digital-governance commitments"
DESCRIPTION = (
    "Commitments and other statements made in digital-governance documents (starting with Annex 4 of "
    "the 2023 G7 Digital and Tech Ministers' Declaration), each quoted verbatim with its position in the "
    "source and linked to the actors, forums, initiatives, stakeholders, target groups, regions, themes "
    "and dates it names. Validated against the govgraph SHACL shapes."
)


@dataclass(frozen=True)
class Distribution:
    """One written file: its format key, file name (relative to the export folder) and size."""

    key: str
    filename: str
    byte_size: int
    media_type: str
    title: str
    iana: bool = True
    spec: str | None = None


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _typed(value: str | int, datatype: str) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(str(datatype)))


def vocabularies(triples: Iterable[ox.Triple]) -> list[str]:
    """The namespaces (among govgraph's known prefixes) of every predicate and class used."""
    known = sorted((str(ns) for p, ns in PREFIXES.items() if not str(ns).startswith(str(ID))), key=len, reverse=True)
    used: set[str] = set()
    for t in triples:
        iris = [t.predicate.value] + (
            [t.object.value] if t.predicate.value == str(RDF.type) and isinstance(t.object, ox.NamedNode) else []
        )
        for iri in iris:
            match = next((ns for ns in known if iri.startswith(ns)), None)
            if match:
                used.add(match)
    return sorted(used)


def examples(triples: Iterable[ox.Triple], limit: int = 3) -> list[str]:
    """A few example resources: the first commitment, forum and initiative by IRI."""
    typed: dict[str, list[str]] = {}
    for t in triples:
        if t.predicate.value == str(RDF.type) and isinstance(t.subject, ox.NamedNode):
            typed.setdefault(t.object.value, []).append(t.subject.value)  # type: ignore[union-attr]  # no quoted triples
    found = [min(typed[str(cls)]) for cls in (GG.Commitment, GG.Forum, GG.Initiative) if typed.get(str(cls))]
    return found[:limit]


def dataset_description(
    triples: Sequence[ox.Triple],
    distributions: list[Distribution],
    sparql_endpoint: str | None = None,
    download_base: str = DEFAULT_DOWNLOAD_BASE,
) -> list[ox.Triple]:
    """The DCAT + VoID description of the dataset made of `triples` and written as `distributions`."""
    ds, out = _n(DATASET), []

    def add(s: ox.NamedNode | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        out.append(ox.Triple(s, _n(str(p)), o))

    add(ds, RDF.type, _n(str(DCAT.Dataset)))
    add(ds, RDF.type, _n(str(VOID.Dataset)))
    add(ds, DCTERMS.title, _en(TITLE))
    add(ds, DCTERMS.description, _en(DESCRIPTION))
    add(ds, DCTERMS.publisher, _n(PUBLISHER))
    add(_n(PUBLISHER), RDF.type, _n(str(FOAF.Agent)))
    add(_n(PUBLISHER), FOAF.name, _en("the govgraph project"))
    add(ds, DCTERMS.license, _n(LICENSE))
    add(ds, DCTERMS.issued, _typed(ISSUED, XSD.date))
    modified = release_date()
    if modified:
        add(ds, DCTERMS.modified, _typed(modified, XSD.date))
    add(ds, DCTERMS.conformsTo, _n(SHAPES))
    add(_n(SHAPES), RDFS.label, _en("govgraph SHACL shapes"))
    add(ds, DCAT.keyword, _en("digital governance"))
    add(ds, DCAT.keyword, _en("G7"))
    add(ds, DCAT.keyword, _en("commitments"))
    add(ds, DCAT.landingPage, _n(DEFAULT_BASE))
    distinct = len(triples) if isinstance(triples, Triples) else len(set(triples))  # a union is distinct already
    add(ds, VOID.triples, _typed(distinct, XSD.integer))
    add(ds, VOID.uriSpace, ox.Literal(str(ID)))
    for vocabulary in vocabularies(triples):
        add(ds, VOID.vocabulary, _n(vocabulary))
    for example in examples(triples):
        add(ds, VOID.exampleResource, _n(example))
    for dist in distributions:
        node = _n(f"{DATASET}/distribution/{dist.key}")
        url = _n(download_base + dist.filename)
        add(ds, DCAT.distribution, node)
        add(node, RDF.type, _n(str(DCAT.Distribution)))
        add(node, DCTERMS.title, _en(dist.title))
        add(node, DCAT.downloadURL, url)
        add(node, DCAT.accessURL, url)
        add(node, DCAT.byteSize, _typed(dist.byte_size, XSD.nonNegativeInteger))
        add(node, DCTERMS.license, _n(LICENSE))
        if dist.iana:
            add(node, DCAT.mediaType, _n(IANA + dist.media_type))
        else:
            add(node, DCTERMS["format"], ox.Literal(dist.media_type))
        if dist.spec:
            add(node, DCTERMS.conformsTo, _n(dist.spec))
        if dist.key in ("ttl", "nt", "nq", "trig", "jsonld", "rdfxml"):
            add(ds, VOID.dataDump, url)
    if sparql_endpoint:
        service = _n(f"{DATASET}/service/sparql")
        add(ds, VOID.sparqlEndpoint, _n(sparql_endpoint))
        add(service, RDF.type, _n(str(DCAT.DataService)))
        add(service, DCTERMS.title, _en("SPARQL endpoint"))
        add(service, DCAT.endpointURL, _n(sparql_endpoint))
        add(service, DCAT.servesDataset, ds)
        add(service, DCTERMS.conformsTo, _n("https://www.w3.org/TR/sparql11-protocol/"))
        node = _n(f"{DATASET}/distribution/sparql")
        add(ds, DCAT.distribution, node)
        add(node, RDF.type, _n(str(DCAT.Distribution)))
        add(node, DCTERMS.title, _en("SPARQL endpoint"))
        add(node, DCAT.accessURL, _n(sparql_endpoint))
        add(node, DCAT.accessService, service)
    return out
