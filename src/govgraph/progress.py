"""Progress reports for long work: one line a step, on stderr so that stdout stays clean.

Build, validate and the benchmark generator report through `Delayed`: a run shorter than two
seconds (or $GOVGRAPH_PROGRESS_AFTER; 0 reports every step) prints nothing, a longer one says
which step it is in.
"""

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from .errors import GovgraphError

#: Called with a short message at the start of each step.
Progress = Callable[[str], None]
#: Seconds a run may take before it reports its steps.
AFTER_ENV = "GOVGRAPH_PROGRESS_AFTER"
DEFAULT_AFTER = 2.0


def stderr_progress(message: str) -> None:
    """Report a step on stderr, at once."""
    print(message, file=sys.stderr, flush=True)


def silent(message: str) -> None:
    """Report nothing: the default for library calls."""


def progress_after() -> float:
    """Seconds of quiet before progress is reported: $GOVGRAPH_PROGRESS_AFTER, else two."""
    text = os.environ.get(AFTER_ENV, "").strip()
    try:
        return float(text) if text else DEFAULT_AFTER
    except ValueError:
        raise GovgraphError(f"${AFTER_ENV} is {text!r}: give a number of seconds (0 reports every step)") from None


class Delayed:
    """Steps reported only once a run has taken `delay` seconds: quick runs stay quiet, long ones never silent.

    The step under way when the delay ends is reported then, by a timer, so that one long step
    is not silent either; every later step is reported as it starts. `close` (or leaving a
    `with` block) stops the timer.
    """

    def __init__(self, report: Progress = stderr_progress, delay: float | None = None) -> None:
        self.report = report
        self.delay = progress_after() if delay is None else delay
        self.started = time.monotonic()
        self.pending: str | None = None
        self.closed = False
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None

    def __call__(self, message: str) -> None:
        with self.lock:
            if self.closed:
                return
            left = self.delay - (time.monotonic() - self.started)
            if left <= 0:
                self.report(message)
                return
            self.pending = message
            if self.timer is None:
                self.timer = threading.Timer(left, self._due)
                self.timer.daemon = True
                self.timer.start()

    def _due(self) -> None:
        with self.lock:
            if not self.closed and self.pending is not None:
                self.report(self.pending)
            self.pending = None

    def close(self) -> None:
        """Report nothing more: a step still pending was too short to mention."""
        with self.lock:
            self.closed, self.pending = True, None
        if self.timer is not None:
            self.timer.cancel()

    def __enter__(self) -> "Delayed":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()


@contextmanager
def reporting(progress: Progress | None) -> Iterator[Progress]:
    """`progress` as given, or else a `Delayed` report on stderr for the length of the block."""
    if progress is not None:
        yield progress
        return
    with Delayed() as delayed:
        yield delayed
