"""The catalogue of saved questions: .rq files under queries/, each with a header comment.

Header format (the comment lines at the top of the file)::

    # title: Commitments by forum
    # description: Every commitment that names the forum, with its paragraph.
    #   Lines indented after the '#' continue the field above.
    # param: forum iri(gg:Forum) = forum:igf — the forum to look at
    # param: year xsd:gYear = 2025 — the latest target year

``param: NAME TYPE [= DEFAULT] [— HELP]`` binds the query variable ``?NAME``. TYPE is ``iri``
(optionally ``iri(CLASS)``: the value is an instance of CLASS, which a form can offer as a
choice list), ``string``, ``string@LANG``, or a datatype as a prefixed name (``xsd:integer``,
``xsd:gYear``, ``xsd:date``…). Without a default the parameter is required. ``--`` may stand
for the dash. Data-quality checks live in queries/checks/ and must return zero rows.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from . import paths, safety
from .errors import GovgraphError, InputError
from .namespaces import PREFIXES

if TYPE_CHECKING:
    from .store import QueryResult, ResultTable, Store

_FIELD = re.compile(r"#\s?(title|description|param):\s*(.*)\Z")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)\Z")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\S+?)(?:\s*=\s*(?P<default>.+?))?"
    r"(?:\s+(?:—|--)\s+(?P<help>.*))?\Z"
)
_TYPE = re.compile(r"(?:iri(?:\((?P<cls>[^)]+)\))?|string(?:@(?P<lang>[A-Za-z0-9-]+))?|(?P<dt>[A-Za-z][\w-]*:[\w-]+))\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
_TZ = r"(Z|[+-]\d\d:\d\d)?"
#: Lexical forms checked here, because rdflib leaves some (gYear…) unchecked.
_LEXICAL = {
    "integer": _INTEGER,
    "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z"),
    "gYear": re.compile(r"-?\d{4,}" + _TZ + r"\Z"),
    "date": re.compile(r"-?\d{4,}-\d\d-\d\d" + _TZ + r"\Z"),
    "boolean": re.compile(r"(true|false|1|0)\Z"),
}


def expand(name: str) -> URIRef:
    """An IRI from ``<…>``, a full IRI, or a prefixed name using govgraph's prefixes."""
    name = name.strip()
    if name.startswith("<") and name.endswith(">"):
        name = name[1:-1]
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        name = str(PREFIXES[prefix]) + local
    elif not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", name):
        raise GovgraphError(f"not an IRI or known prefixed name: {name!r}")
    iri = URIRef(name)
    safety.term_text(iri)  # refuses characters an IRI cannot hold
    return iri


class RunOptions(TypedDict, total=False):
    """What `SavedQuery.run` passes on to `Store.run`."""

    timeout: float
    limit: int
    offset: int | None


@dataclass(frozen=True)
class Param:
    """One parameter of a saved question."""

    name: str
    type: str = "string"
    default: str | None = None
    help: str = ""

    @property
    def kind(self) -> str:
        """``iri`` or ``literal``, for building a form widget."""
        return "iri" if self.type.startswith("iri") else "literal"

    @property
    def instance_of(self) -> URIRef | None:
        """For ``iri(CLASS)``: the class whose instances are valid values."""
        match = _TYPE.match(self.type)
        return expand(match["cls"]) if match and match["cls"] else None

    @property
    def datatype(self) -> URIRef | None:
        """The datatype of a typed literal parameter."""
        match = _TYPE.match(self.type)
        return expand(match["dt"]) if match and match["dt"] else None

    @property
    def required(self) -> bool:
        return self.default is None

    def term(self, value: str | Node) -> Node:
        """The RDF term for a value typed by a person (or a term, passed through after checking)."""
        if isinstance(value, (URIRef, Literal)):
            return value
        match = _TYPE.match(self.type)
        if match is None:
            raise GovgraphError(f"parameter {self.name}: unknown type {self.type!r}")
        if self.kind == "iri":
            return expand(str(value))
        if match["lang"]:
            return Literal(value, lang=match["lang"])
        if match["dt"]:
            literal = Literal(value, datatype=self.datatype)
            local = str(self.datatype).rsplit("#", 1)[-1] if str(self.datatype).startswith(str(XSD)) else ""
            lexical = _LEXICAL.get(local)
            if getattr(literal, "ill_typed", False) or (lexical is not None and not lexical.match(str(value))):
                raise GovgraphError(f"parameter {self.name}: {value!r} is not a valid {match['dt']}")
            return literal
        return Literal(value)


