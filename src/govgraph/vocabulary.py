"""govgraph's vocabulary as the ontology declares it: classes, their labels and hierarchy, and the roles.

Read from ontology/govgraph.ttl on first use (again when the file changes), so that a class
or subclass added there reaches stats, explore, ingest and the export tables with no code
change. A *role* is a property that links a statement to an entity it names: gg:mentions
and its sub-properties (forum, initiative, theme…), and the speaker, gg:madeBy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pyoxigraph as ox

from . import paths
from .errors import GovgraphError
from .namespaces import GG, OWL, RDF, RDFS
from .store import Store, TrustedQuery

_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_SUBCLASS, _SUBPROPERTY, _RANGE = str(RDFS.subClassOf), str(RDFS.subPropertyOf), str(RDFS.range)
#: The properties whose sub-properties (and themselves) are roles.
ROLE_ROOTS = (str(GG.madeBy), str(GG.mentions))
#: Every (subclass, class) pair a graph itself declares.
_SUBCLASS_PAIRS = TrustedQuery.of("SELECT DISTINCT ?c ?super WHERE { ?c rdfs:subClassOf+ ?super }")


@dataclass(frozen=True)
class Counted:
    """One thing analysts count: its key (stats' text and JSON, the app's counts), class and title in the app."""

    key: str
    cls: str
    title: str


#: What the CLI and the app count, in the order they show it; each class counts its subclasses too.
COUNTED: tuple[Counted, ...] = (
    Counted("statements", str(GG.Statement), "Statements"),
    Counted("commitments", str(GG.Commitment), "Commitments"),
    Counted("documents", str(GG.Document), "Documents"),
    Counted("forums", str(GG.Forum), "Forums and processes"),
    Counted("meetings", str(GG.Meeting), "Meetings"),
    Counted("initiatives", str(GG.Initiative), "Initiatives"),
    Counted("actors", str(GG.Actor), "Actors"),
    Counted("themes", str(GG.Theme), "Themes"),
    Counted("stakeholder groups", str(GG.StakeholderGroup), "Stakeholder groups"),
    Counted("target groups", str(GG.TargetGroup), "Target groups"),
    Counted("regions", str(GG.Region), "Regions"),
)


@dataclass(frozen=True)
class Role:
    """A property linking a statement to an entity: its IRI, local name, label and the class it names."""

    iri: str
    name: str
    label: str
    range: str | None


@dataclass(frozen=True, eq=False)  # one per ontology file and version (cached): compared by identity
class Vocabulary:
    """The ontology's classes (IRI → label, IRI → direct superclasses) and roles, in the file's order."""

    labels: dict[str, str] = field(default_factory=dict)
    parents: dict[str, frozenset[str]] = field(default_factory=dict)
    roles: tuple[Role, ...] = ()

    @cached_property
    def children(self) -> dict[str, set[str]]:
        """Class → its direct subclasses (the inverse of `parents`)."""
        children: dict[str, set[str]] = {}
        for child, parents in self.parents.items():
            for parent in parents:
                children.setdefault(parent, set()).add(child)
        return children

    def below(self, cls: str) -> frozenset[str]:
        """`cls` and every class below it by rdfs:subClassOf."""
        return below(cls, self.children)

    def above(self, cls: str) -> list[str]:
        """`cls` and its superclasses, nearest first."""
        order, queue = [cls], [cls]
        while queue:
            for parent in sorted(self.parents.get(queue.pop(0), ())):
                if parent not in order:
                    order.append(parent)
                    queue.append(parent)
        return order

    def role_naming(self, cls: str) -> Role | None:
        """The role whose range is `cls` or its nearest superclass (gg:madeBy aside: the speaker is no mention)."""
        by_range = {role.range: role for role in self.roles if role.range and role.iri != str(GG.madeBy)}
        return next((by_range[c] for c in self.above(cls) if c in by_range), None)

    def label(self, cls: str) -> str:
        return self.labels.get(cls, cls.rsplit("#", 1)[-1])


def load(ontology: Path | None = None) -> Vocabulary:
    """The vocabulary of `ontology` (the project's ontology by default), read again only when the file changed."""
    path = Path(ontology or paths.ONTOLOGY_FILE)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as error:
        raise GovgraphError(f"cannot read the ontology {path}: {error.strerror}") from None
    return _read(str(path.resolve()), stamp)


@lru_cache(maxsize=4)
def _read(path: str, stamp: int) -> Vocabulary:
    try:
        triples = [quad.triple for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE)]
    except (SyntaxError, OSError) as error:
        raise GovgraphError(f"cannot read the ontology {path}: {' '.join(str(error).split())[:200]}") from None
    about: dict[str, dict[str, list[str]]] = {}
    for triple in triples:
        if isinstance(triple.subject, ox.NamedNode) and isinstance(triple.object, (ox.NamedNode, ox.Literal)):
            about.setdefault(triple.subject.value, {}).setdefault(triple.predicate.value, []).append(triple.object.value)
    classes = [iri for iri, facts in about.items() if str(OWL.Class) in facts.get(_TYPE, [])]
    properties = [iri for iri, facts in about.items() if str(OWL.ObjectProperty) in facts.get(_TYPE, [])]
    vocabulary = Vocabulary(
        labels={iri: about[iri].get(_LABEL, [iri.rsplit("#", 1)[-1]])[0] for iri in classes},
        parents={iri: frozenset(about[iri].get(_SUBCLASS, [])) for iri in classes},
    )
    roles = [iri for iri in properties if _reaches(iri, ROLE_ROOTS, about)]
    # Specific roles first, each general one after those below it (gg:mentions last), else the file's order.
    roles.sort(key=lambda iri: iri in ROLE_ROOTS and iri != str(GG.madeBy))
    missing = [c.cls for c in COUNTED if c.cls not in vocabulary.labels]
    if missing:
        raise GovgraphError(f"the ontology {path} does not declare the class {missing[0]}, which govgraph counts")
    return Vocabulary(
        vocabulary.labels,
        vocabulary.parents,
        tuple(
            Role(
                iri,
                iri.rsplit("#", 1)[-1],
                about[iri].get(_LABEL, [""])[0],
                ranges[0] if (ranges := about[iri].get(_RANGE)) else None,
            )
            for iri in roles
        ),
    )


def _reaches(iri: str, roots: tuple[str, ...], about: dict[str, dict[str, list[str]]]) -> bool:
    """Whether `iri` is one of `roots` or a sub-property of one (through any number of steps)."""
    seen, stack = set(), [iri]
    while stack:
        current = stack.pop()
        if current in roots:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(about.get(current, {}).get(_SUBPROPERTY, []))
    return False


def below(root: str, children: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """`root` and everything below it, given each class's direct subclasses: the one hierarchy walk."""
    found, stack = {root}, [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return frozenset(found)


def subclasses(store: Store, known: Vocabulary | None = None, timeout: float = 30.0) -> Callable[[str], frozenset[str]]:
    """A class and every class below it, by the ontology's rdfs:subClassOf (`known`; the project's by default) or the graph's.

    The ontology's hierarchy counts even where the graph holds no ontology (a server loaded
    with the data alone); the graph's own adds the subclasses it declares.
    """
    children = {parent: set(kids) for parent, kids in (known or load()).children.items()}
    for child, parent in store.select(_SUBCLASS_PAIRS, timeout=timeout, limit=10_000_000).rows:
        children.setdefault(str(parent), set()).add(str(child))
    return lambda cls: below(cls, children)
