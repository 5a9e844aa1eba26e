"""`edition serve`'s first answer to a save: the edited documents' pages, put live at once.

A rebuild of a large edition takes seconds (the pages across documents, the registers, the TEI
download); an editor looking at the page they edit should not wait for them. So when only
sources changed, their pages are rendered first — with their neighbours and links as the last
build had them — and each replaces its old page in the served site, one file at a time. The full
build follows straight away and swaps in a complete site, byte-identical to a clean build; this
is a preview of its page, not a second way of building.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from edition.build.pipeline import Shared, check_and_transform, render_page, start_worker
from edition.core.diagnostics import Severity
from edition.core.outputs import DocumentFiles
from edition.site.remover import mark_as_staging, remove_staging

if TYPE_CHECKING:
    from edition.build.stages import BuildResult


def preview(last: BuildResult, out_dir: Path, changed: set[Path], secret: bytes) -> list[str]:
    """Put the pages of the changed sources live in out_dir; returns their paths in the site, or
    nothing when a preview cannot stand for the next build (a file other than a known source
    changed, a document failed or is new) and the full build alone answers."""
    edition = last.edition
    if edition is None or not changed:
        return []
    sources = {Path(os.path.realpath(source.path)): source for source in edition.sources}
    edited = [sources[real] for path in sorted(changed) if (real := Path(os.path.realpath(path))) in sources]
    if len(edited) != len(changed) or any(source.id not in last.pages for source in edited):
        return []
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.preview-", dir=out_dir.parent))
    mark_as_staging(work)
    try:
        start_worker(Shared(edition, work, None, secret, False, last.environment))
        rendered = []
        for source in edited:
            outcome = check_and_transform(source)
            if outcome.summary is None or any(d.severity is Severity.ERROR for d in outcome.diagnostics):
                return []
            meta = outcome.summary.meta
            render_page(replace(last.pages[source.id], meta=meta, page=outcome.page))
            rendered.append(DocumentFiles(meta.id).page)
        for path in rendered:
            os.replace(work / path, out_dir / path)  # the old page or the new, never half of one
        return rendered
    finally:
        remove_staging(work)
