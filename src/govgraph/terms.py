"""Show IRIs the way people read them: prefixed names where a known namespace fits.

The one shortener: the app, the reports, the site, the CLI tables and the exports all call
`short`, so an IRI reads the same everywhere.
"""

from .namespaces import PREFIXES

#: (namespace, prefix), longest namespace first, so that the most specific prefix wins.
_BY_LENGTH = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[0]))


def _plain(local: str) -> bool:
    """Whether `local` can follow `prefix:` as written, in Turtle and SPARQL alike."""
    return bool(local) and all(c.isalnum() or c in "-_." for c in local) and not local.endswith(".")


def short(iri: str) -> str:
    """`https://w3id.org/govgraph/id/forum/igf` → `forum:igf`; other IRIs come back whole."""
    for namespace, prefix in _BY_LENGTH:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if _plain(local):
                return f"{prefix}:{local}"
    return iri
