"""govgraph: a knowledge graph of digital-governance commitments.

The small public API: load the graph, validate it, build it.
"""

from . import explore, network
from .building import BuildResult, build
from .errors import GovgraphError, InputError
from .export import FORMATS as EXPORT_FORMATS
from .export import export_dataset
from .ingest import EXTRACTOR_VERSION, MergeRefused, extract, ingest_file, merge_draft, review_table, validate_draft
from .loading import load, load_store
from .publish import publish
from .queries import find_query, list_queries, run_checks
from .site import build_site
from .stats import count_summary
from .store import ResultTable, Store, open_store, temporary_store
from .shacl_sparql import UnsupportedShapeError
from .validate import ENGINES, Finding, ValidationReport, validate, validate_store

__all__ = [
    "ENGINES",
    "EXPORT_FORMATS",
    "EXTRACTOR_VERSION",
    "MergeRefused",
    "BuildResult",
    "Finding",
    "GovgraphError",
    "InputError",
    "ResultTable",
    "Store",
    "UnsupportedShapeError",
    "ValidationReport",
    "build",
    "build_site",
    "count_summary",
    "explore",
    "export_dataset",
    "extract",
    "find_query",
    "ingest_file",
    "list_queries",
    "merge_draft",
    "load",
    "load_store",
    "network",
    "open_store",
    "publish",
    "review_table",
    "run_checks",
    "temporary_store",
    "validate",
    "validate_draft",
    "validate_store",
]
__version__ = "0.1.0"
