"""Find statements by facet values and words, with everything a result card shows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..store import Store
from .facets import FACETS, statement_pattern
from .markup import Mention
from .vocab import ROLE_VALUES, ROLES, display, number, role_of, text, values

#: Results shown at most; the page says when there were more.
DEFAULT_LIMIT = 200


@dataclass
class Hit:
    """One statement as the browser shows it."""

    iri: str
    label: str
    quote: str
    commitment: bool
    act: str = ""
    document: str = ""
    document_label: str = ""
    document_title: str = ""
    document_date: str = ""
    document_url: str = ""
    document_creator: str = ""
    paragraph: str = ""
    paragraph_label: str = ""
    paragraph_number: int = -1
    start: int = -1
    end: int = -1
    mentions: list[Mention] = field(default_factory=list)


def _constraints(selected: Mapping[str, Sequence[str]], alone: bool) -> str:
    """One pattern per facet with a selection: any of its values (OR), every facet (AND)."""
    parts = []
    for index, (key, iris) in enumerate(sorted(selected.items())):
        if iris:
            parts.append(f"{values(f'f{index}', iris)} FILTER EXISTS {{ ?s {FACETS[key].path_for(alone)} ?f{index} }}")
    return "\n  ".join(parts)


def _named(store: Store, words: str, timeout: float) -> list[str]:
    """The resources whose label or alternative name holds the words: found once, then joined by IRI.

    Asked inside the statements' filter (EXISTS { ?s ?role ?e . ?e rdfs:label|skos:altLabel ?name … }),
    the engine walks every name for every statement: 100 s at 100,000 triples."""
    table = store.select(
        "SELECT DISTINCT ?e WHERE { ?e rdfs:label|skos:altLabel ?name . FILTER(isIRI(?e) && CONTAINS(LCASE(STR(?name)), ?words)) }",
        {"words": Literal(words)},
        timeout=timeout,
        limit=100_000,
    )
    return [text(e) for (e,) in table.rows]


def _matching(
    store: Store,
    selected: Mapping[str, Sequence[str]] | None,
    words: str,
    *,
    commitments_only: bool,
    mentioning: str | None,
    statement: str | None,
    alone: bool,
    timeout: float,
) -> tuple[str, dict[str, Node]]:
    """The pattern that finds the matching statements (?s, with ?quote and ?label), and its bindings."""
    bindings: dict[str, Node] = {"s": URIRef(statement)} if statement else {}
    extra = _constraints(selected or {}, alone)
    if mentioning:
        extra += "\n  ?s ?anyRole ?named ."
        bindings["named"] = URIRef(mentioning)
    words = " ".join(words.split()).casefold()
    if words:
        bindings["words"] = Literal(words)
        named = _named(store, words, timeout)
        # The statements naming one of them, as one set joined to the rest (a lookup per statement is quadratic).
        through = (
            f"\n  OPTIONAL {{ {{ SELECT DISTINCT ?s (true AS ?byName) WHERE {{ {values('e', named)} ?s ?role ?e }} }} }}"
            if named
            else ""
        )
        extra += f"""
  OPTIONAL {{ ?s rdfs:label ?label }}{through}
  FILTER(CONTAINS(LCASE(STR(?quote)), ?words) || CONTAINS(LCASE(STR(?label)), ?words){" || BOUND(?byName)" if named else ""})"""
    return f"{statement_pattern(commitments_only)}\n  {extra}", bindings


def count(
    store: Store,
    selected: Mapping[str, Sequence[str]] | None = None,
    words: str = "",
    *,
    commitments_only: bool = True,
    mentioning: str | None = None,
    alone: bool = False,
    timeout: float = 30.0,
) -> int:
    """How many statements `search` finds with the same arguments: one count, no rows fetched."""
    pattern, bindings = _matching(
        store,
        selected,
        words,
        commitments_only=commitments_only,
        mentioning=mentioning,
        statement=None,
        alone=alone,
        timeout=timeout,
    )
    table = store.select(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{\n  {pattern}\n}}", bindings or None, timeout=timeout, limit=1
    )
    return number(table.rows[0][0]) if table.rows else 0


def search(
    store: Store,
    selected: Mapping[str, Sequence[str]] | None = None,
    words: str = "",
    *,
    commitments_only: bool = True,
    mentioning: str | None = None,
    statement: str | None = None,
    alone: bool = False,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    timeout: float = 30.0,
) -> tuple[list[Hit], bool]:
    """Statements matching every selected facet and the words (in the quote or a name it links to).

    `mentioning` keeps statements that link to that IRI; `statement` keeps only that statement;
    `alone` narrows by actor to what it made itself or is named in (see `Facet.alone_path`).
    Returns `limit` hits from `offset` in document order (document, place in it, IRI: a stable
    order, so pages neither repeat nor skip a statement) and whether more follow. Only that page
    is fetched whole; `count` says how many match.
    """
    pattern, bindings = _matching(
        store,
        selected,
        words,
        commitments_only=commitments_only,
        mentioning=mentioning,
        statement=statement,
        alone=alone,
        timeout=timeout,
    )
    page = f"""
