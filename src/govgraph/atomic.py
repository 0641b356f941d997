"""Write files and folders so that readers see the old content or the new, never half of either.

Everything is created with the process umask (0644 files and 0755 folders under umask 022), so
a web server running as another user can serve what govgraph writes.
"""

import ctypes
import errno
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import GovgraphError

#: Leftover names this module may leave behind when killed: `.NAME.<hex>.tmp` files and symbolic
#: links, `.NAME.staging-<hex>` and `.NAME.retired-<hex>` folders; `remove_leftovers` clears them.
_TMP, _STAGING, _RETIRED = ".tmp", ".staging-", ".retired-"


def _fresh_name(target: Path, kind: str) -> Path:
    """A name beside `target` that nothing holds yet."""
    token = secrets.token_hex(6)
    return target.with_name(f".{target.name}.{token}{_TMP}" if kind == _TMP else f".{target.name}{kind}{token}")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a fresh temporary path beside `target`; rename it over `target` only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = _fresh_name(target, _TMP)
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # mode 0666 less the umask
            break
        except FileExistsError:
            continue
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_write(target: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file for writing; it replaces `target` only when the block succeeds."""
    with atomic_path(target) as tmp:
        with open(tmp, mode, encoding=None if "b" in mode else encoding, newline="" if "b" not in mode else None) as handle:
            yield handle


def write_bytes(target: Path, data: bytes) -> None:
    """Replace `target` with `data` atomically."""
    with atomic_write(target, "wb") as handle:
        handle.write(data)


def write_text(target: Path, text: str) -> None:
    """Replace `target` with `text` (UTF-8) atomically."""
    with atomic_write(target) as handle:
        handle.write(text)


def point(link: Path, destination: str) -> None:
    """Make the symbolic link `link` point at `destination` in one rename: readers follow the old or the new.

    A real folder at `link` (an older layout) is first moved aside, for `remove_leftovers`.
    """
    if link.is_dir() and not link.is_symlink():
        link.rename(_fresh_name(link, _RETIRED))
    while True:
        tmp = _fresh_name(link, _TMP)
        try:
            os.symlink(destination, tmp)
            break
        except FileExistsError:
            continue
    try:
        os.replace(tmp, link)
    finally:
        tmp.unlink(missing_ok=True)


def remove_leftovers(target: Path) -> None:
    """Remove what killed runs left beside `target`: temporary files and links, staging and retired folders."""
    target = Path(target)
    if not target.parent.is_dir():
        return
    for entry in target.parent.iterdir():
        name = entry.name
        if name.startswith(f".{target.name}.") and name.endswith(_TMP):
            entry.unlink(missing_ok=True)
        elif name.startswith((f".{target.name}{_STAGING}", f".{target.name}{_RETIRED}")):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() and not entry.is_symlink() else entry.unlink(
                missing_ok=True
            )


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step with Linux renameat2(RENAME_EXCHANGE); False where that is unavailable."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first))


@contextmanager
def replaced_folder(target: Path, marker: str) -> Iterator[Path]:
    """Yield an empty staging folder; when the block succeeds it replaces the folder `target` as a whole.

    Readers of `target` see the old folder or the new one, never files of both. `marker` is a file
    that every folder this writer produces holds: an existing non-empty `target` without it was not
    written by govgraph and is refused rather than replaced. Leftovers of killed runs are removed first.
    """
    target = Path(target)
    if target.is_symlink():  # --out links to the folder a web server serves: replace that folder
        target = target.resolve()
    if target.exists() and not target.is_dir():
        raise GovgraphError(f"{target} is a file, not a folder: give --out a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / marker).is_file():
        raise GovgraphError(f"{target} holds files govgraph did not write (no {marker}): give --out a new or empty folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    staging = _fresh_name(target, _STAGING)
    staging.mkdir()  # mode 0777 less the umask
    try:
        yield staging
        if not target.exists():
            staging.rename(target)
        elif _exchange(staging, target):
            pass  # staging now holds the old folder, removed below
        else:  # no atomic exchange here: a short moment without `target`, never a mix
            retired = _fresh_name(target, _RETIRED)
            target.rename(retired)
            staging.rename(target)
            shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
