"""govgraph: a knowledge graph of digital-governance commitments.

The small public API: load the graph, validate it, build it.
"""

from . import network
from .build import BuildResult, build
from .errors import GovgraphError, InputError
from .export import FORMATS as EXPORT_FORMATS
from .export import export_dataset
from .loading import load, load_store
from .publish import publish
from .queries import find_query, list_queries, run_checks
from .site import build_site
from .stats import count_summary
from .store import ResultTable, Store, open_store, temporary_store
from .validate import Finding, ValidationReport, validate

__all__ = [
    "EXPORT_FORMATS",
    "BuildResult",
    "Finding",
    "GovgraphError",
    "InputError",
    "ResultTable",
    "Store",
    "ValidationReport",
    "build",
    "build_site",
    "count_summary",
    "export_dataset",
    "find_query",
    "list_queries",
    "load",
    "load_store",
    "network",
    "open_store",
    "publish",
    "run_checks",
    "temporary_store",
    "validate",
]
__version__ = "0.1.0"
