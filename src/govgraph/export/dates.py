"""The release date stamped on exports, chosen so that the bytes stay reproducible.

Today's date or a file's modification time would change the bytes from one run to the
next, so the date comes from, in order: the ``SOURCE_DATE_EPOCH`` environment variable
(the reproducible-builds convention, seconds since 1970, read as UTC); else the committer
date of the repository's latest git commit; else none (the date is left out).
"""

import os
import subprocess
from datetime import UTC, datetime

from .. import paths

#: The first publication of the dataset (dcterms:issued); it never changes.
ISSUED = "2026-11-29"


def release_date() -> str | None:
    """YYYY-MM-DD from SOURCE_DATE_EPOCH, else from the latest git commit, else None."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d")
    try:
        done = subprocess.run(
            ["git", "-C", str(paths.PROJECT_ROOT), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return datetime.fromtimestamp(int(done.stdout.strip()), tz=UTC).strftime("%Y-%m-%d")