def infer_term(value: str) -> Node:
    """A term for an undeclared parameter: IRI if it looks like one, integer if digits, else a string."""
    if value.startswith("<") or re.match(r"(https?|urn):", value) or value.partition(":")[0] in PREFIXES:
        return expand(value)
    return Literal(int(value)) if _INTEGER.match(value) else Literal(value)


@dataclass(frozen=True)
class SavedQuery:
    """A saved question: its file, header and text."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    text: str = field(repr=False)
    #: The plain form of a question that reads the derived graph (queries/plain/NAME.rq), for stores without it.
    plain: str | None = field(default=None, repr=False)

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        return safety.form(self.text)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bindings(self, values: Mapping[str, str | Node] | None = None) -> dict[str, Node]:
        """RDF terms for every parameter: the values given, else the defaults; errors name the problem."""
        values = dict(values or {})
        terms: dict[str, Node] = {}
        for param in self.params:
            value = values.pop(param.name, param.default)
            if value is None:
                raise GovgraphError(f"{self.name}: parameter {param.name} is required (--param {param.name}=…)")
            terms[param.name] = param.term(value)
        for name, value in values.items():
            if self.params:
                known = ", ".join(p.name for p in self.params)
                raise GovgraphError(f"{self.name}: no parameter {name!r} (it takes: {known})")
            terms[name] = value if isinstance(value, (URIRef, Literal)) else infer_term(str(value))
        return terms

    def text_for(self, store: Store) -> str:
        """The text to run on `store`: the one reading the derived graph where it holds one, else the plain form."""
        if self.plain is None:
            return self.text
        from .derived import present

        return self.text if present(store) else self.plain

    def run(self, store: Store, values: Mapping[str, str | Node] | None = None, **options: Unpack[RunOptions]) -> QueryResult:
        """Run on a store with parameter values (strings as typed, or terms); options: timeout, limit, offset.

        With `offset`, a SELECT gives one page: `limit` rows from `offset` in the question's own
        order, `truncated` when more follow.
        """
        return store.run(self.text_for(store), self.bindings(values), **options)


def parse_header(text: str, path: Path) -> tuple[dict[str, str], list[Param]]:
    """The fields and parameters of a query file's header comment."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    last: tuple[str, int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        field_match, more = _FIELD.match(stripped), _CONTINUATION.match(line.rstrip())
        if field_match:
            key, value = field_match.groups()
            if key == "param":
                params.append(_param(value, path, number))
            else:
                fields[key] = value.strip()
            last = (key, len(params) - 1)
        elif more and last and last[0] != "param":
            fields[last[0]] += " " + more.group(1).strip()
        elif more and last:
            previous = params[last[1]]
            params[last[1]] = Param(previous.name, previous.type, previous.default, (previous.help + " " + more.group(1)).strip())
    return fields, params


def _param(spec: str, path: Path, line: int) -> Param:
    match = _PARAM.match(spec.strip())
    if match is None or not _TYPE.match(match["type"]):
        raise InputError(path, f"bad parameter line {spec!r}: expected 'NAME TYPE [= DEFAULT] [— HELP]'", line)
    return Param(match["name"], match["type"], match["default"], (match["help"] or "").strip())


def load_query(path: Path | str, name: str | None = None) -> SavedQuery:
    """Read one .rq file and its header; the query must parse and be read-only (one parse: `safety.form`)."""
    path = Path(path)
    text = _read(path)
    fields, params = parse_header(text, path)
    try:
        safety.form(text)
    except GovgraphError as error:
        raise InputError(path, str(error)) from None
    plain = path.parent / PLAIN_DIR / path.name
    return SavedQuery(
        name or path.stem,
        path,
        fields.get("title", path.stem),
        fields.get("description", ""),
        tuple(params),
        text,
        _read(plain) if plain.is_file() else None,
    )


