"""The website: XSLT transform, Jinja pages, citations, indexes, search, and the one writer."""
