"""Write an extraction as a Turtle draft, paragraph by paragraph as it is extracted, so that
memory does not grow with the document. Text from the source is always a literal and never
Turtle syntax (see `turtle`). IRIs come from the document id and paragraph/sentence/clause
numbers, and nothing time-dependent is written, so ingesting the same file twice gives the
same bytes.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import IO, TextIO

from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from .. import paths, turtle
from ..atomic import atomic_write, write_text
from ..confine import output_path
from ..namespaces import ACT, DOC, GG, ID, PREFIXES, YEAR
from ..progress import Progress, silent
from .extract import (
    EXTRACTOR_VERSION,
    CandidateEntity,
    DocumentInfo,
    ExtractedParagraph,
    ExtractedStatement,
    Extraction,
    ExtractionStream,
)
from .fetch import Retrieval
from .lineage import head_class
from .reading import SourceText
from .reference import ACTOR_CLASSES, Reference, load_reference, resolve

DRAFTS_DIR = paths.DATA_DIR / "drafts"
HEADER = "# Draft written by `govgraph ingest`: review it, then run `govgraph merge` on it.\n"
CANDIDATE_COMMENT = "Proposed by the extractor: no reference entity has this name. Accept it into data/reference or remove it."
#: Seconds between two progress reports on a long run.
PROGRESS_EVERY = 5.0


_DOC, _ACT, _YEAR, _CANDIDATE = str(DOC), str(ACT), str(YEAR), str(ID["candidate/"])


class _Term:
    """The IRIs written for every paragraph and statement, as plain strings made once: an rdflib
    namespace makes a new URIRef at each access, and a URIRef hashes in Python, not in C."""

    type, label, part_of, source = str(RDF.type), str(RDFS.label), str(DCTERMS.isPartOf), str(DCTERMS.source)
    paragraph, number, without_statement = str(GG.Paragraph), str(GG.number), str(GG.withoutStatement)
    start, end, in_paragraph, sentence, clause = (
        str(GG.startOffset),
        str(GG.endOffset),
        str(GG.inParagraph),
        str(GG.sentence),
        str(GG.clause),
    )
    commitment, statement, quote, act_kind = str(GG.Commitment), str(GG.Statement), str(GG.quote), str(GG.actKind)
    made_by, target_time, mentions, vague_time = str(GG.madeBy), str(GG.targetTime), str(GG.mentions), str(GG.vagueTime)
    rule, confidence, generated_by = str(GG.commitmentRule), str(GG.confidence), str(PROV.wasGeneratedBy)


class _DraftWriter:
    """Writes the draft's subjects in order: document and extraction, then each paragraph with
    its statements, then the years and candidate entities the statements named."""

    def __init__(
        self, source: SourceText, document: DocumentInfo, reference: Reference, retrieval: Retrieval | None = None
    ) -> None:
        """Resolve what the document names (so bad metadata fails before any file is opened)."""
        self.source = source
        self.retrieval = retrieval
        self.prefixes = turtle.Prefixes({**{p: str(ns) for p, ns in PREFIXES.items()}, "candidate": str(ID["candidate/"])})
        self.iri = self.prefixes.iri
        self.info = document
        self.reference = reference
        self.document = f"{_DOC}{document.slug}"
        self.activity = str(ID[f"extraction/{document.slug}-{source.sha256[:12]}"])
        self.years: set[str] = set()
        self.candidates: dict[URIRef, CandidateEntity] = {}
        self.candidate_actors: set[URIRef] = set()
        self.publisher = (
            resolve(document.publisher, reference, ACTOR_CLASSES, "--publisher", source.path) if document.publisher else None
        )
        self.part_of = (
            resolve(document.part_of, reference, {"Document", "DocumentCollection"}, "--part-of", source.path)
            if document.part_of
            else None
        )

    def write(self, handle: IO[str], stream: ExtractionStream, progress: Progress) -> None:
        """Extract `stream` paragraph by paragraph, writing each one's Turtle to `handle` at once."""
        self.handle = handle
        self._start()
        size, reported = len(stream.text), time.monotonic()
        for paragraph in stream:
            self._paragraph(paragraph)
            if time.monotonic() - reported >= PROGRESS_EVERY:
                reported = time.monotonic()
                progress(f"ingest: paragraph {paragraph.number}, {paragraph.end / max(size, 1):.0%} of {stream.source.path.name}")
        self._finish()

    def _subject(self, node: str, pairs: Iterable[tuple[str, str]]) -> None:
        self.handle.write(turtle.subject(self.prefixes, node, pairs))

    def _start(self) -> None:
        source, info, iri, en = self.source, self.info, self.iri, lambda text: turtle.string(text, "en")
        self.handle.write(HEADER + self.prefixes.header() + "\n")
        self._subject(
            self.document,
            [
                (RDF.type, iri(GG.Document)),
                (RDFS.label, en(info.title)),
                (DCTERMS.title, en(info.title)),
                (DCTERMS.creator, iri(info.speaker)),
                (GG.sourceFile, turtle.string(info.source_file)),
                (GG.sha256, turtle.string(info.sha256)),
                *([(DCTERMS.date, turtle.typed(info.date, iri(XSD.date)))] if info.date else []),
                *([(DCTERMS.publisher, iri(self.publisher))] if self.publisher else []),
                *([(DCTERMS.isPartOf, iri(self.part_of))] if self.part_of else []),
                *([(PROV.wasDerivedFrom, iri(self.retrieval.final_url))] if self.retrieval else []),
            ],
        )
        agent = ID[f"agent/govgraph-extractor-{EXTRACTOR_VERSION}"]
        retrieval = ID[f"retrieval/{info.slug}-{source.sha256[:12]}"]
        self._subject(
            self.activity,
            [
                (RDF.type, iri(GG.Extraction)),
                (RDFS.label, en(f"govgraph extractor {EXTRACTOR_VERSION} over {source.path.name}")),
                (PROV.used, iri(self.document)),
                (GG.sha256, turtle.string(source.sha256)),
                (PROV.wasAssociatedWith, iri(agent)),
                *([(PROV.wasInformedBy, iri(retrieval))] if self.retrieval else []),
            ],
        )
        if self.retrieval:
            # Untyped, as the agent below: where and when the source was fetched.
            fetched = self.retrieval
            self._subject(
                retrieval,
                [
                    (RDFS.label, en(f"retrieval of {fetched.url}")),
                    (PROV.used, iri(fetched.url)),
                    *([(PROV.used, iri(fetched.final_url))] if fetched.final_url != fetched.url else []),
                    (PROV.endedAtTime, turtle.typed(fetched.timestamp, iri(XSD.dateTime))),
                ],
            )
        # The agent stays untyped: prov:SoftwareAgent would be a class with no shape in data/.
        self._subject(
            agent,
            [
                (RDFS.label, en(f"govgraph extractor {EXTRACTOR_VERSION}")),
                (SDO.softwareVersion, turtle.string(EXTRACTOR_VERSION)),
            ],
        )

    def _paragraph(self, paragraph: ExtractedParagraph) -> None:
        info, iri = self.info, self.iri
        self._subject(
            f"{_DOC}{info.slug}-p{paragraph.number}",
            [
                (_Term.type, iri(_Term.paragraph)),
                (_Term.label, turtle.string(f"{info.title}, paragraph {paragraph.number}", "en")),
                (_Term.number, turtle.integer(paragraph.number)),
                (_Term.part_of, iri(self.document)),
                (_Term.start, turtle.integer(paragraph.start)),
                (_Term.end, turtle.integer(paragraph.end)),
                # An opening such as "We … met on …" holds no act: kept, and said to be so for the checks.
                *([(_Term.without_statement, "true")] if not paragraph.statements else []),
            ],
        )
        for statement in paragraph.statements:
            self._statement(statement)

    def _statement(self, statement: ExtractedStatement) -> None:
        info, iri = self.info, self.iri
        label = f"{info.title} ¶{statement.paragraph}.{statement.sentence}"
        if statement.clauses_in_sentence > 1:
            label += f" clause {statement.clause}"
        act = self.reference.act_iris.get(statement.kind) or f"{_ACT}{statement.kind}"
        pairs = [
            (_Term.type, iri(_Term.commitment if statement.commitment else _Term.statement)),
            (_Term.label, turtle.string(label, "en")),
            (_Term.quote, turtle.string(statement.quote, "en")),
            (_Term.source, iri(self.document)),
            (_Term.in_paragraph, iri(f"{_DOC}{info.slug}-p{statement.paragraph}")),
            (_Term.sentence, turtle.integer(statement.sentence)),
            (_Term.clause, turtle.integer(statement.clause)),
            (_Term.start, turtle.integer(statement.start)),
            (_Term.end, turtle.integer(statement.end)),
            (_Term.act_kind, iri(str(act))),
        ]
        pairs += [(_Term.made_by, iri(str(actor))) for actor in statement.made_by]
        pairs += [(str(role), iri(str(target))) for role, target in statement.links]
        pairs += [(_Term.target_time, iri(f"{_YEAR}{year}")) for year in statement.years]
        pairs += [(str(relation), iri(str(target))) for relation, target in statement.lineage]
        pairs += [(_Term.mentions, iri(str(candidate.iri))) for candidate in statement.candidates]
        pairs += [(_Term.vague_time, turtle.string(time, "en")) for time in statement.vague_times]
        pairs += [
            (_Term.rule, turtle.string(statement.rule)),
            (_Term.confidence, turtle.decimal(Decimal(str(statement.confidence)))),
            (_Term.generated_by, iri(self.activity)),
        ]
        self._subject(str(statement.iri), pairs)
        self.years.update(statement.years)
        for candidate in statement.candidates:
            self.candidates.setdefault(candidate.iri, candidate)
        self.candidate_actors.update(a for a in statement.made_by if a.startswith(_CANDIDATE))

    def _finish(self) -> None:
        """The years not in the reference data, and the candidate entities, once each."""
        iri = self.iri
        for year in sorted(self.years):
            if YEAR[year] not in self.reference.years:
                self._subject(
                    YEAR[year],
                    [
                        (RDF.type, iri(TIME.Instant)),
                        (RDFS.label, turtle.string(year, "en")),
                        (TIME.inXSDgYear, turtle.typed(year, iri(XSD.gYear))),
                    ],
                )
        for actor in sorted(self.candidate_actors):
            name = str(actor).rsplit("/", 1)[-1].replace("-", " ")
            self.candidates.setdefault(actor, CandidateEntity(actor, name, None, head_class(name)))
        for node, candidate in self.candidates.items():
            self._subject(
                node,
                [
                    (RDF.type, iri(GG.CandidateEntity)),
                    *([(RDF.type, iri(GG.Actor))] if node in self.candidate_actors else []),
                    (RDFS.label, turtle.string(candidate.name, "en")),
                    *(
                        [(SKOS.altLabel, turtle.string(candidate.acronym, "en"))]
                        if candidate.acronym and candidate.acronym != candidate.name
                        else []
                    ),
                    *([(GG.proposedClass, iri(GG[candidate.cls]))] if candidate.cls else []),
                    (RDFS.comment, turtle.string(CANDIDATE_COMMENT, "en")),
                ],
            )


