"""Find body paragraphs among text blocks and split them into sentences.

The sentence splitter is rule-based: a boundary is terminal punctuation followed by space
and a capital, a digit or an opening quote, unless the word before the point is a known
abbreviation or an initial. On communiqué prose it agrees with pysbd (a test checks this
on every fixture) and runs several times faster, which keeps 1 MB within a few seconds;
``segmenter="pysbd"`` uses pysbd instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .reading import Block, is_chrome


@dataclass(frozen=True)
class Part:
    """A piece of a paragraph: where its text (after any "12." label) lies in its block."""

    block: Block
    start: int
    end: int
    bullet: bool = False


@dataclass
class TextParagraph:
    """A body paragraph: its number and its parts (a numbered paragraph may run over several blocks)."""

    number: int
    parts: list[Part]
    labelled: bool

    def span(self) -> tuple[int, int]:
        """Offsets of the whole paragraph in the cited text."""
        first, last = self.parts[0], self.parts[-1]
        return first.block.span(first.start, first.end)[0], last.block.span(last.start, last.end)[1]


_LABEL = re.compile(
    r"\s*(?:(?:para(?:graph)?\.?\s*)?(\d{1,3})[.)]|\((\d{1,3})\)|[-*•]|\((?:[a-z]|[ivx]{1,4})\)|[a-z]\))\s+", re.IGNORECASE
)
_TERMINAL = re.compile(r"[.!?;:][\"'”’)\]]*\s*$")


def is_body(text: str) -> bool:
    """A paragraph of prose: several words, starts like a sentence and ends with terminal punctuation."""
    stripped = text.strip()
    if len(stripped) < 30 or len(stripped.split()) < 6 or is_chrome(stripped):
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"'“‘("):
        return False
    words = stripped.split()
    if sum(1 for w in words if w[:1].isupper() or w[:1].isdigit()) > 0.6 * len(words):
        return False  # Title Case: a heading or a document title, not prose
    if stripped.endswith(":") and len(words) < 12:
        return False
    return bool(_TERMINAL.search(stripped))


def paragraphs(blocks: list[Block]) -> Iterator[TextParagraph]:
    """Body paragraphs in order, numbered by their own labels ("3.", "(3)") or else by position.

    In a numbered document, an unnumbered block (or one whose number does not advance, as in
    a list inside a paragraph) continues the paragraph before it; prose before the first
    number is a preamble and is left out, since it has no paragraph number to cite. Each
    paragraph is yielded once the next one starts (or the blocks end), so it is complete.
    """
    current: TextParagraph | None = None
    numbered = any((m := _LABEL.match(b.text)) and (m.group(1) or m.group(2)) for b in blocks if not b.heading)
    lead_ins = _lead_ins(blocks)
    counter = 0
    for index, block in enumerate(blocks):
        if block.heading:
            continue
        label = _LABEL.match(block.text)
        start = label.end() if label else len(block.text) - len(block.text.lstrip())
        end = len(block.text.rstrip())
        number_text = label and (label.group(1) or label.group(2))
        part = Part(block, start, end)
        if label and not number_text and current and end > start and not is_chrome(block.text):
            current.parts.append(
                Part(block, start, end, bullet=True)
            )  # a bullet point belongs to the paragraph that introduces it
            continue
        text = block.text[start:end]
        # A numbered block is prose even when short ("1. We commit to:" before its bullets).
        numbered_prose = bool(number_text) and len(text.split()) >= 3 and text[:1].isupper() and not is_chrome(text)
        if not (is_body(text) or numbered_prose or index in lead_ins):
            continue
        if numbered and (not number_text or int(number_text) <= counter):
            if current:
                current.parts.extend(_items(part))
            continue
        counter = int(number_text) if number_text else counter + 1
        if current:
            yield current
        current = TextParagraph(counter, _items(part), bool(number_text))
    if current:
        yield current


_ITEM_LINE = re.compile(r"\n[^\S\n]*(?:\((?:[a-z]|[ivx]{1,4})\)|[a-z]\)|[-*•])[^\S\n]+")


def _items(part: Part) -> list[Part]:
    """A part whose lines hold "lead-in:" then "(a) …", "(b) …" (one block when the reader joined
    the lines) as the lead-in and one bullet part per item."""
    text = part.block.text
    items = list(_ITEM_LINE.finditer(text, part.start, part.end))
    if not items or not text[part.start : items[0].start()].rstrip().endswith(":"):
        return [part]
    parts = [Part(part.block, part.start, _before_space(text, items[0].start()))]
    for item, following in zip(items, items[1:] + [None]):
        end = following.start() if following else part.end
        parts.append(Part(part.block, item.end(), _before_space(text, end), bullet=True))
    return parts


def _before_space(text: str, end: int) -> int:
    """Where the white space that ends ``text[:end]`` starts (``len(text[:end].rstrip())``), found by
    walking back from `end`: slicing from the start of the block for each item was quadratic."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _lead_ins(blocks: list[Block]) -> set[int]:
    """Blocks that introduce bullet points ("We, the Leaders of the G7, resolve to:"): prose
    however short, since the points after them need the act they lend."""
    found = set()
    for index, block in enumerate(blocks[:-1]):
        text = block.text.strip()
        following = blocks[index + 1]
        label = _LABEL.match(following.text)
        if text.endswith(":") and text[:1].isupper() and not block.heading and label and not (label.group(1) or label.group(2)):
            found.add(index)
    return found


_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "cf",
        "vs",
        "al",
        "approx",
        "dept",
        "no",
        "nos",
        "art",
        "arts",
        "para",
        "paras",
        "vol",
        "st",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "u.s",
        "u.k",
        "e.u",
        "u.n",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "op",
        "p",
        "pp",
        "sec",
        "ch",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end exclusive, no surrounding space) within ``text[start:end]``."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group().startswith(".") and _abbreviation_before(text, match.start(), cursor):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _abbreviation_before(text: str, dot: int, floor: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(floor, dot - 20) : dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    # "J. Smith" (an initial) and "e.g." / "U.S." (dotted abbreviations) do not end sentences.
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha() and text[dot - 1].isupper())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=1)
def _pysbd() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences_pysbd(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The same spans found by pysbd; each sentence is located in the text from a moving cursor."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for sentence in _pysbd().segment(text[start:end]):
        found = text.find(sentence.strip(), cursor, end)
        if found < 0 or not sentence.strip():
            continue
        spans.append((found, found + len(sentence.strip())))
        cursor = found + len(sentence.strip())
    return spans


SEGMENTERS = {"rules": split_sentences, "pysbd": split_sentences_pysbd}
