"""Progress reports for long work: one line a step, on stderr so that stdout stays clean."""

import sys
from collections.abc import Callable

#: Called with a short message at the start of each step.
Progress = Callable[[str], None]


def stderr_progress(message: str) -> None:
    """Report a step on stderr, at once."""
    print(message, file=sys.stderr, flush=True)


def silent(message: str) -> None:
    """Report nothing: the default for library calls."""
