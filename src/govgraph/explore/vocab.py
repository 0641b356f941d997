"""SPARQL fragments and term helpers shared by the explorer's queries."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef
from rdflib.term import Node

from ..safety import term_text
from ..terms import short

#: The mention properties, in the order the app shows them: property local name → role shown.
ROLES: dict[str, str] = {
    "madeBy": "made by",
    "forum": "forum",
    "meeting": "meeting",
    "initiative": "initiative",
    "namedActor": "actor",
    "stakeholder": "stakeholder",
    "targetGroup": "target group",
    "region": "region",
    "theme": "theme",
    "targetTime": "target time",
    "mentions": "mentions",
}
ROLE_VALUES = " ".join(f"gg:{name}" for name in ROLES)


def values(variable: str, terms: Iterable[Node | str]) -> str:
    """A VALUES block over IRIs (or terms), each written with the store layer's full escaping."""
    written = " ".join(term_text(t if not isinstance(t, str) else URIRef(t)) for t in terms)
    return f"VALUES ?{variable} {{ {written} }}"


def text(term: Node | None) -> str:
    """The lexical value of a term, '' for None."""
    return "" if term is None else str(term)


def number(term: Node | None, default: int = 0) -> int:
    """An integer literal's value, `default` when unbound or not a number."""
    try:
        return int(str(term)) if term is not None else default
    except ValueError:
        return default


def display(iri: str, label: str | None) -> str:
    """What people read for a resource: its label, else its prefixed name."""
    return label or short(iri)


def role_of(predicate: str) -> str:
    """The role name of a mention property IRI (`gg:forum` → 'forum')."""
    return ROLES.get(predicate.rsplit("#", 1)[-1], short(predicate))
