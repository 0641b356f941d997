"""Output paths that stay inside their output folder, whatever IRI or name they were made from.

Every writer (site, export, build, ingest drafts) turns its relative names into paths here: a
crafted IRI such as `https://w3id.org/govgraph//etc/x` must not become the file `/etc/x`.
"""

import errno
import os
from pathlib import Path
from urllib.parse import unquote

from .errors import GovgraphError

#: The longest file name most file systems accept, in bytes.
MAX_NAME_BYTES = 255


def _problem(relative: str) -> str | None:
    """Why `relative` is not a plain relative path of ordinary names, or None."""
    if not relative:
        return "the name is empty"
    if any(ord(c) < 32 or c == "\x7f" for c in relative):
        return "it holds a control character"
    if "\\" in relative:
        return "it holds a backslash"
    if relative.startswith("/"):
        return "it is absolute"
    for segment in relative.split("/"):
        # A web server decodes %2e%2e to `..` and %2f to `/`: judge the segment as it would.
        decoded = unquote(segment)
        if decoded in ("", ".", "..") or "/" in decoded or "\\" in decoded:
            return f"it has the segment {segment!r}"
        if len(segment.encode("utf-8")) > MAX_NAME_BYTES - 8:  # room for an extension
            return f"a segment is longer than {MAX_NAME_BYTES - 8} bytes"
    return None


def output_path(root: Path, relative: str, source: str | None = None) -> Path:
    """`root / relative`, refused unless it is a plain relative path that stays inside `root`.

    Refused: absolute paths, empty, `.` and `..` segments (also percent-encoded), backslashes,
    control characters (NUL included), over-long names, and symbolic links inside `root` that
    lead out of it. `source` (an IRI, a document id) is named in the one-line error.
    """
    problem = _problem(relative)
    target = Path(root) / relative
    if problem is None and not target.resolve().is_relative_to(Path(root).resolve()):
        problem = "a symbolic link leads it outside"
    if problem is not None:
        raise _refusal(root, relative, source, problem)
    return target


class Folder:
    """Many files written under one root with `output_path`'s guarantee, checking each folder once rather than each file.

    A name is checked as a string; its folder is resolved (symbolic links followed) the first time
    it is written into, and made then; the file itself is opened without following a link. A site
    of twenty-five thousand files then costs a few hundred resolutions, not twenty-five thousand.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._real_root = os.path.realpath(self.root)
        self._ready: set[str] = set()

    def write(self, relative: str, data: str | bytes, source: str | None = None) -> str:
        """Write `data` (text as UTF-8) at `relative` under the root; return the path written."""
        problem = _problem(relative)
        folder = relative.rpartition("/")[0]
        if problem is None and folder not in self._ready:
            problem = self._enter(folder)
        target = os.path.join(self.root, relative)
        if problem is None:
            try:
                handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
            except OSError as error:
                if error.errno != errno.ELOOP:
                    raise
                problem = "it is a symbolic link"
        if problem is not None:
            raise _refusal(self.root, relative, source, problem)
        try:  # os.write, not a file object: a file object asks the system three more things per file
            left = memoryview(data.encode("utf-8") if isinstance(data, str) else data)
            while left:
                left = left[os.write(handle, left) :]
        finally:
            os.close(handle)
        return target

    def _enter(self, folder: str) -> str | None:
        """Make `folder` once it is known to stay inside the root; why not, or None."""
        path = os.path.join(self.root, folder)
        real = os.path.realpath(path)
        if real != self._real_root and not real.startswith(self._real_root + os.sep):
            return "a symbolic link leads it outside"
        os.makedirs(path, exist_ok=True)
        self._ready.add(folder)
        return None


def _refusal(root: Path, relative: str, source: str | None, problem: str) -> GovgraphError:
    origin = f" (from {source})" if source else ""
    return GovgraphError(f"refusing to write {relative!r}{origin} under {root}: {problem}")


def write_inside(root: Path, relative: str, data: str | bytes, source: str | None = None) -> Path:
    """Write `data` (text as UTF-8) at `output_path(root, relative, source)`, making its folders."""
    target = output_path(root, relative, source)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return target
