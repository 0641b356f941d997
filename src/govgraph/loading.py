"""Read Turtle files into stores and graphs, with errors that name the file and line.

pyoxigraph parses (it is about ten times faster than rdflib at a million triples);
rdflib graphs are made from the parsed quads where pyshacl or a serialiser needs them.
"""

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from . import literals, paths
from .errors import InputError
from .namespaces import DEFAULT_BASE, PREFIXES
from .terms import from_oxigraph

GRAPH_BASE = DEFAULT_BASE + "graph/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
REFERENCE_GRAPH = GRAPH_BASE + "reference"

_LINE = re.compile(r"line (\d+)")


def graph_name(path: Path) -> str:
    """The named graph a data file belongs to: one per source document, one for reference data.

    Statements live in ``data/statements/<document>.ttl`` (or drafts), so the document's
    slug names their graph; everything else under data/ is shared reference data.
    """
    path = Path(path)
    if path.parent.name in ("statements", "drafts"):  # first: no file system call for the thousands of documents
        return GRAPH_BASE + "document/" + path.stem
    if path.resolve() == paths.ONTOLOGY_FILE.resolve():
        return ONTOLOGY_GRAPH
    return REFERENCE_GRAPH


def parse_file(path: Path, graph: str | None = None) -> list[ox.Quad]:
    """Parse one Turtle file into quads of `graph` (its `graph_name` by default)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    target = ox.NamedNode(graph or graph_name(path))
    try:
        parsed = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
        return [ox.Quad(q.subject, q.predicate, q.object, target) for q in parsed]
    except SyntaxError as error:
        found = _LINE.search(str(error))
        message = str(error).split(" (", 1)[0] if "(" in str(error) else str(error)
        raise InputError(path, f"Turtle syntax error: {message}", int(found.group(1)) if found else None) from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from None


RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def typed_subjects(path: Path) -> set[str]:
    """The IRIs one Turtle file gives an rdf:type: parsed natively, a Python object only per type triple."""
    parsed = ox.Store()
    try:
        parsed.load(path=str(path), format=ox.RdfFormat.TURTLE)
    except (SyntaxError, UnicodeDecodeError, ValueError, OSError):
        parse_file(path)  # raises the InputError naming the file and line
        raise
    return {q.subject.value for q in parsed.quads_for_pattern(None, RDF_TYPE, None) if isinstance(q.subject, ox.NamedNode)}


def default_files(include_ontology: bool = True) -> list[Path]:
    """The ontology and every curated data file."""
    return ([paths.ONTOLOGY_FILE] if include_ontology else []) + paths.data_files()


def expand(sources: Iterable[Path | str]) -> list[Path]:
    """Files named directly plus every .ttl file under the directories named."""
    found: list[Path] = []
    for source in map(Path, sources):
        found.extend(sorted(source.rglob("*.ttl")) if source.is_dir() else [source])
    return [paths.readable_file(path) for path in found]


def load_store(files: Iterable[Path | str] | None = None, store: ox.Store | None = None, *, as_written: bool = False) -> ox.Store:
    """Parse every file (default: ontology and data) into a pyoxigraph store, all or nothing.

    Files are loaded natively (no Python object per triple: about twice as fast at a million
    triples); a file that fails is parsed again by `parse_file` for its file:line error, and an
    ill-typed literal is reported with its file and line too.
    """
    fresh = ox.Store()
    chosen = [Path(path) for path in (expand(files) if files is not None else default_files())]
    for path in chosen:
        if not path.is_file():
            raise InputError(path, "no such file")
        try:
            base = path.resolve().as_uri() if as_written else None  # as_written: a user's files (validate --shapes)
            fresh.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base, to_graph=ox.NamedNode(graph_name(path)))
        except (SyntaxError, UnicodeDecodeError, ValueError, OSError):
            parse_file(path)  # raises the InputError naming the file and line
            raise
    if not as_written:  # a user's shapes report ill-typed literals (sh:datatype); they stay
        literals.check(fresh, chosen)
    if store is None:
        return fresh
    store.bulk_extend(fresh.quads_for_pattern(None, None, None))
    return store


def to_rdflib(quads: Iterable[ox.Quad]) -> Graph:
    """One rdflib graph holding the triples of all quads (the union of their graphs)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    add = graph.add
    for quad in quads:
        add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object)))
    return graph


def to_rdflib_dataset(quads: Iterable[ox.Quad]) -> Dataset:
    """An rdflib dataset keeping each quad in its named graph."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    for quad in quads:
        name = quad.graph_name
        context = URIRef(name.value) if isinstance(name, ox.NamedNode) else None
        dataset.add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object), context))  # type: ignore[arg-type]  # rdflib accepts a graph name here; its stubs want a Graph
    return dataset


def load(files: Iterable[Path | str] | None = None) -> Graph:
    """The ontology and data (or the files given) as one rdflib graph."""
    return to_rdflib(load_store(files).quads_for_pattern(None, None, None))
