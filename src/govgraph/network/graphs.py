"""networkx graphs built from the RDF: who and what the statements connect.

A *link* is one (statement, role, entity) triple where the role is one of the mention
properties of the ontology (gg:forum, gg:initiative, gg:theme, gg:madeBy…). The
projections are all made from the links:

* ``commitment-entity``: bipartite, statements on one side, the entities they name on the other;
* ``co-mention``: entities, joined when one statement names both (weight = how many statements);
* ``actor-forum`` and ``forum-initiative``: the co-mention pairs of those two kinds, plus any
  direct triple between the two (a forum convened by an actor, an initiative launched at a forum).

By default only commitments count and the speaker (gg:madeBy) is left out: in the seed the
G7 says every sentence, so it would join everything to everything and say nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from .. import vocabulary
from ..errors import GovgraphError
from ..namespaces import GG, YEAR
from ..source import Data, GraphSource, opened
from ..store import Store, TrustedQuery

PROJECTIONS = ("commitment-entity", "co-mention", "actor-forum", "forum-initiative")


def _kind(cls: str) -> str:
    """The kind of entity a class holds: its local name, lower case, words joined by hyphens (gg:TargetGroup → target-group)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", re.split(r"[#/]", cls)[-1]).lower()


_ROLES = vocabulary.load().roles
#: Role (local name of the ontology's role property) → the kind of entity it names when the entity's
#: own classes say nothing: the kind of the role's range; "other" for gg:mentions, which has none.
ROLES = {role.name: _kind(role.range) if role.range else "other" for role in _ROLES}
DEFAULT_ROLES = tuple(role for role in ROLES if role != GG.madeBy.fragment)
#: Class → kind: the classes the roles name, in the ontology's order of the roles. A resource with
#: several (the G7 is an actor and a forum) has them all; its main kind is the first in this list.
KIND_CLASSES = list(dict.fromkeys((role.range, _kind(role.range)) for role in _ROLES if role.range))
ENTITY_KINDS = tuple(kind for _, kind in KIND_CLASSES)


@dataclass(frozen=True, order=True)
class EntityLink:
    """One statement naming one entity in one role."""

    statement: str
    role: str
    entity: str


#: What the network reads: a govgraph Store (read as it is), a GraphSource, or data in memory
#: (quads, a pyoxigraph store, an rdflib graph or dataset); None reads the ontology and data/.
Source = Store | GraphSource | Data | None
#: Most rows any one fact query may return; more is an error rather than a silently cut network.
MAX_ROWS = 5_000_000


def _select(store: Store, query: str, timeout: float) -> Iterator[tuple[str, ...]]:
    """The rows of one of the network's own SELECTs as lexical values, as the store sends them.

    Their text is written here from constants (classes, roles), so it runs as a trusted query;
    every variable they project is bound in every row.
    """
    with store.stream(TrustedQuery.of(query), timeout=timeout, limit=MAX_ROWS, values=True) as selection:
        for chunk in selection:
            yield from chunk
        if selection.truncated:
            raise GovgraphError(f"more than {MAX_ROWS:,} rows for one network query on {store.where}")


class Facts:
    """Everything the projections need, read once through the Store interface: links, labels, kinds."""

    def __init__(self, source: Source = None, statements: str = "commitments", *, timeout: float = 120.0) -> None:
        with opened(source) as store:
            self._read(store, statements, timeout)

    def _read(self, store: Store, statements: str, timeout: float) -> None:
        # Classes by the ontology's hierarchy (and the graph's), so a store holding the data alone reads the same.
        below = vocabulary.subclasses(store, timeout=timeout)

        def of(*classes: str) -> str:
            return " ".join(f"<{c}>" for cls in classes for c in sorted(below(cls)))

        cls = of(str(GG.Commitment) if statements == "commitments" else str(GG.Statement))
        values = " ".join(f"gg:{role}" for role in ROLES)
        self.statements = sorted(
            {s for (s,) in _select(store, f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {cls} }} ?s a ?c }}", timeout)}
        )
        counted = set(self.statements)
        # Every mention, kept in Python when its subject is a counted statement: joining the classes in
        # SPARQL, or an OPTIONAL on every row, costs twice as much at a million triples.
        # Sorted as plain tuples (compared in C), then made links: the same order as the links' own.
        mentions = sorted(
            {
                (s, p.rsplit("#", 1)[-1], e)
                for s, p, e in _select(
                    store,
                    f"""
            SELECT ?s ?p ?e WHERE {{ {{ VALUES ?p {{ {values} }} ?s ?p ?e FILTER(isIRI(?e)) }} UNION {{
              # A blank-node target time becomes its year's IRI, so node ids are stable.
              VALUES ?p {{ {values} }} ?s ?p ?o . ?o time:inXSDgYear ?year FILTER(isBlank(?o))
              BIND(IRI(CONCAT(STR(year:), STR(?year))) AS ?e) }} }}""",
                    timeout,
                )
                if s in counted
            }
        )
        self.links = [EntityLink(*mention) for mention in mentions]
        self.commitments = (
            set(self.statements)
            if statements == "commitments"
            else {
                s
                for (s,) in _select(
                    store, f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {of(str(GG.Commitment))} }} ?s a ?c }}", timeout
                )
            }
        )
        self.labels: dict[str, str] = {
            link.entity: link.entity.rsplit("/", 1)[-1] for link in self.links if link.entity.startswith(str(YEAR))
        }
        for s, label in sorted(
            _select(
                store,
                """SELECT ?s ?l WHERE { { ?s rdfs:label ?l } UNION
                { ?s time:inXSDgYear ?l } UNION { ?s time:inXSDDate ?l } }""",
                timeout,
            )
        ):
            self.labels.setdefault(s, label)
        kinds_of_class = " ".join(f"(<{c}> <{cls_iri}>)" for cls_iri, _ in KIND_CLASSES for c in sorted(below(cls_iri)))
        typed: dict[str, set[str]] = defaultdict(set)
        for s, cls_iri in _select(
            store, f"SELECT DISTINCT ?s ?k WHERE {{ VALUES (?c ?k) {{ {kinds_of_class} }} ?s a ?c }}", timeout
        ):
            typed[cls_iri].add(s)
        self.all_kinds: dict[str, list[str]] = defaultdict(list)
        for cls_iri, kind in KIND_CLASSES:
            for s in sorted(typed[str(cls_iri)]):
                if kind not in self.all_kinds[s]:
                    self.all_kinds[s].append(kind)
        for link in self.links:
            if link.entity.startswith(str(YEAR)) and not self.all_kinds[link.entity]:
                self.all_kinds[link.entity].append(ROLES[link.role])
        self.kinds = {s: kinds[0] for s, kinds in self.all_kinds.items() if kinds}
        # Direct triples matter only between resources of known kinds (an initiative led by a forum…):
        # asking only from typed resources keeps the answer small on a large graph.
        self.direct = sorted(
            {
                (a, p, b)
                for a, p, b in _select(
                    store,
                    f"""SELECT DISTINCT ?a ?p ?b WHERE {{
                VALUES ?c {{ {of(*(cls_iri for cls_iri, _ in KIND_CLASSES))} }} ?a a ?c . ?a ?p ?b .
                FILTER(isIRI(?b) && ?a != ?b && ?p != rdf:type) }}""",
                    timeout,
                )
                if a in self.kinds and b in self.kinds
            }
        )
        self._alt = list(_select(store, "SELECT ?s ?l WHERE { ?s skos:altLabel ?l }", timeout))

    def kind(self, link: EntityLink) -> str:
        """The main kind of the linked entity (from its classes, else from the role)."""
        return self.kinds.get(link.entity, ROLES[link.role])

    def kinds_of(self, iri: str, role: str | None = None) -> set[str]:
        """Every kind the resource has (from its classes, else from the role naming it)."""
        return set(self.all_kinds.get(iri) or ([ROLES[role]] if role else []))

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri.rsplit("/", 1)[-1])

    def resolve(self, name: str) -> str:
        """An entity IRI from an IRI, a prefixed name (forum:igf) or a label/alternative label."""
        from ..namespaces import PREFIXES

        prefix, _, local = name.partition(":")
        if prefix in PREFIXES and not local.startswith("//"):
            return str(PREFIXES[prefix]) + local
        if name in self.labels or "://" in name:
            return name
        wanted = name.casefold()
        found = sorted({s for s, label in list(self.labels.items()) + self._alt if label.casefold() == wanted})
        if len(found) != 1:
            if not found:
                raise GovgraphError(f"no resource has the label or alternative label {name!r}")
            raise GovgraphError(f"{name!r} names {len(found)} resources: {', '.join(found)}; give an IRI or prefixed name")
        return found[0]