#: Beside the saved questions: the plain forms of those that read the derived graph.
PLAIN_DIR = "plain"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read query: {error}") from None


def list_queries(directory: Path = paths.QUERIES_DIR) -> list[SavedQuery]:
    """Every saved question in `directory` (not its subfolders), sorted by name."""
    return [load_query(path) for path in sorted(Path(directory).glob("*.rq"))]


def list_checks(directory: Path = paths.CHECKS_DIR) -> list[SavedQuery]:
    """Every data-quality check: queries that must return no rows."""
    return [load_query(path, f"checks/{path.stem}") for path in sorted(Path(directory).glob("*.rq"))]


def find_query(name: str, directory: Path = paths.QUERIES_DIR) -> SavedQuery:
    """A saved question by name (``commitments-by-forum``, ``checks/…``) or a path to an .rq file."""
    candidate = Path(name)
    if name.endswith(".rq") and candidate.is_file():
        return load_query(candidate)
    saved = Path(directory) / f"{name}.rq"
    if saved.is_file():
        return load_query(saved, name)
    known = [path.relative_to(directory).with_suffix("").as_posix() for path in Path(directory).rglob("*.rq")]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean {close[0]}?)" if close else " (`govgraph queries` lists them)"
    raise GovgraphError(f"no saved question or .rq file named {name!r}{hint}")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one data-quality check: it passes when it found no rows."""

    query: SavedQuery
    rows: list

    @property
    def passed(self) -> bool:
        return not self.rows


#: More rows than this from one check means the check is too broad to report, not a longer report.
MAX_CHECK_ROWS = 1_000_000


def run_checks(store: Store, directory: Path = paths.CHECKS_DIR) -> list[CheckResult]:
    """Run every check in `directory` on `store` (the one check runner: `govgraph validate` uses it too).

    Checks are user text (people edit queries/checks/), so each takes the checked gate; a check
    that is refused, fails or returns too many rows is an InputError naming its file.
    """
    results = []
    for check in list_checks(directory) if Path(directory).is_dir() else []:
        try:
            table = store.select(check.text, check.bindings(), limit=MAX_CHECK_ROWS)
        except GovgraphError as error:
            raise InputError(check.path, str(error)) from None
        if table.truncated:
            raise InputError(check.path, f"more than {MAX_CHECK_ROWS:,} rows: the check is too broad to report")
        results.append(CheckResult(check, table.rows))
    return results


def run_page(
    store: Store, text: str, bindings: Mapping[str, Node] | None, *, offset: int, size: int, timeout: float
) -> QueryResult:
    """One page of a query for a person reading it: `size` rows of a SELECT from `offset`
    (`truncated` when more follow), or an ASK, CONSTRUCT or DESCRIBE answer whole up to `size` triples.
    """
    if safety.form(text) == "SELECT":
        return store.select(text, bindings, timeout=timeout, limit=size, offset=offset)
    return store.run(text, bindings, timeout=timeout, limit=size)


CHOICES_QUERY = """SELECT ?value ?label WHERE {
  ?value a/rdfs:subClassOf* ?class .
  OPTIONAL { ?value rdfs:label ?label FILTER(langMatches(lang(?label), "en") || lang(?label) = "") }
} ORDER BY LCASE(STR(COALESCE(?label, STR(?value))))"""


def choices(store: Store, param: Param, limit: int = 1000) -> ResultTable:
    """For an ``iri(CLASS)`` parameter: the instances of CLASS with their labels, for a choice list."""
    if param.instance_of is None:
        raise GovgraphError(f"parameter {param.name} has no class to choose instances from")
    return store.select(CHOICES_QUERY, {"class": param.instance_of}, limit=limit)


__all__ = [
    "CheckResult",
    "Param",
    "SavedQuery",
    "choices",
    "expand",
    "find_query",
    "infer_term",
    "list_checks",
    "list_queries",
    "load_query",
    "parse_header",
    "run_checks",
    "run_page",
]
