"""The explorer's network view: what to show of a `govgraph.network` graph, and how to draw it.

The graph and its metrics come from `govgraph.network` (read through the Store interface, so
the view works on a remote endpoint too); this module only narrows a graph for display (kinds,
fewest links, one entity's neighbourhood, at most so many nodes) and draws it with vis-network.
The view is one self-contained page: vis-network's script and stylesheet (the copy pyvis installs)
are inlined and the data is JSON, so it loads nothing from the network (pyvis's own template fetches
Bootstrap from a CDN) and labels are drawn as text, never markup.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files

import networkx as nx

from .. import network
from ..network import EXACT_UP_TO, SAMPLED  # noqa: F401 - the page says when betweenness is estimated
from ..store import Store

#: The node kinds of statements; every other node is an entity.
STATEMENTS = ("commitment", "statement")
#: The entity kinds offered, and those shown at first.
KINDS = network.ENTITY_KINDS
SHOWN = ("forum", "initiative", "actor", "theme")
COLOURS = {
    "commitment": "#9e9e9e",
    "statement": "#cfcfcf",
    "forum": "#1f77b4",
    "initiative": "#2ca02c",
    "actor": "#ff7f0e",
    "theme": "#9467bd",
    "meeting": "#17becf",
    "stakeholder-group": "#8c564b",
    "target-group": "#e377c2",
    "region": "#bcbd22",
    "instant": "#7f7f7f",
    "place": "#aec7e8",
    "other": "#c7c7c7",
}


def facts(store: Store, *, commitments_only: bool = True, timeout: float = 30.0) -> network.Facts:
    """What the network is made of (links, labels, kinds), read once from the store."""
    return network.Facts(store, "commitments" if commitments_only else "all", timeout=timeout)


def entities(facts: network.Facts) -> dict[str, str]:
    """Every entity a statement names → 'label (kind)', for choosing one to centre on."""
    return {link.entity: f"{facts.label(link.entity)} ({facts.kind(link)})" for link in facts.links}


def view(
    facts: network.Facts, kinds: Iterable[str], *, speaker: bool = False, min_degree: int = 0, focus: str | None = None
) -> nx.Graph:
    """The commitment–entity graph of the kinds chosen, keeping entities of at least `min_degree`
    links, optionally only around one entity; `speaker` counts gg:madeBy links too."""
    roles = network.ROLES if speaker else network.DEFAULT_ROLES
    graph = network.build_graph(facts, "commitment-entity", kinds=kinds, roles=roles)
    if focus and focus in graph:
        around = set(graph.neighbors(focus)) | {focus}
        around |= {m for n in list(around) if graph.nodes[n]["kind"] in STATEMENTS for m in graph.neighbors(n)}
        graph = graph.subgraph(around).copy()
    if min_degree:
        graph = graph.subgraph(n for n in graph if graph.nodes[n]["kind"] in STATEMENTS or graph.degree(n) >= min_degree).copy()
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return graph


def metrics(graph: nx.Graph) -> list[dict[str, object]]:
    """Degree and betweenness (normalised; estimated on large graphs) of every node, most central first."""
    degree = {row["id"]: row["degree"] for row in network.degree(graph)}
    rows = [
        {
            "name": row["label"],
            "kind": row["kind"],
            "degree": degree[row["id"]],
            "betweenness": round(row["betweenness"], 4),
            "iri": row["id"],
        }
        for row in network.betweenness(graph, estimate=True)
    ]
    return sorted(rows, key=lambda r: (-r["betweenness"], -r["degree"], r["name"]))


def aggregate(graph: nx.Graph, max_entities: int) -> nx.Graph:
    """The best-connected `max_entities` entities joined directly, each link weighted by how many statements
    name both: a large view drawn as its entities, the commitments between them summed on the links."""
    entities = sorted((n for n, d in graph.nodes(data=True) if d["kind"] not in STATEMENTS), key=lambda n: (-graph.degree(n), n))[
        :max_entities
    ]
    kept = set(entities)
    summed = nx.Graph()
    summed.add_nodes_from((n, {**graph.nodes[n], "statements": graph.degree(n)}) for n in entities)
    for statement in {m for n in entities for m in graph.neighbors(n)}:
        named = sorted(kept.intersection(graph.neighbors(statement)))
        for index, a in enumerate(named):
            for b in named[index + 1 :]:
                weight = summed.edges[a, b]["weight"] + 1 if summed.has_edge(a, b) else 1
                summed.add_edge(a, b, weight=weight, roles=f"named together by {weight} statements")
    summed.remove_nodes_from([n for n in list(summed) if summed.degree(n) == 0])
    return summed


def short_label(label: str, longest: int = 28) -> str:
    """A statement's label short enough to draw: from its paragraph sign on ('¶1.2 clause 1'), else cut."""
    if "¶" in label:
        return label[label.index("¶") :]
    return label if len(label) <= longest else label[: longest - 1] + "…"


