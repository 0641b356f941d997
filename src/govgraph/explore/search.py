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
    timeout: float = 30.0,
) -> tuple[list[Hit], bool]:
    """Statements matching every selected facet and the words (in the quote or a name it links to).

    `mentioning` keeps statements that link to that IRI; `statement` keeps only that statement;
    `alone` narrows by actor to what it made itself or is named in (see `Facet.alone_path`).
    Returns the hits in document order and whether more than `limit` matched.
    """
    bindings: dict[str, Node] = {"s": URIRef(statement)} if statement else {}
    extra = _constraints(selected or {}, alone)
    if mentioning:
        extra += "\n  ?s ?anyRole ?named ."
        bindings["named"] = URIRef(mentioning)
    words = " ".join(words.split()).casefold()
    if words:
        bindings["words"] = Literal(words)
        extra += """
  FILTER(CONTAINS(LCASE(STR(?quote)), ?words) || CONTAINS(LCASE(STR(?label)), ?words) || EXISTS {
    ?s ?role ?e . ?e rdfs:label|skos:altLabel ?name . FILTER(CONTAINS(LCASE(STR(?name)), ?words)) })"""
    query = f"""
SELECT DISTINCT ?s ?label ?quote ?commitment ?actLabel ?doc ?docLabel ?docTitle ?docDate ?docUrl ?docCreator
       ?para ?paraLabel ?paraNumber ?start ?end WHERE {{
  {statement_pattern(commitments_only)}
  OPTIONAL {{ ?s rdfs:label ?label }}
  {extra}
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
}} ORDER BY ?docLabel ?start ?s LIMIT {limit + 1}"""
    hits: dict[str, Hit] = {}
    for row in store.select(query, bindings or None, timeout=timeout, limit=limit + 1).dicts():
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
    found = list(hits.values())
    more = len(found) > limit
    found = found[:limit]
    attach_mentions(store, found, timeout=timeout)
    return found, more


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
