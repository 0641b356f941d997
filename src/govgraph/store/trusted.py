"""Queries govgraph writes itself, which skip the checked gate's parse; user text never does.

The gate (`govgraph.safety.bind`) parses every text with rdflib, which costs ~0.05 s a
query: seconds for the compiled shape queries. A `TrustedQuery` is built only from the
library's own constants and from text the gate or the shape compiler wrote; a plain `str`
given to a `Store` always takes the gate, so user text cannot reach this path by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..namespaces import sparql_prologue

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_PREFIX_LINE = re.compile(r"^\s*(PREFIX|BASE)\b[^\n]*\n", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class TrustedQuery:
    """A read-only query written by govgraph (never by a user), with govgraph's prefixes declared.

    `text` is what the store runs; `form` is SELECT, ASK, CONSTRUCT or DESCRIBE.
    """

    text: str
    form: str

    @classmethod
    def of(cls, text: str) -> TrustedQuery:
        """The trusted query for govgraph's own `text` (short names may use any prefix of `namespaces`)."""
        body = _PREFIX_LINE.sub("", text)
        found = _FORM.search(body)
        if found is None:
            raise ValueError(f"not a SPARQL query form: {text[:80]!r}")
        return cls(sparql_prologue() + text, found.group(1).upper())
