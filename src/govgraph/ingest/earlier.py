"""Resolve a reference to an earlier (or later) document or meeting by the year and place the
text gives it: "the 2022 Ministerial Declaration", "the G7 Digital Ministers' Meeting in Germany
last year". A name links to a reference entity only when the entity's year and place agree with
what the text says; otherwise the one entity of the same class, year and place that shares the
name's distinctive words, or nothing (the caller proposes a candidate). A declaration of one
year is never linked to another year's: a false link in a draft is worse than a candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from rdflib import URIRef

from .lineage import HEADS
from .reference import DATED, Reference, ReferenceEntity

#: What may follow a name to place it: " in Japan", " at Takasaki", then " last year" or " in 2022".
_TAIL = re.compile(
    r"(?:\s+(?:in|at)\s+(?P<where>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*))?"
    r"(?:\s+(?:in\s+)?(?P<year>(?:19|20)\d\d)\b|\s+(?P<relative>last|this|next)\s+year\b)?"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_START = itemgetter(0)
#: The end of a name's text just before a place that places it: "… Meeting in ", "… at ".
_PLACED = re.compile(r"\s(?:in|at)\s+$")
_WORD = re.compile(r"[A-Za-z][\w-]*")
#: Words every such name shares: they say what kind of thing it is, not which one.
_GENERIC = {"and", "the", "of", "for", "on", "in", "at", "ministers", "minister", "ministerial", "leaders"}
_GENERIC |= {word for heads in HEADS.values() for head in heads for word in head.split()}


@dataclass(frozen=True)
class When:
    """The year and places the text gives a named document or meeting."""

    year: str | None
    places: frozenset[URIRef]

    @property
    def given(self) -> bool:
        return self.year is not None or bool(self.places)


def when_and_where(text: str, start: int, end: int, places: Sequence[tuple[int, int, URIRef]], document_year: int | None) -> When:
    """The year written in or just before the name text[start:end], or after it ("last year",
    counted from `document_year`), and the places or countries named right after it ("in Japan").
    `places` are the linked places and countries of the text, with their spans, sorted."""
    year = next(iter(_YEAR.findall(text[start:end])), None)
    before = re.search(r"\b((?:19|20)\d\d)(?:'s|’s)?\s+$", text[max(0, start - 8) : start])
    if before and year is None:
        year = before.group(1)
    tail = _TAIL.match(text, end)
    # A name may run on over its place ("the … Meeting in Japan in 2017"): " in X" inside it places it too.
    # Only the places that start inside the name are looked at: a sentence of many names stays linear.
    inside = places[bisect_right(places, start, key=_START) : bisect_right(places, end, key=_START)]
    where = frozenset(iri for ps, pe, iri in inside if pe <= end and _PLACED.search(text, max(start, ps - 8), ps))
    if tail:
        if tail.group("where"):
            s, e = tail.span("where")
            where |= frozenset(iri for ps, pe, iri in places if s <= ps and pe <= e)
        if tail.group("year") and year is None:
            year = tail.group("year")
        elif tail.group("relative") and year is None and document_year is not None:
            year = str(document_year + {"last": -1, "this": 0, "next": 1}[tail.group("relative")])
    return When(year, where)


def fits(iri: URIRef, when: When, reference: Reference) -> bool:
    """Whether the entity was in the year and at a place the text gives (a year unknown to the
    reference data does not fit a year the text gives)."""
    if when.year is not None and reference.year_of.get(iri) != when.year:
        return False
    return not when.places or bool(when.places & reference.places_of.get(iri, set()))


def resolve_dated(entity: ReferenceEntity | None, name: str, when: When, reference: Reference) -> ReferenceEntity | None:
    """The entity a dated or placed reference names: `entity` (the label's match) when it fits,
    else the one entity of a dated class that fits and shares a distinctive word of `name` and
    at least two words in all; None when none or several do."""
    if entity is not None and (not when.given or fits(entity.iri, when, reference)):
        return entity
    if not when.given:
        return None
    words = _words(name)
    classes = [c for c in DATED if entity is None or entity.is_a(c)]
    scored = []
    for other in reference.dated:
        if not any(other.is_a(c) for c in classes) or not fits(other.iri, when, reference):
            continue
        shared = words & set().union(*(_words(label) for label in reference.names_of.get(other.iri, ())))
        if len(shared) >= 2 and shared - _GENERIC:
            scored.append((len(shared), other))
    scored.sort(key=lambda item: -item[0])
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def _words(name: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(_YEAR.sub(" ", name))}
