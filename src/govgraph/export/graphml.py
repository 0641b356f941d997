"""A GraphML writer that streams text: networkx's builds an ElementTree of the whole graph first.

Nodes and edges come out in sorted order and attribute keys in a fixed order, so the same graph
gives the same bytes. Attribute types follow GraphML's: boolean, long, double, else string.
"""

from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from ..network import Records

_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def attribute_type(values: Iterable[object]) -> str:
    """The GraphML type every value fits; bool before int, since a bool is an int in Python."""
    kinds = {type(value) for value in values}
    for python, graphml in ((bool, "boolean"), (int, "long"), (float, "double")):
        if kinds == {python}:
            return graphml
    return "string"


def attribute_text(value: object, escaped: bool = True) -> str:
    """A value as GraphML and GEXF write it; escaped for element text unless told (attributes quote their own)."""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return escape(text) if escaped else text


def _keys(domain: str, records: list[dict]) -> list[tuple[str, str, str]]:
    """(domain, name, type) for every attribute of `records`, by name."""
    names = sorted({name for record in records for name, value in record.items() if value is not None})
    return [(domain, name, attribute_type(r[name] for r in records if r.get(name) is not None)) for name in names]


def _data(record: dict, ids: dict[tuple[str, str], str], domain: str, indent: str) -> Iterator[str]:
    for name in sorted(record):
        if record[name] is not None:
            yield f'{indent}<data key="{ids[(domain, name)]}">{attribute_text(record[name])}</data>\n'


def write(graph: nx.Graph | Records) -> bytes:
    """`graph` as GraphML: nodes sorted, edges sorted by their (smaller, larger) end for undirected graphs."""
    records = graph if isinstance(graph, Records) else Records.of(graph)
    nodes, edges, directed = records.nodes, records.edges, records.directed
    keys = _keys("graph", [records.attributes]) + _keys("node", [d for _, d in nodes]) + _keys("edge", [d for _, d in edges])
    ids = {(domain, name): f"d{number}" for number, (domain, name, _) in enumerate(keys)}
    out = [_HEADER]
    out += [f'  <key id="{ids[(d, n)]}" for="{d}" attr.name={quoteattr(n)} attr.type="{t}" />\n' for d, n, t in keys]
    out.append(f'  <graph edgedefault="{"directed" if directed else "undirected"}">\n')
    out += _data(records.attributes, ids, "graph", "    ")
    for node, data in nodes:
        out.append(f"    <node id={quoteattr(str(node))}>\n")
        out += _data(data, ids, "node", "      ")
        out.append("    </node>\n")
    for (a, b), data in edges:
        out.append(f"    <edge source={quoteattr(str(a))} target={quoteattr(str(b))}>\n")
        out += _data(data, ids, "edge", "      ")
        out.append("    </edge>\n")
    out.append("  </graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")
