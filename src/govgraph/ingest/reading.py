"""Read a source file (.txt, .md, .html, .pdf) into text blocks that keep their offsets.

Offsets are Unicode code points into the text the draft cites as its source file, as the
curated data counts them. Plain text and Markdown are cited as they are, so a block is a
slice of the file. An HTML page is rendered to plain text first (entities decoded, chrome
dropped, one line per block) and that rendering is cited instead; so is a PDF's text layer.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from .pdf import pdf_text

#: Far above any real communiqué or action plan (the seed is 12 kB), well below what memory allows.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

SUPPORTED = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
#: Kinds cited through a text made from the file (sources/<id>.txt), not the file itself.
RENDERED = {"html", "pdf"}


@dataclass(frozen=True)
class SourceText:
    """One source file: its bytes' digest, its decoded text and its kind (text, markdown, html)."""

    path: Path
    sha256: str
    text: str
    kind: str


@dataclass(frozen=True)
class Block:
    """A run of rendered text with, for each character, its offset in the source text."""

    text: str
    offsets: range
    heading: bool = False

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (end exclusive) of the rendered characters ``text[start:end]``."""
        return self.offsets[start], self.offsets[end - 1] + 1


def read_source(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode `path`; binary, empty, undecodable, unsupported or over-`max_bytes`
    files raise InputError. Never reads more than `max_bytes` + 1 bytes."""
    path = Path(path)
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise InputError(path, f"unsupported file type {path.suffix or '(none)'!r}; expected .txt, .md, .html or .pdf")
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > max_bytes:
                raise _over_cap(path, max_bytes)
            data = handle.read(max_bytes + 1)  # the file may have grown since it was measured
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as error:  # permission denied, a symlink loop, an I/O error
        raise InputError(path, f"cannot be read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise _over_cap(path, max_bytes)
    if kind == "pdf":
        return SourceText(path, hashlib.sha256(data).hexdigest(), pdf_text(path, data), kind)
    if b"\x00" in data[:65536]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, f"not UTF-8 text ({error.reason} at byte {error.start})", line) from None
    if not text.strip():
        raise InputError(path, "empty file: no text to extract")
    if sum(1 for ch in text[:65536] if not ch.isprintable() and ch not in "\n\r\t\f\ufeff") > 0.05 * min(len(text), 65536):
        raise InputError(path, "looks binary (too many control characters), not text")
    return SourceText(path, hashlib.sha256(data).hexdigest(), text, kind)


def _over_cap(path: Path, max_bytes: int) -> InputError:
    return InputError(path, f"over the ingest size cap of {max_bytes} bytes (raise it with --max-bytes)")


def text_blocks(source: SourceText) -> list[Block]:
    """Blocks of a plain-text or Markdown file: one per line, or per blank-line-separated
    paragraph when the file wraps its paragraphs over several lines."""
    text = source.text
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text)]
    # Wrapped paragraphs need blank lines between them; one-line paragraphs (the seed) need none.
    wrapped = bool(re.search(r"\n[^\S\n]*\n", text)) and _has_wrapped_lines(text)
    blocks: list[Block] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if run:
            start, end = run[0][0], run[-1][1]
            blocks.append(Block(text[start:end], range(start, end)))
            run.clear()

    previous_end = 0
    for start, end in lines:
        line = text[start:end]
        gap = text[previous_end:start]
        previous_end = end
        heading = source.kind == "markdown" and line.lstrip().startswith("#")
        if not wrapped or heading or gap.count("\n") > 1 or _starts_item(line) or is_chrome(line):
            flush()
        if heading:
            blocks.append(Block(line, range(start, end), heading=True))
        elif wrapped and not is_chrome(line):
            run.append((start, end))
        else:
            blocks.append(Block(line, range(start, end)))
    flush()
    return blocks


def _has_wrapped_lines(text: str) -> bool:
    """True when some paragraph continues on the next line (a line ends mid-sentence)."""
    return bool(re.search(r"[a-z,;]\r?\n[^\S\n]*[a-z(]", text))


