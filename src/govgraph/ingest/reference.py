"""The reference data the extractor links to: labels, classes, act kinds, members, years, and
the year and places of each document and meeting.

Read once per process from data/reference/*.ttl (and the ontology, for the class hierarchy)
with SPARQL through the Store interface. Which classes make an actor comes from the ontology
(everything below gg:Actor), so a class added there needs no change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from .. import paths
from ..errors import InputError
from ..namespaces import GG, PREFIXES
from ..store import MemoryStore, Store, TrustedQuery
from ..turtle import is_iri
from ..vocabulary import Vocabulary
from ..vocabulary import load as load_vocabulary

#: Classes a statement names with gg:mentions itself: no role of the ontology has them as its range.
MENTIONED = (str(GG.Document), str(GG.Place))
#: The class an actor (a speaker, a publisher) has, directly or through a subclass the ontology declares.
ACTOR_CLASSES = {"Actor"}

_LABELS = TrustedQuery.of("""
SELECT ?entity ?label ?class WHERE {
  { ?entity rdfs:label ?label } UNION { ?entity skos:altLabel ?label } UNION { ?entity skos:prefLabel ?label }
  ?entity a ?class .
  FILTER(STRSTARTS(STR(?class), STR(gg:)))
}""")
#: Titles name documents too, but only as written: "Plan of Action" is a WSIS document, "plan of action" is not.
_TITLES = TrustedQuery.of("SELECT ?entity ?title WHERE { ?entity dcterms:title|dcterms:alternative ?title }")
_ACTS = TrustedQuery.of("SELECT ?act ?indicates WHERE { ?act a gg:ActKind ; gg:indicatesCommitment ?indicates }")
_MEMBERS = TrustedQuery.of(
    "SELECT ?group ?member WHERE { { ?group org:hasMember ?member } UNION { ?group gg:nonEnumeratedMember ?member } }"
)
_YEARS = TrustedQuery.of("SELECT ?year WHERE { ?year time:inXSDgYear ?y }")
_POSTS = TrustedQuery.of("SELECT ?office ?organisation WHERE { ?office org:postIn ?organisation }")
_PARENTS = TrustedQuery.of("SELECT ?unit ?parent WHERE { ?unit org:subOrganizationOf ?parent }")
#: When a document or meeting was: its own date, the meeting that adopted it, or its year.
_DATES = TrustedQuery.of("""
SELECT ?entity ?date WHERE {
  { ?entity dcterms:date ?date } UNION { ?entity schema:startDate ?date }
  UNION { ?entity gg:adoptedAt/schema:startDate ?date } UNION { ?entity dcterms:temporal/time:inXSDgYear ?date }
}""")
#: Where a document or meeting was: its place, the host country, the country of its place.
_PLACES = TrustedQuery.of("""
SELECT ?entity ?where WHERE {
  { ?entity schema:location/schema:containedInPlace* ?where } UNION { ?entity gg:host ?where }
  UNION { ?entity gg:adoptedAt ?meeting . { ?meeting schema:location/schema:containedInPlace* ?where } UNION { ?meeting gg:host ?where } }
  UNION { ?entity schema:location|gg:adoptedAt/schema:location ?place .
          ?place schema:addressCountry ?code . ?where gg:iso3166Alpha2 ?code }
}""")
#: The classes whose references are checked by year and place (`earlier`).
DATED = ("Document", "Meeting")
#: Reference data is small; a larger answer means the folder holds something else.
MAX_ROWS = 10_000_000


@dataclass(frozen=True)
class ReferenceEntity:
    """A reference resource with the class that decides its role, and every class it has
    (local names, superclasses included)."""

    iri: URIRef
    cls: str
    role: URIRef
    classes: frozenset[str] = frozenset()

    def is_a(self, cls: str) -> bool:
        """Whether the entity is of `cls` (a local name) or of a class below it."""
        return cls in self.classes


@dataclass
class Reference:
    """Everything the extractor reads from the reference data; `labels` keeps each label as written."""

    labels: dict[str, set[ReferenceEntity]] = field(default_factory=dict)
    exact_labels: set[str] = field(default_factory=set)  # names matched with their case (titles)
    acts: dict[str, bool] = field(default_factory=dict)
    act_iris: dict[str, URIRef] = field(default_factory=dict)
    members: dict[URIRef, list[URIRef]] = field(default_factory=dict)
    years: set[URIRef] = field(default_factory=set)
    entities: dict[URIRef, ReferenceEntity] = field(default_factory=dict)
    names_of: dict[URIRef, set[str]] = field(default_factory=dict)  # every label of each entity
    post_in: dict[URIRef, URIRef] = field(default_factory=dict)  # an office and the organisation it is a post in
    parent_of: dict[URIRef, URIRef] = field(default_factory=dict)  # an organisation and the one it is part of
    year_of: dict[URIRef, str] = field(default_factory=dict)  # documents and meetings: "2023"
    places_of: dict[URIRef, set[URIRef]] = field(default_factory=dict)  # places and countries
    dated: list[ReferenceEntity] = field(default_factory=list)  # entities of the DATED classes, found once

    def by_label(self, label: str) -> ReferenceEntity | None:
        """The entity whose label or alternative label is `label` (case-insensitive), if one."""
        found = set().union(*(e for name, e in self.labels.items() if name.casefold() == label.casefold()))
        return sorted(found, key=lambda e: str(e.iri))[0] if found else None


def _role(classes: set[str], vocabulary: Vocabulary) -> tuple[str, URIRef] | None:
    """The class and role an entity is linked by: of its classes, the one whose role the ontology lists first.

    The ontology's hierarchy decides, so a subclass added there is linked like its superclass,
    and the G7 (a group and a forum) is linked as a forum, as the curated data does.
    """
    order = [role.iri for role in vocabulary.roles]
    mentioned = set().union(*(vocabulary.below(cls) for cls in MENTIONED))
    ranked = []
    for cls in sorted(classes):
        role = vocabulary.role_naming(cls)
        iri = role.iri if role is not None else str(GG.mentions) if cls in mentioned else None
        if iri is not None and iri != str(GG.madeBy):
            ranked.append((order.index(iri), cls, iri))
    if not ranked:
        return None
    _, cls, iri = min(ranked, key=lambda found: (found[0], -len(vocabulary.above(found[1])), found[1]))
    return cls.rsplit("#", 1)[-1], URIRef(iri)


def load_reference(directory: Path | None = None, ontology: Path | None = None) -> Reference:
    """Read the reference data in `directory` (data/reference by default), classed by `ontology`'s hierarchy."""
    directory = Path(directory or paths.DATA_DIR / "reference")
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.ttl"))) if directory.is_dir() else ()
    return _load(str(directory), stamp, load_vocabulary(ontology))


