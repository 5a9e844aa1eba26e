"""A rebuild that makes only what changed, and still the same bytes as a clean build.

The build asks this module, output by output, whether the previous site's file can stand: its
inputs' digest must equal the record's (record.py) and its bytes the digest recorded for them.
What stands is linked into the new site; everything else is made as in a clean build, and
recorded for the next one. So one edited document re-renders its own files, the pages that show
something of it that changed (its neighbours' pages when its title or date moved, the pages
across documents when its summary changed), and one search bundle (search.py).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from edition.build.cache import BuildCache, sweep
from edition.build.inputs import document_inputs, environment_digest, known_inputs, remember_inputs
from edition.build.pipeline import Outcome, PageJob
from edition.build.record import (
    DocumentRecord,
    GroupRecord,
    Kept,
    Made,
    PageRecord,
    SiteRecord,
    digest,
    encode_record,
    keep,
    kept_again,
    load_record,
    record_name,
    save_record,
)
from edition.core.outputs import DocumentFiles
from edition.project.edition import Edition
from edition.project.sources import Source
from edition.site.pagegroups import PageGroup
from edition.site.search import Page, uncached
from edition.site.writer import (
    Identity,
    Staging,
    identified,
    keep_previous,
    known_digests,
    remember_digests,
    unchanged,
)


class Reuse:
    """The previous build's record, this build's, and the checks between them. With no secret
    (`--no-cache`) or no previous site, nothing is reused or recorded."""

    def __init__(self, edition: Edition, out_dir: Path, secret: bytes, staging: Staging):
        self.edition, self.out_dir, self.secret, self.staging = edition, out_dir, secret, staging
        self.on = bool(secret)
        self.cache = BuildCache(edition, secret) if self.on else None
        self.environment = environment_digest(edition.folder, self.cache.environment, out_dir) if self.cache else ""
        self.computed = self.cache.computed if self.cache else uncached  # for work kept by its material alone
        previous = staging.previous
        self.old, old_inputs = load_record(edition.folder, secret, out_dir) if self.on and previous \
            else (SiteRecord(), [])
        self.encoded: msgspec.Raw | None = None  # this build's record, once complete (`encode`)
        self.new = SiteRecord()
        self.made: set[str] = set()  # the documents this build made (their source names)
        # The new site's files as this build checked or wrote them (writer.known_digests).
        self.identities: dict[str, Identity] = {}
        if self.old.known_environment == self.environment:  # (the digests of inputs include it)
            remember_inputs(self.environment, old_inputs)
        remember_digests(self.old.known_files)

    # -- documents ---------------------------------------------------------------------------------

    def kept_documents(self, sources: Sequence[Source]) -> dict[str, Outcome]:
        """The outcomes of the unchanged documents, by source name; their files are linked from
        the previous site in a process of their own (`Staging.link_later`) while this one reads
        their summaries and goes on. Checked in this thread: the checks are mostly Python, and four
        threads contending for the interpreter took 2.2 s for 1,000 documents where one takes 1.0 s."""
        records = {source.name: record for source in sources if (record := self._unchanged(source)) is not None}
        self.staging.link_later([path for record in records.values() for path in record.files])
        found = {}
        for source in sources:
            if (record := records.get(source.name)) is not None:
                self.new.documents[source.name] = record
                if (outcome := self._kept(source, record)) is not None:
                    found[source.name] = outcome
                else:  # an older record's summary: the document is built again
                    self.forget(source.name)
        return found

    def _unchanged(self, source: Source) -> DocumentRecord | None:
        """The record of a document whose inputs are unchanged and whose files in the previous
        site are as recorded; None when it is to be built (changed, new, or its files not as recorded)."""
        record = self.old.documents.get(source.name)
        previous = self.staging.previous
        if record is None or previous is None or not record.inputs:
            return None
        if document_inputs(self.environment, source, self.edition.folder) != record.inputs:
            return None
        return record if self._all_unchanged(previous, record.files) else None

    def _all_unchanged(self, previous: Path, files: dict[str, str]) -> bool:
        """Whether the previous site's files are as recorded (path → SHA-256); their identities are kept."""
        for path, sha in files.items():
            identity = unchanged(previous, path, sha)
            if identity is None:
                return False
            self.identities[path] = identity
        return True

    def _digest(self, path: str) -> str:
        """The digest of a file this build wrote (its identity is kept)."""
        self.identities[path], found = identified(self.staging.root / path, written=True)
        return found

    @staticmethod
    def _kept(source: Source, record: DocumentRecord) -> Outcome | None:
        """The outcome of an unchanged document, from its record; None when the record's summary
        is not one this tool reads."""
        try:
            kept = kept_again(record)
        except ValueError:
            return None
        return Outcome(source.name, list(kept.diagnostics), kept.summary, list(kept.declarations),
                       list(kept.changes), list(kept.unhandled), inputs=record.inputs)

    def built(self, outcome: Outcome) -> None:
        """Record a document this build made (when it can be kept at all)."""
        if not self.on or not outcome.inputs or outcome.summary is None or outcome.source in self.new.documents:
            return
        files = DocumentFiles(outcome.summary.meta.id)
        paths = [path for path in files.all if path != files.page and (self.staging.root / path).is_file()]
        kept = keep(Kept(outcome.summary, outcome.diagnostics, outcome.declarations, outcome.changes,
                         outcome.unhandled))
        self.made.add(outcome.source)
        self.new.documents[outcome.source] = DocumentRecord(
            outcome.inputs, kept, hashlib.sha256(kept).hexdigest(), digest(outcome.summary.meta),
            {path: self._digest(path) for path in paths}, outcome.cached)

    def recorded(self, done: list[Outcome]) -> dict[str, DocumentRecord | None]:
        """This build's record of each document so far, by document id (in the order of `done`)."""
        return {o.summary.meta.id: self.new.documents.get(o.source) for o in done if o.summary is not None}

    def page_group_inputs(self, group: PageGroup, recorded: dict[str, DocumentRecord | None],
                          earlier: dict[str, str]) -> str:
        """The digest of what a group of pages across documents is made from: its values, the
        digests of the metadata of the documents it names, and the inputs of the `earlier` groups
        it includes."""
        if not self.on:
            return ""
        metadata = [record.meta if (record := recorded.get(doc)) else None for doc in group.metadata_of]
        included = [earlier.get(name) or None for name in group.includes]
        if None in metadata or None in included:
            return ""  # a document not recorded, or a group not recorded: made again
        return self.group_inputs(group.name, group.values, metadata, included)

    def forget(self, source: str) -> None:
        """Take a kept document's linked files out of the new site, to build it again."""
        record = self.new.documents.pop(source)
        self.staging.settle()
        for path in record.files:
            (self.staging.root / path).unlink()

    # -- document pages ----------------------------------------------------------------------------

    def page_inputs(self, job: PageJob, inputs: str, previous: str | None, following: str | None) -> str:
        """A page's inputs: its document's, what it shows of its neighbours (`previous`, `following`:
        the digests of their metadata), and the links to entries and side-by-side pages."""
        if not self.on or not inputs or previous is None or following is None:
            return ""
        return digest(inputs.encode(), (previous or "").encode(), (following or "").encode(), job.scope.encode(),
                      [job.links, job.parallels])

    def kept_pages(self, paths: list[str], inputs: list[str]) -> list[Page | None]:
        """Per page, the previous site's when it was made from the same inputs (linked by the
        linker process, `Staging.link_later`, like the documents' other files); else None."""
        kept = [self._kept_page(path, made) for path, made in zip(paths, inputs, strict=True)]
        self.staging.link_later([page.path for page in kept if page is not None])
        return kept

    def _kept_page(self, path: str, inputs: str) -> Page | None:
        record = self.old.pages.get(path)
        previous = self.staging.previous
        if not inputs or record is None or previous is None or record.made.inputs != inputs \
                or not self._all_unchanged(previous, {path: record.made.sha256}):
            return None
        self.new.pages[path] = record
        return Page(path, record.size, record.search)

    def waiting_page(self, inputs: str) -> bytes | None:
        """What a kept document's page is rendered from, as its last build kept it."""
        return self.cache.waiting_page(inputs) if self.cache and inputs else None

    def rendered_page(self, page: Page, inputs: str, cached: list[str]) -> None:
        if inputs:
            self.new.pages[page.path] = PageRecord(Made(inputs, self._digest(page.path)),
                                                   page.size, page.digest, cached)

    # -- outputs made together ---------------------------------------------------------------------

    def kept_group(self, name: str, inputs: str, owner: Callable[[str], str]) -> bool:
        """Link a group of outputs from the previous site when made from the same inputs."""
        old, previous = self.old.groups.get(name), self.staging.previous
        if not inputs or old is None or old.inputs != inputs or previous is None \
                or (record := self._as_recorded(name)) is None:
            return False
        for path in sorted(record.files):
            self.staging.claim(path, owner(path))
            keep_previous(self.staging.root, path, previous)
        self.new.groups[name] = record
        return True

    def _as_recorded(self, name: str) -> GroupRecord | None:
        """The previous build's record of group `name`, when its files in the previous site are as recorded."""
        record, previous = self.old.groups.get(name), self.staging.previous
        return record if record is not None and previous is not None \
            and self._all_unchanged(previous, record.files) else None

    def made_group(self, name: str, inputs: str, paths: list[str], parts: dict[str, str] | None = None) -> None:
        if inputs:
            self.new.groups[name] = GroupRecord(inputs, {path: self._digest(path) for path in paths},
                                                parts or {})

    def archive_parts(self, paths: list[str], digests: list[str] | None) -> dict[str, str]:
        """What each member of an archive of these files (by file name) is made from: its bytes'
        digest (under this build's environment, see `unchanged_parts`); empty when a digest is not recorded."""
        if not self.on or digests is None:
            return {}
        return {path.rpartition("/")[2]: sha for path, sha in zip(paths, digests, strict=True)}

    def unchanged_parts(self, name: str, path: str, parts: dict[str, str]) -> tuple[Path | None, frozenset[str]]:
        """The previous site's archive made as group `name` (when its bytes are as recorded, and in
        the same environment: the tool compresses), and the members of `parts` it holds made from
        the same: they can be copied from it."""
        record, previous = self._as_recorded(name), self.staging.previous
        if record is None or previous is None or path not in record.files \
                or self.old.known_environment != self.environment:
            return None, frozenset()
        return previous / path, frozenset(member for member, made in parts.items() if record.parts.get(member) == made)

    def digests(self, paths: list[str], done: list[Outcome]) -> list[str] | None:
        """The recorded digests of documents' files (one per document, in order); None when a
        document is not recorded, so that what is made from them is made again."""
        found = []
        for path, outcome in zip(paths, done, strict=True):
            record = self.new.documents.get(outcome.source)
            if record is None or path not in record.files:
                return None
            found.append(record.files[path])
        return found

    def group_inputs(self, *parts: Any) -> str:
        """The digest of a group's inputs; empty (made again, not recorded) when a part is None."""
        return digest(self.environment, *parts) if self.on and None not in parts else ""

    def encode(self) -> None:
        """Encode this build's record, once every output is made or kept (the ledgers may still be
        unwritten): the build does it while Pagefind runs, not after the swap."""
        if self.on:
            self.encoded = self._encoded()

    def _encoded(self) -> msgspec.Raw:
        new = self.new
        in_site = set(new.pages)
        for document in new.documents.values():
            in_site.update(document.files)
        for group in new.groups.values():
            in_site.update(group.files)
        # (In the order checked or written, which the same builds repeat: 160,000 paths need no sorting.)
        new.known_files = known_digests(identity for path, identity in self.identities.items() if path in in_site)
        new.known_environment = self.environment
        return encode_record(new)

    def save(self) -> None:
        """Keep this build's record for the next (after the swap: it describes the site now in place,
        and after the ledgers are written: its known inputs include them)."""
        if self.on:
            encoded = self.encoded if self.encoded is not None else self._encoded()
            # The documents built this time become known too (their own files are small): their
            # inputs were digested in the workers, from the ledger as written rather than as read.
            # The kept ones are known from this build's check.
            recorded = [source for source in self.edition.sources if source.name in self.new.documents]
            for source in recorded:
                if source.name in self.made:
                    document_inputs(self.environment, source, self.edition.folder)
            sources = {str(source.path) for source in recorded}
            save_record(self.edition.folder, self.secret, self.out_dir, encoded,
                        [entry for entry in known_inputs(self.environment) if entry[0] in sources])

    def sweep_cache(self) -> None:
        """Remove the cache entries no build has used for a while (cache.sweep), keeping those this
        site was made with: a template's edit builds every page again from them."""
        if self.cache is not None:
            needed = {record_name(self.out_dir), *self.cache.used}
            for document in self.new.documents.values():
                needed.update(document.cached)
            for page in self.new.pages.values():
                needed.update(page.cached)
            sweep(self.edition.folder, needed, time.time())
