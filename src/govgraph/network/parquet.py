"""A projection's edge list as Parquet, for igraph, pandas or Spark GraphFrames users (columns `src`, `dst`).

Rows are sorted and each pair is written with its smaller end first, so the same graph gives the
same bytes (for one pyarrow version, which the file names in its metadata).
"""

import io

import networkx as nx

#: The edge attributes of the projections, written as text ('' where an edge has none).
TEXT_COLUMNS = ("statements", "roles", "via")


def edge_list(graph: nx.Graph) -> bytes:
    """The Parquet bytes of the graph's edges: src, dst, weight, and the statements, roles and predicates behind each."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    edges = sorted((min(a, b), max(a, b), data) for a, b, data in graph.edges(data=True))
    columns = {
        "src": pa.array([a for a, _, _ in edges], pa.string()),
        "dst": pa.array([b for _, b, _ in edges], pa.string()),
        "weight": pa.array([data.get("weight", 1) for _, _, data in edges], pa.int64()),
    }
    for column in TEXT_COLUMNS:
        columns[column] = pa.array([data.get(column, "") for _, _, data in edges], pa.string())
    sink = io.BytesIO()
    pq.write_table(pa.table(columns), sink)
    return sink.getvalue()
