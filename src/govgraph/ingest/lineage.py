"""Target dates ("in 2025", "in fall 2023", "in Q4 2025", "by the end of next year"), vague
times kept as text ("in the near term"), references to earlier documents or meetings ("building
on…", "reaffirm our commitments in…", "as agreed in…"), and names that match no reference entity
(proposed as candidate entities, typed by their head noun).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from ..namespaces import GG
from .spans import SpanIndex

_SEASON = r"(?:early|mid|late|fall|autumn|spring|summer|winter|January|February|March|April|May|June|July|August|September|October|November|December)"
_PART = r"(?:end|beginning|start|middle|first\s+half|second\s+half|course|(?:first|second|third|fourth|last)\s+quarter)"
_DATE = re.compile(
    rf"\b(?:in|by|until|before|ahead\s+of|during|through|from|no\s+later\s+than)\s+"
    rf"(?:the\s+{_PART}\s+of\s+)?(?:the\s+{_SEASON}\s+of\s+)?(?:Q[1-4]\s+|H[12]\s+)?"
    rf"(?:{_SEASON}[\s-]+)?(?:\d{{1,2}}\s+{_SEASON}\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/]\d)"
)
#: Years said relative to the document's date: "next year", "by the end of the year".
_RELATIVE = re.compile(
    rf"\b(?P<next>next\s+year)\b"
    rf"|\b(?:in|by|until|before|during)\s+(?:the\s+{_PART}\s+of\s+)?(?P<this>(?:the|this)\s+year)\b"
)
_YEAR_IN_NAME = re.compile(r"\b(?:19|20)\d\d\b")
#: Times without a date; kept as the reviewer reads them.
_VAGUE = re.compile(
    r"\b(?:in|over)\s+the\s+(?:near|short|medium|long)(?:[\s-]+term)?\b|\bin\s+the\s+(?:coming|next\s+few)\s+(?:years|months)\b"
    r"|\bover\s+time\b|\bin\s+due\s+course\b|\bas\s+soon\s+as\s+possible\b|\bin\s+the\s+future\b",
    re.I,
)


def target_years(text: str, document_year: int | None = None) -> list[tuple[str, int, int]]:
    """Each year the text sets as a time for action, with the span of its phrase; "next year" and
    "the end of the year" count from `document_year` and are skipped when it is unknown. A year
    before the document's ("last year", "agreed in 2021") is no target."""
    found = [(m.group("year"), m.start(), m.end()) for m in _DATE.finditer(text)]
    if document_year is not None:
        found = [f for f in found if int(f[0]) >= document_year]  # "agreed in 2021" is history, not a target
        for m in _RELATIVE.finditer(text):
            found.append((str(document_year + (1 if m.group("next") else 0)), m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def vague_times(text: str) -> list[str]:
    """Time phrases with no date ("in the near term"), as written."""
    return [m.group() for m in _VAGUE.finditer(text)]


def years_in(name: str) -> list[str]:
    """Years written in a name such as "IGF 2023" (a meeting held in that year)."""
    return _YEAR_IN_NAME.findall(name)


_REF = r"(?P<ref>[^,;.()]{3,120}?)(?=\s*(?:[,;.()]|$|\s+(?:and(?!\s+(?-i:[A-Z]))|to|which|that|where|by)\s))"
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
    (
        re.compile(r"\bas\s+(?:agreed|committed|set\s+out|decided|stated|reaffirmed)\s+(?:in|at|by|under)\s+" + _REF, re.I),
        GG.reaffirms,
    ),
    (re.compile(r"\brecall(?:s|ing)?\s+(?:our|the)\s+" + _REF, re.I), GG.reaffirms),
]


_LEAD = re.compile(r"(?:(?:the|our|its|their)\s+(?:commitments?\s+(?:of|in|from|made\s+in|made\s+at)\s+)?)+", re.I)
#: Head nouns that make a name a document, a meeting, an initiative, a forum or an organisation;
#: two-word heads first. The classes are the ontology's.
HEADS: dict[str, tuple[str, ...]] = {
    "Country": ("republic", "kingdom", "principality", "federation"),
    "Forum": ("working group", "task force", "coalition", "forum", "network", "committee", "panel"),
    "Process": ("process",),
    "Document": (
        "action plan",
        "declaration",
        "communiqué",
        "communique",
        "statement",
        "charter",
        "agenda",
        "plan",
        "principles",
        "resolution",
        "report",
        "roadmap",
        "framework",
        "compact",
        "pact",
        "recommendation",
        "guidelines",
        "strategy",
        "toolkit",
        "code",
        "convention",
        "treaty",
        "outcome",
        "annex",
        "summary",
    ),
    "Meeting": ("summit", "meeting", "conference", "ministerial", "session", "dialogue"),
    "Initiative": ("initiative", "partnership", "programme", "program", "alliance", "facility", "mechanism"),
    "Organisation": (
        "union",
        "organisation",
        "organization",
        "bank",
        "fund",
        "institute",
        "authority",
        "agency",
        "commission",
        "council",
        "secretariat",
        "ministry",
        "office",
        "centre",
        "center",
        "foundation",
        "association",
        "society",
        "group",
        "court",
        "parliament",
        "assembly",
        "government",
        "department",
    ),
}


def _heads_by_size() -> dict[int, dict[str, str]]:
    """Head nouns by their number of words, most words first, each with its class (the first listing it)."""
    by_size: dict[int, dict[str, str]] = {}
    for cls, heads in HEADS.items():
        for head in heads:
            by_size.setdefault(len(head.split()), {}).setdefault(head, cls)
    return dict(sorted(by_size.items(), reverse=True))


_HEAD_CLASSES = _heads_by_size()
#: The most words a head noun has ("working group"): as many of a name's last words as `head_class` reads.
_HEAD_WORDS = max(_HEAD_CLASSES)
#: Characters a name's words lose before their head noun is looked up.
_PUNCTUATION = re.compile(r"[^\w\s-]")


def head_class(name: str, last_word: bool = False) -> str | None:
    """The ontology class a name's head noun suggests ("… Working Group": Forum), if any. The head
    is the last word, or the last before "of", "for" or "on" ("Organisation for Economic…")
    unless `last_word`."""
    words = _PUNCTUATION.sub("", name).lower().split()
    for i, word in enumerate(words):
        if word in ("of", "for", "on") and i > 0 and not last_word:
            words = words[:i]
            break
    for size, heads in _HEAD_CLASSES.items():
        cls = heads.get(" ".join(words[-size:]))
        if cls is not None:
            return cls
    return None


def names_something(text: str) -> bool:
    """Whether a phrase names a document, meeting or other proper thing, not a fragment such as
    "existing work" or "commitments": it holds a capitalised word or a year, or a document or
    meeting noun ("last year's summit communiqué")."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    nouns = set(HEADS["Document"]) | set(HEADS["Meeting"])
    return any(w[:1].isupper() or _YEAR_IN_NAME.fullmatch(w) or w.lower().strip(".,;'’") in nouns for w in words)


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
            lead = _LEAD.match(text, start, end)
            if lead:
                start = lead.end()
            if end - start >= 3 and names_something(text[start:end]):
                clues.append(LineageClue(relation, start, end))
    clues.sort(key=lambda c: c.start)
    # Sorted by start, a clue lies inside an earlier one exactly when it starts before the furthest end so far.
    kept, furthest = [], -1
    for clue in clues:
        if clue.start >= furthest:
            kept.append(clue)
        furthest = max(furthest, clue.end)
    return kept


_CONNECT = r"(?:of|for|and|on|the|in|to|with|de|du|des|la|le|&)"
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
_TRAILING = {"of", "for", "and", "on", "the", "in", "to", "with", "de", "&"}
#: People in their roles ("our Digital Ministers", "Member States"): not names of one thing.
_ROLES = {"Ministers", "Minister", "States", "Members", "Leaders", "Parties", "Governments", "Heads", "Representatives"}
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
    for start, words in (part for match in pieces for part in _coordinated_parts(match)):
        while words and (words[0] in _OPENERS or words[0].lower() in {"of", "for", "and", "on", "the", "in", "to"}):
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else start + len(words[0])
            words = words[1:]
        if words and words[-1].endswith(".") and "." not in words[-1][:-1]:
            words[-1] = words[-1][:-1]  # the sentence's full stop, not part of the name ("U.S." keeps its dots)
        while words and (words[-1].lower() in _TRAILING or (len(words) > 1 and words[-1].isdigit() and words[-2] in _TRAILING)):
            words = words[:-1]  # "… Forum in 2024": the year after "in" is no part of the name
        capitals = [w for w in words if w[:1].isupper()]
        if len(capitals) < 2 or all(w in _MONTHS or w.isdigit() for w in capitals) or words[-1] in _ROLES:
            continue
        end = _extend_to(text, start, words)
        after = _ACRONYM.match(text, end + 1) if text[end : end + 2] == " (" else None
        acronym = after.group("acr") if after else None
        if free(start, after.end() if after else end):
            keep(Candidate(text[start:end], acronym, start, after.end() if after else end))
    for match in _ACRONYM.finditer(text):
        if not free(match.start("acr"), match.end("acr")):
            continue
        spelled = _spelled_out(text, match.start(), match.group("acr"))
        if spelled is not None and free(spelled, match.start()):
            keep(Candidate(text[spelled : match.start()].rstrip(), match.group("acr"), spelled, match.end()))
        else:
            keep(Candidate(match.group("acr"), match.group("acr"), match.start("acr"), match.end("acr")))
    return sorted(found, key=lambda c: c.start)


def _coordinated_parts(match: re.Match) -> list[tuple[int, list[str]]]:
    """A run of capitalised words split where "and" joins two names: "the Alpha Institute and
    (the) Beta Foundation" gives two; "Partnership for Research and Innovation" stays whole. A
    split needs "and the" or a head noun ending the words before "and"."""
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", match.group())]
    parts: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index, (offset, word) in enumerate(tokens):
        following = [w for _, w in tokens[index + 1 : index + 3]]
        if word == "and" and current and following:
            article = following[0] == "the"
            nxt = following[1] if article and len(following) > 1 else following[0]
            if nxt[:1].isupper() and (article or head_class(_ending(current), last_word=True) is not None):
                parts.append(current)
                current = []
                continue
        current.append((offset, word))
    parts.append(current)
    return [(match.start() + part[0][0], [w for _, w in part]) for part in parts if part]


def _ending(tokens: list[tuple[int, str]]) -> str:
    """The fewest last tokens that hold as many words as a head noun may have, joined: all of a name
    `head_class(…, last_word=True)` reads, so a long run of names joined by "and" is not read whole at
    each "and"."""
    ending: list[str] = []
    words = 0
    for _, token in reversed(tokens):
        ending.append(token)
        words += len(_PUNCTUATION.sub("", token).split())
        if words >= _HEAD_WORDS:
            break
    return " ".join(reversed(ending))


_FUNCTION_WORDS = {"and", "of", "for", "the", "on", "in", "with", "&"}


def _spelled_out(text: str, paren: int, acronym: str) -> int | None:
    """Where the words that "(SMEs)" abbreviates start ("small and medium-sized enterprises"),
    matching the acronym's capitals to the words' initials from the right; None if they do not."""
    letters = [c.lower() for c in acronym if c.isupper()]
    words = list(re.finditer(r"[\w'’-]+", text[max(0, paren - 200) : paren]))
    offset = max(0, paren - 200)
    start = None
    while letters and words:
        word = words.pop()
        if word.group().lower() in _FUNCTION_WORDS and start is not None:
            continue
        if word.group()[0].lower() != letters[-1]:
            return None
        letters.pop()
        start = offset + word.start()
    return start if not letters and start is not None and " " in text[start:paren].strip() else None


def _extend_to(text: str, start: int, words: list[str]) -> int:
    """The end of `words` as they stand in the text (the spaces between them may vary)."""
    position = start
    for word in words:
        position = text.index(word, position) + len(word)
    return position
