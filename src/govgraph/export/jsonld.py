"""JSON-LD with govgraph's published context (ontology/context.jsonld), written without a network.

The context is copied inline into every document, so no reader has to fetch it. Statements
are framed: each is a nested object whose links carry the linked resource's id and label,
and whose blank nodes (target years…) are embedded. Every other resource follows flat, so
the document holds exactly the triples of the graph (a repeated label is the same triple).
"""

import json
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from .. import paths
from ..errors import InputError
from ..namespaces import GG, RDF, RDFS
from .canonical import canonical_triples

#: A subject or object; pyoxigraph types allow RDF 1.2 quoted triples, which govgraph's graphs do not hold.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

CONTEXT_FILE = paths.CONTEXT_FILE
#: Where the context is published; documents carry it inline, this IRI only names it.
CONTEXT_IRI = "https://w3id.org/govgraph/context.jsonld"
STATEMENT_CLASSES = {str(GG.Statement), str(GG.Commitment)}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_TYPE = str(RDF.type)
_LABEL = str(RDFS.label)


@lru_cache(maxsize=4)
def load_context(path: Path = CONTEXT_FILE) -> dict:
    """The `@context` object of the shipped context file, checked to have the shape the writers read.

    Only an inline object will do (a string would name a remote context, which is never fetched).
    """
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(path, f"cannot read the JSON-LD context ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise InputError(path, f"not JSON: {error.msg}", error.lineno) from None
    context = document.get("@context") if isinstance(document, dict) else None
    if not isinstance(context, dict):
        found = "missing" if context is None else f"a {type(context).__name__}"
        raise InputError(path, f'"@context" must be an object holding the terms inline, not {found}')
    for key, value in context.items():
        if isinstance(value, dict) and not isinstance(value.get("@id"), str):
            raise InputError(path, f'the term {key!r} of "@context" needs an "@id" string')
    return context


class Compactor:
    """Turns IRIs and literals into the short keys and values the context defines."""

    def __init__(self, context: dict) -> None:
        self.language = context.get("@language")
        self.prefixes = {
            k: v for k, v in context.items() if isinstance(v, str) and not k.startswith("@") and v.endswith(("#", "/"))
        }
        #: Longest namespace first, so the most specific prefix wins (sorted once, not per IRI).
        self._longest_first = sorted(self.prefixes.items(), key=lambda item: -len(item[1]))
        self._curies: dict[str, str] = {}
        self.properties: dict[str, tuple[str, str | None]] = {}
        self.classes: dict[str, str] = {}
        for key, value in context.items():
            if isinstance(value, dict):
                self.properties[self.expand(value["@id"])] = (key, value.get("@type"))
            elif isinstance(value, str) and not key.startswith("@") and key not in self.prefixes and not value.startswith("@"):
                self.classes[self.expand(value)] = key

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local if prefix in self.prefixes else curie

    def curie(self, iri: str) -> str:
        found = self._curies.get(iri)
        if found is None:
            found = self._curies[iri] = self._shortest(iri)
        return found

    def _shortest(self, iri: str) -> str:
        for prefix, namespace in self._longest_first:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and local and all(c.isalnum() or c in "-_" for c in local):
                return f"{prefix}:{local}"
        return iri

    def key(self, predicate: str) -> tuple[str, str | None]:
        return self.properties.get(predicate, (self.curie(predicate), None))

    def literal(self, term: ox.Literal, coerce: str | None) -> object:
        if term.language:
            if coerce is None and term.language == self.language:
                return term.value
            return {"@value": term.value, "@language": term.language}
        datatype = term.datatype.value
        if coerce and coerce != "@id" and self.expand(coerce) == datatype:
            return term.value
        if datatype == _XSD_STRING:
            return {"@value": term.value}
        return {"@value": term.value, "@type": self.curie(datatype)}


#: Per context object (the shipped one is loaded once): its Compactor and its JSON text, made once, not per document.
_PER_CONTEXT: dict[tuple[int, str], tuple[dict, object]] = {}


def _once_per_context(context: dict, kind: str, make: Callable[[dict], object]) -> object:
    """`make(context)`, kept while the very same context object is asked for again."""
    kept = _PER_CONTEXT.get((id(context), kind))
    if kept is None or kept[0] is not context:
        kept = _PER_CONTEXT[(id(context), kind)] = (context, make(context))
    return kept[1]


def compactor(context: dict) -> Compactor:
    """The Compactor of `context`, built once per context object."""
    return cast(Compactor, _once_per_context(context, "compactor", Compactor))


def _sort(values: list) -> list:
    if len(values) < 2:
        return values
    return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


def build_document(triples: list[ox.Triple], context: dict | None = None, frame: bool = True) -> dict:
    """A JSON-LD document (context inline) for canonical `triples`; statements framed when `frame`."""
    context = context if context is not None else load_context()
    compact = compactor(context)
    by_subject: dict[Term, list[ox.Triple]] = defaultdict(list)
    references: dict[ox.BlankNode, int] = defaultdict(int)
    labels: dict[str, str] = {}
    for triple in triples:
        by_subject[triple.subject].append(triple)
        if isinstance(triple.object, ox.BlankNode):
            references[triple.object] += 1
        if triple.predicate.value == _LABEL and isinstance(triple.subject, ox.NamedNode):
            labels.setdefault(triple.subject.value, triple.object.value)  # type: ignore[union-attr]  # no quoted triples
    embedded = {node for node, count in references.items() if count == 1 and node in by_subject}
    # A blank node referenced once is written inside its referrer, unless no top-level node
    # reaches it (a cycle of blank nodes): then the first such node goes top level.
    while True:
        reached: set = set()
        stack = [s for s in by_subject if s not in embedded]
        while stack:
            for triple in by_subject.get(stack.pop(), []):
                if triple.object in embedded and triple.object not in reached:
                    reached.add(triple.object)
                    stack.append(triple.object)
        lost = [n for n in by_subject if n in embedded and n not in reached]
        if not lost:
            break
        embedded.discard(lost[0])

    def node(subject: Term, framed: bool, seen: frozenset) -> dict:
        out: dict = {"id": subject.value if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"}  # type: ignore[union-attr]  # no quoted triples
        if isinstance(subject, ox.BlankNode) and subject in embedded:
            del out["id"]
        grouped: dict[str, list] = defaultdict(list)
        for triple in by_subject.get(subject, []):
            predicate, obj = triple.predicate.value, triple.object
            if predicate == _TYPE and isinstance(obj, ox.NamedNode):
                grouped["type"].append(compact.classes.get(obj.value, compact.curie(obj.value)))
                continue
            key, coerce = compact.key(predicate)
            if isinstance(obj, ox.Literal):
                grouped[key].append(compact.literal(obj, coerce))
            elif isinstance(obj, ox.BlankNode):
                inline = obj in embedded and obj not in seen
                grouped[key].append(node(obj, framed, seen | {obj}) if inline else {"id": f"_:{obj.value}"})
            elif framed and obj.value in labels:  # type: ignore[union-attr]  # no quoted triples
                grouped[key].append({"id": obj.value, "label": labels[obj.value]})  # type: ignore[union-attr]  # no quoted triples
            else:
                grouped[key].append(obj.value if coerce == "@id" else {"id": obj.value})  # type: ignore[union-attr]  # no quoted triples
        for key in sorted(grouped, key=lambda k: (k != "type", k)):
            values = _sort(grouped[key])
            out[key] = values[0] if len(values) == 1 else values
        return out

    def is_statement(subject: Term) -> bool:
        return any(t.predicate.value == _TYPE and t.object.value in STATEMENT_CLASSES for t in by_subject[subject])  # type: ignore[union-attr]  # no quoted triples

    subjects = [s for s in by_subject if not (isinstance(s, ox.BlankNode) and s in embedded)]
    statements = [s for s in subjects if frame and is_statement(s)]
    framed = set(statements)
    others = [s for s in subjects if s not in framed]
    return {
        "@context": context,
        "@graph": [node(s, True, frozenset()) for s in statements] + [node(s, False, frozenset()) for s in others],
    }


def dumps(document: dict) -> bytes:
    """Stable JSON text, UTF-8, keys in the order built: two-space indent, each `@graph` node on one line.

    A node per line keeps a large document quick to write (the C encoder, not the indenting one),
    and to diff or grep; the inline context, the same for every document, is encoded once.
    """
    if not document:
        return b"{}\n"
    members = []
    for key, value in document.items():
        if key == "@context":
            text = cast(str, _once_per_context(value, "text", _indented))
        elif key == "@graph" and isinstance(value, list) and value:
            text = "[\n  " + ",\n  ".join(json.dumps(node, ensure_ascii=False) for node in value) + "\n]"
        else:
            text = _indented(value)
        members.append(f"{json.dumps(key, ensure_ascii=False)}: {text.replace(chr(10), chr(10) + '  ')}")
    return ("{\n  " + ",\n  ".join(members) + "\n}\n").encode("utf-8")


def _indented(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def jsonld(quads: list[ox.Quad]) -> bytes:
    """All graphs merged, as framed JSON-LD with the context inline."""
    return dumps(build_document(canonical_triples(quads)))
