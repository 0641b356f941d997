"""Quotes as safe HTML, with the names of the entities they mention marked and linked.

Everything that comes from the data (the quote, names, labels, IRIs) is escaped (`escape`)
before any markup is added: the quote is cut into plain and matched pieces on its raw text,
each piece is escaped, and only then wrapped in our own `<a>` element. A label such as
``<script>alert(1)</script>`` or ``![x](http://host/x.png)`` therefore shows as those
characters, never as HTML or Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote as url_quote

if TYPE_CHECKING:
    from .document import Passage

#: Characters that mean something to HTML or to Streamlit's Markdown (links, images, emphasis, code,
#: headings, lists, tables, maths, colour and icon directives), and line breaks, which end HTML blocks.
_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>#+\-.!|~$:&\"'=\n\r]")


def escape(value: str) -> str:
    """Data text (a label, a quote, an IRI) as plain text wherever Streamlit renders it.

    Every special character becomes a numeric character reference, which HTML shows as that
    character and Markdown never reads as syntax: safe in st.markdown (with or without HTML),
    in titles, captions, alerts, widget and expander labels. A label such as
    ``![x](http://host/x.png)`` therefore shows as those characters and loads nothing.
    (Attribute values, which Markdown does not read, need only `html.escape`.)
    """
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", value)


#: One colour per role, shared by the quote marks and the legend.
COLOURS: dict[str, str] = {
    "forum": "#cfe3ff",
    "meeting": "#cfe3ff",
    "initiative": "#d9f2d0",
    "actor": "#ffe1c2",
    "made by": "#ffe1c2",
    "stakeholder": "#f3d6f5",
    "target group": "#fff1a8",
    "region": "#d4f1ef",
    "theme": "#e6e0ff",
    "target time": "#ffd6d6",
    "mentions": "#e8e8e8",
}


@dataclass
class Mention:
    """An entity a statement names: its IRI, label, role, and the other names it goes by."""

    iri: str
    label: str
    role: str
    names: list[str] = field(default_factory=list)

    def all_names(self) -> list[str]:
        """The label first, then alternative names, longest first among them."""
        return [self.label] + sorted((n for n in self.names if n != self.label), key=len, reverse=True)


def entity_href(iri: str, page: str = "entity") -> str:
    """The app URL of an entity page (its permalink), relative to the app root.

    `page` may already carry query parameters (``entity?endpoint=…``); the IRI is added to them.
    """
    return f"{page}{'&' if '?' in page else '?'}iri={url_quote(iri, safe='')}"


def link(iri: str, label: str, role: str = "", *, page: str = "entity") -> str:
    """An escaped link to an entity page, coloured by role."""
    title = f"{role}: {label}" if role else label
    return (
        f'<a class="gg-entity gg-{_css(role)}" href="{html.escape(entity_href(iri, page))}" target="_self" '
        f'title="{html.escape(title)}">{escape(label)}</a>'
    )


def plain_link(iri: str, label: str, *, page: str = "entity", css: str = "gg-plain") -> str:
    """An escaped, uncoloured link to an entity page (titles, sources)."""
    return f'<a class="{css}" href="{html.escape(entity_href(iri, page))}" target="_self">{escape(label)}</a>'


def external_link(iri: str, label: str) -> str:
    """An escaped link that leaves the app (a source web page), opened in a new tab."""
    return f'<a class="gg-plain" href="{html.escape(iri)}" target="_blank" rel="noopener">{escape(label)} ↗</a>'


def table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], css: str = "gg-links") -> str:
    """An HTML table; headers are escaped here, cells must already be safe HTML (escaped or our links)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="gg-links {css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _css(role: str) -> str:
    return re.sub(r"[^a-z]+", "-", role.lower()).strip("-") or "mentions"


def stylesheet() -> str:
    """The <style> block for entity links: one background colour per role."""
    rules = [
        ".gg-entity{padding:0 .2em;border-radius:.25em;color:inherit !important;text-decoration:none !important;"
        "border-bottom:2px solid rgba(0,0,0,.25)}",
        ".gg-entity:hover{border-bottom-color:#000}",
        ".gg-quote{font-size:1.08rem;line-height:1.75;color:#1b1b1b;border-left:4px solid #c9c9c9;padding:.1em 0 .1em .9em;"
        "margin:.3em 0 .6em 0}",
        ".gg-title{font-weight:600;color:#0b57d0 !important;text-decoration:none}",
        ".gg-plain{color:#0b57d0 !important;text-decoration:none}.gg-plain:hover,.gg-title:hover{text-decoration:underline}",
        ".gg-links{width:100%;border-collapse:collapse;table-layout:fixed}.gg-links td{overflow-wrap:anywhere}.gg-links td,.gg-links th{padding:.25em .5em;"
        "border-bottom:1px solid #eee;text-align:left;vertical-align:top}.gg-props td:first-child{width:30%;color:#555}"
        ".gg-report td:first-child{white-space:nowrap}",
        ".gg-quote mark{background:#fff3a0;padding:0}",
        ".gg-document{white-space:pre-wrap;line-height:1.7;font-size:1.02rem}.gg-passage{color:inherit !important;"
        "text-decoration:none !important}.gg-passage mark{padding:0 .1em;border-radius:.2em}"
        "mark.gg-commitment{background:#fff3a0}mark.gg-statement{background:#dde6f5}"
        ".gg-passage:hover mark{outline:1px solid #555}",
    ]
    rules += [f".gg-{_css(role)}{{background:{colour}}}" for role, colour in COLOURS.items()]
    return "<style>" + "".join(rules) + "</style>"


def spans(quote: str, mentions: list[Mention]) -> list[tuple[int, int, Mention]]:
    """Where each mention's names occur in the quote: whole words, case-insensitive, longest first, no overlaps."""
    candidates = []
    for mention in mentions:
        for name in mention.all_names():
            if len(name) < 2:
                continue
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
            candidates += [(m.start(), m.end(), mention) for m in pattern.finditer(quote)]
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, Mention]] = []
    for start, end, mention in candidates:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, mention))
    return sorted(taken, key=lambda c: c[0])


