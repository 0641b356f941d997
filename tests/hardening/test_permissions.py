"""What govgraph writes gets the process umask (0644 files, 0755 folders under umask 022).

Files were written 0600 whatever the umask (tempfile.mkstemp), so a web server running as
another user could not serve the site or the dumps.
"""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import run_cli

FIXTURE = Path(__file__).parents[1] / "fixtures" / "ingest" / "g7-2023-ict-fixture.txt"


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, inherited by the CLI subprocesses."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _modes(folder: Path) -> dict[str, set[str]]:
    """Paths under `folder` (symbolic links not followed) by octal permission bits."""
    found: dict[str, set[str]] = {}
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        if path.name == "LOCK" and path.parent.name == "store":
            continue  # RocksDB's lock file, created by RocksDB itself
        found.setdefault(oct(stat.S_IMODE(path.lstat().st_mode)), set()).add(str(path.relative_to(folder)))
    return found


def _assert_umask_modes(folder: Path) -> None:
    modes = _modes(folder)
    folders = {p for p in modes.get("0o755", set()) if (folder / p).is_dir()}
    files = {p for p in modes.get("0o644", set()) if (folder / p).is_file()}
    wrong = {mode: sorted(paths)[:5] for mode, paths in modes.items() if paths - folders - files}
    assert not wrong, f"not 0644/0755 under {folder}: {wrong}"
    assert files, f"nothing written under {folder}"


def test_build_writes_with_the_umask(project_copy: Path, umask_022: None) -> None:
    result = run_cli("build", home=project_copy)
    assert result.returncode == 0, result.stderr
    _assert_umask_modes(project_copy / "build")


@pytest.mark.parametrize("command", [["export", "--format", "all"], ["site"]])
def test_export_and_site_write_with_the_umask(project_copy: Path, tmp_path: Path, umask_022: None, command: list[str]) -> None:
    out = tmp_path / "out"
    result = run_cli(*command, "--out", str(out), home=project_copy)
    assert result.returncode == 0, result.stderr
    _assert_umask_modes(out)


def test_ingest_draft_is_written_with_the_umask(project_copy: Path, umask_022: None) -> None:
    result = run_cli("ingest", str(FIXTURE), "--id", "umask-check", "--date", "2023-10-14", home=project_copy)
    assert result.returncode == 0, result.stderr
    drafts = project_copy / "data" / "drafts"
    assert {p.name for p in drafts.iterdir()} >= {"umask-check.ttl"}
    _assert_umask_modes(drafts)