def _starts_item(line: str) -> bool:
    return bool(re.match(r"\s*(\d{1,3}[.)]|[-*•])\s+", line))


#: Any of these anywhere in a line makes it chrome; one pattern, so that a line is searched once.
_CHROME = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            r"^\s*\[\s*pdf\s*\]\s*$",
            r"copyright|©|all rights reserved",
            r"last updated",
            r"^\s*please send comments",
            r"^\s*(skip to|back to top|print this page|share this)",
            r"^\s*[—–\-|\s]*$",
            r"^\s*\S+@\S+\s*$",
            r"^\s*https?://\S+\s*$",
        )
    ),
    re.IGNORECASE,
)


def is_chrome(line: str) -> bool:
    """Page furniture: menus ("A | B | C"), "[pdf]", copyright and "last updated" footers."""
    if line.count(" | ") >= 2 or line.rstrip().endswith(" |"):
        return True
    return bool(_CHROME.search(line))


_SKIP = {
    "nav",
    "header",
    "footer",
    "script",
    "style",
    "noscript",
    "aside",
    "form",
    "menu",
    "select",
    "button",
    "template",
    "svg",
    "head",
    "iframe",
}
_BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dd",
    "dt",
    "dl",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "br",
    "hr",
    "body",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "figure",
    "figcaption",
    "address",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Renderer(HTMLParser):
    """Collect the visible text of block elements (entities decoded, white space collapsed),
    skipping navigation, headers, footers, scripts and other chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip: list[str] = []
        self.skipping: Counter[str] = Counter()  # how many of each tag `skip` holds, so an end tag need not scan it
        self.blocks: list[tuple[str, bool]] = []
        self.chars: list[str] = []
        self.heading = False
        self.title: list[str] = []  # pieces, joined once: adding to one string copies it each time
        self._in_title = False

    def flush(self) -> None:
        rendered = " ".join("".join(self.chars).split())
        if rendered:
            self.blocks.append((rendered, self.heading))
        self.chars, self.heading = [], False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._in_title = self._in_title or tag == "title"
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip.append(tag)
                self.skipping[tag] += 1
        elif tag in _BLOCK and not self.skip:
            self.flush()
            self.heading = tag[0] == "h" and tag[1:].isdigit()

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"
        if tag in _SKIP:
            if self.skipping[tag]:
                while self.skip:
                    closed = self.skip.pop()
                    self.skipping[closed] -= 1
                    if closed == tag:
                        break
        elif tag in _BLOCK and not self.skip:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self.skip:
            self.chars.append(data)


def html_text(source: SourceText) -> tuple[str, list[bool], str]:
    """The visible text of an HTML page, one line per block (navigation, header, footer and
    scripts dropped), whether each line is a heading, and the page title."""
    renderer = _Renderer()
    renderer.feed(source.text)
    renderer.close()
    renderer.flush()
    text = "".join(f"{block}\n" for block, _ in renderer.blocks)
    return text, [heading for _, heading in renderer.blocks], " ".join("".join(renderer.title).split())


def render(source: SourceText) -> tuple[str, list[Block], str]:
    """The text that offsets count into, its blocks, and the title the file gives (HTML only).

    Plain text and Markdown are their own text. An HTML page is rendered to plain text first
    (one line per block); the draft then cites that rendering as its source file, so that
    every quote is the verbatim slice its offsets name.
    """
    if source.kind == "pdf":  # the text layer, one line per line of the page
        return source.text, text_blocks(SourceText(source.path, source.sha256, source.text, "text")), ""
    if source.kind != "html":
        return source.text, text_blocks(source), ""
    text, headings, title = html_text(source)
    rendered = SourceText(source.path, source.sha256, text, "text")
    found = text_blocks(rendered)
    flags = iter(headings)
    return text, [Block(b.text, b.offsets, next(flags, False)) for b in found], title
