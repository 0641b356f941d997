"""Check a graph against the SHACL shapes and the saved data-quality checks.

Violations (ontology/shapes.ttl, and every row a query in queries/checks/ returns) fail;
recommendations (ontology/recommendations.ttl, sh:Warning) are reported but never fail.
A user's own shapes (`shapes=`) replace all three. Both engines give SHACL results as RDF
terms (`Result`); the report shows them as `Finding`s and writes them as a standard
sh:ValidationReport graph. Shapes the SPARQL engine cannot compile are validated by pySHACL
instead, and the report says so: a refusal never reaches the user, a wrong answer never does.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SH
from rdflib.term import Node

from . import literals, loading, paths, safety
from .errors import GovgraphError, InputError
from .progress import Progress, silent
from .queries import run_checks
from .store import MemoryStore, Store, TrustedQuery
from .store.results import integer
from .terms import short

#: The most rows one check may report: past that, a check is wrong rather than the data.
VIOLATION = "Violation"
WARNING = "Warning"
INFO = "Info"
#: The SHACL severities and the names the report gives them.
SEVERITIES = {SH.Violation: VIOLATION, SH.Warning: WARNING, SH.Info: INFO}
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
    component: str | None = None  # the SHACL constraint component's IRI (none for a saved check)
    source: str | None = None  # the source shape's IRI (none for a blank shape: `shape` names its owner)


@dataclass(frozen=True)
class Result:
    """One SHACL validation result as RDF terms: what an sh:ValidationResult holds.

    A blank `path` (a complex path) or `shape` has its structure in the graph the engine
    read it from (`Results.context`), which `ValidationReport.graph` copies.
    """

    focus: Node
    shape: Node
    component: URIRef
    severity: URIRef = SH.Violation
    path: Node | None = None
    value: Node | None = None
    message: Literal | None = None
    constraint: Node | None = None


@dataclass
class Results:
    """What one engine found: the results, the graph their blank paths live in, and notes for people."""

    results: list[Result]
    context: Graph
    engine: str
    notes: list[str] = field(default_factory=list)


@dataclass
class ValidationReport:
    """The outcome of one validation run: SHACL `results` (terms) and `findings` (for people, with checks)."""

    findings: list[Finding] = field(default_factory=list)
    triples: int = 0
    files: list[str] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    engine: str = DEFAULT_ENGINE
    notes: list[str] = field(default_factory=list)
    context: Graph = field(default_factory=Graph, repr=False)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == VIOLATION]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == INFO]

    @property
    def conforms(self) -> bool:
        """No violation: warnings and infos never fail (SHACL's own sh:conforms is in `graph`)."""
        return not self.violations

    def graph(self) -> Graph:
        """The report as a standard sh:ValidationReport graph (sh:conforms is SHACL's: no result at all).

        The saved checks' rows are results too, of sh:SPARQLConstraintComponent, each from a
        blank source shape labelled with the check's name.
        """
        from .report import as_graph  # report imports this module: keep the import here

        return as_graph(self)


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
        declarers |= {i for d in list(declarers) for i in shapes.transitive_objects(d, OWL.imports) if i is not None}
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


def shacl_results(data: Graph, shapes: Graph) -> Results:
    """Run pyshacl (on the gated SPARQL texts) and read its results graph into `Result`s."""
    try:
        _, results, text = pyshacl.validate(data, shacl_graph=gated_shapes(shapes), advanced=True, allow_warnings=True)
    except NotImplementedError as error:  # e.g. $shapesGraph: neither engine can validate these shapes
        raise GovgraphError(f"pySHACL cannot validate these shapes: {' '.join(str(error).split())[:300]}") from None
    if not isinstance(results, Graph):  # pyshacl reports shapes it cannot load as a ValidationFailure
        raise GovgraphError(f"pyshacl cannot use the shapes: {' '.join(str(text).split())[:300]}")
    found = []
    for result in results.objects(None, SH.result):  # not the sh:detail results nested in them
        message = results.value(result, SH.resultMessage)
        component = results.value(result, SH.sourceConstraintComponent)
        focus, shape = results.value(result, SH.focusNode), results.value(result, SH.sourceShape)
        severity = results.value(result, SH.resultSeverity)
        if focus is None or shape is None:
            raise GovgraphError("pyshacl gave a result without a focus node or a source shape")
        found.append(
            Result(
                focus=focus,
                shape=shape,
                component=component if isinstance(component, URIRef) else SH.SPARQLConstraintComponent,
                severity=severity if isinstance(severity, URIRef) else SH.Violation,
                path=results.value(result, SH.resultPath),
                value=results.value(result, SH.value),
                message=message if isinstance(message, Literal) else None,
                constraint=results.value(result, SH.sourceConstraint),
            )
        )
    return Results(found, results, "pyshacl")


def shacl_findings(data: Graph, shapes: Graph) -> list[Finding]:
    """pyshacl's results as findings."""
    return findings_of(shacl_results(data, shapes), shapes)


def findings_of(found: Results, shapes: Graph) -> list[Finding]:
    """Results as people read them: shape names, prefixed paths and values, default messages."""
    names = loading.to_rdflib([])  # govgraph's prefixes, for paths and values
    return [
        Finding(
            focus=str(r.focus),
            shape=_shape_name(shapes, r.shape),
            message=str(r.message) if r.message is not None else f"{names.qname(r.component)} not met",
            severity=SEVERITIES.get(r.severity, VIOLATION),
            path=_path_text(r.path, found.context) if r.path is not None else None,
            value=r.value.n3(names.namespace_manager) if r.value is not None and r.value != r.focus else None,
            component=str(r.component),
            source=str(r.shape) if isinstance(r.shape, URIRef) else None,
        )
        for r in found.results
    ]


def _path_text(path: Node, context: Graph) -> str | None:
    """A result path as a prefixed name (or <IRI>), or as SPARQL property path text when it is complex."""
    if isinstance(path, URIRef):
        return _iri_text(str(path))
    from .shacl_sparql.property_paths import path_text  # shacl_sparql imports this module: keep the import here

    try:
        return path_text(context, path, _iri_text)
    except GovgraphError:
        return None


def _iri_text(iri: str) -> str:
    shown = short(iri)
    return shown if shown != iri else f"<{iri}>"


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
        for iri in loading.typed_subjects(path):
            where.setdefault(iri, shown)
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
    asked = set(wanted)  # once, not once a file: thousands of files times thousands of findings
    for path in files:
        located = declared.get(path, set()) & asked
        if located:
            shown = _shown(path)
            for iri in located:
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
    shapes: Iterable[Path | str] | None = None,
    in_context: bool = False,
    with_ontology: bool = True,
    recommendations: bool = True,
    checks: bool = True,
    engine: str = DEFAULT_ENGINE,
    progress: Progress = silent,
) -> ValidationReport:
    """Validate the given files (default: all curated data) with the ontology added for class reasoning.

    With `shapes`, those shapes alone check the files alone (no ontology, recommendations or
    checks), read as written: relative IRIs against each file, ill-typed literals kept for
    sh:datatype to report. With `in_context`, the rest of the curated data is loaded too, so
    that links to it resolve, and only what the given files define is reported.
    """
    data_files = loading.expand(files) if files is not None else paths.data_files()
    progress(f"parsing {len(data_files)} files…")
    if shapes is not None:
        store = loading.load_store(data_files, as_written=True)
        shapes_graph = as_written(loading.expand(shapes))
        rewritten = rewritten_literal(data_files, store)
        written = lambda: as_written(data_files)  # noqa: E731 (read only if pySHACL runs)
        if rewritten is None:
            return validate_store(
                store, data_files, shapes=shapes_graph, checks=False, data=written, engine=engine, progress=progress
            )
        report = validate_store(
            store, data_files, shapes=shapes_graph, checks=False, data=written, engine="pyshacl", progress=progress
        )
        if engine == "sparql":
            report.notes.insert(
                0, f"validated with pySHACL: the store would rewrite literals such as {rewritten} (SHACL sees them as written)"
            )
        return report
    data_files = [f for f in data_files if f.resolve() != paths.ONTOLOGY_FILE.resolve()]
    given = {f.resolve() for f in data_files}
    context = [f for f in paths.data_files() if f.resolve() not in given] if in_context else []
    store = loading.load_store(([paths.ONTOLOGY_FILE] if with_ontology else []) + context + data_files)
    report = validate_store(
        store, data_files + context, recommendations=recommendations, checks=checks, engine=engine, progress=progress
    )
    if in_context:  # a focus node belongs to one file: keep its findings and results, or neither
        elsewhere = {f.focus for f in report.findings if f.file is not None and Path(f.file).resolve() not in given}
        report.findings = [f for f in report.findings if f.focus not in elsewhere]
        report.results = [r for r in report.results if str(r.focus) not in elsewhere]
        report.files = [str(f) for f in data_files]
    return report


