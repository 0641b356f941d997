"""govgraph: a knowledge graph of digital-governance commitments.

The small public API: load the graph, validate it, build it. Its names are imported on first
use, so `import govgraph.cli` reads no paths before `govgraph --home DIR` has set the home.
"""

import importlib
import sys
import types

__version__ = "0.1.0"

#: Public name -> the module defining it (relative to this package).
_API = {
    "BuildResult": "building",
    "build": "building",
    "GovgraphError": "errors",
    "InputError": "errors",
    "EXPORT_FORMATS": "export",
    "export_dataset": "export",
    "EXTRACTOR_VERSION": "ingest",
    "MergeRefused": "ingest",
    "extract": "ingest",
    "ingest_file": "ingest",
    "merge_draft": "ingest",
    "review_table": "ingest",
    "validate_draft": "ingest",
    "load": "loading",
    "load_store": "loading",
    "publish": "publish",
    "find_query": "queries",
    "list_queries": "queries",
    "run_checks": "queries",
    "build_site": "site",
    "open_store": "source",
    "count_summary": "stats",
    "ResultTable": "store",
    "Store": "store",
    "temporary_store": "store",
    "UnsupportedShapeError": "shacl_sparql",
    "ENGINES": "validate",
    "Finding": "validate",
    "ValidationReport": "validate",
    "validate": "validate",
    "validate_store": "validate",
}
#: Names the module defines under another name.
_RENAMED = {"EXPORT_FORMATS": "FORMATS"}
#: Subpackages that are part of the API themselves.
_SUBPACKAGES = ("explore", "network")

__all__ = sorted([*_API, *_SUBPACKAGES])


def __getattr__(name: str) -> object:
    """Import a public name on first use."""
    if name in _SUBPACKAGES:
        return importlib.import_module(f"{__name__}.{name}")
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_API[name]}"), _RENAMED.get(name, name))
    setattr(sys.modules[__name__], name, value)
    return value


class _Package(types.ModuleType):
    """Keeps `govgraph.build`, `.publish` and `.validate` the functions once their modules are imported.

    Importing a submodule binds its name in the package; three public functions share their
    module's name, and the function must win, as it did when this file imported them eagerly.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and name in _API:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
