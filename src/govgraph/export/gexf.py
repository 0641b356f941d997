"""A GEXF 1.2 writer that streams text: networkx's builds an ElementTree of the whole graph first.

Nodes and edges come out in sorted order, attributes numbered in a fixed order, and the date is
the caller's (the release date), so the same graph gives the same bytes. A node's `label` and an
edge's `weight` are GEXF's own fields; every other attribute is declared and typed like GraphML's.
"""

from collections.abc import Iterator
from xml.sax.saxutils import quoteattr

import networkx as nx

from ..network import Records
from .graphml import attribute_text, attribute_type

_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
)
#: Attributes GEXF holds as fields of the element itself, per element kind.
_OWN = {"node": "label", "edge": "weight"}


def _declare(kind: str, records: list[dict], first_id: int) -> tuple[dict[str, int], list[str]]:
    names = sorted({n for r in records for n, v in r.items() if v is not None and n != _OWN[kind]})
    ids = {name: first_id + number for number, name in enumerate(names)}
    lines = [f'    <attributes mode="static" class="{kind}">\n'] if names else []
    for name in names:
        kind_type = attribute_type(r[name] for r in records if r.get(name) is not None)
        lines.append(f'      <attribute id="{ids[name]}" title={quoteattr(name)} type="{kind_type}" />\n')
    return ids, lines + (["    </attributes>\n"] if names else [])


def _values(record: dict, ids: dict[str, int], indent: str) -> Iterator[str]:
    values = [(ids[n], record[n]) for n in sorted(ids) if record.get(n) is not None]
    if values:
        yield f"{indent}<attvalues>\n"
        for number, value in values:
            yield f'{indent}  <attvalue for="{number}" value={quoteattr(attribute_text(value, escaped=False))} />\n'
        yield f"{indent}</attvalues>\n"


def write(graph: nx.Graph | Records, date: str) -> bytes:
    """`graph` as GEXF 1.2 (draft schema, as Gephi reads it), dated `date` (YYYY-MM-DD)."""
    records = graph if isinstance(graph, Records) else Records.of(graph)
    nodes, edges, directed = records.nodes, records.edges, records.directed
    node_ids, node_lines = _declare("node", [d for _, d in nodes], 0)
    edge_ids, edge_lines = _declare("edge", [d for _, d in edges], len(node_ids))
    out = [_HEADER, f'  <meta lastmodifieddate="{date}">\n    <creator>govgraph</creator>\n  </meta>\n']
    out.append(f'  <graph defaultedgetype="{"directed" if directed else "undirected"}" mode="static" name="">\n')
    out += edge_lines + node_lines + ["    <nodes>\n"]
    for node, data in nodes:
        label = data.get("label")
        shown = attribute_text(label if label is not None else node, escaped=False)
        out.append(f"      <node id={quoteattr(str(node))} label={quoteattr(shown)}>\n")
        out += _values(data, node_ids, "        ")
        out.append("      </node>\n")
    out.append("    </nodes>\n    <edges>\n")
    for number, ((a, b), data) in enumerate(edges):
        weight = f" weight={quoteattr(str(data['weight']))}" if data.get("weight") is not None else ""
        out.append(f'      <edge source={quoteattr(str(a))} target={quoteattr(str(b))} id="{number}"{weight}>\n')
        out += _values(data, edge_ids, "        ")
        out.append("      </edge>\n")
    out.append("    </edges>\n  </graph>\n</gexf>\n")
    return "".join(out).encode("utf-8")
