"""JSON-LD with govgraph's published context (ontology/context.jsonld), written without a network.

The context is copied inline into every document, so no reader has to fetch it. Statements
are framed: each is a nested object whose links carry the linked resource's id and label,
and whose blank nodes (target years…) are embedded. Every other resource follows flat, so
the document holds exactly the triples of the graph (a repeated label is the same triple).
"""

import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox

from .. import paths
from ..errors import InputError
from ..namespaces import GG, RDF, RDFS
from .canonical import union

#: A subject or object; pyoxigraph types allow RDF 1.2 quoted triples, which govgraph's graphs do not hold.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

CONTEXT_FILE = paths.CONTEXT_FILE
#: Where the context is published; documents carry it inline, this IRI only names it.
CONTEXT_IRI = "https://w3id.org/govgraph/context.jsonld"
STATEMENT_CLASSES = {str(GG.Statement), str(GG.Commitment)}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_TYPE = str(RDF.type)
#: `@graph` nodes encoded and written at a time.
_BATCH = 1024
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
        self._keys: dict[str, tuple[str, str | None]] = {}
        self._class_names: dict[str, str] = {}
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
        found = self._keys.get(predicate)
        if found is None:
            found = self._keys[predicate] = self.properties.get(predicate) or (self.curie(predicate), None)
        return found

    def class_name(self, iri: str) -> str:
        found = self._class_names.get(iri)
        if found is None:
            found = self._class_names[iri] = self.classes.get(iri) or self.curie(iri)
        return found

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


#: Characters JSON escapes (with ensure_ascii=False): a string free of them encodes as itself in quotes.
_ESCAPED = re.compile(r'["\\\x00-\x1f]')


def _sort(values: list) -> list:
    """Values in the order of their JSON text, the same for any hash seed or parse order.

    Plain strings with nothing to escape are ordered without encoding them: '"' + s + '"' sorts as s + '"'.
    """
    if len(values) < 2:
        return values
    if all(type(v) is str for v in values) and not _ESCAPED.search("".join(values)):
        return sorted(values, key=lambda v: v + '"')
    return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


class _Framer:
    """Canonical triples indexed for framing, without holding them: each subject's runs of positions.

    One pass finds the runs, labels, statements and blank nodes; `nodes` then makes each top-level
    node in turn, reading its triples again by position, so a streaming writer holds one node at a time.
    """

    def __init__(self, triples: Sequence[ox.Triple], context: dict, frame: bool) -> None:
        self.triples, self.frame, self.compact = triples, frame, compactor(context)
        self.runs: dict[Term, list[range]] = {}
        self.labels: dict[str, str] = {}
        statements: set[Term] = set()
        blank_objects: dict[Term, list[ox.BlankNode]] = defaultdict(list)
        references: dict[ox.BlankNode, int] = defaultdict(int)
        previous, start = None, 0
        for index, triple in enumerate(triples):
            subject, obj = triple.subject, triple.object
            if subject != previous:
                if previous is not None:
                    self.runs.setdefault(previous, []).append(range(start, index))
                previous, start = subject, index
            if isinstance(obj, ox.BlankNode):
                references[obj] += 1
                blank_objects[subject].append(obj)
            predicate = triple.predicate.value
            if predicate == _LABEL and isinstance(subject, ox.NamedNode):
                self.labels.setdefault(subject.value, obj.value)  # type: ignore[union-attr]  # no quoted triples
            elif predicate == _TYPE and obj.value in STATEMENT_CLASSES:  # type: ignore[union-attr]  # no quoted triples
                statements.add(subject)
        if previous is not None:
            self.runs.setdefault(previous, []).append(range(start, len(triples)))
        self.embedded = self._embedded(references, blank_objects)
        self.statements = statements

    def _embedded(self, references: dict[ox.BlankNode, int], blank_objects: dict[Term, list[ox.BlankNode]]) -> set:
        """Blank nodes referenced once are written inside their referrer, unless no top-level node
        reaches them (a cycle of blank nodes): then the first such node goes top level."""
        embedded = {node for node, count in references.items() if count == 1 and node in self.runs}
        while True:
            reached: set = set()
            stack = [s for s in self.runs if s not in embedded]
            while stack:
                for obj in blank_objects.get(stack.pop(), []):
                    if obj in embedded and obj not in reached:
                        reached.add(obj)
                        stack.append(obj)
            lost = [n for n in self.runs if n in embedded and n not in reached]
            if not lost:
                return embedded
            embedded.discard(lost[0])

    def nodes(self) -> Iterator[dict]:
        """The `@graph` nodes: statements (framed) first, then every other top-level subject, in triple order."""
        subjects = [s for s in self.runs if not (isinstance(s, ox.BlankNode) and s in self.embedded)]
        framed = self.statements if self.frame else set()
        for subject in subjects:
            if subject in framed:
                yield self.node(subject, True, frozenset())
        for subject in subjects:
            if subject not in framed:
                yield self.node(subject, False, frozenset())

    def node(self, subject: Term, framed: bool, seen: frozenset) -> dict:
        out: dict = {}
        if not (isinstance(subject, ox.BlankNode) and subject in self.embedded):
            out["id"] = subject.value if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"  # type: ignore[union-attr]  # no quoted triples
        grouped: dict[str, list] = defaultdict(list)
        labels, triples = self.labels, self.triples
        for run in self.runs.get(subject, []):
            for index in run:
                triple = triples[index]
                predicate, obj = triple.predicate.value, triple.object
                if predicate == _TYPE and isinstance(obj, ox.NamedNode):
                    grouped["type"].append(self.compact.class_name(obj.value))
                    continue
                key, coerce = self.compact.key(predicate)
                if isinstance(obj, ox.Literal):
                    grouped[key].append(self.compact.literal(obj, coerce))
                elif isinstance(obj, ox.BlankNode):
                    inline = obj in self.embedded and obj not in seen
                    grouped[key].append(self.node(obj, framed, seen | {obj}) if inline else {"id": f"_:{obj.value}"})
                elif framed and obj.value in labels:  # type: ignore[union-attr]  # no quoted triples
                    grouped[key].append({"id": obj.value, "label": labels[obj.value]})  # type: ignore[union-attr]  # no quoted triples
                else:
                    grouped[key].append(obj.value if coerce == "@id" else {"id": obj.value})  # type: ignore[union-attr]  # no quoted triples
        for key in sorted(grouped, key=lambda k: (k != "type", k)):
            values = _sort(grouped[key])
            out[key] = values[0] if len(values) == 1 else values
        return out


