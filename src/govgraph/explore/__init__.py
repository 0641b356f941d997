"""What the explorer app shows, computed through the one Store interface.

Every function here takes a `govgraph.store.Store` (the embedded store or a remote SPARQL
endpoint) and returns plain Python values, so the Streamlit pages hold no SPARQL at all and
every page works the same on either store.
"""

from .document import DocumentText, Passage, document_text, source_documents
from .downloads import citation, hits_csv, hits_xlsx, long_date
from .entity import Entity, Found, Link, Paragraph, describe, find_entities, labels, paragraph_text
from .facets import BREAKDOWNS, COUNTED, FACETS, Facet, FacetValue, Overview, breakdown, facet_values, overview
from .glossary import COUNT_MEANINGS, GLOSSARY
from .launch import connect, source
from .markup import Mention, highlight
from .search import Hit, count, search

__all__ = [
    "BREAKDOWNS",
    "COUNTED",
    "COUNT_MEANINGS",
    "FACETS",
    "DocumentText",
    "Entity",
    "Facet",
    "FacetValue",
    "GLOSSARY",
    "Found",
    "Hit",
    "Link",
    "Mention",
    "Overview",
    "Paragraph",
    "Passage",
    "breakdown",
    "connect",
    "describe",
    "document_text",
    "facet_values",
    "find_entities",
    "highlight",
    "labels",
    "long_date",
    "citation",
    "count",
    "hits_csv",
    "hits_xlsx",
    "overview",
    "paragraph_text",
    "search",
    "source",
    "source_documents",
]
