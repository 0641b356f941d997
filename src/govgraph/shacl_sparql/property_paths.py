"""SHACL property paths (sh:path values) as SPARQL property path text.

Every path form SHACL defines has a SPARQL twin: a list is a sequence (a/b), sh:inversePath
is ^p, sh:alternativePath is (a|b), and sh:zeroOrMorePath, sh:oneOrMorePath and
sh:zeroOrOnePath are *, + and ?. SPARQL's zero-length paths include the node itself, as
SHACL's do; the compiled queries take DISTINCT values, so value nodes stay a set.
"""

from collections.abc import Callable

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ..errors import GovgraphError

MODIFIERS = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


class BadPath(GovgraphError):
    """An sh:path value that is not a well-formed SHACL property path."""


def path_text(g: Graph, path: Node, write_iri: Callable[[str], str], depth: int = 0) -> str:
    """The SPARQL text of a SHACL path; `write_iri` writes each predicate IRI."""
    if depth > 50:
        raise BadPath("an sh:path nested too deeply (a cycle?)")
    if isinstance(path, URIRef):
        return write_iri(str(path))
    if not isinstance(path, BNode):
        raise BadPath(f"{path.n3()} is not a SHACL property path")
    if (path, RDF.first, None) in g:
        steps = [path_text(g, step, write_iri, depth + 1) for step in Collection(g, path)]
        if len(steps) < 2:
            raise BadPath("a sequence path needs two members or more")
        return "(" + "/".join(steps) + ")"
    keys = set(g.predicates(path, None))
    if len(keys) != 1:
        raise BadPath("a blank sh:path must have exactly one of sh:inversePath, sh:alternativePath, sh:*Path or a list")
    (key,) = keys
    (inner,) = g.objects(path, key)
    if key == SH.inversePath:
        return "^" + path_text(g, inner, write_iri, depth + 1)
    if key == SH.alternativePath:
        choices = [path_text(g, choice, write_iri, depth + 1) for choice in Collection(g, inner)]
        if len(choices) < 2:
            raise BadPath("an alternative path needs two members or more")
        return "(" + "|".join(choices) + ")"
    if isinstance(key, URIRef) and key in MODIFIERS:
        return "(" + path_text(g, inner, write_iri, depth + 1) + ")" + MODIFIERS[key]
    raise BadPath(f"{key.n3()} is not a SHACL path construct")