def _node(facts: Facts, iri: str, kind: str, role: str | None = None) -> dict[str, object]:
    """A node's attributes: its label, main kind and every kind it has."""
    kinds = sorted(facts.kinds_of(iri, role) | {kind}) if kind not in ("commitment", "statement") else [kind]
    return {"label": facts.label(iri), "kind": kind, "kinds": " ".join(kinds)}


def _add_node(graph: nx.Graph, facts: Facts, iri: str, kind: str, role: str | None = None) -> None:
    if iri not in graph:
        graph.add_node(iri, **_node(facts, iri, kind, role))


Ends = tuple[str, str]


def _commitment_entity(facts: Facts, links: list[EntityLink]) -> tuple[dict[str, dict], dict[Ends, dict]]:
    """The commitment–entity projection as plain dicts, nodes and edges in the order the links first name them."""
    nodes: dict[str, dict] = {}
    edges: dict[Ends, dict] = {}
    for link in links:
        statement, entity = link.statement, link.entity
        if statement not in nodes:
            nodes[statement] = _node(facts, statement, "commitment" if statement in facts.commitments else "statement")
        if entity not in nodes:
            nodes[entity] = _node(facts, entity, facts.kind(link), link.role)
        edge = edges.get((statement, entity)) or edges.get((entity, statement))  # undirected, as networkx sees it
        if edge is None:
            edges[statement, entity] = {"roles": link.role, "weight": 1}
        else:
            edge["roles"] += " " + link.role
    return nodes, edges


