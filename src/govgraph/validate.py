"""Check a graph against the SHACL shapes and the saved data-quality checks.

Violations (ontology/shapes.ttl, and every row a query in queries/checks/ returns) fail;
recommendations (ontology/recommendations.ttl, sh:Warning) are reported but never fail.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SH
from rdflib.term import Node

from . import loading, paths, safety
from .errors import GovgraphError
from .queries import run_checks
from .store import MemoryStore, Store, TrustedQuery
from .store.results import integer

#: The most rows one check may report: past that, a check is wrong rather than the data.
VIOLATION = "Violation"
WARNING = "Warning"
#: Validation engines: "sparql" compiles the shapes to SPARQL on the pyoxigraph store (fast,
#: the default; see govgraph.shacl_sparql); "pyshacl" runs pyshacl on an rdflib copy (reference).
ENGINES = ("sparql", "pyshacl")
DEFAULT_ENGINE = "sparql"


@dataclass(frozen=True)
class Finding:
    """One problem: where it is (focus node, file), which rule found it, and what to do."""

    focus: str
    shape: str
    message: str
    severity: str = VIOLATION
    path: str | None = None
    value: str | None = None
    file: str | None = None


@dataclass
class ValidationReport:
    """The outcome of one validation run."""

    findings: list[Finding] = field(default_factory=list)
    triples: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == VIOLATION]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def conforms(self) -> bool:
        return not self.violations


def _shape_name(shapes: Graph, shape: Node) -> str:
    """A readable name for a shape: its own IRI, or that of the node shape holding it."""
    if isinstance(shape, BNode):
        owner = next(shapes.subjects(SH.property, shape), None) or next(shapes.subjects(SH.sparql, shape), None)
        if owner is not None:
            return _shape_name(shapes, owner)
    return str(shape).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if isinstance(shape, URIRef) else str(shape)


#: Where shapes hold SPARQL text, and the query form each must have.
SPARQL_TEXTS = {SH.select: "SELECT", SH.ask: "ASK", SH.construct: "CONSTRUCT"}


def declared_prefixes(shapes: Graph, node: Node) -> dict[str, str]:
    """The prefixes pyshacl would declare for a SPARQL text on `node`: its sh:prefixes, and the ontologies'.

    Each sh:namespace must be a clean absolute IRI: it is pasted into a PREFIX line.
    """
    declarers = set(shapes.objects(node, SH.prefixes))
    if declarers:
        declarers |= set(shapes.subjects(RDF.type, OWL.Ontology))
    prefixes: dict[str, str] = {}
    for declarer in declarers:
        for declaration in shapes.objects(declarer, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is None or namespace is None:
                continue
            if not safety.is_clean_iri(str(namespace)):
                raise GovgraphError(f"shapes: sh:namespace {str(namespace)!r} is not a clean IRI")
            if prefixes.setdefault(str(prefix), str(namespace)) != str(namespace):
                raise GovgraphError(f"shapes: prefix {prefix}: is declared with two namespaces")
    return prefixes


def gated_shapes(shapes: Graph) -> Graph:
    """A copy of `shapes` whose SPARQL texts are those the safety gate wrote (IRIs in full, no sh:prefixes).

    pyshacl runs SPARQL constraints, targets and rules with rdflib, which would evaluate a
    SERVICE clause over HTTP: each text is checked with its prefixes as pyshacl assembles
    them, and pyshacl gets the checked text, so what it runs is what was checked.
    """
    gated = Graph()
    for prefix, namespace in shapes.namespaces():
        gated.bind(prefix, namespace)
    for triple in shapes:
        gated.add(triple)
    for term in {term for triple in shapes for term in triple if isinstance(term, URIRef)}:
        if not safety.is_clean_iri(str(term)):  # pyshacl pastes sh:path IRIs into $PATH, after any check
            raise GovgraphError(f"shapes: {str(term)!r} is not a clean IRI")
    if any(True for _ in shapes.subject_objects(SH.update)):
        raise GovgraphError("shapes: sh:update is refused: validation never changes data")
    for predicate, form in SPARQL_TEXTS.items():
        for node, text in list(shapes.subject_objects(predicate)):
            prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in declared_prefixes(shapes, node).items())
            try:
                prepared = safety.bind(prologue + str(text))
            except GovgraphError as error:
                raise GovgraphError(f"shapes: the {shapes.qname(predicate)} of {node.n3()}: {error}") from None
            if prepared.form != form:
                raise GovgraphError(f"shapes: the {shapes.qname(predicate)} of {node.n3()} is not a {form} query")
            gated.remove((node, predicate, text))
            gated.add((node, predicate, Literal(prepared.text)))
            gated.remove((node, SH.prefixes, None))
    return gated


def shacl_findings(data: Graph, shapes: Graph) -> list[Finding]:
    """Run pyshacl (on the gated SPARQL texts) and turn its results graph into findings."""
    _, results, text = pyshacl.validate(data, shacl_graph=gated_shapes(shapes), advanced=True, allow_warnings=True)
    if not isinstance(results, Graph):  # pyshacl reports shapes it cannot load as a ValidationFailure
        raise GovgraphError(f"pyshacl cannot use the shapes: {' '.join(str(text).split())[:300]}")
    shape_of: dict[Node | None, str] = {}
    for shape in set(results.objects(None, SH.sourceShape)):
        shape_of[shape] = _shape_name(shapes, shape)
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        severity = results.value(result, SH.resultSeverity)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        findings.append(
            Finding(
                focus=str(focus),
                shape=shape_of.get(results.value(result, SH.sourceShape), "?"),
                message=str(message) if message is not None else "constraint not met",
                severity=WARNING if severity in (SH.Warning, SH.Info) else VIOLATION,
                path=data.qname(path) if isinstance(path, URIRef) else None,
                value=value.n3(data.namespace_manager) if value is not None and value != focus else None,
            )
        )
    return findings


def check_findings(store: ox.Store | Store, checks_dir: Path = paths.CHECKS_DIR) -> list[Finding]:
    """Run every saved data-quality check; each row it returns is a violation titled by the check.

    Checks are user text (people edit queries/checks/): each takes the checked gate.
    """
    findings = []
    for result in run_checks(MemoryStore.of(store), checks_dir):
        check = result.query
        for row in result.rows:
            focus = next((str(t) for t in row if isinstance(t, URIRef)), "")
            findings.append(
                Finding(
                    focus=focus,
                    shape=f"check:{check.path.stem}",
                    message=check.title,
                    value=", ".join(str(t) for t in row if t is not None),
                )
            )
    return findings


def defined_in(files: Iterable[Path], store: ox.Store | Store | None = None, focus: set[str] | None = None) -> dict[str, str]:
    """Which file declares each typed subject, so that a report can point at it.

    With a `store` holding each file in its `loading.graph_name` graph and the `focus` nodes
    wanted, only files that share a graph are parsed again; the others are answered by the store.
    """
    files = list(files)
    if store is not None and focus is not None:
        return _defined_in_store(files, MemoryStore.of(store), focus)
    where: dict[str, str] = {}
    for path in files:
        shown = _shown(path)
        for quad in loading.parse_file(path):
            if quad.predicate.value == str(RDF.type) and isinstance(quad.subject, ox.NamedNode):
                where.setdefault(quad.subject.value, shown)
    return where


def _defined_in_store(files: list[Path], store: Store, focus: set[str]) -> dict[str, str]:
    wanted = sorted(f for f in focus if f and ":" in f and safety.is_clean_iri(f))
    if not wanted:
        return {}
    by_graph: dict[str, list[Path]] = {}
    for path in files:
        by_graph.setdefault(loading.graph_name(path), []).append(path)
    declared: dict[Path, set[str]] = {}
    for members in by_graph.values():
        if len(members) > 1:  # shared graph (reference data): ask the files themselves
            for path in members:
                declared[path] = set(defined_in([path]))
    values = " ".join(safety.term_text(URIRef(iri)) for iri in wanted)
    single = {graph: members[0] for graph, members in by_graph.items() if len(members) == 1}
    query = TrustedQuery.of(f"SELECT DISTINCT ?s ?g WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s a ?type }} }}")
    for subject, graph in store.select(query, limit=len(wanted) * len(files) + 1).rows:
        found = single.get(str(graph))
        if found is not None:
            declared.setdefault(found, set()).add(str(subject))
    where: dict[str, str] = {}
    for path in files:
        shown = _shown(path)
        for iri in declared.get(path, set()) & set(wanted):
            where.setdefault(iri, shown)
    return where


def _shown(path: Path) -> str:
    """A path as people should see it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def validate(
    files: Iterable[Path | str] | None = None,
    *,
    with_ontology: bool = True,
    recommendations: bool = True,
    checks: bool = True,
    engine: str = DEFAULT_ENGINE,
) -> ValidationReport:
    """Validate the given files (default: all curated data) with the ontology added for class reasoning."""
    data_files = loading.expand(files) if files is not None else paths.data_files()
    data_files = [f for f in data_files if f.resolve() != paths.ONTOLOGY_FILE.resolve()]
    store = loading.load_store(([paths.ONTOLOGY_FILE] if with_ontology else []) + data_files)
    return validate_store(store, data_files, recommendations=recommendations, checks=checks, engine=engine)


