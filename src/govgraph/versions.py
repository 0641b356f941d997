"""Build versions: every build is written into a folder of its own, and one rename makes it current.

    build/versions/v20261203T160000-1a2b3c4d5e6f/  govgraph.nq and store/ of one build
    build/current  -> versions/v…   switched by renaming a new link over it
    build/previous -> versions/v…   kept: readers that opened it before the switch still read it
    build/govgraph.nq -> current/govgraph.nq,  build/store -> current/store   (the documented paths)

A link rather than renameat2(RENAME_EXCHANGE): the N-Quads file and the store are two documented
paths that must change together. One `current` link switches both in one rename, on any POSIX
file system, and a reader that resolves the path when it opens it keeps that version.
"""

import fcntl
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .atomic import point, remove_leftovers
from .confine import output_path

VERSIONS, CURRENT, PREVIOUS = "versions", "current", "previous"
#: Builds into one folder take turns on this lock file (released by the kernel if a build is killed).
LOCK = ".build.lock"
_VERSION_NAME = re.compile(r"v\d{8}T\d{6}-[0-9a-f]{12}")


@contextmanager
def new_version(root: Path, entries: list[str]) -> Iterator[Path]:
    """Yield a fresh version folder under `root`; when the block succeeds it becomes current.

    `entries` are the names the build writes into the folder (govgraph.nq, store); each gets a
    stable link `root/NAME -> current/NAME`. Leftovers of killed builds and versions older than
    the previous one are removed before and after.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _prune(root, entries)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        folder = output_path(root, f"{VERSIONS}/v{stamp}-{secrets.token_hex(6)}")
        folder.mkdir(parents=True)
        try:
            yield folder
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        for name in entries:
            _link(root / name, f"{CURRENT}/{name}")
        _switch(root, folder)
        _prune(root, entries)


def _link(link: Path, destination: str) -> None:
    if not (link.is_symlink() and os.readlink(link) == destination):
        point(link, destination)


def _switch(root: Path, folder: Path) -> None:
    """Make `folder` current and the version it replaces previous."""
    current = root / CURRENT
    if current.is_symlink() and os.readlink(current) != f"{VERSIONS}/{folder.name}":
        point(root / PREVIOUS, os.readlink(current))
    point(current, f"{VERSIONS}/{folder.name}")


def _prune(root: Path, entries: list[str]) -> None:
    """Remove versions other than current and previous, and what killed or older builds left behind."""
    keep = {Path(os.readlink(root / name)).name for name in (CURRENT, PREVIOUS) if (root / name).is_symlink()}
    versions = root / VERSIONS
    if versions.is_dir():
        for folder in versions.iterdir():
            if _VERSION_NAME.fullmatch(folder.name) and folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)
    for name in [*entries, CURRENT, PREVIOUS]:
        remove_leftovers(root / name)
    for name in entries:  # staging folders of builds before versions: .store-XXXX and store.old
        for legacy in [*root.glob(f".{name}-*"), root / f"{name}.old"]:
            if legacy.is_dir() and not legacy.is_symlink():
                shutil.rmtree(legacy, ignore_errors=True)


def built_at(path: Path) -> datetime:
    """When the build that `path` (a store or N-Quads file, through its links) belongs to was made, in UTC.

    The stamp of its version folder; for a store outside any version folder, the folder's own time."""
    resolved = Path(path).resolve()
    for folder in [resolved, *resolved.parents]:
        if _VERSION_NAME.fullmatch(folder.name):
            return datetime.strptime(folder.name[1:16], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return datetime.fromtimestamp(resolved.stat().st_mtime, UTC)
