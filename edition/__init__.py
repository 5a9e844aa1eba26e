"""edition: archival transcripts and TEI → validated TEI corpus → static critical-edition site."""

__version__ = "0.1.0"
