"""The explorer's pages; `common` holds what they share (store, caches, links)."""
