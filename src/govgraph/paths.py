"""Where govgraph finds its ontology, data, queries and build output."""

import os
from pathlib import Path

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
#: The combined, validated graph written by `govgraph build`, one named graph per source: a
#: link into the current build version (`govgraph.versions`), followed when a reader opens it.
BUILD_FILE = BUILD_DIR / "govgraph.nq"
#: The persistent embedded store (pyoxigraph) filled by `govgraph build`; a link like BUILD_FILE.
STORE_DIR = BUILD_DIR / "store"


def data_files(root: Path = DATA_DIR) -> list[Path]:
    """Every curated Turtle file under data/, in a stable order; drafts are not curated yet."""
    return sorted(p for p in root.rglob("*.ttl") if "drafts" not in p.relative_to(root).parts)
