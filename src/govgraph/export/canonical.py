"""Canonical, sorted quads: the one input every export is written from.

Blank nodes get RDFC-1.0 labels (``_:c14n0``…) from pyoxigraph, and quads are sorted by
their N-Triples text, so the bytes written depend on the data alone, never on
PYTHONHASHSEED, parse order or the store's internal ids.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, overload

import pyoxigraph as ox

from ..namespaces import PREFIXES

if TYPE_CHECKING:
    from ..network import Records


_TRIPLE = attrgetter("triple")


class Triples(Sequence[ox.Triple]):
    """Distinct triples in sorted order, each made on demand from a quad that carries it.

    The union of a million quads' graphs is then a list of a million references (8 MB), not of
    a million Triple objects (about 400 MB); a writer that streams holds one triple at a time.
    """

    def __init__(self, carriers: list[ox.Quad]) -> None:
        self.carriers = carriers

    def __len__(self) -> int:
        return len(self.carriers)

    @overload
    def __getitem__(self, index: int) -> ox.Triple: ...
    @overload
    def __getitem__(self, index: slice) -> "Triples": ...
    def __getitem__(self, index: int | slice) -> "ox.Triple | Triples":
        if isinstance(index, slice):
            return Triples(self.carriers[index])
        return self.carriers[index].triple

    def __iter__(self) -> Iterator[ox.Triple]:
        return map(_TRIPLE, self.carriers)


class Canonical(list[ox.Quad]):
    """Quads already canonical and sorted: given to the functions below, they are not redone.

    An export run canonicalises its graph once (`canonical_quads`) and hands the result to every
    writer; the union of its graphs as triples, and the network GraphML and GEXF both draw, are
    worked out on first use and kept.
    """

    union: Triples | None = None
    network: "Records | None" = None
    #: The prefixes TriG and RDF/XML declare: those some IRI of the data starts with.
    prefixes_used: dict[str, str] | None = None


def canonical_quads(quads: Iterable[ox.Quad]) -> Canonical:
    """The quads with RDFC-1.0 blank-node labels, sorted by graph, subject, predicate, object.

    Canonicalisation is skipped when no quad holds a blank node: the labels are then the data's own.
    """
    if isinstance(quads, Canonical):
        return quads
    unique = set(quads)
    if any(_has_blank_node(quad) for quad in unique):
        dataset = ox.Dataset(unique)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        unique = set(dataset)
    return Canonical(_sorted(unique))


def union(quads: Iterable[ox.Quad]) -> Triples:
    """The union of all graphs as canonical triples, sorted by subject, predicate, object; worked out once per run.

    Blank nodes keep the labels the quads were canonicalised with: the dataset is canonicalised once.
    The quads are ordered by their triples' text (Python's sort merges the graphs' sorted runs), and
    the first quad of each distinct triple carries it.
    """
    ordered = canonical_quads(quads)
    if ordered.union is None:
        texts = [str(quad.triple) for quad in ordered]
        carriers, last = [], None
        for index in sorted(range(len(texts)), key=texts.__getitem__):
            if texts[index] != last:
                carriers.append(ordered[index])
                last = texts[index]
        ordered.union = Triples(carriers)
    return ordered.union


def canonical_part(triples: Iterable[ox.Triple]) -> Canonical:
    """Some triples of a canonical graph, sorted: their blank-node labels are already canonical, so kept."""
    part = Canonical(_sorted({ox.Quad(t.subject, t.predicate, t.object) for t in triples}))
    part.union = Triples(list(part))
    return part


def _sorted(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """`quads` by graph, then subject, predicate, object (by N-Triples text): graph by graph, then by each quad's text.

    Within one graph every quad's text ends in the same graph name, so its order is the term-by-term
    order: a term is never a prefix of another term followed by a space (IRIs end in ">", literals in
    their quote, language tag or datatype, and a space sorts below every character after a blank node label).
    """
    by_graph: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        by_graph[quad.graph_name].append(quad)
    ordered: list[ox.Quad] = []
    for graph in sorted(by_graph, key=_graph_key):
        ordered += sorted(by_graph[graph], key=str)
    return ordered


def _graph_key(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    return "" if isinstance(graph, ox.DefaultGraph) else str(graph)


def _has_blank_node(quad: ox.Quad) -> bool:
    return (
        isinstance(quad.subject, ox.BlankNode)
        or isinstance(quad.object, ox.BlankNode)
        or isinstance(quad.graph_name, ox.BlankNode)
    )


def canonical_nquads(quads: Iterable[ox.Quad]) -> str:
    """RDFC-1.0 canonical N-Quads text: equal strings mean isomorphic datasets."""
    return "".join(sorted(f"{quad} .\n" for quad in canonical_quads(quads)))


def prefixes() -> dict[str, str]:
    """govgraph's prefixes as plain strings, in a fixed order (a fresh copy: callers may change it)."""
    return dict(_prefixes())


@cache
def _prefixes() -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}
