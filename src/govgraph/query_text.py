"""Write a parse tree of rdflib's SPARQL parser back as query text that every parser reads alike.

rdflib and the engines (Oxigraph, Virtuoso…) disagree on some lexical corners: rdflib expands
``\\u`` escapes over the whole text before parsing, and ends a ``#`` comment only at a line
feed. So `govgraph.safety` never sends the user's text: it checks rdflib's tree and sends the
text written here from that same tree, in a small lexical subset: no comments, no prefixed
names (every IRI in full as ``<…>``), strings in ``"…"`` with only the escapes
``\\\\ \\" \\n \\r \\t \\b \\f``, plain number tokens, ``?name`` variables, ``_:label`` blank
nodes. Anything outside what this module knows how to write is refused, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pyparsing import ParseResults
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.plugins.sparql.parserutils import CompValue

from .errors import GovgraphError
from .namespaces import Prefix


class Unwritable(GovgraphError):
    """The query uses something that cannot be written unambiguously for every SPARQL parser."""


#: Characters an IRIREF cannot hold.
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_VARIABLE = re.compile(r"[A-Za-z0-9_]+\Z")
_BLANK = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*\Z")
#: The only string escapes written: every parser reads them alike.
ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NUMBER: dict[str, re.Pattern[str]] = {
    XSD.integer: re.compile(r"[+-]?[0-9]+\Z"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
    XSD.double: re.compile(r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+)\Z"),
}
_BINARY = {"ConditionalOrExpression": " || ", "ConditionalAndExpression": " && "}
_NO_ARGUMENT = {"Builtin_RAND", "Builtin_NOW", "Builtin_UUID", "Builtin_STRUUID"}
_LIST_ARGUMENT = {"Builtin_CONCAT", "Builtin_COALESCE"}
_AGGREGATES = {
    "Aggregate_Count": "COUNT",
    "Aggregate_Sum": "SUM",
    "Aggregate_Min": "MIN",
    "Aggregate_Max": "MAX",
    "Aggregate_Avg": "AVG",
    "Aggregate_Sample": "SAMPLE",
    "Aggregate_GroupConcat": "GROUP_CONCAT",
}
_PATTERNS = {"OptionalGraphPattern": "OPTIONAL", "MinusGraphPattern": "MINUS"}


def is_clean_iri(iri: str) -> bool:
    """Whether `iri` is absolute and holds only characters an IRIREF may (so it can go between < >)."""
    return bool(_SCHEME.match(iri)) and not IRI_FORBIDDEN.search(iri)


def _has(node: CompValue, key: str) -> bool:
    return key in node


def _keys(node: CompValue, *allowed: str) -> None:
    """Refuse a node with a part this writer would not write (so nothing is silently dropped)."""
    extra = set(node) - set(allowed)
    if extra:
        raise Unwritable(f"cannot check this query: {node.name} with {', '.join(sorted(extra))}")


def _items(value: object) -> list:
    return list(value) if isinstance(value, (list, ParseResults)) else [value]


class Writer:
    """Writes one query's tree; IRIs are resolved against its prologue (and `default_prefixes`)."""

    def __init__(self, prologue: Iterable[CompValue], default_prefixes: Mapping[str, Prefix]):
        self.base: str | None = None
        self.prefixes: dict[str, str] = {}
        self.default_prefixes = default_prefixes
        for declaration in prologue:
            if declaration.name == "Base":
                self.base = self.absolute(str(declaration["iri"]))
            elif declaration.name == "PrefixDecl":
                self.prefixes[str(declaration["prefix"]) if _has(declaration, "prefix") else ""] = self.absolute(
                    str(declaration["iri"])
                )
            else:
                raise Unwritable(f"cannot check this query: {declaration.name} in the prologue")

    # -- terms ------------------------------------------------------------------------------
    def absolute(self, iri: str) -> str:
        if not _SCHEME.match(iri):
            if self.base is None:
                raise Unwritable(f"relative IRI <{iri}> without a BASE")
            iri = str(URIRef(iri, base=self.base))
        if not is_clean_iri(iri):
            raise Unwritable(f"not a valid IRI: {iri!r}")
        return iri

    def iri(self, node: object) -> str:
        if isinstance(node, CompValue) and node.name == "pname":
            _keys(node, "prefix", "localname")
            prefix = str(node["prefix"]) if _has(node, "prefix") else ""
            namespace = self.prefixes.get(prefix, self.default_prefixes.get(prefix))
            if namespace is None:
                raise Unwritable(f"unknown prefix {prefix}: (declare it with PREFIX)")
            local = re.sub(r"\\(.)", r"\1", str(node["localname"])) if _has(node, "localname") else ""
            return f"<{self.absolute(namespace + local)}>"
        if isinstance(node, URIRef):
            return f"<{self.absolute(str(node))}>"
        raise Unwritable(f"cannot check this query: expected an IRI, found {node!r}")

    def term(self, node: object) -> str:
        if isinstance(node, Variable):
            if not _VARIABLE.match(str(node)):
                raise Unwritable(f"variable names must be ASCII letters, digits and _: ?{node}")
            return f"?{node}"
        if isinstance(node, BNode):
            if not _BLANK.match(str(node)):
                raise Unwritable(f"blank node labels must be ASCII letters, digits, _, - and .: _:{node}")
            return f"_:{node}"
        if isinstance(node, Literal):
            return self.literal(str(node), node.language, node.datatype)
        if isinstance(node, CompValue) and node.name == "literal":
            _keys(node, "string", "lang", "datatype")
            datatype = self.iri(node["datatype"])[1:-1] if _has(node, "datatype") else None
            return self.string(str(node["string"])) + (
                f"@{self.language(str(node['lang']))}" if _has(node, "lang") else f"^^<{datatype}>" if datatype else ""
            )
        if node == "UNDEF":
            return "UNDEF"
        return self.iri(node)

    def literal(self, text: str, language: str | None, datatype: str | None) -> str:
        if language:
            return f"{self.string(text)}@{self.language(language)}"
        if datatype == XSD.boolean and text in ("true", "false"):
            return text
        if datatype in _NUMBER:
            if _NUMBER[datatype].match(text):
                return text
            if datatype == XSD.double and _NUMBER[XSD.decimal].match(text):
                return f"{text}e0"  # rdflib writes a negated double without its exponent
        if datatype and datatype != XSD.string:
            return f"{self.string(text)}^^{self.iri(URIRef(datatype))}"
        return self.string(text)

    @staticmethod
    def language(tag: str) -> str:
        if not _LANG.match(tag):
            raise Unwritable(f"not a valid language tag: {tag!r}")
        return tag

    @staticmethod
    def string(text: str) -> str:
        return '"' + "".join(ECHAR.get(char, char) for char in text) + '"'

    # -- graph patterns ---------------------------------------------------------------------
    def group(self, node: CompValue) -> str:
        if node.name == "SubSelect":
            return "{ " + self.select(node, "SubSelect") + " }"
        if node.name != "GroupGraphPatternSub":
            raise Unwritable(f"cannot check this query: {node.name} where a group was expected")
        _keys(node, "part")
        parts = [self.part(part) for part in _items(node["part"])] if _has(node, "part") else []
        return "{ " + " ".join(parts) + (" }" if parts else "}")

    def triples(self, groups: object) -> str:
        out = []
        for flat in _items(groups):
            flat = list(flat)
            if len(flat) % 3:
                raise Unwritable("cannot check this query: an incomplete triple pattern")
            for i in range(0, len(flat), 3):
                out.append(f"{self.term(flat[i])} {self.verb(flat[i + 1])} {self.term(flat[i + 2])} .")
        return " ".join(out)

    def part(self, node: CompValue) -> str:
        name = node.name
        if name == "TriplesBlock":
            _keys(node, "triples")
            return self.triples(node["triples"]) if _has(node, "triples") else ""
        if name == "GroupOrUnionGraphPattern":
            _keys(node, "graph")
            return " UNION ".join(self.group(graph) for graph in _items(node["graph"]))
        if name in _PATTERNS:
            _keys(node, "graph")
            return f"{_PATTERNS[name]} {self.group(node['graph'])}"
        if name == "GraphGraphPattern":
            _keys(node, "term", "graph")
            return f"GRAPH {self.term(node['term'])} {self.group(node['graph'])}"
        if name == "Filter":
            _keys(node, "expr")
            return f"FILTER {self.constraint(node['expr'])}"
        if name == "Bind":
            _keys(node, "expr", "var")
            return f"BIND({self.expression(node['expr'])} AS {self.term(node['var'])})"
        if name == "InlineData":
            return self.values(node)
        raise Unwritable(f"cannot check this query: {name} is not supported")

    def values(self, node: CompValue) -> str:
        _keys(node, "var", "value")
        names = [self.term(v) for v in _items(node["var"])] if _has(node, "var") else []
        rows = _items(node["value"]) if _has(node, "value") else []
        if len(names) == 1 and not any(isinstance(row, (list, ParseResults)) for row in rows):
            return f"VALUES {names[0]} {{ " + "".join(f"{self.term(v)} " for v in rows) + "}"
        body = "".join("(" + " ".join(self.term(v) for v in _items(row)) + ") " for row in rows)
        return "VALUES (" + " ".join(names) + ") { " + body + "}"

    def verb(self, node: object) -> str:
        if isinstance(node, CompValue) and node.name.startswith("Path"):
            return self.path(node)
        return self.term(node)

    def path(self, node: object) -> str:
        if not isinstance(node, CompValue) or node.name == "pname":
            return self.iri(node)
        name = node.name
        if name == "PathAlternative":
            _keys(node, "part")
            return " | ".join(self.path(p) for p in _items(node["part"]))
        if name == "PathSequence":
            _keys(node, "part")
            return " / ".join(self.path(p) for p in _items(node["part"]))
        if name == "PathEltOrInverse":
            _keys(node, "part")
            return "^" + self.path(node["part"])
        if name == "PathElt":
            _keys(node, "part", "mod")
            part = node["part"]
            text = f"({self.path(part)})" if isinstance(part, CompValue) and part.name == "PathAlternative" else self.path(part)
            return text + (str(node["mod"]) if _has(node, "mod") else "")
        if name == "PathNegatedPropertySet":
            _keys(node, "part")
            parts = _items(node["part"]) if _has(node, "part") else []
            if any(isinstance(p, CompValue) and p.name == "InversePath" for p in parts):
                raise Unwritable("cannot check this query: !(^…) paths are not supported")
            return "!(" + " | ".join(self.iri(p) for p in parts) + ")"
        raise Unwritable(f"cannot check this query: {name} is not supported")

    # -- expressions ------------------------------------------------------------------------
    def expression(self, node: object) -> str:
        """An Expression where the grammar expects one (no brackets of its own)."""
        if not isinstance(node, CompValue) or node.name in ("pname", "literal"):
            return self.term(node)
        name = node.name
        if name in _BINARY:
            _keys(node, "expr", "other")
            others = _items(node["other"]) if _has(node, "other") else []
            return _BINARY[name].join(self.expression(e) for e in [node["expr"], *others])
        if name == "RelationalExpression":
            _keys(node, "expr", "op", "other")
            left = self.expression(node["expr"])
            if not _has(node, "op"):
                return left
            op = str(node["op"])
            if op in ("IN", "NOT IN"):
                return f"{left} {op} {self.expression_list(node['other'])}"
            return f"{left} {op} {self.expression(node['other'])}"
        if name in ("AdditiveExpression", "MultiplicativeExpression"):
            _keys(node, "expr", "op", "other")
            text = self.primary(node["expr"])
            ops = _items(node["op"]) if _has(node, "op") else []
            others = _items(node["other"]) if _has(node, "other") else []
            if len(ops) != len(others):
                raise Unwritable(f"cannot check this query: an incomplete {name}")
            for op, other in zip(ops, others):
                text += f" {op} {self.primary(other)}"
            return text
        if name in ("UnaryNot", "UnaryPlus", "UnaryMinus"):
            _keys(node, "expr")
            return {"UnaryNot": "!", "UnaryPlus": "+", "UnaryMinus": "-"}[name] + self.primary(node["expr"])
        return self.call(node)

    def primary(self, node: object) -> str:
        """An expression in a primary position: a full Expression there was written in brackets."""
        if isinstance(node, CompValue) and node.name == "ConditionalOrExpression":
            return f"({self.expression(node)})"
        return self.expression(node)

    def constraint(self, node: object) -> str:
        """FILTER, HAVING and ORDER BY conditions: a bracketed expression, a call or a variable."""
        if isinstance(node, CompValue) and node.name == "ConditionalOrExpression":
            return f"({self.expression(node)})"
        return self.expression(node)

    def expression_list(self, node: object) -> str:
        if node == RDF.nil:
            return "()"
        return "(" + ", ".join(self.expression(e) for e in _items(node)) + ")"

    def call(self, node: CompValue) -> str:
        name = node.name
        if name == "Function":
            _keys(node, "iri", "distinct", "expr")
            distinct = "DISTINCT " if _has(node, "distinct") and str(node["distinct"]) == "DISTINCT" else ""
            arguments = ", ".join(self.expression(e) for e in _items(node["expr"])) if _has(node, "expr") else ""
            return f"{self.iri(node['iri'])}({distinct}{arguments})"
        if name in _AGGREGATES:
            _keys(node, "distinct", "vars", "separator")
            distinct = "DISTINCT " if _has(node, "distinct") and str(node["distinct"]) == "DISTINCT" else ""
            argument = "*" if node["vars"] == "*" else self.expression(node["vars"])
            separator = f" ; SEPARATOR = {self.string(str(node['separator']))}" if _has(node, "separator") else ""
            return f"{_AGGREGATES[name]}({distinct}{argument}{separator})"
        if name == "Builtin_EXISTS":
            _keys(node, "graph")
            return f"EXISTS {self.group(node['graph'])}"
        if name == "Builtin_NOTEXISTS":
            _keys(node, "graph")
            return f"NOT EXISTS {self.group(node['graph'])}"
        if not name.startswith("Builtin_"):
            raise Unwritable(f"cannot check this query: {name} is not supported")
        keyword = name[len("Builtin_") :]
        if name in _NO_ARGUMENT:
            _keys(node)
            return f"{keyword}()"
        if name in _LIST_ARGUMENT:
            _keys(node, "arg")
            return keyword + self.expression_list(node["arg"])
        order = {
            "Builtin_REGEX": ("text", "pattern", "flags"),
            "Builtin_SUBSTR": ("arg", "start", "length"),
            "Builtin_REPLACE": ("arg", "pattern", "replacement", "flags"),
        }.get(name, ("arg", "arg1", "arg2", "arg3"))
        _keys(node, *order)
        if name == "Builtin_BNODE" and not _has(node, "arg"):
            return "BNODE()"
        args = [self.expression(node[key]) for key in order if _has(node, key)]
        if not args:
            raise Unwritable(f"cannot check this query: {keyword} without arguments")
        return f"{keyword}({', '.join(args)})"

    # -- queries ----------------------------------------------------------------------------
    def modifiers(self, node: CompValue) -> str:
        out = []
        if _has(node, "groupby"):
            group = node["groupby"]
            _keys(group, "condition")
            out.append("GROUP BY " + " ".join(self.group_condition(c) for c in _items(group["condition"])))
        if _has(node, "having"):
            having = node["having"]
            _keys(having, "condition")
            out.append("HAVING " + " ".join(self.constraint(c) for c in _items(having["condition"])))
        if _has(node, "orderby"):
            order = node["orderby"]
            _keys(order, "condition")
            out.append("ORDER BY " + " ".join(self.order_condition(c) for c in _items(order["condition"])))
        if _has(node, "limitoffset"):
            limits = node["limitoffset"]
            _keys(limits, "limit", "offset")
            if _has(limits, "limit"):
                out.append(f"LIMIT {int(limits['limit'])}")
            if _has(limits, "offset"):
                out.append(f"OFFSET {int(limits['offset'])}")
        if _has(node, "valuesClause"):
            out.append(self.values(node["valuesClause"]))
        return "".join(f" {part}" for part in out)

    def group_condition(self, node: object) -> str:
        if isinstance(node, CompValue) and node.name == "GroupAs":
            _keys(node, "expr", "var")
            alias = f" AS {self.term(node['var'])}" if _has(node, "var") else ""
            return f"({self.expression(node['expr'])}{alias})"
        return self.expression(node)

    def order_condition(self, node: CompValue) -> str:
        _keys(node, "order", "expr")
        if _has(node, "order"):
            return f"{node['order']}({self.expression(node['expr'])})"
        return self.constraint(node["expr"])

    def projection(self, node: CompValue) -> str:
        if not _has(node, "projection"):
            return "*"
        out = []
        for item in _items(node["projection"]):
            _keys(item, "var", "expr", "evar")
            if _has(item, "var"):
                out.append(self.term(item["var"]))
            else:
                out.append(f"({self.expression(item['expr'])} AS {self.term(item['evar'])})")
        return " ".join(out)

    def select(self, node: CompValue, name: str = "SelectQuery") -> str:
        _keys(node, "modifier", "projection", "where", "groupby", "having", "orderby", "limitoffset", "valuesClause")
        modifier = f"{node['modifier']} " if _has(node, "modifier") else ""
        return f"SELECT {modifier}{self.projection(node)} WHERE {self.group(node['where'])}{self.modifiers(node)}"

    def query(self, node: CompValue) -> str:
        if node.name == "SelectQuery":
            return self.select(node)
        if node.name == "AskQuery":
            _keys(node, "where", "groupby", "having", "orderby", "limitoffset", "valuesClause")
            return f"ASK WHERE {self.group(node['where'])}{self.modifiers(node)}"
        if node.name == "ConstructQuery":
            _keys(node, "template", "where", "groupby", "having", "orderby", "limitoffset", "valuesClause")
            where = node["where"] if _has(node, "where") else None
            if where is None or where.name == "FakeGroupGraphPatten":  # CONSTRUCT WHERE { triples }
                if _has(node, "template"):
                    raise Unwritable("cannot check this query: CONSTRUCT WHERE with a template")
                blocks = _items(where["part"]) if where is not None and _has(where, "part") else []
                body = "".join(f"{self.part(block)} " for block in blocks)
                return f"CONSTRUCT WHERE {{ {body}}}{self.modifiers(node)}"
            template = self.triples(node["template"]) if _has(node, "template") else ""
            return f"CONSTRUCT {{ {template} }} WHERE {self.group(where)}{self.modifiers(node)}"
        if node.name == "DescribeQuery":
            _keys(node, "var", "where", "groupby", "having", "orderby", "limitoffset", "valuesClause")
            what = " ".join(self.term(v) for v in _items(node["var"])) if _has(node, "var") else "*"
            where = f" WHERE {self.group(node['where'])}" if _has(node, "where") else ""
            return f"DESCRIBE {what}{where}{self.modifiers(node)}"
        raise Unwritable(f"cannot check this query: {node.name} is not a query form")


def write(tree: ParseResults | Sequence[Any], default_prefixes: Mapping[str, Prefix]) -> str:
    """The text of a parsed query (prologue, query) in the common lexical subset."""
    return Writer(tree[0], default_prefixes).query(tree[1])


__all__ = ["ECHAR", "IRI_FORBIDDEN", "Unwritable", "Writer", "is_clean_iri", "write"]
