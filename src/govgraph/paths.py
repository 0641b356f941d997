"""Where govgraph finds its ontology, data, queries and build output."""

import errno
import os
from importlib import resources
from pathlib import Path

from .errors import GovgraphError, InputError

#: The checkout this package runs from, when it runs from one (src/govgraph/ -> the repository root).
CHECKOUT = Path(__file__).resolve().parents[2]
#: The environment variable naming the home folder (`govgraph --home DIR` sets it).
HOME_ENV = "GOVGRAPH_HOME"


def running_from_checkout() -> bool:
    """True when this package is the src/ of a govgraph checkout (an editable install or PYTHONPATH), not a wheel."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "ontology" / "govgraph.ttl").is_file()


def home() -> Path:
    """The folder holding data/ and build/: $GOVGRAPH_HOME, else the checkout, else the current folder."""
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV])
    return CHECKOUT if running_from_checkout() else Path.cwd()


#: The home folder (data/, build/), read once at import: `govgraph --home` sets $GOVGRAPH_HOME before that.
PROJECT_ROOT = home()


def resource_dir(name: str) -> Path:
    """ontology/, queries/ or app/: a named home's own copy when it has one, else the checkout's, else the wheel's.

    A wheel carries them as govgraph/_ontology, _queries and _app (see setup.py). A home named by
    --home or $GOVGRAPH_HOME may bring its own copy (a changed ontology, more questions); the
    current folder of an installed govgraph is not searched, so a stray folder there changes nothing.
    """
    if os.environ.get(HOME_ENV) and (PROJECT_ROOT / name).is_dir():
        return PROJECT_ROOT / name
    if running_from_checkout():
        return CHECKOUT / name
    return Path(str(resources.files(__package__).joinpath(f"_{name}")))


ONTOLOGY_DIR = resource_dir("ontology")
ONTOLOGY_FILE = ONTOLOGY_DIR / "govgraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
RECOMMENDATIONS_FILE = ONTOLOGY_DIR / "recommendations.ttl"
#: The JSON-LD context published with the ontology.
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
QUERIES_DIR = resource_dir("queries")
CHECKS_DIR = QUERIES_DIR / "checks"
#: The explorer (Streamlit): streamlit_app.py and its app_pages/.
APP_DIR = resource_dir("app")
DATA_DIR = PROJECT_ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
#: $GOVGRAPH_BUILD when set and not empty, else build/ in the home.
BUILD_DIR = Path(os.environ.get("GOVGRAPH_BUILD") or PROJECT_ROOT / "build")
#: The combined, validated graph written by `govgraph build`, one named graph per source: a
#: link into the current build version (`govgraph.versions`), followed when a reader opens it.
BUILD_FILE = BUILD_DIR / "govgraph.nq"
#: The persistent embedded store (pyoxigraph) filled by `govgraph build`; a link like BUILD_FILE.
STORE_DIR = BUILD_DIR / "store"


def data_files(root: Path = DATA_DIR) -> list[Path]:
    """Every curated Turtle file under data/, in a stable order; drafts are not curated yet."""
    return sorted(readable_file(p) for p in root.rglob("*.ttl") if "drafts" not in p.relative_to(root).parts)


def readable_file(path: Path) -> Path:
    """`path`, once it is known to be a regular file this process can read; else an InputError naming it.

    Catches what would otherwise surface later as a traceback: a symbolic link that loops or
    points nowhere, a folder named like a file, a file without read permission.
    """
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a symlink loop this way
        raise InputError(path, "a symbolic link that loops (it never reaches a file)") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(path, "a symbolic link that loops (it never reaches a file)") from None
        raise InputError(path, "a symbolic link to nothing" if path.is_symlink() else "no such file") from None
    if not path.is_file():
        raise InputError(path, "not a regular file (a folder or a device?)")
    if not os.access(path, os.R_OK):
        raise InputError(path, "cannot be read (permission denied)")
    return path


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
