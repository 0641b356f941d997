"""Where govgraph finds its ontology, data, queries and build output."""

import os
from pathlib import Path

from .errors import GovgraphError

#: The repository root: GOVGRAPH_HOME when set, else the checkout this package was installed from.
PROJECT_ROOT = Path(os.environ.get("GOVGRAPH_HOME", Path(__file__).resolve().parents[2]))
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "govgraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
RECOMMENDATIONS_FILE = ONTOLOGY_DIR / "recommendations.ttl"
DATA_DIR = PROJECT_ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
QUERIES_DIR = PROJECT_ROOT / "queries"
CHECKS_DIR = QUERIES_DIR / "checks"
BUILD_DIR = Path(os.environ.get("GOVGRAPH_BUILD", PROJECT_ROOT / "build"))
#: The combined, validated graph written by `govgraph build`, one named graph per source.
BUILD_FILE = BUILD_DIR / "govgraph.nq"
#: The persistent embedded store (pyoxigraph) filled by `govgraph build`.
STORE_DIR = BUILD_DIR / "store"


def data_files(root: Path = DATA_DIR) -> list[Path]:
    """Every curated Turtle file under data/, in a stable order; drafts are not curated yet."""
    return sorted(p for p in root.rglob("*.ttl") if "drafts" not in p.relative_to(root).parts)


def source_path(name: str, data_dir: Path = DATA_DIR) -> Path:
    """The source text a gg:sourceFile names (a path relative to data/), resolved, symlinks included.

    gg:sourceFile comes from the data or a remote endpoint, so it is untrusted: a name that is
    absolute or leads (by `..` or a symlink) out of `data_dir`/sources/ raises GovgraphError.
    """
    sources = (Path(data_dir) / SOURCES_DIR.name).resolve()
    try:
        path = (Path(data_dir) / name).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
        raise GovgraphError(f"gg:sourceFile {name!r} cannot be resolved (a symlink loop?): not read") from None
    if not path.is_relative_to(sources):
        # Relative to the data folder: the app shows this message to its viewers.
        raise GovgraphError(f"gg:sourceFile {name!r} lies outside {Path(data_dir).name}/{SOURCES_DIR.name}/: not read")
    return path
