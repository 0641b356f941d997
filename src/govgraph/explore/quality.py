"""The Data quality report for the app, computed in a child process.

Validating a million triples holds about a gigabyte while it runs (the store it loads, the shapes'
answers); in the app's own process that memory stays with the app for its lifetime. A child
process returns the findings and gives everything else back when it exits. The report comes back
without its SHACL terms (`results`, `context`): the app shows findings, and `govgraph validate
--format ttl` writes the standard report.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import GovgraphError
from ..paths import HOME_ENV, PROJECT_ROOT
from ..validate import ValidationReport


def _validate_here(home: str) -> ValidationReport:
    """In the child: validate the curated data of `home` and keep what the app shows."""
    os.environ[HOME_ENV] = home  # before govgraph reads its paths in this fresh interpreter
    from govgraph.validate import validate

    report = validate()
    report.results = []
    report.context = type(report.context)()
    return report


def report() -> ValidationReport:
    """The validation report of the curated data (govgraph.validate.validate), run in a child process."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing of the app's memory is copied
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            return pool.submit(_validate_here, str(PROJECT_ROOT)).result()
    except BrokenProcessPool as error:
        raise GovgraphError(f"validation stopped before it finished ({error})") from None