def validate_store(
    store: ox.Store | MemoryStore,
    data_files: list[Path],
    *,
    shapes: Graph | None = None,
    data: Callable[[], Graph] | None = None,
    recommendations: bool = True,
    checks: bool = True,
    engine: str = DEFAULT_ENGINE,
    progress: Progress = silent,
) -> ValidationReport:
    """Validate a loaded store; `data_files` lets the report say which file defines each focus node.

    pySHACL reads `data()` when given (the files as written), else an rdflib copy of the store.

    `shapes` default to govgraph's own (and its recommendations). The SPARQL engine hands
    shapes it cannot compile to pySHACL, and the report's `notes` say so.
    """
    if shapes is None:
        shapes = loading.load([paths.SHAPES_FILE] + ([paths.RECOMMENDATIONS_FILE] if recommendations else []))
    store = store if isinstance(store, MemoryStore) else MemoryStore(store)
    if engine not in ENGINES:
        raise GovgraphError(f"unknown validation engine {engine!r}: choose one of {', '.join(ENGINES)}")
    rdflib_data = data if data is not None else lambda: loading.to_rdflib(store.graph.quads_for_pattern(None, None, None))
    progress(f"validating {store.triple_count()} quads against the shapes ({engine})…")
    if engine == "pyshacl":
        graph = rdflib_data()
        found, triples = shacl_results(graph, shapes), len(graph)
    else:
        found, triples = _compiled_then_pyshacl(store, shapes, rdflib_data), count_triples(store)
    findings = findings_of(found, shapes)
    if checks:
        progress("running the saved checks…")
        findings += check_findings(store)
    where = defined_in(data_files, store, {f.focus for f in findings})
    located = [replace(f, file=where.get(f.focus)) for f in findings]
    located.sort(key=lambda f: (f.severity != VIOLATION, f.file or "", f.focus, f.shape, f.path or "", f.message))
    return ValidationReport(
        findings=located,
        triples=triples,
        files=[str(f) for f in data_files],
        results=found.results,
        engine=found.engine,
        notes=found.notes,
        context=found.context,
    )


