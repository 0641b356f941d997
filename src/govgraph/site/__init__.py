"""The static linked-data site: resource pages, ontology documentation and a local preview server."""

from .ontology import ontology_page
from .pages import Site, build_site
from .serve import make_server, serve

__all__ = ["Site", "build_site", "make_server", "ontology_page", "serve"]