@lru_cache(maxsize=4)
def _load(directory: str, stamp: tuple, vocabulary: Vocabulary) -> Reference:
    store = MemoryStore()
    for name, _ in stamp:
        path = Path(directory) / name
        try:
            store.graph.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        except SyntaxError as error:
            raise InputError(path, f"Turtle syntax error: {' '.join(str(error).split())[:200]}") from None
    classes: dict[URIRef, set[str]] = {}
    labelled: dict[URIRef, set[str]] = {}
    for entity, label, cls in _rows(store, _LABELS):
        classes.setdefault(entity, set()).add(str(cls))
        labelled.setdefault(entity, set()).add(str(label))
    titled: dict[URIRef, set[str]] = {}
    for entity, title in _rows(store, _TITLES):
        titled.setdefault(entity, set()).add(str(title))
    reference = Reference()
    reference.exact_labels = set().union(*titled.values()) - set().union(*labelled.values()) if titled else set()
    for iri, titles in titled.items():
        if iri in labelled:
            labelled[iri] |= titles
    for iri, names in labelled.items():
        chosen = _role(classes[iri], vocabulary)
        if chosen is None:
            continue
        every = {a.removeprefix(str(GG)) for cls in classes[iri] for a in vocabulary.above(cls) if a.startswith(str(GG))}
        entity = ReferenceEntity(iri, *chosen, frozenset(every))
        reference.entities[iri] = entity
        reference.names_of[iri] = set(names)
        for name in names:
            reference.labels.setdefault(name, set()).add(entity)
    reference.dated = [entity for entity in reference.entities.values() if any(entity.is_a(cls) for cls in DATED)]
    for act, indicates in _rows(store, _ACTS):
        name = str(act).rstrip("/").rsplit("/", 1)[-1]
        reference.acts[name] = bool(indicates.toPython())
        reference.act_iris[name] = act
    for group, member in _rows(store, _MEMBERS):
        reference.members.setdefault(group, []).append(member)
    for members in reference.members.values():
        members.sort()
    reference.years = {year for (year,) in _rows(store, _YEARS)}
    reference.post_in = {office: organisation for office, organisation in _rows(store, _POSTS)}
    reference.parent_of = {unit: parent for unit, parent in _rows(store, _PARENTS)}
    for entity, date in _rows(store, _DATES):
        reference.year_of.setdefault(entity, str(date)[:4])
    for entity, where in _rows(store, _PLACES):
        reference.places_of.setdefault(entity, set()).add(where)
    return reference


def office_titles(reference: Reference, speaker: URIRef) -> dict[str, URIRef]:
    """Offices and bodies of the speaker's organisation (or the one it is part of) by their bare
    title: "Secretary-General" for the UN's in a General Assembly text, "Commission" for the
    European Commission in an EU text. A title two of them share ("Presidency") names neither."""
    home = {speaker, reference.parent_of.get(speaker)}
    found: dict[str, set[URIRef]] = {}
    members = [(office, org) for office, org in reference.post_in.items()] + list(reference.parent_of.items())
    for unit, organisation in members:
        if organisation not in home:
            continue
        names = reference.names_of.get(organisation, set())
        prefixes = sorted(names | {name.split()[0] for name in names}, key=len, reverse=True)
        for label in reference.names_of.get(unit, ()):
            title = label.split(" of the ")[0]
            title = next((title[len(p) :].strip() for p in prefixes if title.startswith(p + " ")), title)
            found.setdefault(title, set()).add(unit)
    return {title: next(iter(units)) for title, units in found.items() if len(units) == 1 and title[:1].isupper()}


def _rows(store: Store, query: TrustedQuery) -> list:
    return store.select(query, limit=MAX_ROWS).rows


def resolve(value: str, reference: Reference, classes: set[str], what: str, source: Path) -> URIRef:
    """An IRI for --part-of / --publisher: a full IRI, a prefixed name, a slug or a label."""
    if value.startswith(("http://", "https://")) or (":" in value and value.split(":", 1)[0] in PREFIXES):
        prefix, local = value.split(":", 1)
        iri = PREFIXES[prefix] + local if prefix in PREFIXES else value
        if not is_iri(iri):
            raise InputError(source, f"{what} {value!r} is not an IRI (it holds spaces, quotes or angle brackets)")
        return URIRef(iri)
    by_label = reference.by_label(value)
    if by_label and any(by_label.is_a(cls) for cls in classes):
        return by_label.iri
    for iri, entity in reference.entities.items():
        if any(entity.is_a(cls) for cls in classes) and str(iri).rsplit("/", 1)[-1] == value:
            return iri
    raise InputError(source, f"{what} {value!r} names no {' or '.join(sorted(classes))} in the reference data")
