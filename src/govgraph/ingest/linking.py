"""Link names in a clause to reference entities through their labels and alternative labels.

Every label that matches is found (a first-word index keeps this fast on large texts). The
longest match wins; a shorter match inside it is kept only when it names something of another
class, so "EU Global Gateway" yields the initiative and the EU, while "Global Gateway" inside
it adds nothing. Labels without lower-case letters (IGF, UN, WSIS+20, LGBTQI+) match with
their case, and so do titles (reference.exact_labels); other labels match in any case, with
-ize/-ise spellings, a plural -s and a serial comma before "and" or "or" allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from .reference import Reference, ReferenceEntity, office_titles
from .spans import SpanIndex

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NameMatch:
    """A linked name: the entity and the span of the clause text that names it."""

    entity: ReferenceEntity
    start: int
    end: int
    nested: bool
    repeat: bool = False  # the same entity named again (as "DFI" after its full name): a span, not a new link


def normalise(text: str) -> str:
    """Lower case with British spelling (-ise), keeping every character's position."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("iz", "is")


def _is_acronym(label: str) -> bool:
    return not any(c.islower() for c in label)


def _pattern(label: str, exact: bool) -> re.Pattern:
    words = label.split()
    # "reliable, and secure" and "reliable and secure" are one label: the serial comma is optional.
    parts = [
        re.escape(word.rstrip(",")) + ",?" if i + 1 < len(words) and words[i + 1] in ("and", "or") else re.escape(word)
        for i, word in enumerate(words)
    ]
    body = r"\s+".join(parts)
    plural = "" if exact or not label[-1].isalpha() else "(?:s|es)?"
    return re.compile(rf"{body}{plural}(?![\w+])")


class Linker:
    """Finds reference entities named in text; build once per reference data."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        # First word → each pattern starting with it and the entities it names: a pattern is matched
        # once however many entities share its label.
        named: dict[bool, dict[str, dict[re.Pattern, set[ReferenceEntity]]]] = {True: {}, False: {}}
        for label, entities in reference.labels.items():
            exact = _is_acronym(label) or label in reference.exact_labels
            key_text = label if exact else normalise(label)
            first = _WORD.match(key_text)
            if first:
                named[exact].setdefault(first.group(), {}).setdefault(_pattern(key_text, exact), set()).update(entities)
        self.exact, self.folded = (
            {
                word: sorted(
                    ((pattern, sorted(entities, key=lambda e: str(e.iri))) for pattern, entities in patterns.items()),
                    key=lambda item: (-len(item[0].pattern), item[0].pattern),
                )
                for word, patterns in named[exact].items()
            }
            for exact in (True, False)
        )
        # One regex per index finds the words that start some label, so the scan runs in C.
        self.exact_starts = _starts(self.exact)
        self.folded_starts = _starts(self.folded)
        self._titles: dict[URIRef, tuple[re.Pattern, list[tuple[re.Pattern, URIRef]]]] = {}

    def mentions(self, text: str, exclude: tuple[tuple[int, int], ...] = ()) -> list[NameMatch]:
        """Entities named in `text`, top-level first then nested, outside the `exclude` spans."""
        folded = normalise(text)
        found: list[tuple[int, int, ReferenceEntity]] = []
        for haystack, index, starts in ((text, self.exact, self.exact_starts), (folded, self.folded, self.folded_starts)):
            for word in starts.finditer(haystack):
                at = word.start()
                for pattern, entities in index[word.group()]:
                    match = pattern.match(haystack, at)
                    if match:
                        found += [(at, match.end(), entity) for entity in entities]
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0], str(m[2].iri)))
        kept: list[NameMatch] = []
        kept_spans: SpanIndex[NameMatch] = SpanIndex()  # only kept mentions that overlap can contain or cross
        kept_iris: set = set()
        for start, end, entity in found:
            if any(s <= start and end <= e for s, e in exclude):
                continue
            nearby = kept_spans.overlapping(start, end)
            container = next((m for m in nearby if m.start <= start and end <= m.end and not m.nested and not m.repeat), None)
            crossing = any(m.start < end and start < m.end and not (m.start <= start and end <= m.end) for m in nearby)
            if crossing:
                continue
            if entity.iri in kept_iris:
                if container is None:
                    self._keep(NameMatch(entity, start, end, False, True), kept, kept_spans, kept_iris)
                continue
            if container is not None and container.entity.cls == entity.cls:
                continue
            self._keep(NameMatch(entity, start, end, container is not None), kept, kept_spans, kept_iris)
        return sorted(kept, key=lambda m: (m.start, m.end))

    def titled_offices(self, text: str, speaker: URIRef) -> list[tuple[int, int, URIRef]]:
        """Spans of the speaker's offices and bodies named by their bare title after "the" ("the
        Secretary-General", `reference.office_titles`), title by title. The titles are read and their
        patterns compiled once per speaker; one search for any of them passes over most text at once."""
        if speaker not in self._titles:
            offices = office_titles(self.reference, speaker)
            titles = [(re.compile(rf"\bthe\s+({re.escape(title)})\b"), office) for title, office in offices.items()]
            any_title = re.compile(rf"\bthe\s+(?:{'|'.join(map(re.escape, offices))})\b") if offices else _NOTHING
            self._titles[speaker] = (any_title, titles)
        any_title, titles = self._titles[speaker]
        if not any_title.search(text):
            return []
        return [(match.start(1), match.end(1), office) for pattern, office in titles for match in pattern.finditer(text)]

    @staticmethod
    def _keep(mention: NameMatch, kept: list[NameMatch], spans: SpanIndex[NameMatch], iris: set) -> None:
        kept.append(mention)
        spans.add(mention.start, mention.end, mention)
        iris.add(mention.entity.iri)


#: A pattern that matches nothing.
_NOTHING = re.compile(r"(?!x)x")


def _starts(index: dict[str, list]) -> re.Pattern:
    words = sorted(index, key=lambda w: (-len(w), w))
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)") if words else _NOTHING
