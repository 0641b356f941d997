"""Review a draft written by `govgraph ingest`: read it, change it, write it back atomically.

The CLI (`govgraph review`) and the app's Review page both go through `Draft`, so a change
made in one reads the same in the other. Changes are made on the draft's graph in memory and
`save` writes the whole file at once: a run that fails half-way leaves the draft untouched.

- accept: the reviewer vouches for the statement (its gg:confidence becomes 1.0);
- reject: the statement goes, with the candidates only it named; a paragraph left without
  statements is kept and marked gg:withoutStatement;
- act, commitment, span: the kind of act, gg:Commitment or gg:Statement, the offsets (the quote
  is cut again from the source text, inside the statement's paragraph);
- rename: a candidate gets a better name before it is created;
- resolve, create: a candidate becomes an existing reference entity, or a new entity of a class
  of the ontology, and every statement that named it links it by that class's role;
- link: a statement names one more reference entity, by its role.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from .. import paths
from ..atomic import write_text
from ..errors import InputError
from ..loading import parse_file, to_rdflib
from ..namespaces import GG, ID, PREFIXES, STMT
from ..terms import short
from ..validate import ValidationReport
from ..vocabulary import Vocabulary
from ..vocabulary import load as load_vocabulary
from .draft import HEADER
from .extract import slugify
from .merge import draft_document, find_source, unresolved_candidates, validate_draft
from .reference import MENTIONED, Reference, load_reference

CANDIDATES = ID["candidate/"]
#: Where a new entity of a class goes when no reference entity of that class shows the way.
NEW_ENTITIES = ID


@dataclass(frozen=True)
class Link:
    """An entity a statement names: its IRI, label, other names and the role (property IRI) that links it."""

    iri: str
    label: str
    role: str
    candidate: bool
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftStatement:
    """One statement of a draft, as a reviewer sees it."""

    iri: str
    paragraph: int
    sentence: int
    clause: int
    kind: str
    commitment: bool
    accepted: bool
    confidence: float | None
    start: int
    end: int
    quote: str
    links: tuple[Link, ...]
    rule: str = ""  # why the extractor decided it is a commitment or not
    vague_times: tuple[str, ...] = ()  # times with no date, as written ("in the near term")

    @property
    def id(self) -> str:
        return self.iri.removeprefix(str(STMT))


@dataclass(frozen=True)
class DraftParagraph:
    """One paragraph of the draft: its number, offsets and text."""

    iri: str
    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Candidate:
    """A name the extractor could not link: its IRI, label and any alternative labels."""

    iri: str
    label: str
    alt_labels: tuple[str, ...]
    cls: str | None = None  # the class the extractor proposes (a local name of the ontology), the default for `create`

    @property
    def id(self) -> str:
        return self.iri.removeprefix(str(CANDIDATES))


def drafts(directory: Path | None = None) -> list[Path]:
    """The drafts waiting for review (data/drafts/*.ttl by default), by name."""
    directory = Path(directory or paths.DATA_DIR / "drafts")
    return sorted(p for p in directory.glob("*.ttl") if p.is_file()) if directory.is_dir() else []


class Draft:
    """A draft held in memory for review; `save` writes it back atomically."""

    def __init__(self, path: Path | str, data_dir: Path | None = None) -> None:
        self.path = Path(path)
        self.data_dir = Path(data_dir or paths.DATA_DIR)
        if not self.path.is_file():
            raise InputError(self.path, "no such draft")
        self.graph: Graph = to_rdflib(parse_file(self.path))
        self.document, relative, digest = draft_document(self.path, self.graph)
        source, _ = find_source(self.path, relative, digest, self.data_dir)
        self.text = source.read_text(encoding="utf-8")
        self.reference: Reference = load_reference(self.data_dir / "reference")
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, str(namespace))
        self.graph.bind("candidate", str(CANDIDATES))

    # Reading ---------------------------------------------------------------------------------

    def statements(self) -> list[DraftStatement]:
        """Every statement, in document order."""
        found = [self._statement(URIRef(str(node))) for node in set(self.graph.subjects(GG.quote, None))]
        return sorted(found, key=lambda s: (s.start, s.clause))

    def paragraphs(self) -> list[DraftParagraph]:
        """Every paragraph with its text, in document order."""
        found = []
        for node in set(self.graph.subjects(RDF.type, GG.Paragraph)):
            start, end = self._int(node, GG.startOffset), self._int(node, GG.endOffset)
            found.append(DraftParagraph(str(node), self._int(node, GG.number), start, end, self.text[start:end]))
        return sorted(found, key=lambda p: p.number)

    def candidates(self) -> list[Candidate]:
        """The candidate entities still to resolve or create."""
        return [
            Candidate(
                iri,
                label,
                tuple(sorted(str(a) for a in self.graph.objects(URIRef(iri), SKOS.altLabel))),
                _local_name(self.graph.value(URIRef(iri), GG.proposedClass)),
            )
            for iri, label in unresolved_candidates(self.graph)
        ]

    def entities(self) -> list[tuple[str, str]]:
        """(name, IRI) of every reference entity, by each of its labels and alternative labels: what a reviewer picks from."""
        return sorted((name, str(e.iri)) for name, found in self.reference.labels.items() for e in found)

    def act_kinds(self) -> list[str]:
        return sorted(self.reference.act_iris)

    def classes(self) -> list[str]:
        """The ontology's classes a new entity may have: those some role links (local names)."""
        vocabulary = load_vocabulary()
        return sorted(c.rsplit("#", 1)[-1] for c in vocabulary.labels if c.startswith(str(GG)) and _role(vocabulary, c))

    def validate(self) -> ValidationReport:
        """The draft as saved, checked with the curated data (what `govgraph merge` would check)."""
        return validate_draft(self.path, self.data_dir)

    def _statement(self, node: URIRef) -> DraftStatement:
        graph = self.graph
        kind = graph.value(node, GG.actKind)
        found = graph.value(node, GG.confidence)
        confidence = float(found) if isinstance(found, Literal) else None
        paragraph = graph.value(node, GG.inParagraph)
        return DraftStatement(
            iri=str(node),
            paragraph=self._int(paragraph, GG.number) if paragraph is not None else 0,
            sentence=self._int(node, GG.sentence),
            clause=self._int(node, GG.clause),
            kind=str(kind).rstrip("/").rsplit("/", 1)[-1] if kind is not None else "",
            commitment=(node, RDF.type, GG.Commitment) in graph,
            accepted=confidence == 1.0,
            confidence=confidence,
            start=self._int(node, GG.startOffset),
            end=self._int(node, GG.endOffset),
            quote=str(graph.value(node, GG.quote)),
            links=tuple(self._links(node)),
            rule=str(graph.value(node, GG.commitmentRule) or ""),
            vague_times=tuple(sorted(str(v) for v in graph.objects(node, GG.vagueTime))),
        )

    def _links(self, node: URIRef) -> list[Link]:
        links = []
        roles = self._roles
        for role, target in sorted(self.graph.predicate_objects(node)):
            if role in roles and role != GG.madeBy and isinstance(target, URIRef):
                label = self._label(target)
                candidate = str(target).startswith(str(CANDIDATES))
                links.append(Link(str(target), label, str(role), candidate, tuple(self._names(target)) or (label,)))
        return links

    @cached_property
    def _roles(self) -> set[URIRef]:
        """The properties by which a statement names something (its maker aside)."""
        return {URIRef(role.iri) for role in load_vocabulary().roles} | {GG.mentions, GG.targetTime, GG.buildsOn, GG.reaffirms}

    def _label(self, node: URIRef) -> str:
        label = self.graph.value(node, RDFS.label)
        if label is None:
            names = self._reference_names.get(node, [])
            return min(names, key=len) if names else short(str(node))
        return " ".join(str(label).split())

    def _names(self, node: URIRef) -> list[str]:
        """Every name the entity goes by, in the draft and in the reference data (to find it in a quote)."""
        names = {" ".join(str(n).split()) for p in (RDFS.label, SKOS.altLabel) for n in self.graph.objects(node, p)}
        names.update(self._reference_names.get(node, []))
        return sorted(names)

    @cached_property
    def _reference_names(self) -> dict[URIRef, list[str]]:
        """Each reference entity's labels and alternative labels, looked up once per draft."""
        names: dict[URIRef, list[str]] = {}
        for name, found in self.reference.labels.items():
            for entity in found:
                names.setdefault(entity.iri, []).append(name)
        return names

    def _int(self, node: Node | None, predicate: URIRef) -> int:
        value = self.graph.value(node, predicate)
        return int(str(value)) if value is not None else 0

    # Changing --------------------------------------------------------------------------------

    def statement(self, ident: str) -> URIRef:
        """A statement of the draft by IRI, `stmt:` name or local name."""
        node = self._node(ident, STMT)
        if (node, GG.quote, None) not in self.graph:
            raise InputError(self.path, f"no statement {ident!r} in the draft")
        return node

    def candidate(self, ident: str) -> URIRef:
        """A candidate of the draft by IRI, `candidate:` name or local name."""
        node = self._node(ident, CANDIDATES)
        if (node, RDF.type, GG.CandidateEntity) not in self.graph:
            raise InputError(self.path, f"no unresolved candidate {ident!r} in the draft")
        return node

    def accept(self, ident: str) -> None:
        self.graph.set((self.statement(ident), GG.confidence, Literal(Decimal("1.0"), datatype=XSD.decimal)))

    def reject(self, ident: str) -> None:
        node = self.statement(ident)
        paragraph = self.graph.value(node, GG.inParagraph)
        named = set(self.graph.objects(node, None))
        self.graph.remove((node, None, None))
        self.graph.remove((None, None, node))  # another statement's lineage to it would point at nothing
        for candidate in named:
            if (candidate, RDF.type, GG.CandidateEntity) in self.graph and (None, None, candidate) not in self.graph:
                self.graph.remove((candidate, None, None))
        if paragraph is not None and (None, GG.inParagraph, paragraph) not in self.graph:
            self.graph.set((paragraph, GG.withoutStatement, Literal(True)))

    def set_act(self, ident: str, kind: str) -> None:
        node = self.statement(ident)
        if kind not in self.reference.act_iris:
            raise InputError(self.path, f"no act kind {kind!r}; the reference data has {', '.join(self.act_kinds())}")
        self.graph.set((node, GG.actKind, self.reference.act_iris[kind]))

    def set_commitment(self, ident: str, commitment: bool) -> None:
        node = self.statement(ident)
        self.graph.remove((node, RDF.type, GG.Commitment if not commitment else GG.Statement))
        self.graph.add((node, RDF.type, GG.Commitment if commitment else GG.Statement))

    def set_span(self, ident: str, start: int, end: int) -> None:
        """New offsets for a statement; its quote is cut again from the source text."""
        node = self.statement(ident)
        paragraph = self.graph.value(node, GG.inParagraph)
        low, high = self._int(paragraph, GG.startOffset), self._int(paragraph, GG.endOffset)
        if not low <= start < end <= high:
            raise InputError(self.path, f"span {start}:{end} of {ident} is not inside its paragraph ({low}:{high})")
        self.graph.set((node, GG.startOffset, Literal(start)))
        self.graph.set((node, GG.endOffset, Literal(end)))
        self.graph.set((node, GG.quote, Literal(self.text[start:end], lang="en")))

    def resolve(self, ident: str, target: str) -> None:
        """The candidate is the reference entity `target`: every statement links that entity by its role instead."""
        node = self.candidate(ident)
        entity = self.reference.entities.get(self._node(target, None))
        if entity is None:
            raise InputError(self.path, f"{target!r} is no entity of the reference data")
        self._replace(node, entity.iri, entity.role)
        self.graph.remove((node, None, None))

    def create(self, ident: str, cls: str | None = None) -> URIRef:
        """The candidate becomes a new entity of class `cls` (a local name of the ontology; by default
        the class the extractor proposed), kept in the draft."""
        node = self.candidate(ident)
        cls = cls or _local_name(self.graph.value(node, GG.proposedClass))
        if cls is None:
            raise InputError(self.path, f"the extractor proposed no class for {ident}; name one of {', '.join(self.classes())}")
        role = _role(load_vocabulary(), str(GG[cls]))
        if role is None:
            raise InputError(self.path, f"{cls!r} is not a class a statement can name; one of {', '.join(self.classes())}")
        label = " ".join(str(self.graph.value(node, RDFS.label)).split())
        iri = URIRef(self._namespace(cls) + (slugify(label) or node.removeprefix(str(CANDIDATES))))
        if (iri, None, None) in self.graph or iri in self.reference.entities:
            raise InputError(self.path, f"{short(str(iri))} exists already; resolve the candidate to it instead")
        self.graph.add((iri, RDF.type, GG[cls]))
        self.graph.add((iri, RDFS.label, Literal(label, lang="en")))
        for alt in self.graph.objects(node, SKOS.altLabel):
            self.graph.add((iri, SKOS.altLabel, alt))
        self._replace(node, iri, role)
        self.graph.remove((node, None, None))
        return iri

    def rename(self, ident: str, label: str) -> None:
        """Give a candidate a better name (the extractor may cut a name too long or too short)."""
        if not label.strip():
            raise InputError(self.path, f"the new name of {ident} is empty")
        self.graph.set((self.candidate(ident), RDFS.label, Literal(" ".join(label.split()), lang="en")))

    def link(self, ident: str, target: str) -> None:
        node = self.statement(ident)
        entity = self.reference.entities.get(self._node(target, None))
        if entity is None:
            raise InputError(self.path, f"{target!r} is no entity of the reference data")
        self.graph.add((node, entity.role, entity.iri))

    def save(self) -> None:
        """Write the draft back in one atomic replace."""
        write_text(self.path, HEADER + self.graph.serialize(format="turtle"))

    def _replace(self, old: URIRef, new: URIRef, role: URIRef) -> None:
        """Every statement that named `old` names `new` by `role`; other links to `old` (lineage) keep their property."""
        for subject, predicate in list(self.graph.subject_predicates(old)):
            self.graph.remove((subject, predicate, old))
            self.graph.add((subject, role if predicate == GG.mentions else predicate, new))

    def _namespace(self, cls: str) -> str:
        """Where entities of `cls` live: beside one in the reference data, else id/<class>/."""
        same = sorted(str(e.iri) for e in self.reference.entities.values() if e.cls == cls)
        return same[0].rsplit("/", 1)[0] + "/" if same else str(NEW_ENTITIES) + slugify(cls) + "/"

    def _node(self, ident: str, namespace: str | None) -> URIRef:
        """An IRI from a full IRI, a prefixed name, or a local name in `namespace`."""
        ident = ident.strip()
        if ident.startswith(("http://", "https://")):
            return URIRef(ident)
        prefix, sep, local = ident.partition(":")
        if sep and prefix in PREFIXES:
            return URIRef(str(PREFIXES[prefix]) + local)
        if sep and prefix == "candidate":
            return URIRef(str(CANDIDATES) + local)
        if namespace is None:
            by_label = self.reference.by_label(ident)
            if by_label is not None:
                return by_label.iri
            raise InputError(self.path, f"{ident!r} is neither an IRI, a prefixed name nor a label of the reference data")
        return URIRef(str(namespace) + ident)


def _local_name(node: Node | None) -> str | None:
    """The local name of an ontology term ("Organisation"), or None."""
    return str(node).removeprefix(str(GG)) if node is not None and str(node).startswith(str(GG)) else None


def _role(vocabulary: Vocabulary, cls: str) -> URIRef | None:
    """The property a statement names an entity of `cls` by: its role, or gg:mentions (documents, places)."""
    if cls not in vocabulary.labels:
        return None
    role = vocabulary.role_naming(cls)
    if role is not None:
        return URIRef(role.iri)
    return GG.mentions if any(cls in vocabulary.below(m) for m in MENTIONED) else None
