"""govgraph: a knowledge graph of digital-governance commitments.

The small public API: load the graph, validate it, build it.
"""

from . import network
from .build import BuildResult, build
from .errors import GovgraphError, InputError
from .export import FORMATS as EXPORT_FORMATS
from .export import export_dataset
from .loading import load, load_store
from .site import build_site
from .stats import count_summary
from .validate import Finding, ValidationReport, validate

__all__ = [
    "EXPORT_FORMATS",
    "BuildResult",
    "Finding",
    "GovgraphError",
    "InputError",
    "ValidationReport",
    "build",
    "build_site",
    "count_summary",
    "export_dataset",
    "load",
    "load_store",
    "network",
    "validate",
]
__version__ = "0.1.0"