def to_html(graph: nx.Graph, height: int = 620, *, link: Callable[[str], str] | None = None) -> str:
    """A self-contained interactive view, nodes sized by degree and coloured by kind; with `link`
    (IRI → href of its page), a click on a node opens that page in a new tab."""
    nodes = [
        {
            "id": node,
            "title": f"{data['kind']}: {data['label']}",
            "shape": "dot",
            "font": {
                "size": 16 if data["kind"] not in STATEMENTS else 11,
                "color": "#333" if data["kind"] not in STATEMENTS else "#777",
            },
            "label": short_label(data["label"]) if data["kind"] in STATEMENTS else data["label"],
            "color": COLOURS.get(data["kind"], COLOURS["other"]),
            "size": 8 + 3 * min(data.get("statements", graph.degree(node)), 20),
            **({"url": link(node)} if link else {}),
        }
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        {
            "from": a,
            "to": b,
            "title": data.get("roles", ""),
            "color": "#cccccc",
            **({"value": data["weight"]} if "weight" in data else {}),
        }
        for a, b, data in graph.edges(data=True)
    ]
    options = {
        "physics": {"stabilization": {"iterations": 150}, "barnesHut": {"springLength": 120}},
        "interaction": {"hover": True, "navigationButtons": False},
    }
    return page(nodes, edges, options, height)


def triples_html(nodes: dict[str, str], edges: list[tuple[str, str, str]], height: int = 520) -> str:
    """A self-contained view of labelled triples (a CONSTRUCT result): nodes by label, edges by property."""
    drawn = [
        {"id": node, "label": label, "title": node, "shape": "dot", "size": 10, "color": "#1f77b4"}
        for node, label in nodes.items()
    ]
    links = [
        {"from": source, "to": target, "label": label, "title": label, "color": "#999999", "font": {"size": 10, "color": "#666"}}
        for source, target, label in edges
    ]
    options = {"physics": {"stabilization": {"iterations": 150}}, "edges": {"arrows": {"to": {"scaleFactor": 0.5}}}}
    return page(drawn, links, options, height)


@cache
def _vis_network() -> tuple[str, str]:
    """vis-network's script and stylesheet, from the copy installed with pyvis."""
    folder = files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (folder / "vis-network.min.js").read_text(encoding="utf-8"), (folder / "vis-network.css").read_text(encoding="utf-8")


def _json(value: object) -> str:
    """JSON that cannot end the <script> element it sits in, whatever the labels hold."""
    text = json.dumps(value, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def page(nodes: list[dict], edges: list[dict], options: dict, height: int) -> str:
    """One HTML document drawing vis-network nodes and edges: no external file, data as JSON (shown as text)."""
    script, style = _vis_network()
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>{style}</style>
<style>html,body{{margin:0;background:#fff}}#view{{width:100%;height:{int(height)}px}}</style>
<script>{script}</script></head>
<body><div id="view"></div><script>
const data = {_json({"nodes": nodes, "edges": edges, "options": options})};
const network = new vis.Network(document.getElementById("view"),
                {{nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}}, data.options);
window.view = network;  // for the browser tests: where a node is drawn
const pages = new Map(data.nodes.filter(n => n.url).map(n => [n.id, n.url]));
network.on("click", event => {{
  const url = event.nodes.length ? pages.get(event.nodes[0]) : undefined;
  if (url) window.open(url, "_blank", "noopener");  // the app's page of the node, resolved against the app's URL
}});
</script></body></html>"""
