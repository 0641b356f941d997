"""The RDF syntaxes: Turtle (govgraph's own writer, `govgraph.turtle`), and N-Triples, N-Quads, TriG and RDF/XML (pyoxigraph's).

Input is canonical and sorted (see `canonical`), so only the writers' own prefix order
could vary; the prefix lines and XML namespace declarations are put in a fixed order here.
Each `write_*` streams into a binary file, so a million triples never sit in memory as text;
the functions without `write_` return the same bytes.
"""

import io
import re
from collections.abc import Callable
from functools import cache
from typing import IO, BinaryIO, cast

import pyoxigraph as ox

from ..turtle import Prefixes, document_of, write_document
from .canonical import Triples, canonical_quads, prefixes, union

#: A streaming writer: canonical quads into a binary file.
Writer = Callable[[list[ox.Quad], BinaryIO], None]


def in_memory(write: Writer, quads: list[ox.Quad]) -> bytes:
    """What `write` would put in a file, as bytes (for small graphs: site pages, tests)."""
    buffer = io.BytesIO()
    write(quads, buffer)
    return buffer.getvalue()


def _trig_head(data: bytes, final: bool) -> int | None:
    """Where TriG's leading @prefix lines end in `data`, or None while more of them may follow."""
    at = 0
    while data.startswith(b"@prefix ", at):
        end = data.find(b"\n", at)
        if end < 0:
            return len(data) if final else None
        at = end + 1
    if not final and len(data) - at < 8 and b"@prefix ".startswith(data[at:]):
        return None
    return at


def _sort_trig_head(head: bytes) -> bytes:
    """TriG: the leading @prefix lines in alphabetical order (UTF-8 byte order is code point order)."""
    lines = head.split(b"\n")
    return b"\n".join(sorted(lines[:-1]) + lines[-1:])


_XMLNS = re.compile(rb'\s+xmlns(?::[\w.-]+)?="[^"]*"')


def _xml_head(data: bytes, final: bool) -> int | None:
    """Where the root element's start tag ends in `data`, or None while it is not all there."""
    start = data.find(b"<rdf:RDF")
    end = data.find(b">", start) if start >= 0 else -1
    if end >= 0:
        return end + 1
    return len(data) if final else None


def _sort_xmlns(head: bytes) -> bytes:
    """RDF/XML: the namespace declarations on the root element in alphabetical order."""
    start = head.find(b"<rdf:RDF")
    if start < 0:
        return head
    end = head.index(b">", start)
    declarations = sorted(match.strip() for match in _XMLNS.findall(head[start:end]))
    return head[:start] + b"<rdf:RDF " + b" ".join(declarations) + head[end:]


class _HeadInOrder:
    """A binary file that holds back what is written until its head is complete, puts the head in order, then passes all on.

    `head(data, final)` says where the head ends (None: not yet); `order(head)` rewrites it.
    """

    def __init__(self, out: BinaryIO, head: Callable[[bytes, bool], int | None], order: Callable[[bytes], bytes]) -> None:
        self.out, self.head, self.order = out, head, order
        self.held: bytearray | None = bytearray()

    def write(self, data: bytes) -> int:
        if self.held is None:
            return self.out.write(data)
        self.held += data
        end = self.head(bytes(self.held), False)
        if end is not None:
            self._release(end)
        return len(data)

    def flush(self) -> None:
        self.out.flush()

    def finish(self) -> None:
        if self.held is not None:
            self._release(self.head(bytes(self.held), True) or len(self.held))

    def _release(self, end: int) -> None:
        held, self.held = bytes(self.held or b""), None
        self.out.write(self.order(held[:end]) + held[end:])


def _used_prefixes(quads: list[ox.Quad]) -> dict[str, str]:
    """Only the prefixes whose namespace some IRI in the data starts with, so no unused noise; found once per run.

    The IRIs are cut at their last "#", "/" or ":" first: a handful of stems to match, not every IRI.
    The quads hold the same terms as their union, without making a triple of each.
    """
    ordered = canonical_quads(quads)
    if ordered.prefixes_used is None:
        iris = {t.value for quad in ordered for t in (quad.subject, quad.predicate, quad.object) if isinstance(t, ox.NamedNode)}
        iris |= {quad.object.datatype.value for quad in ordered if isinstance(quad.object, ox.Literal)}
        stems = {iri[: max(iri.rfind("#"), iri.rfind("/"), iri.rfind(":")) + 1] for iri in iris}
        ordered.prefixes_used = {
            p: ns for p, ns in prefixes().items() if any(stem.startswith(ns) for stem in (stems if ns[-1] in "#/:" else iris))
        }
    return ordered.prefixes_used


@cache
def _govgraph_prefixes() -> Prefixes:
    """govgraph's prefixes, their rendered terms shared by every document of the process (the site's thousands)."""
    return Prefixes(prefixes())


def write_turtle(quads: list[ox.Quad], out: BinaryIO) -> None:
    """All graphs merged, as Turtle with govgraph's prefixes, by govgraph's one Turtle writer."""
    write_document(_govgraph_prefixes().for_another_document(), union(quads).carriers, out)


def write_ntriples(quads: list[ox.Quad], out: BinaryIO) -> None:
    """All graphs merged, as sorted N-Triples."""
    ox.serialize(union(quads), out, format=ox.RdfFormat.N_TRIPLES)


def write_nquads(quads: list[ox.Quad], out: BinaryIO) -> None:
    """Every quad in its named graph (one per source document), as sorted N-Quads."""
    ox.serialize(canonical_quads(quads), out, format=ox.RdfFormat.N_QUADS)


def write_trig(quads: list[ox.Quad], out: BinaryIO) -> None:
    """Every quad in its named graph (one per source document), as TriG."""
    ordered = canonical_quads(quads)
    ordered_out = _HeadInOrder(out, _trig_head, _sort_trig_head)
    ox.serialize(ordered, cast(IO[bytes], ordered_out), format=ox.RdfFormat.TRIG, prefixes=_used_prefixes(ordered))
    ordered_out.finish()


def write_rdfxml(quads: list[ox.Quad], out: BinaryIO) -> None:
    """All graphs merged, as RDF/XML."""
    ordered_out = _HeadInOrder(out, _xml_head, _sort_xmlns)
    ox.serialize(union(quads), cast(IO[bytes], ordered_out), format=ox.RdfFormat.RDF_XML, prefixes=_used_prefixes(quads))
    ordered_out.finish()


def turtle(quads: list[ox.Quad]) -> bytes:
    return turtle_of(union(quads))


def turtle_of(triples: Triples) -> bytes:
    """Canonical triples (a union, or part of one) as Turtle."""
    return document_of(_govgraph_prefixes().for_another_document(), triples.carriers).encode()


def ntriples(quads: list[ox.Quad]) -> bytes:
    return in_memory(write_ntriples, quads)


def nquads(quads: list[ox.Quad]) -> bytes:
    return in_memory(write_nquads, quads)


def trig(quads: list[ox.Quad]) -> bytes:
    return in_memory(write_trig, quads)


def rdfxml(quads: list[ox.Quad]) -> bytes:
    return in_memory(write_rdfxml, quads)
