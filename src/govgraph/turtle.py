"""The one Turtle writer: one subject at a time, so that a document of any size streams.

Ingest's drafts stream to disk through `subject` without an in-memory graph (rdflib's costs
about 1 kB a triple); the Turtle export writes its sorted, canonical triples through
`document`. Every term is written by a function here: text from a source is always an
escaped string literal, never Turtle syntax, and the same subjects in the same order give
the same bytes.
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from itertools import groupby
from typing import BinaryIO

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from .errors import GovgraphError

#: A prefixed name's local part that every Turtle parser reads back unchanged.
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
#: The characters a namespace usually ends with.
_CUTS = ("/", "#", ":")
#: Characters an IRI may not hold in Turtle (IRIREF), nor in RDF at all.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TO_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_RDF_TYPE, _XSD_STRING = str(RDF.type), str(XSD.string)
#: Datatypes Turtle writes bare when the lexical form is in its own syntax: 5, 2.5, true.
_BARE = {str(XSD.integer): re.compile(r"[+-]?[0-9]+"), str(XSD.decimal): _DECIMAL, str(XSD.boolean): re.compile("true|false")}

#: Subjects encoded and written at a time, and the body size kept in memory before it goes to a temporary file.
_BATCH, _SPOOL_BYTES = 1024, 16 << 20
#: What a document is written from: triples, or quads whose graph names are left out (no triple made of each).
Statement = ox.Triple | ox.Quad
#: A term as written in Turtle.
Term = str


class Prefixes:
    """The prefixes a document declares, the short names they give, and which of them the document used.

    `for_another_document` starts the next document (no prefix used, its own caches) without
    sorting the prefixes again: a site writes thousands of small documents.
    """

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = dict(sorted(prefixes.items()))
        self._longest_first = sorted(((str(ns), p) for p, ns in self.prefixes.items()), key=lambda item: -len(item[0]))
        #: When every namespace ends in "/", "#" or ":", the candidates for an IRI are its cuts after those: a few look-ups.
        self._by_namespace = (
            {ns: p for ns, p in self._longest_first} if all(ns[-1:] in _CUTS for ns, _ in self._longest_first) else None
        )
        self._start_document()

    def _start_document(self) -> None:
        #: The prefixes some short name was written with, for a header of only those (`document_of`).
        self.used: set[str] = set()
        self.iri = lru_cache(maxsize=8192)(self._iri)
        self.verb = lru_cache(maxsize=256)(self._verb)
        self.term = lru_cache(maxsize=65536)(self._term)

    def for_another_document(self) -> Prefixes:
        """The same prefixes, with no prefix used yet."""
        other = copy.copy(self)
        other._start_document()
        return other

    def header(self) -> str:
        return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in self.prefixes.items())

    def used_header(self) -> str:
        """The @prefix lines of only the prefixes used so far."""
        return "".join(
            f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in self.prefixes.items() if prefix in self.used
        )

    def _iri(self, iri: str) -> Term:
        """`prefix:local` when some prefix makes a safe short name, else `<iri>`."""
        if not is_iri(iri):
            raise ValueError(f"not an IRI that RDF can hold: {iri!r}")
        for namespace, prefix in self._candidates(iri):
            if iri.startswith(namespace) and _LOCAL.fullmatch(iri, len(namespace)):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def _candidates(self, iri: str) -> Iterator[tuple[str, str]]:
        """Namespaces that may start `iri`, longest first."""
        if self._by_namespace is None:
            yield from self._longest_first
            return
        end = len(iri)
        while (cut := max(iri.rfind("/", 0, end), iri.rfind("#", 0, end), iri.rfind(":", 0, end))) >= 0:
            prefix = self._by_namespace.get(iri[: cut + 1])
            if prefix is not None:
                yield iri[: cut + 1], prefix
            end = cut

    def _verb(self, predicate: str) -> Term:
        return "a" if str(predicate) == _RDF_TYPE else self.iri(predicate)

    def _term(self, node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Term:
        return term(self, node)


def is_iri(text: str) -> bool:
    """True when `text` holds no character that an IRI (and so Turtle) may not hold."""
    return not _NOT_IN_IRI.search(text)


def string(text: str, lang: str | None = None) -> Term:
    """A string literal on one line, with every quote, backslash and control character escaped."""
    quoted = '"' + _TO_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text) + '"'
    return f"{quoted}@{lang}" if lang else quoted


def integer(number: int) -> Term:
    return str(int(number))


def decimal(number: Decimal) -> Term:
    lexical = str(number)
    return lexical if _DECIMAL.fullmatch(lexical) else f'"{lexical}"^^<{XSD.decimal}>'


def typed(lexical: str, datatype: Term) -> Term:
    return f"{string(lexical)}^^{datatype}"


def subject(prefixes: Prefixes, node: str, pairs: Iterable[tuple[str, Term]]) -> str:
    """One subject with its predicate-object pairs (duplicates dropped, order kept), ending in " .\\n\\n"."""
    return _block(prefixes, prefixes.iri(str(node)), pairs)


def _block(prefixes: Prefixes, node: Term, pairs: Iterable[tuple[str, Term]]) -> str:
    lines = [f"{prefixes.verb(predicate)} {obj}" for predicate, obj in dict.fromkeys(pairs)]
    return node + " " + " ;\n    ".join(lines) + " .\n\n"


def term(prefixes: Prefixes, node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Term:
    """A pyoxigraph term as written in Turtle."""
    if isinstance(node, ox.NamedNode):
        return prefixes.iri(node.value)
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    if isinstance(node, ox.Literal):
        if node.language:
            return string(node.value, node.language)
        datatype = node.datatype.value
        if datatype == _XSD_STRING:
            return string(node.value)
        bare = _BARE.get(datatype)
        return node.value if bare and bare.fullmatch(node.value) else typed(node.value, prefixes.iri(datatype))
    raise GovgraphError(f"quoted triples (RDF 1.2) are not supported: {node}")


def document(prefixes: Prefixes, triples: Iterable[Statement]) -> Iterator[str]:
    """A whole Turtle document, piece by piece: the prefixes, then one block per subject.

    Triples of one subject must come together (sorted triples do); each block keeps their order.
    """
    yield prefixes.header() + "\n"
    yield from _blocks(prefixes, triples)


def document_of(prefixes: Prefixes, triples: Iterable[Statement]) -> str:
    """A whole Turtle document declaring only the prefixes its short names use (`prefixes` may offer more)."""
    body = "".join(_blocks(prefixes, triples))
    return prefixes.used_header() + "\n" + body


def write_document(prefixes: Prefixes, triples: Iterable[Statement], out: BinaryIO) -> None:
    """`document_of` as UTF-8 into `out`, streaming: the body waits in a temporary file (in memory while small).

    The header names only the prefixes used, known once the body is written.
    """
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as body:
        batch: list[str] = []
        for block in _blocks(prefixes, triples):
            batch.append(block)
            if len(batch) == _BATCH:
                body.write("".join(batch).encode())
                batch.clear()
        body.write("".join(batch).encode())
        out.write((prefixes.used_header() + "\n").encode())
        body.seek(0)
        shutil.copyfileobj(body, out)


def _blocks(prefixes: Prefixes, triples: Iterable[Statement]) -> Iterator[str]:
    term = prefixes.term
    for node, group in groupby(triples, key=lambda triple: triple.subject):
        yield _block(prefixes, term(node), ((t.predicate.value, term(t.object)) for t in group))
