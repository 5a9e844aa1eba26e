"""Permanent anchors: the ledger of every anchor ever published, alignment of a document's
elements with it, releases, tombstones and the Changes page's record."""
