"""The one CSV writer: RFC 4180 fields, for the result tables, the export tables and the network metrics.

A field is quoted only when it holds a comma, a double quote or a line break (Python's csv
module leaves a lone carriage return unquoted when lines end in LF, which splits the row in
some readers); quotes inside are doubled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

_SPECIAL = frozenset(',"\r\n')


def field(text: str) -> str:
    """One value as a CSV field."""
    if _SPECIAL.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def write(rows: Iterable[Sequence[str]], line_end: str = "\r\n") -> str:
    """Rows of text as CSV, each line ended by `line_end` (CRLF, as RFC 4180 asks, unless told)."""
    return "".join(",".join(map(field, row)) + line_end for row in rows)
