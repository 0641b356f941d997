"""Turn an extraction into a Turtle draft: an rdflib graph serialised by rdflib, so that text
from the source is always a literal and never Turtle syntax. IRIs come from the document id
and paragraph/sentence/clause numbers, and nothing time-dependent is written, so ingesting
the same file twice gives the same bytes.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from .. import paths
from ..atomic import write_bytes, write_text
from ..confine import output_path
from ..namespaces import ACT, DOC, GG, ID, PREFIXES, YEAR
from .extract import EXTRACTOR_VERSION, CandidateEntity, Extraction
from .reference import ACTOR_CLASSES, Reference, load_reference, resolve

DRAFTS_DIR = paths.DATA_DIR / "drafts"


def draft_graph(extraction: Extraction, reference: Reference | None = None) -> Graph:
    """The draft as an rdflib graph."""
    reference = reference or load_reference()
    info = extraction.document
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    graph.bind("candidate", ID["candidate/"])
    document = DOC[info.slug]
    add = graph.add
    add((document, RDF.type, GG.Document))
    add((document, RDFS.label, Literal(info.title, lang="en")))
    add((document, DCTERMS.title, Literal(info.title, lang="en")))
    add((document, DCTERMS.creator, info.speaker))
    add((document, GG.sourceFile, Literal(info.source_file)))
    add((document, GG.sha256, Literal(info.sha256)))
    if info.date:
        add((document, DCTERMS.date, Literal(info.date, datatype=XSD.date)))
    if info.publisher:
        add((document, DCTERMS.publisher, resolve(info.publisher, reference, ACTOR_CLASSES, "--publisher", extraction.source.path)))
    if info.part_of:
        add((document, DCTERMS.isPartOf, resolve(info.part_of, reference, {"Document", "DocumentCollection"}, "--part-of", extraction.source.path)))

    activity = ID[f"extraction/{info.slug}-{extraction.source.sha256[:12]}"]
    agent = ID[f"agent/govgraph-extractor-{EXTRACTOR_VERSION}"]
    add((activity, RDF.type, GG.Extraction))
    add((activity, RDFS.label, Literal(f"govgraph extractor {EXTRACTOR_VERSION} over {extraction.source.path.name}", lang="en")))
    add((activity, PROV.used, document))
    add((activity, GG.sha256, Literal(extraction.source.sha256)))
    add((activity, PROV.wasAssociatedWith, agent))
    # The agent stays untyped: prov:SoftwareAgent would be a class with no shape in data/.
    add((agent, RDFS.label, Literal(f"govgraph extractor {EXTRACTOR_VERSION}", lang="en")))
    add((agent, SDO.softwareVersion, Literal(EXTRACTOR_VERSION)))

    for number, start, end in extraction.paragraphs:
        paragraph = DOC[f"{info.slug}-p{number}"]
        add((paragraph, RDF.type, GG.Paragraph))
        add((paragraph, RDFS.label, Literal(f"{info.title}, paragraph {number}", lang="en")))
        add((paragraph, GG.number, Literal(number)))
        add((paragraph, DCTERMS.isPartOf, document))
        add((paragraph, GG.startOffset, Literal(start)))
        add((paragraph, GG.endOffset, Literal(end)))

    candidates: dict[URIRef, CandidateEntity] = {}
    actors = {iri for s in extraction.statements for iri in s.made_by}
    for statement in extraction.statements:
        node = statement.iri
        label = f"{info.title} ¶{statement.paragraph}.{statement.sentence}"
        if statement.clauses_in_sentence > 1:
            label += f" clause {statement.clause}"
        add((node, RDF.type, GG.Commitment if statement.commitment else GG.Statement))
        add((node, RDFS.label, Literal(label, lang="en")))
        add((node, GG.quote, Literal(statement.quote, lang="en")))
        add((node, DCTERMS.source, document))
        add((node, GG.inParagraph, DOC[f"{info.slug}-p{statement.paragraph}"]))
        add((node, GG.sentence, Literal(statement.sentence)))
        add((node, GG.clause, Literal(statement.clause)))
        add((node, GG.startOffset, Literal(statement.start)))
        add((node, GG.endOffset, Literal(statement.end)))
        add((node, GG.actKind, reference.act_iris.get(statement.kind, ACT[statement.kind])))
        for actor in statement.made_by:
            add((node, GG.madeBy, actor))
        for role, target in statement.links:
            add((node, role, target))
        for year in statement.years:
            add((node, GG.targetTime, YEAR[year]))
            if YEAR[year] not in reference.years:
                add((YEAR[year], RDF.type, TIME.Instant))
                add((YEAR[year], RDFS.label, Literal(year, lang="en")))
                add((YEAR[year], TIME.inXSDgYear, Literal(year, datatype=XSD.gYear)))
        for relation, target in statement.lineage:
            add((node, relation, target))
        for candidate in statement.candidates:
            candidates.setdefault(candidate.iri, candidate)
            add((node, GG.mentions, candidate.iri))
        add((node, GG.confidence, Literal(Decimal(str(statement.confidence)), datatype=XSD.decimal)))
        add((node, PROV.wasGeneratedBy, activity))
    for actor in sorted(actors):
        if str(actor).startswith(str(ID["candidate/"])):
            name = str(actor).rsplit("/", 1)[-1].replace("-", " ")
            candidates.setdefault(actor, CandidateEntity(actor, name, None))
            add((actor, RDF.type, GG.Actor))
    for iri, candidate in candidates.items():
        add((iri, RDF.type, GG.CandidateEntity))
        add((iri, RDFS.label, Literal(candidate.name, lang="en")))
        if candidate.acronym and candidate.acronym != candidate.name:
            add((iri, SKOS.altLabel, Literal(candidate.acronym, lang="en")))
        add((iri, RDFS.comment, Literal("Proposed by the extractor: no reference entity has this name. Accept it into data/reference or remove it.", lang="en")))
    return graph


def serialise(graph: Graph) -> bytes:
    """Turtle bytes of the draft, with a header saying what it is."""
    header = "# Draft written by `govgraph ingest`: review it, then run `govgraph merge` on it.\n"
    return header.encode("utf-8") + graph.serialize(format="turtle", encoding="utf-8")


def default_out(extraction: Extraction) -> Path:
    return output_path(DRAFTS_DIR, f"{extraction.document.slug}.ttl", extraction.document.slug)


def write_draft(extraction: Extraction, out: Path | None = None, reference: Reference | None = None) -> Path:
    """Write the draft (atomically) and, unless data/ already holds it, the source text beside it."""
    out = Path(out or default_out(extraction))
    data = serialise(draft_graph(extraction, reference))
    cited = paths.DATA_DIR / extraction.document.source_file
    if not (cited.is_file() and cited.read_text(encoding="utf-8") == extraction.text):
        write_text(output_path(out.parent, Path(extraction.document.source_file).name), extraction.text)
    write_bytes(out, data)
    return out


__all__ = ["DRAFTS_DIR", "default_out", "draft_graph", "serialise", "write_draft"]
