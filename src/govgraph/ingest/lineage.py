"""Target dates ("in 2025", "in fall 2023", "by the end of 2024"), references to earlier
documents or meetings ("building on…", "reaffirm our commitments in…", "as agreed in…"),
and names that match no reference entity (proposed as candidate entities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from ..namespaces import GG
from .spans import SpanIndex

_SEASON = r"(?:early|mid|late|fall|autumn|spring|summer|winter|January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = re.compile(
    rf"\b(?:in|by|until|before|ahead\s+of|during|through|from|no\s+later\s+than)\s+"
    rf"(?:the\s+(?:end|beginning|start|middle|first\s+half|second\s+half|course)\s+of\s+)?"
    rf"(?:{_SEASON}[\s-]+)?(?:\d{{1,2}}\s+{_SEASON}\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/]\d)"
)
_YEAR_IN_NAME = re.compile(r"\b(?:19|20)\d\d\b")


def target_years(text: str) -> list[tuple[str, int, int]]:
    """Each year the text sets as a time for action, with the span of its phrase."""
    return [(m.group("year"), m.start(), m.end()) for m in _DATE.finditer(text)]


def years_in(name: str) -> list[str]:
    """Years written in a name such as "IGF 2023" (a meeting held in that year)."""
    return _YEAR_IN_NAME.findall(name)


_REF = r"(?P<ref>[^,;.()]{3,120}?)(?=\s*(?:[,;.()]|$|\s+(?:and|to|which|that|where|by)\s))"
_LINEAGE: list[tuple[re.Pattern, URIRef]] = [
    (re.compile(r"\b(?:build|builds|building|built)\s+(?:up)?on\s+" + _REF, re.I), GG.buildsOn),
    (re.compile(r"\bfollowing\s+(?:up\s+on\s+)?" + _REF, re.I), GG.buildsOn),
    (
        re.compile(
            r"\bre-?affirm(?:s|ing)?\s+(?:our|the|its|their)\s+(?:\w+\s+)?commitments?\s+(?:made\s+)?(?:in|of|at|from|under)\s+"
            + _REF,
            re.I,
        ),
        GG.reaffirms,
    ),
    (
        re.compile(
            r"\breiterat(?:e|es|ing)\s+(?:our|the|its|their)\s+(?:\w+\s+)?commitments?\s+(?:made\s+)?(?:in|of|at|from|under)\s+"
            + _REF,
            re.I,
        ),
        GG.reaffirms,
    ),
    (re.compile(r"\bas\s+(?:agreed|committed|set\s+out|decided|stated)\s+(?:in|at|by|under)\s+" + _REF, re.I), GG.reaffirms),
    (re.compile(r"\brecall(?:s|ing)?\s+(?:our|the)\s+" + _REF, re.I), GG.reaffirms),
]


@dataclass(frozen=True)
class LineageClue:
    """A reference to earlier work: the relation (gg:reaffirms or gg:buildsOn) and the span named."""

    relation: URIRef
    start: int
    end: int

    def name(self, text: str) -> str:
        return text[self.start : self.end]


def lineage_clues(text: str) -> list[LineageClue]:
    """References to earlier documents or meetings, in order of appearance."""
    clues = []
    for pattern, relation in _LINEAGE:
        for match in pattern.finditer(text):
            start, end = match.span("ref")
            lead = re.match(
                r"(?:the|our|its|their)\s+(?:commitments?\s+(?:of|in|made\s+in|made\s+at)\s+)?", text[start:end], re.I
            )
            if lead:
                start += lead.end()
            if end - start >= 3:
                clues.append(LineageClue(relation, start, end))
    clues.sort(key=lambda c: c.start)
    # Sorted by start, a clue lies inside an earlier one exactly when it starts before the furthest end so far.
    kept, furthest = [], -1
    for clue in clues:
        if clue.start >= furthest:
            kept.append(clue)
        furthest = max(furthest, clue.end)
    return kept


_CONNECT = r"(?:of|for|and|on|the|in|to|de|du|des|la|le|&)"
_CAP = r"(?:[A-Z][\w'’.+-]*|\d+(?:st|nd|rd|th)?)"
_NAME = re.compile(rf"\b{_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP})+")
_ACRONYM = re.compile(r"\((?P<acr>[A-Z][A-Za-z0-9+&./-]{1,14})\)")
_OPENERS = {
    "The",
    "In",
    "We",
    "This",
    "These",
    "Within",
    "Our",
    "It",
    "As",
    "At",
    "To",
    "For",
    "On",
    "With",
    "By",
    "Building",
    "Recalling",
    "Further",
    "Furthermore",
    "Moreover",
    "Finally",
    "Together",
    "And",
    "But",
    "Its",
    "Their",
    "A",
    "An",
    "All",
}
_MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}


@dataclass(frozen=True)
class Candidate:
    """An unknown name: its words, an acronym given in parentheses, and its span."""

    name: str
    acronym: str | None
    start: int
    end: int


def candidate_names(text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Capitalised multi-word names and parenthesised acronyms that overlap no span in `taken`."""
    found: list[Candidate] = []
    taken_spans: SpanIndex[tuple[int, int]] = SpanIndex()
    found_spans: SpanIndex[Candidate] = SpanIndex()
    for span in taken:
        taken_spans.add(*span, span)

    def free(start: int, end: int) -> bool:
        return not taken_spans.overlapping(start, end) and not found_spans.overlapping(start, end)

    def keep(candidate: Candidate) -> None:
        found.append(candidate)
        found_spans.add(candidate.start, candidate.end, candidate)

    pieces = []
    for match in _NAME.finditer(text):
        # A run such as "the African Union and the United Nations" holds a known name: keep the rest.
        cuts = sorted(
            (max(s, match.start()), min(e, match.end())) for s, e in taken_spans.overlapping(match.start(), match.end())
        )
        position = match.start()
        for s, e in cuts + [(match.end(), match.end())]:
            if s > position:
                piece = _NAME.search(text, position, s)
                if piece:
                    pieces.append(piece)
            position = max(position, e)
    for match in pieces:
        words = match.group().split()
        start = match.start()
        while words and (words[0] in _OPENERS or words[0].lower() in {"of", "for", "and", "on", "the", "in", "to"}):
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else match.end()
            words = words[1:]
        while words and words[-1].lower() in {"of", "for", "and", "on", "the", "in", "to", "de", "&"}:
            words = words[:-1]
        capitals = [w for w in words if w[:1].isupper()]
        if len(capitals) < 2 or all(w in _MONTHS or w.isdigit() for w in capitals):
            continue
        end = _extend_to(text, start, words)
        after = _ACRONYM.match(text, end + 1) if text[end : end + 2] == " (" else None
        acronym = after.group("acr") if after else None
        if free(start, after.end() if after else end):
            keep(Candidate(text[start:end], acronym, start, after.end() if after else end))
    for match in _ACRONYM.finditer(text):
        if free(match.start("acr"), match.end("acr")):
            keep(Candidate(match.group("acr"), match.group("acr"), match.start("acr"), match.end("acr")))
    return sorted(found, key=lambda c: c.start)


def _extend_to(text: str, start: int, words: list[str]) -> int:
    """The end of `words` as they stand in the text (the spaces between them may vary)."""
    position = start
    for word in words:
        position = text.index(word, position) + len(word)
    return position