@dataclass(frozen=True)
class Records:
    """A projection as sorted plain records: what the GraphML and GEXF writers stream, with no networkx graph.

    Nodes are sorted by id; each undirected edge is written with its smaller end first, edges sorted by their ends.
    """

    attributes: dict[str, object]
    nodes: list[tuple[str, dict]]
    edges: list[tuple[Ends, dict]]
    directed: bool = False

    @classmethod
    def of(cls, graph: nx.Graph) -> Records:
        """Any networkx graph's records."""
        directed = graph.is_directed()
        ends = (((a, b) if directed or str(a) <= str(b) else (b, a), data) for a, b, data in graph.edges(data=True))
        return cls(
            graph.graph,
            sorted(graph.nodes(data=True), key=lambda item: str(item[0])),
            sorted(ends, key=lambda edge: (str(edge[0][0]), str(edge[0][1]))),
            directed,
        )


def commitment_entity_records(source: Source | Facts = None) -> Records:
    """The default commitment–entity projection (as `build_graph` makes it) as records, built without networkx."""
    facts = source if isinstance(source, Facts) else Facts(source)
    nodes, edges = _commitment_entity(facts, _links(facts, DEFAULT_ROLES, set(ENTITY_KINDS)))
    return Records(
        {"projection": "commitment-entity"},
        sorted(nodes.items()),
        sorted((((a, b) if a <= b else (b, a), data) for (a, b), data in edges.items()), key=lambda edge: edge[0]),
    )


def _links(facts: Facts, roles: Iterable[str], wanted: set[str]) -> list[EntityLink]:
    """The links in these roles whose entity has one of the wanted kinds."""
    roles = set(roles)
    return [link for link in facts.links if link.role in roles and facts.kinds_of(link.entity, link.role) & wanted]


def _is_pair(kinds_a: str, kinds_b: str, pair: tuple[str, str]) -> bool:
    """Whether one node can play the first kind of the pair and the other the second."""
    a, b = set(kinds_a.split()), set(kinds_b.split())
    return (pair[0] in a and pair[1] in b) or (pair[1] in a and pair[0] in b)


def build_graph(
    source: Source | Facts = None,
    projection: str = "commitment-entity",
    kinds: Iterable[str] | None = None,
    roles: Iterable[str] = DEFAULT_ROLES,
    statements: str = "commitments",
) -> nx.Graph:
    """The networkx graph of one projection; nodes carry `label` and `kind`, edges `weight` and `statements`."""
    if projection not in PROJECTIONS:
        raise ValueError(f"unknown projection {projection!r}; choose from {', '.join(PROJECTIONS)}")
    facts = source if isinstance(source, Facts) else Facts(source, statements)
    wanted = set(kinds) if kinds is not None else set(ENTITY_KINDS)
    links = _links(facts, roles, wanted)
    graph = nx.Graph(projection=projection)
    if projection == "commitment-entity":
        nodes, edges = _commitment_entity(facts, links)
        graph.add_nodes_from(nodes.items())
        graph.add_edges_from((a, b, data) for (a, b), data in edges.items())
        return graph
    pair = {"actor-forum": ("actor", "forum"), "forum-initiative": ("forum", "initiative")}.get(projection)
    by_statement: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if pair is None or facts.kinds_of(link.entity, link.role) & set(pair):
            by_statement[link.statement].add(link.entity)
            _add_node(graph, facts, link.entity, facts.kind(link), link.role)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for statement, entities in sorted(by_statement.items()):
        for a, b in combinations(sorted(entities), 2):
            if pair is None or _is_pair(graph.nodes[a]["kinds"], graph.nodes[b]["kinds"], pair):
                shared[a, b].append(statement)
    for (a, b), where in sorted(shared.items()):
        graph.add_edge(a, b, weight=len(where), statements=" ".join(where))
    if pair is not None:
        for a, predicate, b in facts.direct:
            if _is_pair(" ".join(facts.kinds_of(a)), " ".join(facts.kinds_of(b)), pair) and set(pair) <= wanted:
                _add_node(graph, facts, a, facts.kinds[a])
                _add_node(graph, facts, b, facts.kinds[b])
                if graph.has_edge(a, b):
                    graph.edges[a, b].setdefault("via", "")
                    graph.edges[a, b]["via"] = (graph.edges[a, b]["via"] + " " + predicate).strip()
                else:
                    graph.add_edge(a, b, weight=1, statements="", via=predicate)
    return graph
