"""`edition ids [--write] FILE.xml`: the xml:ids a TEI source lacks, given through its ledger.

A source inside an edition (<edition>/sources/<id>.xml) is aligned with its
document's ledger, as a build would: ids written into the file then never
contradict the ids the edition published. The source and the ledger are
written together, all or nothing, under the edition's lock.
"""

from __future__ import annotations

from pathlib import Path

from edition.anchors.idwriter import add_missing_ids
from edition.anchors.ledger import Ledger, ledger_file, load_ledger
from edition.anchors.promise import moved_anchors
from edition.commands.checking import edition_of
from edition.core.diagnostics import EditionError, error
from edition.core.folder import EditionFolder, write_atomic
from edition.core.lock import edition_lock
from edition.core.writeset import write_all
from edition.project.sources import SOURCE_DIR
from edition.tei.xml import parse


def give_ids(path: Path, write: bool) -> list[str]:
    """The ids added (or that would be added) to `path`; EditionError when they would break a promise."""
    home = _edition_home(path)
    if home is None:  # a file on its own: nothing was published from it
        if not path.is_file():  # missing, a folder, or a FIFO that reading would wait on for ever
            raise EditionError([error(str(path), 1, 1, "no-such-source", "no such file (or not a regular file)",
                                      "give the path of a TEI file")])
        data, added, _ = add_missing_ids(path.read_bytes(), str(path))
        if write and added:
            write_atomic(path, data)
        return added
    folder, relative = home
    doc_id = relative.stem
    if not write:
        return _aligned(folder, relative, doc_id)[1]
    with edition_lock(folder, "ids --write"):
        data, added, ledger = _aligned(folder, relative, doc_id)
        if added:
            write_all(folder, {relative.as_posix(): data, ledger_file(doc_id): ledger.to_json()})
        return added


def _aligned(folder: EditionFolder, relative: Path, doc_id: str) -> tuple[bytes, list[str], Ledger]:
    data, added, ledger = add_missing_ids(folder.read_bytes(relative), folder.shown(relative),
                                          load_ledger(folder, doc_id))
    tree = parse(data, folder.shown(relative))
    if problems := moved_anchors(tree, ledger, folder.shown(relative), lambda el: (el.sourceline or 1, 1)):
        raise EditionError(problems)
    return data, added, ledger


def _edition_home(path: Path) -> tuple[EditionFolder, Path] | None:
    """The edition whose sources/ holds `path`, and the path inside it; None for a file of no edition."""
    edition_dir = edition_of(path)
    if edition_dir is None or path.parent.resolve() != (edition_dir / SOURCE_DIR).resolve():
        return None
    return EditionFolder(edition_dir), Path(SOURCE_DIR) / path.name
