"""Small HTML helpers for the static site: every text goes through `esc`, every link through `href`."""

import html
import posixpath
import re
from functools import lru_cache

from ..namespaces import DEFAULT_BASE
from ..terms import short

STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
a{color:#0645ad}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;
border-bottom:1px solid #ddd}th{width:14rem;font-weight:600}code{font-size:.9em}.iri{color:#555;font-size:.9em;word-break:break-all}
.lang{color:#777;font-size:.8em}nav a{margin-right:1rem}blockquote{margin:0;padding-left:1rem;border-left:3px solid #ccc;white-space:pre-wrap}"""


#: What `html.escape` changes: text without any of it is already safe.
_SPECIAL = re.compile("[&<>\"']")


def esc(text: object) -> str:
    """Text safe to place in HTML content or a quoted attribute."""
    text = str(text)
    return html.escape(text, quote=True) if _SPECIAL.search(text) else text


def local_path(iri: str) -> str | None:
    """The site path (without extension) of a govgraph IRI, or None for IRIs of other sites."""
    if not iri.startswith(DEFAULT_BASE):
        return None
    rest = iri[len(DEFAULT_BASE) :]
    if rest.startswith("ontology"):
        fragment = rest.partition("#")[2]
        return "ontology/index" + (f"#{fragment}" if fragment else "")
    if not rest or rest.endswith("/") or "#" in rest:
        return None
    return rest  # may still be hostile (`/abs`, `..`): the writer refuses it through confine.output_path


def href(iri: str, from_page: str, pages: "set[str] | None" = None) -> str | None:
    """A link from the page at `from_page` (site path) to `iri`: relative for our pages, absolute otherwise.

    With `pages` (the IRIs that have a page), a govgraph IRI without a page is not linked.
    """
    path = local_path(iri)
    if path is not None and pages is not None and not path.startswith("ontology") and iri not in pages:
        return None
    if path is not None:
        target, _, fragment = path.partition("#")
        relative = _relative(target + ".html", from_page)
        return relative + (f"#{fragment}" if fragment else "")
    if iri.startswith(("http://", "https://")):
        return iri
    return None  # urn:, mailto:, javascript: … are shown, never linked


def _relative(target: str, from_page: str) -> str:
    """The path of the site file `target` as seen from the page `from_page` (both site paths)."""
    return _relative_to_folder(target, posixpath.dirname(from_page) or ".")


@lru_cache(maxsize=65536)
def _relative_to_folder(target: str, folder: str) -> str:
    """`posixpath.relpath(target, folder)` for two clean site paths, worked out on the strings.

    `relpath` asks the system for the working folder twice a call; the site makes about ten links a page.
    """
    start = [] if folder == "." else folder.split("/")
    path = target.split("/")
    if any(part in ("", ".", "..") for part in start + path):
        return posixpath.relpath(target, folder)
    common = 0
    while common < min(len(start), len(path)) and start[common] == path[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + path[common:]) or "."


def link(iri: str, label: str | None, from_page: str, pages: "set[str] | None" = None) -> str:
    """An <a> to `iri` showing its label (or its prefixed name)."""
    text = esc(label if label else short(iri))
    target = href(iri, from_page, pages)
    return f'<a href="{esc(target)}">{text}</a>' if target else text


def page(title: str, body: str, from_page: str, head: str = "") -> str:
    """A whole HTML document with the shared style and navigation."""
    home = _relative("index.html", from_page)
    onto = _relative("ontology/index.html", from_page)
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{esc(title)} · govgraph</title>\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{head}<style>{STYLE}</style>\n</head>\n'
        f'<body>\n<nav><a href="{esc(home)}">govgraph</a><a href="{esc(onto)}">ontology</a></nav>\n'
        f"<h1>{esc(title)}</h1>\n{body}\n</body>\n</html>\n"
    )