def validate_store(
    store: ox.Store | MemoryStore,
    data_files: list[Path],
    *,
    recommendations: bool = True,
    checks: bool = True,
    engine: str = DEFAULT_ENGINE,
) -> ValidationReport:
    """Validate a loaded store; `data_files` lets the report say which file defines each focus node."""
    shapes = loading.load([paths.SHAPES_FILE] + ([paths.RECOMMENDATIONS_FILE] if recommendations else []))
    store = store if isinstance(store, MemoryStore) else MemoryStore(store)
    if engine == "pyshacl":
        data = loading.to_rdflib(store.graph.quads_for_pattern(None, None, None))
        findings, triples = shacl_findings(data, shapes), len(data)
    elif engine == "sparql":
        from .shacl_sparql import sparql_findings  # imports this module: keep the import here

        findings, triples = sparql_findings(store, shapes), count_triples(store)
    else:
        raise GovgraphError(f"unknown validation engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if checks:
        findings += check_findings(store)
    where = defined_in(data_files, store, {f.focus for f in findings})
    located = [replace(f, file=where.get(f.focus)) for f in findings]
    located.sort(key=lambda f: (f.severity != VIOLATION, f.file or "", f.focus, f.shape, f.path or "", f.message))
    return ValidationReport(findings=located, triples=triples, files=[str(f) for f in data_files])


#: Distinct triples over all graphs: what the union graph (and an rdflib copy) holds.
DISTINCT_TRIPLES = TrustedQuery.of("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")


def count_triples(store: Store) -> int:
    """Distinct triples over all graphs: what the union graph (and an rdflib copy) holds."""
    return integer(store.select(DISTINCT_TRIPLES).rows[0][0])