def write_turtle(
    handle: TextIO, stream: ExtractionStream, reference: Reference | None = None, progress: Progress = silent
) -> None:
    """Extract `stream` paragraph by paragraph, writing each one's Turtle to `handle` at once."""
    _DraftWriter(stream.source, stream.document, reference or load_reference()).write(handle, stream, progress)


def _replay(extraction: Extraction) -> ExtractionStream:
    """An extraction already held, as a stream of its paragraphs."""
    by_number: dict[int, list[ExtractedStatement]] = {}
    for statement in extraction.statements:
        by_number.setdefault(statement.paragraph, []).append(statement)
    paragraphs = (
        ExtractedParagraph(number, start, end, by_number.get(number, [])) for number, start, end in extraction.paragraphs
    )
    return ExtractionStream(extraction.source, extraction.text, extraction.document, paragraphs)


def draft_turtle(extraction: Extraction, reference: Reference | None = None) -> str:
    """The draft of an extraction already held, as Turtle text."""
    handle = io.StringIO()
    write_turtle(handle, _replay(extraction), reference)
    return handle.getvalue()


def default_out(extraction: Extraction | ExtractionStream) -> Path:
    return output_path(DRAFTS_DIR, f"{extraction.document.slug}.ttl", extraction.document.slug)


def write_draft(
    extraction: Extraction | ExtractionStream,
    out: Path | None = None,
    reference: Reference | None = None,
    progress: Progress = silent,
    retrieval: Retrieval | None = None,
) -> Path:
    """Write the draft (atomically) and, unless data/ already holds it, the source text beside
    it. A stream is extracted as it is written; on any error nothing is written. `retrieval`
    (a source fetched from a URL) adds where and when it was fetched."""
    stream = _replay(extraction) if isinstance(extraction, Extraction) else extraction
    out = Path(out or default_out(stream))
    writer = _DraftWriter(stream.source, stream.document, reference or load_reference(), retrieval)
    with atomic_write(out) as handle:
        writer.write(handle, stream, progress)
        cited = paths.DATA_DIR / stream.document.source_file
        if not (cited.is_file() and cited.read_text(encoding="utf-8") == stream.text):
            write_text(output_path(out.parent, Path(stream.document.source_file).name), stream.text)
    return out


__all__ = ["DRAFTS_DIR", "default_out", "draft_turtle", "write_draft", "write_turtle"]