def build_document(triples: Sequence[ox.Triple], context: dict | None = None, frame: bool = True) -> dict:
    """A JSON-LD document (context inline) for canonical `triples`; statements framed when `frame`."""
    context = context if context is not None else load_context()
    return {"@context": context, "@graph": list(_Framer(triples, context, frame).nodes())}


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
            text = _context_text(value)
        elif key == "@graph" and isinstance(value, list) and value:
            text = "[\n  " + ",\n  ".join(json.dumps(node, ensure_ascii=False) for node in value) + "\n]"
        else:
            text = _indented(value)
        if key != "@context":
            text = text.replace("\n", "\n  ")
        members.append(f"{json.dumps(key, ensure_ascii=False)}: {text}")
    return ("{\n  " + ",\n  ".join(members) + "\n}\n").encode("utf-8")


def _indented(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _context_text(context: dict) -> str:
    """The context as indented JSON, one level in: encoded once per context object."""
    return cast(str, _once_per_context(context, "text", lambda c: _indented(c).replace("\n", "\n  ")))


def write_jsonld(quads: list[ox.Quad], out: BinaryIO) -> None:
    """All graphs merged, as framed JSON-LD with the context inline, node by node into `out`.

    The same bytes as `dumps(build_document(...))`: each `@graph` node on its own line.
    """
    context = load_context()
    nodes = _Framer(union(quads), context, frame=True).nodes()
    head = "{\n  " + json.dumps("@context") + ": " + _context_text(context) + ',\n  "@graph": '
    first = next(nodes, None)
    if first is None:
        out.write((head + "[]\n}\n").encode("utf-8"))
        return
    out.write((head + "[\n    " + json.dumps(first, ensure_ascii=False)).encode("utf-8"))
    batch: list[str] = []
    for node in nodes:
        batch.append(json.dumps(node, ensure_ascii=False))
        if len(batch) == _BATCH:
            out.write(("".join(",\n    " + text for text in batch)).encode("utf-8"))
            batch.clear()
    out.write(("".join(",\n    " + text for text in batch) + "\n  ]\n}\n").encode("utf-8"))


def jsonld(quads: list[ox.Quad]) -> bytes:
    """All graphs merged, as framed JSON-LD with the context inline."""
    buffer = io.BytesIO()
    write_jsonld(quads, buffer)
    return buffer.getvalue()
