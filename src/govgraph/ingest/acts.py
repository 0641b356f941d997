"""Find the acts authors perform in a sentence ("we resolve to…", "The Presidency plans to…"),
split sentences that carry two acts into clauses, and decide which acts are commitments.

A commitment, after the G7 Research Group, is a discrete, specific, publicly expressed,
collectively agreed statement of intent to take future action; "we will continue to…" counts,
endorsing what is already under way does not. The kind of act decides by default
(``gg:indicatesCommitment`` on the act scheme in data/reference/act-kinds.ttl); acts that
describe rather than promise (collaborate) become commitments only when said of the future
("we will collaborate"), and support for others' future action ("our support for partners to
build…") is one. Each clause records the rule that decided it, for the reviewer.

The speaker is "we", a presidency, the group or its members ("G7 members", "Ministers",
"Leaders", "Member States"), or a name at the start of the sentence ("Canada", "The Government
of Kenya", "The Freedom Online Coalition (FOC)"); the extractor resolves names to actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Verb phrases and the act kind (a local name in the act scheme) each one performs; longer first.
VERBS: list[tuple[str, str]] = [
    (r"(?:are|is|remains?)\s+(?:\w+\s+)?(?:resolved|determined)\s+to|resolves?(?:\s+to)?", "resolve"),
    (r"(?:are|is|remains?)\s+(?:\w+\s+)?committed\s+to|commits?\s+(?:ourselves\s+|itself\s+|themselves\s+)?to", "commit"),
    (r"(?:have\s+(?:\w+\s+)?)?(?:agreed?|agrees|decided?|decides)\s+to", "agree"),
    (r"(?:tasks?|instructs?|mandates?|directs?|requests?|ask)\s+(?:the|our|its|their|relevant)\b", "task"),
    (r"invites?|encourages?", "invite"),
    (r"affirms?\s+(?:our|its|their)\s+(?:\w+\s+)?support\s+for", "support"),
    (r"pledges?(?:\s+to)?|promises?\s+to", "pledge"),
    (r"seeks?(?:\s+to)?|strives?\s+to", "seek"),
    (r"calls?\s+(?:for|on|upon)|urges?", "call-for"),
    (r"re-?affirms?", "reaffirm"),
    (r"reiterates?", "reiterate"),
    (r"endeavou?rs?(?:\s+to)?|aims?\s+to|works?\s+to(?=\s)", "endeavour"),
    (r"plans?\s+to|intends?\s+to|will\s+(?:include|host|convene|hold|organi[sz]e|launch)", "plan"),
    (r"(?:collaborates?|cooperates?|co-operates?|work\s+together|work\s+closely)", "collaborate"),
    (r"supports?", "support"),
    (r"welcomes?|look\s+forward\s+to|appreciates?|applauds?|commends?|thanks?|congratulates?", "welcome"),
    (
        r"recogni[sz]es?|acknowledges?|(?:take\s+)?notes?|stress(?:es)?|underlines?|underscores?|emphasi[sz]es?"
        r"|highlights?|affirms?|are\s+(?:deeply\s+)?concerned|express(?:es)?\s+(?:our|its|deep|grave|serious)",
        "recognise",
    ),
    (r"condemns?|deplores?|denounces?", "condemn"),
]
_NAME_WORD = r"[A-Z][\w’'-]*"
_VERB = "|".join(f"(?P<v{i}>{pattern})" for i, (pattern, _) in enumerate(VERBS))
#: Adverbs and auxiliaries that may stand between the speaker and the verb.
_AUX = r"(?:\s+(?:also|further|therefore|hereby|thus|again|once\s+again|jointly|collectively|strongly|fully|firmly|each|all|together|continue\s+to|will|shall|stand\s+ready\s+to|are\s+ready\s+to|is\s+ready\s+to))*"
_SPEAKER = (
    r"(?P<we>\b[Ww]e\b(?:,\s[^,]{3,80},)?)"
    r"|(?P<office>\b(?:[Tt]he|[Oo]ur|[A-Z][\w-]+(?:'s|’s))\s+(?:incoming\s+|current\s+)?(?:[A-Z][a-z]+\s+)?(?:G7\s+|G20\s+)?Presidency\b)"
    r"|(?P<group>\b(?:[Tt]he\s+)?G\d+(?:\s+(?:members|ministers|leaders|partners|countries))?\b|\b(?:Ministers|Leaders|Member\s+States)\b)"
    r"|(?P<this>^(?:This|These|It)\b)"
    r"|(?P<country>\b(?:Canada|France|Germany|Italy|Japan|the\s+United\s+Kingdom|the\s+United\s+States|the\s+European\s+Union|the\s+EU|the\s+UK|the\s+US)\b)"
    # A name opening the sentence, with any acronym, before an aside in commas: "The United Kingdom, as Chair…,".
    rf"|(?P<named>^(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:(?:of|for|and|on|the)\s+)*{_NAME_WORD})*(?:\s+\([A-Z][\w&-]+\))?)(?:,\s[^,]{{3,80}},)?"
)
_ACT = re.compile(rf"(?:{_SPEAKER}){_AUX}\s+(?:(?:{_VERB})\b|(?P<will>will|shall)\s+(?P<other>[a-z]+)\b)")
#: A second act joined by a connective: ", and commit to…", "and we welcome…", "; we…".
_STRONG = "|".join(p for p, kind in VERBS if kind not in ("support", "collaborate", "endeavour"))
_COORD = re.compile(
    rf"(?P<sep>,?\s+(?:and|but|while|whereas)\s+|;\s+(?:and\s+)?)(?:(?P<we>we|the\s+G7)\s+(?:\w+\s+)?)?(?P<verb>{_STRONG})\b"
)
_INFINITIVE = re.compile(r"\bto\s+[a-z]+")
_FUTURE = re.compile(r"\b(?:will|shall|(?:stand|are|is)\s+ready\s+to)\b")
#: "support for developing countries to build…": backing for others' future action.
_SUPPORT_FOR_ACTION = re.compile(r"\bsupport\s+for\s+[^.;:]{1,120}?\s+to\s+(?!the\b|a\b|an\b|our\b|their\b|its\b)[a-z]+")
_INDIVIDUAL = re.compile(
    r"\b(?:within our respective countries|each of us|individually|in our respective|at (?:the )?national level)\b", re.I
)

#: Fallback when the reference data has no act scheme: kinds that usually make a commitment.
DEFAULT_INDICATES = {
    "resolve": True,
    "commit": True,
    "pledge": True,
    "seek": True,
    "call-for": True,
    "agree": True,
    "task": True,
    "invite": False,
    "reaffirm": True,
    "reiterate": True,
    "endeavour": True,
    "support": True,
    "plan": True,
    "collaborate": False,
    "welcome": False,
    "recognise": False,
    "condemn": False,
}


@dataclass(frozen=True)
class Clause:
    """One act in a sentence: its span (sentence-relative), kind, speaker and the decision."""

    start: int
    end: int
    kind: str
    speaker: str  # "we", "office", "group", "this", "country", "named" or "" (inherited from the clause before)
    speaker_span: tuple[int, int] | None
    commitment: bool
    confidence: float
    individual: bool
    rule: str = ""  # why `commitment` is what it is, in words a reviewer reads


#: Why an act kind makes a commitment or not, after the G7 Research Group's definition.
RULES = {
    "resolve": "resolve: a firm decision by the speakers to act",
    "commit": "commit: the speakers bind themselves to future action",
    "pledge": "pledge: a promise by the speakers to act or provide",
    "seek": "seek: a stated intention to achieve something",
    "call-for": "call for: asks for action the speakers take up (the act scheme counts it)",
    "reaffirm": "reaffirm: restates an earlier intent, carrying it forward",
    "reiterate": "reiterate: restates an earlier intent, carrying it forward",
    "endeavour": "endeavour: undertakes an effort towards an aim",
    "plan": "plan: announces the speakers' planned future action",
    "agree": "agree or decide: a collectively agreed decision to act",
    "task": "task: mandates a body or officials under the speakers' direction to act",
    "invite": "invite or encourage: asks others to act, no undertaking by the speakers",
    "support": "support: backs an effort of others (the act scheme counts it)",
    "collaborate": "collaborate in the present tense: describes work under way, not future action",
    "welcome": "welcome: approves what exists, no future action",
    "recognise": "recognise: states a view, no future action",
    "condemn": "condemn: states disapproval, no future action",
}
FUTURE_RULE = "future tense (will, shall, stand ready to): a bound course of future action, 'will continue to' included"
SUPPORT_FOR_ACTION_RULE = "support for others' future action: the target is their behaviour, the backing is the speakers'"


def decide(kind: str, clause: str, verb_phrase: str, indicates: dict[str, bool]) -> tuple[bool, str]:
    """Whether a clause of this kind is a commitment, and the rule that says so."""
    if kind in ("collaborate", "support") and _FUTURE.search(verb_phrase):
        return True, FUTURE_RULE
    if kind == "support" and _SUPPORT_FOR_ACTION.search(clause):
        return True, SUPPORT_FOR_ACTION_RULE
    if kind == "commit" and _FUTURE.search(verb_phrase):
        return True, FUTURE_RULE
    indicated = indicates.get(kind, False)
    if kind in RULES and indicated == DEFAULT_INDICATES.get(kind):
        return indicated, RULES[kind]
    return indicated, f"{kind}: the act scheme {'counts' if indicated else 'does not count'} it as a commitment"


def _kind(match: re.Match) -> str:
    for i, (_, kind) in enumerate(VERBS):
        if match.group(f"v{i}"):
            return kind
    return "commit"


def find_acts(sentence: str, indicates: dict[str, bool] | None = None) -> list[Clause]:
    """The clauses of `sentence`, each carrying one act; empty when the authors perform no act."""
    indicates = indicates or DEFAULT_INDICATES
    first = _ACT.search(sentence)
    if not first:
        return []
    starts = [(0, first, "primary")]
    for coord in _COORD.finditer(sentence, first.end()):
        if _continues_infinitive(sentence, starts[-1][1].end(), coord):
            continue
        starts.append((coord.start("sep"), coord, "coordinated"))
    clauses: list[Clause] = []
    for index, (cut, match, how) in enumerate(starts):
        start = cut if index == 0 else _clause_start(sentence, match)
        end = _clause_end(sentence, starts[index + 1][0]) if index + 1 < len(starts) else len(sentence)
        text = sentence[start:end]
        if how == "primary":
            kind = _kind(match) if not match.group("will") else "commit"
            speaker = next((g for g in ("we", "office", "group", "this", "country", "named") if match.groupdict().get(g)), "we")
            span: tuple[int, int] | None = match.span(speaker) if match.groupdict().get(speaker) else match.span("will")
            if speaker == "this" and kind not in ("plan",):
                kind = "plan" if _FUTURE.search(match.group()) else kind
            confidence = 0.9 if not match.group("will") else 0.75
            if speaker == "this":
                confidence = 0.7
        else:
            kind = _kind_of(match.group("verb"))
            speaker, span = ("we", match.span("we")) if match.group("we") else ("", None)
            confidence = 0.8
        verb_phrase = sentence[start : match.end()]
        commitment, rule = decide(kind, text, verb_phrase, indicates)
        if kind in ("collaborate", "support") and not _FUTURE.search(verb_phrase):
            confidence -= 0.1  # tense decides these, and tense is the weakest cue we read
        individual = bool(_INDIVIDUAL.search(text))
        clauses.append(Clause(start, end, kind, speaker, span, commitment, round(confidence, 2), individual, rule))
    return clauses


def _continues_infinitive(sentence: str, after: int, coord: re.Match) -> bool:
    """ "…organisations to document disruptions and seek remedies": a verb joined by a bare "and"
    (no comma, no subject) after "to <verb>" continues that infinitive; it is no act of its own."""
    sep = coord.group("sep")
    return (
        not coord.group("we") and "," not in sep and ";" not in sep and bool(_INFINITIVE.search(sentence, after, coord.start()))
    )


def _kind_of(verb: str) -> str:
    for pattern, kind in VERBS:
        if re.fullmatch(pattern, verb):
            return kind
    return "commit"


def _clause_start(sentence: str, match: re.Match) -> int:
    """A later clause starts at its connective word ("and …"), or after a semicolon and its space."""
    sep = match.group("sep")
    offset = len(sep) - len(sep.lstrip(",; \t\n"))
    if sep.lstrip(",; \t\n").startswith(("and", "but", "while", "whereas")):
        return match.start("sep") + offset
    return match.end("sep")


def _clause_end(sentence: str, cut: int) -> int:
    """An earlier clause ends before the connective's space, keeping its comma or semicolon."""
    end = cut
    while end < len(sentence) and sentence[end] in ",;":
        end += 1
    return end
