"""Canonical, sorted quads: the one input every export is written from.

Blank nodes get RDFC-1.0 labels (``_:c14n0``…) from pyoxigraph, and quads are sorted by
their N-Triples text, so the bytes written depend on the data alone, never on
PYTHONHASHSEED, parse order or the store's internal ids.
"""

from collections.abc import Iterable

import pyoxigraph as ox

from ..namespaces import PREFIXES


class Canonical(list[ox.Quad]):
    """Quads already canonical and sorted: given to the functions below, they are not redone.

    An export run canonicalises its graph once (`canonical_quads`) and hands the result to every
    writer; the union of its graphs as triples is worked out on first use and kept.
    """

    triples: list[ox.Triple] | None = None


def canonical_quads(quads: Iterable[ox.Quad]) -> Canonical:
    """The quads with RDFC-1.0 blank-node labels, sorted by graph, subject, predicate, object."""
    if isinstance(quads, Canonical):
        return quads
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return Canonical(sorted(dataset, key=quad_key))


def canonical_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs as canonical triples, sorted by subject, predicate, object."""
    if isinstance(quads, Canonical) and quads.triples is not None:
        return quads.triples
    merged = {ox.Quad(q.subject, q.predicate, q.object) for q in quads}
    triples = [q.triple for q in canonical_quads(merged)]
    if isinstance(quads, Canonical):
        quads.triples = triples
    return triples


def quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    """Sort key: the N-Triples text of each term, graph first."""
    graph = quad.graph_name
    return ("" if isinstance(graph, ox.DefaultGraph) else str(graph), str(quad.subject), str(quad.predicate), str(quad.object))


def canonical_nquads(quads: Iterable[ox.Quad]) -> str:
    """RDFC-1.0 canonical N-Quads text: equal strings mean isomorphic datasets."""
    return "".join(sorted(f"{quad} .\n" for quad in canonical_quads(quads)))


def prefixes() -> dict[str, str]:
    """govgraph's prefixes as plain strings, in a fixed order."""
    return {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}
