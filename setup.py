"""Ships the top-level ontology/, queries/ and app/ folders inside the package, as govgraph._ontology etc.

The repository keeps them at the top; `govgraph.paths` finds them there in a checkout and in
the installed package otherwise. Everything else about the build is in pyproject.toml.
"""

from setuptools import find_packages, setup

#: Package name in the wheel -> folder in the repository, with the files each ships.
RESOURCES = {
    "govgraph._ontology": ("ontology", ["*.ttl", "*.jsonld"]),
    "govgraph._queries": ("queries", ["*.rq", "checks/*.rq", "plain/*.rq"]),
    "govgraph._app": ("app", ["*.py", "*.svg", "app_pages/*.py"]),
}

setup(
    packages=[*find_packages("src"), *RESOURCES],
    package_dir={"": "src", **{package: folder for package, (folder, _) in RESOURCES.items()}},
    package_data={"govgraph": ["py.typed"], **{package: files for package, (_, files) in RESOURCES.items()}},
)