def highlight(quote: str, mentions: list[Mention], *, page: str = "entity", mark: tuple[int, int] | None = None) -> str:
    """The quote as HTML: escaped text, each named entity a coloured link to its page.

    `mark` optionally underlines one character range (a statement inside its paragraph).
    """
    pieces: list[str] = []
    cursor = 0
    for start, end, mention in spans(quote, mentions):
        pieces.append(_plain(quote, cursor, start, mark))
        pieces.append(link(mention.iri, quote[start:end], mention.role, page=page))
        cursor = end
    pieces.append(_plain(quote, cursor, len(quote), mark))
    return "".join(pieces)


def _plain(text: str, start: int, end: int, mark: tuple[int, int] | None) -> str:
    """Escaped text between two matches, with the marked range (if any) wrapped in <mark>."""
    if mark is None or mark[1] <= start or mark[0] >= end:
        return escape(text[start:end])
    a, b = max(start, mark[0]), min(end, mark[1])
    return escape(text[start:a]) + "<mark>" + escape(text[a:b]) + "</mark>" + escape(text[b:end])


def chips(mentions: list[Mention], *, page: str = "entity") -> str:
    """Every mention as a labelled link, grouped by role, for under a quote."""
    groups: dict[str, list[str]] = {}
    for mention in mentions:
        groups.setdefault(mention.role, []).append(link(mention.iri, mention.label, mention.role, page=page))
    return " · ".join(f"<small><b>{escape(role)}</b></small> {' '.join(items)}" for role, items in groups.items())


def link_table(rows: list[tuple[str, list[tuple[str, str, str]]]], headers: tuple[str, str], *, page: str = "entity") -> str:
    """An HTML table of (property label, [(kind, label, IRI)…]) rows, every cell escaped.

    kind is "entity" (a page in the app), "external" (a web page) or "text" (a literal).
    """
    body = []
    for prop, cells in rows:
        shown = []
        for kind, label, iri in cells:
            if kind == "entity":
                shown.append(link(iri, label, page=page))
            elif kind == "external":
                shown.append(external_link(iri, label))
            else:
                shown.append(escape(label))
        joined = " ".join(shown) if all(k == "entity" for k, _, _ in cells) else "<br>".join(shown)
        body.append((escape(prop), joined))
    return table(headers, body, "gg-props")


def marked(text: str, mark: tuple[int, int] | None) -> str:
    """Escaped text with one character range wrapped in <mark> (a statement within its paragraph)."""
    return _plain(text, 0, len(text), mark)


def passages(text: str, places: Sequence[Passage], *, page: str = "entity") -> str:
    """A whole text, escaped, each statement in place as a marked link to its page (commitments in their own colour)."""
    pieces: list[str] = []
    cursor = 0
    for place in sorted(places, key=lambda p: p.start):
        if place.start < cursor:  # overlapping statements: the data-quality checks refuse them; show the first
            continue
        kind = "gg-commitment" if place.commitment else "gg-statement"
        pieces.append(escape(text[cursor : place.start]))
        pieces.append(
            f'<a class="gg-passage" href="{html.escape(entity_href(place.iri, page))}" target="_self" '
            f'title="{html.escape(place.label)}"><mark class="{kind}">{escape(text[place.start : place.end])}</mark></a>'
        )
        cursor = place.end
    pieces.append(escape(text[cursor:]))
    return "".join(pieces)
