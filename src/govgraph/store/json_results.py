"""SPARQL 1.1 Query Results JSON read as it arrives: the rows of a SELECT in chunks, never the whole document.

Python's json module reads whole documents only; here each binding is decoded alone
(`JSONDecoder.raw_decode`) as soon as its text has arrived, and the other members (head,
link…) whole, being small. pyoxigraph's streaming parser would do, but it refuses Virtuoso's
blank-node labels (``nodeID://b1``). Rows become terms through `results.from_json_binding`,
the one converter, or stay lexical values.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..errors import GovgraphError
from .results import ResultTable, Selection, from_json_binding
from .worker import CHUNK_ROWS

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"
#: Consumed text kept before the buffer is cut: cutting costs a copy, so not after every row.
_KEEP = 1 << 20


class MalformedResult(GovgraphError):
    """The answer is not the SPARQL JSON of a SELECT; the caller adds where it came from."""


class _Text:
    """The answer's text as it arrives from `read` (bytes; b"" at the end), decoded from UTF-8."""

    def __init__(self, read: Callable[[], bytes]) -> None:
        self._read = read
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.pos = 0
        self.ended = False

    def more(self) -> bool:
        """Read the next piece of the answer; False at its end."""
        if self.ended:
            return False
        data = self._read()
        try:
            piece = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise MalformedResult(f"malformed SELECT result: not UTF-8 ({error.reason})") from None
        self.ended = not data
        if self.pos > _KEEP:
            self.text, self.pos = self.text[self.pos :], 0
        self.text += piece
        return True

    def peek(self) -> str:
        """The next character that is not white space, left unread."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                raise MalformedResult("malformed SELECT result: the answer ends early")

    def take(self, expected: str) -> None:
        if self.peek() != expected:
            raise MalformedResult(f"malformed SELECT result: not SPARQL JSON (expected {expected!r} at character {self.pos})")
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, read whole."""
        self.peek()
        while True:
            try:
                found, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if self.more():
                    continue
                raise MalformedResult(f"malformed SELECT result: not SPARQL JSON ({error.msg})") from None
            if end == len(self.text) and self.more():
                continue  # a number or literal may go on in the next piece
            self.pos = end
            return found

    def members(self) -> Iterator[str]:
        """The names of an object's members; the caller reads each value before asking for the next name."""
        self.take("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            name = self.value()
            if not isinstance(name, str):
                raise MalformedResult("malformed SELECT result: not SPARQL JSON (a member name that is not a string)")
            self.take(":")
            yield name
            if not self._another("}"):
                return

    def items(self) -> Iterator[Any]:
        """The values of an array, each read whole."""
        self.take("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if not self._another("]"):
                return

    def _another(self, closing: str) -> bool:
        """Past the comma before the next member or item (True), or past the `closing` bracket (False)."""
        found = self.peek()
        self.pos += 1
        if found not in (",", closing):
            raise MalformedResult(f"malformed SELECT result: not SPARQL JSON (unexpected {found!r})")
        return found == ","


def frames(
    read: Callable[[], bytes],
    limit: int,
    expected: list[str] | None,
    chunk: int,
    values: bool,
    chunk_read: Callable[[], None] = lambda: None,
) -> Iterator[tuple]:
    """The reply frames of a SELECT (see `results.Selection`) from its SPARQL JSON text, read by `read`.

    At most `limit` rows; reading stops at the one after. With `expected` (the query's
    projection), an answer naming other variables is malformed: callers index rows by the
    variables they asked for. `chunk_read` is called after each chunk is handed on.
    """
    text = _Text(read)
    variables: list[str] | None = None
    waiting: list[Any] = []  # bindings that came before the head (legal JSON, rare): held until it comes
    found: set[str] = set()  # "results" and "bindings", once read
    for name in text.members():
        if name == "head":
            variables = _variables(text.value(), expected)
            yield ("select", variables)
            if waiting:
                rows, truncated = _convert(waiting[:limit], variables, expected, values), len(waiting) > limit
                yield ("rows", rows)
                yield ("end", truncated)
                return
        elif name == "results":
            found.add(name)
            for inner in text.members():
                found.add(inner)
                if inner != "bindings":
                    text.value()
                elif variables is None:
                    waiting = [binding for _, binding in zip(range(limit + 1), text.items())]
                else:
                    yield from _rows(text.items(), variables, expected, limit, chunk, values, chunk_read)
                    return
        else:
            text.value()
    for missing in ("head", "results", "bindings"):
        if missing not in found and (missing != "head" or variables is None):
            raise MalformedResult(f"malformed SELECT result (missing {missing!r})")
    yield ("end", False)


def table_from_json(data: Any, limit: int, expected: list[str] | None = None) -> ResultTable:
    """A ResultTable from a parsed SPARQL JSON document, cut at `limit` rows: the same checks as a streamed answer."""
    text = io.BytesIO(json.dumps(data).encode("utf-8"))
    return Selection(frames(lambda: text.read(1 << 16), limit, expected, CHUNK_ROWS, values=False), limit).table()


def _variables(head: Any, expected: list[str] | None) -> list[str]:
    try:
        variables = [str(name) for name in head["vars"]]
    except (KeyError, TypeError) as error:
        raise MalformedResult(f"malformed SELECT result (missing {error})") from None
    if expected is not None and (set(variables) != set(expected) or len(variables) != len(expected)):
        raise _other_variables(set(variables), expected)
    return variables


def _rows(
    bindings: Iterator[Any],
    variables: list[str],
    expected: list[str] | None,
    limit: int,
    chunk: int,
    values: bool,
    chunk_read: Callable[[], None],
) -> Iterator[tuple]:
    held: list[Any] = []
    sent = 0
    for binding in bindings:
        if sent + len(held) == limit:
            if held:
                yield ("rows", _convert(held, variables, expected, values))
            yield ("end", True)
            return
        held.append(binding)
        if len(held) == chunk:
            yield ("rows", _convert(held, variables, expected, values))
            chunk_read()
            sent, held = sent + chunk, []
    if held:
        yield ("rows", _convert(held, variables, expected, values))
    yield ("end", False)


def _convert(bindings: list[Any], variables: list[str], expected: list[str] | None, values: bool) -> list[tuple]:
    """Rows of terms (or lexical values) for `bindings`, checked against the variables."""
    try:
        if not all(isinstance(binding, Mapping) for binding in bindings):
            raise TypeError("a binding that is not an object")
        if expected is not None:
            for binding in bindings:
                if not binding.keys() <= set(variables):
                    raise _other_variables(set(variables) | set(binding), expected)
        if values:
            return [tuple(str(b[v]["value"]) if v in b else None for v in variables) for b in bindings]
        return [tuple(from_json_binding(b[v]) if v in b else None for v in variables) for b in bindings]
    except (KeyError, TypeError, AttributeError) as error:
        raise MalformedResult(f"malformed SELECT result (missing {error})") from None
    except MalformedResult:
        raise
    except GovgraphError as error:  # a term `from_json_binding` cannot read
        raise MalformedResult(str(error)) from None


def _other_variables(named: set[str], expected: list[str]) -> MalformedResult:
    return MalformedResult(
        f"malformed SELECT result: it has the variables {', '.join(sorted(named))}, the query asked for {', '.join(expected)}"
    )
