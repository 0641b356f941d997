"""The next build removes what killed builds left: staging folders, temporary files, retired stores.

`.store-*` staging folders and `.govgraph.nq.*.tmp` files of killed builds used to stay forever.
"""

from pathlib import Path

from ..conftest import run_cli
from .test_kill import BUILD_ENTRIES


def test_the_next_build_removes_what_killed_builds_left(project_copy: Path) -> None:
    build = project_copy / "build"
    assert run_cli("build", home=project_copy).returncode == 0
    left = [
        build / ".store-k1ll3d",
        build / "store.old",
        build / ".store.staging-0123456789ab",
        build / "versions" / "v20260101T000000-0123456789ab",
    ]
    for folder in left:
        (folder / "000001.sst").parent.mkdir(parents=True)
        (folder / "000001.sst").write_bytes(b"partial")
    for name in (".govgraph.nq.ab12cd34.tmp", ".current.0123456789ab.tmp"):
        (build / name).write_bytes(b"partial")
    assert run_cli("build", home=project_copy).returncode == 0
    assert {p.name for p in build.iterdir()} == BUILD_ENTRIES
    assert len(list((build / "versions").iterdir())) == 2  # current and previous


def test_a_build_over_the_layout_before_versions_replaces_it(project_copy: Path) -> None:
    build = project_copy / "build"
    assert run_cli("build", home=project_copy).returncode == 0
    nquads = (build / "govgraph.nq").read_bytes()
    for entry in ("current", "previous", "govgraph.nq", "store"):
        (build / entry).unlink(missing_ok=True)
    current = next((build / "versions").iterdir())
    (current / "govgraph.nq").rename(build / "govgraph.nq")  # a plain file and a plain folder, as builds wrote them
    (current / "store").rename(build / "store")
    assert run_cli("build", home=project_copy).returncode == 0
    assert (build / "store").is_symlink() and (build / "govgraph.nq").read_bytes() == nquads
    assert {p.name for p in build.iterdir()} == BUILD_ENTRIES - {"previous"}
    assert run_cli("stats", home=project_copy).returncode == 0
