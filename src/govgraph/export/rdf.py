"""The RDF syntaxes: Turtle (govgraph's own writer, `govgraph.turtle`), and N-Triples, N-Quads, TriG and RDF/XML (pyoxigraph's).

Input is canonical and sorted (see `canonical`), so only the writers' own prefix order
could vary; the prefix lines and XML namespace declarations are put in a fixed order here.
"""

import re
from typing import Any, cast

import pyoxigraph as ox

from ..turtle import Prefixes, document_of
from .canonical import canonical_quads, canonical_triples, prefixes


def _sort_header(text: str) -> str:
    """TriG: the leading @prefix lines in alphabetical order."""
    lines = text.split("\n")
    count = 0
    while count < len(lines) and lines[count].startswith("@prefix "):
        count += 1
    return "\n".join(sorted(lines[:count]) + lines[count:])


_XMLNS = re.compile(r'\s+xmlns(?::[\w.-]+)?="[^"]*"')


def _sort_xmlns(text: str) -> str:
    """RDF/XML: the namespace declarations on the root element in alphabetical order."""
    start = text.index("<rdf:RDF")
    end = text.index(">", start)
    declarations = sorted(match.strip() for match in _XMLNS.findall(text[start:end]))
    return text[:start] + "<rdf:RDF " + " ".join(declarations) + text[end:]


def _used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """Only the prefixes whose namespace some IRI in the data starts with, so no unused noise.

    The IRIs are cut at their last "#", "/" or ":" first: a handful of stems to match, not every IRI.
    """
    iris = {
        t.value for triple in triples for t in (triple.subject, triple.predicate, triple.object) if isinstance(t, ox.NamedNode)
    }
    iris |= {t.datatype.value for triple in triples for t in (triple.object,) if isinstance(t, ox.Literal)}
    stems = {iri[: max(iri.rfind("#"), iri.rfind("/"), iri.rfind(":")) + 1] for iri in iris}
    return {p: ns for p, ns in prefixes().items() if any(stem.startswith(ns) for stem in (stems if ns[-1] in "#/:" else iris))}


def _serialize(*args: Any, **kwargs: Any) -> bytes:
    """`ox.serialize` without an output file, which returns bytes (its stubs say `bytes | None`)."""
    return cast(bytes, ox.serialize(*args, **kwargs))


def turtle(quads: list[ox.Quad]) -> bytes:
    """All graphs merged, as Turtle with govgraph's prefixes, by govgraph's one Turtle writer."""
    return document_of(Prefixes(prefixes()), canonical_triples(quads)).encode()


def ntriples(quads: list[ox.Quad]) -> bytes:
    """All graphs merged, as sorted N-Triples."""
    return _serialize(canonical_triples(quads), format=ox.RdfFormat.N_TRIPLES)


def nquads(quads: list[ox.Quad]) -> bytes:
    """Every quad in its named graph (one per source document), as sorted N-Quads."""
    return _serialize(canonical_quads(quads), format=ox.RdfFormat.N_QUADS)


def trig(quads: list[ox.Quad]) -> bytes:
    """Every quad in its named graph (one per source document), as TriG."""
    ordered = canonical_quads(quads)
    used = _used_prefixes(canonical_triples(ordered))  # the same terms, and kept for the other writers
    return _sort_header(_serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=used).decode()).encode()


def rdfxml(quads: list[ox.Quad]) -> bytes:
    """All graphs merged, as RDF/XML."""
    triples = canonical_triples(quads)
    return _sort_xmlns(_serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=_used_prefixes(triples)).decode()).encode()
