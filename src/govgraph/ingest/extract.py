"""Run the whole extraction over one source file: the results as plain data, before RDF."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import URIRef

from ..errors import InputError
from ..namespaces import ACTOR, GG, ID, STMT
from .acts import Clause, find_acts
from .earlier import resolve_dated, when_and_where
from .lineage import candidate_names, head_class, lineage_clues, target_years, vague_times, years_in
from .linking import Linker, NameMatch
from .reading import DEFAULT_MAX_BYTES, RENDERED, Block, SourceText, read_source, render
from .reference import ACTOR_CLASSES, DATED, Reference, ReferenceEntity, load_reference, resolve
from .segment import SEGMENTERS, TextParagraph, paragraphs
from .spans import SpanIndex

#: Bumped whenever a change to the extractor can change its output for the same input.
EXTRACTOR_VERSION = "0.2.0"
#: What a lineage link may point to (classes of the ontology; their subclasses too): an earlier
#: document, or the meeting that made it ("our commitment from the meeting in Germany last year").
_LINEAGE_TARGETS = ("Document", "Meeting")
#: A capitalised word (not opening the sentence) right before a name: the name is part of a longer one.
_NAME_BEFORE = re.compile(r"(?<=\S\s)(?!The\b)[A-Z][\w'’-]*\s+$")
#: A capitalised word (not an acronym) right after a name: the name opens a longer one.
_WORD_AFTER = re.compile(r"\s+[A-Z][a-z]")
_OPENING = re.compile(r"(?:[Tt]he\s+)?")
#: Any capitalised word right after a name ("Hiroshima AI Process"): the name opens a longer one.
_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")
#: A reaffirmation naming a document or meeting straight after its verb ("We reaffirm the Tunis Agenda").
_REAFFIRMED = re.compile(r"\b(?:re-?affirm|reiterat)\w*\s+(?:the\s+)?")
_NEXT_IN_LIST = re.compile(r",?\s+(?:and\s+|as\s+well\s+as\s+)?(?:the\s+)?")
#: What may speak as a named subject though the reference data lacks it: a body, by its head noun.
_SPEAKING_BODIES = ("Organisation", "Forum")


@dataclass(frozen=True)
class DocumentInfo:
    """What the draft says about the source document."""

    slug: str
    title: str
    date: str | None
    publisher: str | None
    part_of: str | None
    source_file: str  # relative to data/: the file the offsets count into
    sha256: str  # of that file
    speaker: URIRef


@dataclass(frozen=True)
class CandidateEntity:
    """A proposed entity: an IRI under id/candidate/, its name, any acronym, and the class its
    head noun suggests (a local name in the ontology: "Document", "Meeting", "Organisation"…)."""

    iri: URIRef
    name: str
    acronym: str | None
    cls: str | None = None


@dataclass
class ExtractedStatement:
    """One statement of the draft, with everything needed to write and to review it."""

    iri: URIRef
    paragraph: int
    sentence: int
    clause: int
    clauses_in_sentence: int
    start: int
    end: int
    quote: str
    clause_info: Clause
    made_by: list[URIRef]
    links: list[tuple[URIRef, URIRef]] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    lineage: list[tuple[URIRef, URIRef]] = field(default_factory=list)
    candidates: list[CandidateEntity] = field(default_factory=list)
    vague_times: list[str] = field(default_factory=list)  # "in the near term": a time with no date

    @property
    def kind(self) -> str:
        return self.clause_info.kind

    @property
    def commitment(self) -> bool:
        return self.clause_info.commitment

    @property
    def confidence(self) -> float:
        return self.clause_info.confidence

    @property
    def rule(self) -> str:
        """Why the statement is a commitment or not (the G7 Research Group's criteria, in words)."""
        return self.clause_info.rule


@dataclass(frozen=True)
class ExtractedParagraph:
    """One body paragraph: its number, its offsets in the cited text, and its statements."""

    number: int
    start: int
    end: int
    statements: list[ExtractedStatement]


@dataclass
class Extraction:
    """The result of extracting one file."""

    source: SourceText
    text: str  # the text the offsets count into: the file itself, or the rendering of an HTML page
    document: DocumentInfo
    paragraphs: list[tuple[int, int, int]]
    statements: list[ExtractedStatement]


@dataclass
class ExtractionStream:
    """A file read and checked, whose paragraphs are extracted one at a time as the stream is
    iterated, so that a large file never holds all its statements at once. `statements` and
    `commitments` count those extracted so far."""

    source: SourceText
    text: str
    document: DocumentInfo
    paragraphs: Iterator[ExtractedParagraph]
    statements: int = 0
    commitments: int = 0

    def __iter__(self) -> Iterator[ExtractedParagraph]:
        for paragraph in self.paragraphs:
            self.statements += len(paragraph.statements)
            self.commitments += sum(1 for s in paragraph.statements if s.commitment)
            yield paragraph

    def collect(self) -> Extraction:
        """Every paragraph extracted, held in one Extraction."""
        spans, statements = [], []
        for paragraph in self:
            spans.append((paragraph.number, paragraph.start, paragraph.end))
            statements.extend(paragraph.statements)
        return Extraction(self.source, self.text, self.document, spans, statements)


def slugify(text: str) -> str:
    """A lower-case IRI segment: letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def candidate_iri(name: str) -> URIRef:
    return ID["candidate/" + slugify(name)]


def extract(path: Path | str, **options: Any) -> Extraction:
    """Extract the statements of one .txt, .md or .html file; bad input raises InputError.
    Takes the options of `extract_stream`."""
    return extract_stream(path, **options).collect()


def extract_stream(
    path: Path | str,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    publisher: str | None = None,
    part_of: str | None = None,
    speaker: URIRef | str = ACTOR.g7,
    reference: Reference | None = None,
    segmenter: str = "rules",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ExtractionStream:
    """Read and check one .txt, .md or .html file of at most `max_bytes`; its paragraphs are
    extracted as the stream is read. Bad input raises InputError here, before any paragraph.

    `speaker` is who "we" are: an actor IRI, or a label, slug or prefixed name of one.
    """
    source = read_source(path, max_bytes)
    text, found_blocks, page_title = render(source)
    body = paragraphs(found_blocks)
    first = next(body, None)
    if first is None:
        raise InputError(source.path, "no body paragraphs found (nothing that reads as prose sentences)")
    slug = slugify(doc_id or source.path.stem)
    if not slug:
        raise InputError(source.path, f"document id {doc_id!r} has no letters or digits to make an IRI from")
    heading = next((b.text for b in found_blocks if b.heading), "")
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise InputError(source.path, f"--date {date!r} is not a date in YYYY-MM-DD form")
    reference = reference or load_reference()
    if not isinstance(speaker, URIRef):
        speaker = resolve(speaker, reference, ACTOR_CLASSES, "--speaker", source.path)
    suffix = ".txt" if source.kind in RENDERED else source.path.suffix.lower()
    cited = hashlib.sha256(text.encode("utf-8")).hexdigest() if source.kind in RENDERED else source.sha256
    document = DocumentInfo(
        slug,
        title or page_title or heading.lstrip("# ").strip() or slug,
        date,
        publisher,
        part_of,
        f"sources/{slug}{suffix}",
        cited,
        speaker,
    )
    linker = _linker(reference)
    split = SEGMENTERS[segmenter]
    extracted = (_paragraph(paragraph, document, reference, linker, split) for paragraph in itertools.chain([first], body))
    return ExtractionStream(source, text, document, extracted)


def _paragraph(
    paragraph: TextParagraph,
    document: DocumentInfo,
    reference: Reference,
    linker: Linker,
    split: Callable[[str, int, int], list[tuple[int, int]]],
) -> ExtractedParagraph:
    statements: list[ExtractedStatement] = []
    number = 0
    speakers = [document.speaker]  # "This will include…" is said by whoever spoke last in the paragraph
    lead_in: Clause | None = None  # "We commit to:" lends its act to the bullet points after it
    for part in paragraph.parts:
        found: list[ExtractedStatement] = []
        for s_start, s_end in split(part.block.text, part.start, part.end):
            number += 1
            found = _statements(
                paragraph.number,
                part.block,
                number,
                s_start,
                s_end,
                document,
                reference,
                linker,
                speakers,
                lead_in if part.bullet else None,
            )
            statements.extend(found)
        if not part.bullet:
            last = part.block.text[part.start : part.end].rstrip()
            lead_in = found[-1].clause_info if found and last.endswith(":") else None
    return ExtractedParagraph(paragraph.number, *paragraph.span(), statements)


_LINKERS: dict[int, tuple[Reference, Linker]] = {}


def _linker(reference: Reference) -> Linker:
    cached = _LINKERS.get(id(reference))
    if cached is None or cached[0] is not reference:
        cached = _LINKERS[id(reference)] = (reference, Linker(reference))
    return cached[1]


def _statements(
    paragraph: int,
    block: Block,
    number: int,
    s_start: int,
    s_end: int,
    document: DocumentInfo,
    reference: Reference,
    linker: Linker,
    speakers: list[URIRef],
    lead_in: Clause | None = None,
) -> list[ExtractedStatement]:
    text = block.text
    sentence = text[s_start:s_end]
    clauses = find_acts(sentence, reference.acts or None)
    if not clauses and lead_in is not None:
        # A bullet point without its own subject carries the act of its lead-in, a little less surely.
        clauses = [
            replace(
                lead_in, start=0, end=len(sentence), speaker="", speaker_span=None, confidence=round(lead_in.confidence - 0.1, 2)
            )
        ]
    result: list[ExtractedStatement] = []
    previous = list(speakers)
    for index, clause in enumerate(clauses, 1):
        start, end = block.span(s_start + clause.start, s_start + clause.end)
        quote = sentence[clause.start : clause.end]
        local = f"{document.slug}-p{paragraph}-s{number}" + (f"-c{index}" if len(clauses) > 1 else "")
        made_by = _made_by(clause, quote, document, reference, linker, previous)
        if made_by is None:
            break  # the name opening the sentence is no actor: the sentence makes no statement
        # "This will include…" follows a named member ("The Presidency plans…"); after "we" it is the group's.
        previous = [document.speaker] if clause.speaker == "we" else made_by
        statement = ExtractedStatement(STMT[local], paragraph, number, index, len(clauses), start, end, quote, clause, made_by)
        speaker_span = (
            (clause.speaker_span[0] - clause.start, clause.speaker_span[1] - clause.start) if clause.speaker_span else None
        )
        year = int(document.date[:4]) if document.date else None
        _link(statement, quote, speaker_span, linker, made_by, reference, year, document.speaker)
        result.append(statement)
    speakers[:] = previous
    return result


def _made_by(
    clause: Clause, quote: str, document: DocumentInfo, reference: Reference, linker: Linker, previous: list[URIRef]
) -> list[URIRef] | None:
    """Who makes the statement: the group, each member (acting in its own name), one or more named
    actors, or a body the reference data lacks (a candidate). None when a name opening the sentence
    is no actor at all ("Internet shutdowns…") or an actor outside the speaking group: then the
    sentence is no statement of the document's."""
    if clause.speaker in ("", "this"):
        return previous
    members = reference.members.get(document.speaker, [])
    if clause.speaker == "we":
        return list(members) if clause.individual and members else [document.speaker]
    if clause.speaker_span is None:  # `find_acts` gives every other speaker its span
        return previous
    said = quote[clause.speaker_span[0] - clause.start : clause.speaker_span[1] - clause.start]
    named = list(dict.fromkeys(m.entity.iri for m in linker.mentions(said) if not m.nested and m.entity.is_a("Actor")))
    if named and members:  # a named member speaks for itself; "The OECD will…" in a G7 text is no G7 statement
        named = [n for n in named if n == document.speaker or n in members or reference.entities[n].is_a("Office")]
        if not named:
            return None
    if named:
        return named  # "Canada and France will…": both
    if clause.speaker == "office" and document.date:
        # "The Presidency": the speaking group's office of the document's year ("incoming": the next one's).
        year = str(int(document.date[:4]) + (1 if re.search(r"\bincoming\b", said) else 0))
        for entity in sorted(reference.entities.values(), key=lambda e: str(e.iri)):
            if reference.post_in.get(entity.iri) == document.speaker and reference.year_of.get(entity.iri) == year:
                return [entity.iri]
    if clause.speaker == "group":
        return [document.speaker]
    name = _bare_name(said)
    if clause.speaker == "named" and head_class(name) not in _SPEAKING_BODIES:
        return None
    return [candidate_iri(name)]


def _bare_name(said: str) -> str:
    """A subject as a name: without a leading "the" and a trailing "(ACRONYM)"."""
    return re.sub(r"\s*\([^)]*\)$", "", re.sub(r"^[Tt]he\s+", "", said.strip()))


def _link(
    statement: ExtractedStatement,
    quote: str,
    speaker_span: tuple[int, int] | None,
    linker: Linker,
    made_by: list[URIRef],
    reference: Reference,
    document_year: int | None,
    document_speaker: URIRef,
) -> None:
    found: list[NameMatch] = linker.mentions(quote, (speaker_span,) if speaker_span else ())
    places = sorted((m.start, m.end, m.entity.iri) for m in found if m.entity.is_a("Place") or m.entity.is_a("Country"))
    mentions: list[NameMatch] = []
    for mention in found:  # a document or meeting named with a year or place is linked only if both fit
        if any(mention.entity.is_a(c) for c in DATED):
            before = _NAME_BEFORE.search(quote, max(0, mention.start - 40), mention.start)
            if before and not any(m.start < before.end() and before.start() < m.end for m in found if m is not mention):
                continue  # "Ministerial Declaration" in "the Alpha Ministerial Declaration" names another document
            when = when_and_where(quote, mention.start, mention.end, places, document_year)
            entity = resolve_dated(mention.entity, quote[mention.start : mention.end], when, reference)
            if entity is None:
                continue
            mention = replace(mention, entity=entity)
        mentions.append(mention)
    mentions += _titled_offices(quote, mentions, reference, linker, document_speaker)
    # "G20" opening "the G20 Framework for Systems of…" is part of that name, and the document's
    # speaker opening one is so whoever makes the statement ("G7" in "the G7 Summit in Italy" after "The
    # Canadian Presidency…"); "The EU" opening "The EU and its Member States reaffirm…" is the
    # speaker: none is a link of its own.
    speakers = {*made_by, document_speaker}
    mentions = [
        m
        for m in mentions
        if not (
            (m.entity.iri in speakers and _WORD_AFTER.match(quote, m.end))
            or (m.entity.iri in made_by and _OPENING.fullmatch(quote, 0, m.start))
        )
    ]
    links: list[tuple[URIRef, URIRef]] = []
    years: list[str] = [year for year, _, _ in target_years(quote, document_year)]
    for mention in mentions:
        if mention.repeat:
            continue
        if mention.nested and mention.entity.iri in speakers:
            continue  # "G7" inside "G7 Partnership…" names the speaker, not a party
        links.append((mention.entity.role, mention.entity.iri))
        if mention.entity.is_a("Meeting"):
            years.extend(years_in(quote[mention.start : mention.end]))
    taken = [(m.start, m.end) for m in mentions] + ([speaker_span] if speaker_span else [])
    mention_spans: SpanIndex[NameMatch] = SpanIndex()
    for mention in mentions:
        mention_spans.add(mention.start, mention.end, mention)
    statement.lineage += [(GG.reaffirms, document.iri) for document in _reaffirmed(quote, mentions)]
    for clue in lineage_clues(quote):
        target = _lineage_target(clue.start, clue.end, quote, mention_spans, places, reference, document_year)
        if target is _NO_LINEAGE:
            continue
        if target is not None:
            statement.lineage.append((clue.relation, target.iri))
            if (target.role, target.iri) not in links:
                links.append((target.role, target.iri))
            continue
        name = _reference_name(quote, clue.start, clue.end)
        candidate = CandidateEntity(candidate_iri(name), name, None, head_class(name))
        statement.candidates.append(candidate)
        statement.lineage.append((clue.relation, candidate.iri))
        taken.append((clue.start, clue.end))
        # "G20" in "the 2023 G20 New Delhi Leaders' Declaration" names the speaker, inside another name.
        speaker_inside = {m.entity.iri for m in mention_spans.overlapping(clue.start, clue.end) if m.entity.iri in made_by}
        links = [link for link in links if link[1] not in speaker_inside]
    # A place or actor opening a longer name stays linked, and the name stays whole: "Hiroshima AI
    # Process" is a candidate, and "the G7 Summit in Italy next year" the meeting its kind, year and
    # place identify.
    openers = {(m.start, m.end) for m in mentions if _opens_a_name(quote, m)}
    names_taken = [span for span in taken if span not in openers]
    names = candidate_names(quote, names_taken)
    for found_name in names:
        if head_class(found_name.name) in DATED and not found_name.acronym:
            when = when_and_where(quote, found_name.start, found_name.end, places, document_year)
            dated = resolve_dated(None, found_name.name, when, reference)
            if dated is not None:
                links.append((dated.role, dated.iri))
                taken.append((found_name.start, found_name.end))
    places_opening = {(m.start, m.end) for m in mentions if m.entity.is_a("Place") and _opens_a_name(quote, m)}
    named = {c.iri for c in statement.candidates}
    candidates_taken = [span for span in taken if span not in places_opening]
    if candidates_taken != names_taken:  # most often the same spans: the names found above
        names = candidate_names(quote, candidates_taken)
    for found_name in names:
        cls = head_class(found_name.name)
        candidate = CandidateEntity(candidate_iri(found_name.name), found_name.name, found_name.acronym, cls)
        if candidate.iri not in named:
            statement.candidates.append(candidate)
            named.add(candidate.iri)
    statement.lineage = list(dict.fromkeys(statement.lineage))
    statement.links = sorted(set(links))
    statement.years = sorted(set(years))
    statement.vague_times = vague_times(quote)


#: What `_lineage_target` gives for a reference to a known entity that is no document or meeting.
_NO_LINEAGE = ReferenceEntity(URIRef(""), "", URIRef(""))


def _opens_a_name(quote: str, mention: NameMatch) -> bool:
    """Whether a linked actor or place is followed by a capitalised word, as "G7" in "G7 Summit"."""
    return (mention.entity.is_a("Actor") or mention.entity.is_a("Place")) and bool(_CAPITAL_AFTER.match(quote, mention.end))


def _reaffirmed(quote: str, mentions: list[NameMatch]) -> list[ReferenceEntity]:
    """Documents and meetings reaffirmed by name right after the verb, one after another ("We
    reaffirm the Tunis Agenda and the Geneva Declaration of Principles"); "reaffirm the importance
    of…" names none."""
    starts = {m.start: m for m in mentions if not m.nested and any(m.entity.is_a(c) for c in _LINEAGE_TARGETS)}
    found = []
    for verb in _REAFFIRMED.finditer(quote):
        position = verb.end()
        while (mention := starts.get(position)) is not None:
            found.append(mention.entity)
            after = _NEXT_IN_LIST.match(quote, mention.end)
            position = after.end() if after and after.end() > mention.end else -1
    return found


def _titled_offices(
    quote: str, mentions: list[NameMatch], reference: Reference, linker: Linker, speaker: URIRef
) -> list[NameMatch]:
    """Offices and bodies of the speaker's own organisation named by title alone ("the Secretary-General")."""
    titled = linker.titled_offices(quote, speaker)
    if not titled:
        return []
    named: SpanIndex[NameMatch] = SpanIndex()  # a title inside a linked name is that name's
    for mention in mentions:
        named.add(mention.start, mention.end, mention)
    return [
        NameMatch(reference.entities[office], start, end, False)
        for start, end, office in titled
        if not named.overlapping(start, end)
    ]


def _lineage_target(
    start: int,
    end: int,
    quote: str,
    mention_spans: SpanIndex[NameMatch],
    places: list[tuple[int, int, URIRef]],
    reference: Reference,
    document_year: int | None,
) -> ReferenceEntity | None:
    """What a reference to earlier work names: the widest document, meeting, forum or initiative
    linked inside it, or else a dated document or meeting its words, year and place identify."""
    name = _reference_name(quote, start, end)
    name_start = quote.index(name, start) if name in quote[start:end] else start
    name_end = name_start + len(name)
    # Only a name that ends the reference is its head: "G7" in "the G7 Summit in Italy" is not.
    heads = [
        m
        for m in mention_spans.overlapping(start, end)
        if start <= m.start and m.end <= end and not m.nested and abs(m.end - name_end) <= 2
    ]
    if heads:
        head = max(heads, key=lambda m: (m.end - m.start, -m.start)).entity
        # A known forum or initiative ("building on PGII") is linked by its role, not as lineage.
        return head if any(head.is_a(c) for c in _LINEAGE_TARGETS) else _NO_LINEAGE
    when = when_and_where(quote, name_start, name_end, places, document_year)
    return resolve_dated(None, name, when, reference)


def _reference_name(quote: str, start: int, end: int) -> str:
    """The name in a reference to earlier work, without the year and place after it
    ("G7 Summit" of "the G7 Summit in Italy last year")."""
    text = re.sub(r"^(?:the|our)\s+", "", quote[start:end], flags=re.I)
    return re.sub(r"(?:\s+(?:in|at)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?(?:\s+(?:last|this|next)\s+year)$", "", text) or text
