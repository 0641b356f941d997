"""The release date stamped on exports: SOURCE_DATE_EPOCH, else the latest git commit, never today."""

import subprocess
from datetime import UTC, datetime

import pytest

from govgraph import paths
from govgraph.export.dates import release_date


def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1682812800")  # 2023-04-30T00:00:00Z, the day of Annex 4
    assert release_date() == "2023-04-30"


def test_otherwise_the_latest_commit_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    done = subprocess.run(["git", "-C", str(paths.PROJECT_ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    if done.returncode != 0:
        assert release_date() is None
        return
    expected = datetime.fromtimestamp(int(done.stdout), tz=UTC).strftime("%Y-%m-%d")
    assert release_date() == expected
