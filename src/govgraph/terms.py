"""Terms: IRIs shown the way people read them, and the one conversion to rdflib terms.

The one shortener: the app, the reports, the site, the CLI tables and the exports all call
`short`, so an IRI reads the same everywhere. The one converter: pyoxigraph terms, the query
child's tuples and SPARQL JSON bindings all become rdflib terms through `literal` and
`from_oxigraph`, so a literal compares the same whichever store answered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from .errors import GovgraphError
from .namespaces import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

#: (namespace, prefix), longest namespace first, so that the most specific prefix wins.
_BY_LENGTH = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[0]))
_XSD_STRING, _LANG_STRING = str(XSD.string), str(RDF.langString)


def _plain(local: str) -> bool:
    """Whether `local` can follow `prefix:` as written, in Turtle and SPARQL alike."""
    return bool(local) and all(c.isalnum() or c in "-_." for c in local) and not local.endswith(".")


def short(iri: str) -> str:
    """`https://w3id.org/govgraph/id/forum/igf` → `forum:igf`; other IRIs come back whole."""
    for namespace, prefix in _BY_LENGTH:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if _plain(local):
                return f"{prefix}:{local}"
    return iri


def literal(value: str, language: str | None = None, datatype: str | None = None) -> Literal:
    """A literal normalised the same way from every source: xsd:string becomes a simple literal (RDF 1.1)."""
    if language:
        return Literal(value, lang=language)
    if datatype is None or datatype == _XSD_STRING:
        return Literal(value)
    if datatype == _LANG_STRING:
        raise GovgraphError("malformed term: rdf:langString literal without a language")
    return Literal(value, datatype=URIRef(datatype), normalize=False)  # as the store holds it: SHACL sees lexical forms


def from_oxigraph(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """The rdflib twin of a pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return literal(term.value, term.language, term.datatype.value)
    raise GovgraphError(f"quoted triples (RDF 1.2) are not supported: {term}")
