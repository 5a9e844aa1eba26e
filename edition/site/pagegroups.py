"""A group of pages across documents made together, with what it is made from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageGroup:
    """Pages made by one call of `make`, from the environment every page shares (tool, templates,
    configuration, registers) and: `values`, the metadata of the documents in `metadata_of`, and
    what the groups in `includes` are made from.
    A rebuild makes the group again only when one of these changed (edition.build.reuse), so
    each group should name no more than it shows: an edit to one document then makes again
    only the pages that show something of it."""

    name: str  # unique in the site: the path of its page when it has one
    make: Callable[[], dict[str, bytes]]
    values: Any = ()  # dataclasses, lists, tuples, dicts and scalars (None would read as unknown)
    metadata_of: tuple[str, ...] = ()  # document ids
    includes: tuple[str, ...] = ()  # earlier groups whose inputs are among this one's
