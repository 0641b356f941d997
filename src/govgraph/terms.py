"""Show IRIs the way people read them: prefixed names where a known namespace fits."""

from .namespaces import PREFIXES

_BY_LENGTH = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[0]))


def short(iri: str) -> str:
    """`https://w3id.org/govgraph/id/forum/igf` → `forum:igf`; unknown IRIs come back whole."""
    for namespace, prefix in _BY_LENGTH:
        if iri.startswith(namespace) and "/" not in iri[len(namespace):] and "#" not in iri[len(namespace):]:
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
