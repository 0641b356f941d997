"""The network of forums, initiatives, actors, themes and commitments, with networkx metrics.

Links come from the one Store interface (so the view works on a remote endpoint too): each
statement joins the entities it names in the roles below. The pyvis view embeds vis-network
in the page (`cdn_resources="in_line"`), so it needs no network access.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ..store import Store
from .vocab import display, text

#: Mention property → the kind of node it leads to.
ROLE_KINDS = {"forum": "forum", "initiative": "initiative", "madeBy": "actor", "namedActor": "actor", "theme": "theme"}
KINDS = ("commitment", "forum", "initiative", "actor", "theme")
COLOURS = {"commitment": "#9e9e9e", "forum": "#1f77b4", "initiative": "#2ca02c", "actor": "#ff7f0e", "theme": "#9467bd"}


def network(store: Store, *, commitments_only: bool = True, timeout: float = 30.0) -> nx.Graph:
    """The statement–entity graph: nodes carry `label` and `kind`, edges `role`."""
    roles = " ".join(f"gg:{role}" for role in ROLE_KINDS)
    pattern = "?s a gg:Commitment ." if commitments_only else "?s gg:quote ?quote ."
    table = store.select(f"""
SELECT ?s ?sl ?role ?e ?el WHERE {{
  {pattern}
  VALUES ?role {{ {roles} }}
  ?s ?role ?e . FILTER(isIRI(?e))
  OPTIONAL {{ ?s rdfs:label ?sl }}
  OPTIONAL {{ ?e rdfs:label ?el }}
}}""", timeout=timeout, limit=500_000)
    graph = nx.Graph()
    for s, sl, role, e, el in table.rows:
        kind = ROLE_KINDS[text(role).rsplit("#", 1)[-1]]
        graph.add_node(text(s), label=display(text(s), text(sl)), kind="commitment")
        if text(e) not in graph:
            graph.add_node(text(e), label=display(text(e), text(el)), kind=kind)
        role_name = text(role).rsplit("#", 1)[-1]
        if graph.has_edge(text(s), text(e)):
            graph.edges[text(s), text(e)]["roles"].add(role_name)
        else:
            graph.add_edge(text(s), text(e), role=kind, roles={role_name})
    return graph


def without_roles(graph: nx.Graph, roles: set[str]) -> nx.Graph:
    """The graph without links made only through the given roles (e.g. the speaker, gg:madeBy)."""
    kept = graph.copy()
    kept.remove_edges_from([(a, b) for a, b, d in graph.edges(data=True) if d["roles"] <= roles])
    return kept


def select(graph: nx.Graph, kinds: Iterable[str], min_degree: int = 0, focus: str | None = None) -> nx.Graph:
    """The subgraph of the kinds chosen, keeping nodes of at least `min_degree`, optionally around one node."""
    kinds = set(kinds) | {"commitment"}
    sub = graph.subgraph(n for n, d in graph.nodes(data=True) if d["kind"] in kinds).copy()
    if focus and focus in sub:
        around = set(sub.neighbors(focus)) | {focus}
        around |= {m for n in list(around) if sub.nodes[n]["kind"] == "commitment" for m in sub.neighbors(n)}
        sub = sub.subgraph(around).copy()
    if min_degree:
        sub = sub.subgraph(n for n in sub if sub.nodes[n]["kind"] == "commitment" or sub.degree(n) >= min_degree).copy()
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    return sub


def trim(graph: nx.Graph, max_nodes: int) -> nx.Graph:
    """At most `max_nodes` nodes: the best-connected entities, then the commitments joining them."""
    if len(graph) <= max_nodes:
        return graph
    entities = sorted((n for n, d in graph.nodes(data=True) if d["kind"] != "commitment"),
                      key=lambda n: (-graph.degree(n), n))[:max_nodes // 4]
    keep = set(entities)
    for statement in sorted({m for n in entities for m in graph.neighbors(n)}, key=lambda m: (-graph.degree(m), m)):
        if len(keep) >= max_nodes:
            break
        keep.add(statement)
    sub = graph.subgraph(keep).copy()
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    return sub


#: Above this many nodes betweenness is estimated from SAMPLED source nodes (exact is O(nodes × links)).
EXACT_UP_TO = 1500
SAMPLED = 100


def metrics(graph: nx.Graph) -> list[dict[str, object]]:
    """Degree and betweenness (normalised) of every node, most central first."""
    if len(graph) <= EXACT_UP_TO:
        between = nx.betweenness_centrality(graph)
    else:
        between = nx.betweenness_centrality(graph, k=SAMPLED, seed=1)
    rows = [{"name": d["label"], "kind": d["kind"], "degree": graph.degree(n), "betweenness": round(between[n], 4),
             "iri": n} for n, d in graph.nodes(data=True)]
    return sorted(rows, key=lambda r: (-r["betweenness"], -r["degree"], r["name"]))


def to_html(graph: nx.Graph, height: int = 620) -> str:
    """A self-contained interactive view (vis-network inlined), nodes sized by degree and coloured by kind."""
    from pyvis.network import Network

    view = Network(height=f"{height}px", width="100%", cdn_resources="in_line", bgcolor="#ffffff")
    for node, data in graph.nodes(data=True):
        # Commitments are many and their labels alike: name them on hover only, to keep entities readable.
        label = " " if data["kind"] == "commitment" else data["label"]
        view.add_node(node, label=label, title=f"{data['kind']}: {data['label']}", color=COLOURS[data["kind"]],
                      size=8 + 3 * min(graph.degree(node), 20), shape="dot", font={"size": 16})
    for a, b, data in graph.edges(data=True):
        view.add_edge(a, b, title=data.get("role", ""), color="#cccccc")
    view.set_options('{"physics": {"stabilization": {"iterations": 150}, "barnesHut": {"springLength": 120}},'
                     ' "interaction": {"hover": true, "navigationButtons": false}}')
    return view.generate_html(notebook=False)


def triples_html(nodes: dict[str, str], edges: list[tuple[str, str, str]], height: int = 520) -> str:
    """A self-contained view of labelled triples (a CONSTRUCT result): nodes by label, edges by property."""
    from pyvis.network import Network

    view = Network(height=f"{height}px", width="100%", cdn_resources="in_line", directed=True, bgcolor="#ffffff")
    for node, label in nodes.items():
        view.add_node(node, label=label, title=node, shape="dot", size=10, color="#1f77b4")
    for source, target, label in edges:
        view.add_edge(source, target, label=label, title=label, color="#999999", font={"size": 10, "color": "#666"})
    view.set_options('{"physics": {"stabilization": {"iterations": 150}}, "edges": {"arrows": {"to": {"scaleFactor": 0.5}}}}')
    return view.generate_html(notebook=False)