def _compiled_then_pyshacl(store: MemoryStore, shapes: Graph, data: Callable[[], Graph]) -> Results:
    """The SPARQL engine on every shape it compiles, pySHACL on the others (and the shapes they lead to).

    pySHACL gets all the shapes, those the engine ran marked sh:deactivated, so that nothing is
    reported twice and every shape the others need stays active.
    """
    from .shacl_sparql import compile_plan, sparql_results  # shacl_sparql imports this module: keep the import here

    plan, refused = compile_plan(shapes, store)
    compiled = sparql_results(store, shapes, plan)
    if not refused:
        return compiled
    rest = Graph()
    for triple in shapes:
        rest.add(triple)
    for node in _candidates(shapes) - set(refused):  # their property shapes stay: a refused shape may share one
        rest.set((node, SH.deactivated, Literal(True)))
    checked = shacl_results(data(), rest)
    context = compiled.context + checked.context
    first = next(iter(refused.values()))
    everything = len(refused) == len(_candidates(shapes))
    note = (
        f"validated with pySHACL: the SPARQL engine cannot compile these shapes ({first})"
        if everything
        else f"validated with pySHACL for {len(refused)} shape(s) the SPARQL engine cannot compile ({first})"
    )
    engine = "pyshacl" if everything else "sparql+pyshacl"
    return Results(compiled.results + checked.results, context, engine, [note])


def _candidates(shapes: Graph) -> set[Node]:
    from .shacl_sparql.shapes import Reader  # shacl_sparql imports this module: keep the import here

    return set(Reader(shapes).candidates())


def as_written(files: Iterable[Path]) -> Graph:
    """The files read by rdflib, relative IRIs against each file: literals keep their lexical form."""
    graph = loading.to_rdflib([])
    normalize, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False  # "007"^^xsd:integer stays "007"
    with literals._quiet_rdflib():  # rdflib logs a traceback per ill-typed literal: sh:datatype reports them
        try:
            for path in files:
                try:
                    graph.parse(path, format="turtle", publicID=path.resolve().as_uri())
                except Exception as error:  # rdflib raises many kinds; the store read these files already
                    raise InputError(path, f"cannot be read by rdflib: {' '.join(str(error).split())[:200]}") from None
        finally:
            rdflib.NORMALIZE_LITERALS = normalize
    return graph


def rewritten_literal(files: Iterable[Path], store: ox.Store) -> ox.Literal | None:
    """A literal of the files the store keeps in another form ("4.0"^^xsd:decimal becomes "4"), if any."""
    stored = {q.object for q in store.quads_for_pattern(None, None, None) if isinstance(q.object, ox.Literal)}
    for path in files:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            if isinstance(quad.object, ox.Literal) and quad.object not in stored:
                return quad.object
    return None


#: Distinct triples over all graphs: what the union graph (and an rdflib copy) holds.
DISTINCT_TRIPLES = TrustedQuery.of("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")


def count_triples(store: Store) -> int:
    """Distinct triples over all graphs: what the union graph (and an rdflib copy) holds."""
    return integer(store.select(DISTINCT_TRIPLES).rows[0][0])
