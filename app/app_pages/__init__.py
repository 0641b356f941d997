"""The explorer's pages; `page_parts` holds what they share (store, caches, links)."""
