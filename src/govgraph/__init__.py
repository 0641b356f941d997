"""govgraph: a knowledge graph of digital-governance commitments.

The small public API: load the graph, validate it, build it.
"""

from .build import BuildResult, build
from .errors import GovgraphError, InputError
from .loading import load, load_store
from .stats import count_summary
from .validate import Finding, ValidationReport, validate

__all__ = [
    "BuildResult",
    "Finding",
    "GovgraphError",
    "InputError",
    "ValidationReport",
    "build",
    "count_summary",
    "load",
    "load_store",
    "validate",
]
__version__ = "0.1.0"