SELECT DISTINCT ?s ?doc ?start WHERE {{
  {pattern}
  OPTIONAL {{ ?s dcterms:source ?doc }}
  OPTIONAL {{ ?s gg:startOffset ?start }}
}} ORDER BY ?doc ?start ?s LIMIT {limit + 1} OFFSET {max(0, offset)}"""
    order = list(
        dict.fromkeys(text(row[0]) for row in store.select(page, bindings or None, timeout=timeout, limit=limit + 1).rows)
    )
    more = len(order) > limit
    found = describe_hits(store, order[:limit], timeout=timeout)
    attach_mentions(store, found, timeout=timeout)
    return found, more


def describe_hits(store: Store, statements: list[str], *, timeout: float = 30.0) -> list[Hit]:
    """Everything a result card shows of each statement, in the order given."""
    if not statements:
        return []
    query = f"""
SELECT ?s ?label ?quote ?commitment ?actLabel ?doc ?docLabel ?docTitle ?docDate ?docUrl ?docCreator
       ?para ?paraLabel ?paraNumber ?start ?end WHERE {{
  {values("s", statements)}
  ?s gg:quote ?quote .
  OPTIONAL {{ ?s rdfs:label ?label }}
  BIND(EXISTS {{ ?s a gg:Commitment }} AS ?commitment)
  OPTIONAL {{ ?s gg:actKind/rdfs:label ?actLabel }}
  OPTIONAL {{
    ?s dcterms:source ?doc
    OPTIONAL {{ ?doc rdfs:label ?docLabel }}
    OPTIONAL {{ ?doc dcterms:title ?docTitle }}
    OPTIONAL {{ ?doc dcterms:date ?docDate }}
    OPTIONAL {{ ?doc schema:url ?docUrl }}
    OPTIONAL {{ ?doc dcterms:creator/rdfs:label ?docCreator }}
  }}
  OPTIONAL {{ ?s gg:inParagraph ?para OPTIONAL {{ ?para rdfs:label ?paraLabel }} OPTIONAL {{ ?para gg:number ?paraNumber }} }}
  OPTIONAL {{ ?s gg:startOffset ?start }}
  OPTIONAL {{ ?s gg:endOffset ?end }}
}}"""
    hits: dict[str, Hit] = {}
    for row in store.select(query, timeout=timeout, limit=100_000).dicts():
        iri = text(row["s"])
        if iri in hits:
            continue
        hits[iri] = Hit(
            iri=iri,
            label=display(iri, text(row["label"])),
            quote=text(row["quote"]),
            commitment=text(row["commitment"]).lower() in ("true", "1"),
            act=text(row["actLabel"]),
            document=text(row["doc"]),
            document_label=display(text(row["doc"]), text(row["docLabel"])) if row["doc"] else "",
            document_title=text(row["docTitle"]),
            document_date=text(row["docDate"]),
            document_url=text(row["docUrl"]),
            document_creator=text(row["docCreator"]),
            paragraph=text(row["para"]),
            paragraph_label=display(text(row["para"]), text(row["paraLabel"])) if row["para"] else "",
            paragraph_number=number(row["paraNumber"], -1),
            start=number(row["start"], -1),
            end=number(row["end"], -1),
        )
    return [hits[iri] for iri in statements if iri in hits]


def attach_mentions(store: Store, hits: list[Hit], *, timeout: float = 30.0) -> None:
    """Fill each hit's mentions: the entities it names, by role, with every name they go by."""
    if not hits:
        return
    query = f"""
SELECT ?s ?role ?e ?label ?alt WHERE {{
  {values("s", [hit.iri for hit in hits])}
  VALUES ?role {{ {ROLE_VALUES} }}
  ?s ?role ?e . FILTER(isIRI(?e))
  OPTIONAL {{ ?e rdfs:label ?label }}
  OPTIONAL {{ ?e skos:altLabel ?alt }}
}}"""
    found: dict[tuple[str, str], Mention] = {}
    for row in store.select(query, timeout=timeout, limit=100_000).dicts():
        key = (text(row["s"]), text(row["e"]))
        mention = found.get(key)
        if mention is None:
            entity = text(row["e"])
            mention = found[key] = Mention(entity, display(entity, text(row["label"])), role_of(text(row["role"])))
        if row["alt"] is not None and text(row["alt"]) not in mention.names:
            mention.names.append(text(row["alt"]))
    by_statement: dict[str, list[Mention]] = {}
    for (statement, _), mention in sorted(found.items()):
        by_statement.setdefault(statement, []).append(mention)
    order = list(ROLES.values())
    for hit in hits:
        hit.mentions = sorted(
            by_statement.get(hit.iri, []), key=lambda m: (order.index(m.role) if m.role in order else 99, m.label)
        )
