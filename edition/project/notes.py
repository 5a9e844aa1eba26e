"""Editorial commentary in Markdown: content/notes/<doc-id>.md, one note per anchor.

    ## p3
    The "[less than ideal]" is the translator's; the Russian has *ne ideal'no*.

    ## sp2 Shevardnadze's reply
    …

A level-2 heading names the anchor (an xml:id of the document) the note is
attached to; anything after the id is the note's title. Notes are numbered in
the order of their anchors in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.core.diagnostics import Diagnostic, EditionError, error, warning
from edition.core.folder import EditionFolder
from edition.project.images import outside_images
from edition.project.markdown import render_markdown

NOTES_DIR = "notes"
_HEADING = re.compile(r"^##\s+(?P<anchor>[^\s#]+)\s*(?P<title>.*)$")


@dataclass(frozen=True)
class Note:
    anchor: str
    title: str
    html: str
    line: int


def read_notes(folder: EditionFolder, doc_id: str, anchors: set[str]) -> tuple[list[Note], list[Diagnostic]]:
    relative = f"{NOTES_DIR}/{doc_id}.md"
    if problem := folder.problem(relative):
        return [], [problem]
    if not folder.is_file(relative):
        return [], []
    path = folder.path(relative)
    notes: list[Note] = []
    problems: list[Diagnostic] = []
    current: tuple[str, str, int] | None = None
    body: list[str] = []

    def close() -> None:
        if current is not None:
            anchor, title, line = current
            if anchor not in anchors:
                problems.append(error(str(path), line, 4, "note-anchor",
                                      f"'{anchor}' is not an anchor of {doc_id}",
                                      "use the id of a speech or paragraph (sp3, p12) as shown in the page's links"))
            else:
                text = "\n".join(body)
                try:
                    html = render_markdown(text, str(path), line + 1)
                    notes.append(Note(anchor, title, html, line))
                    problems.extend(outside_images(html, text, str(path), line + 1))
                except EditionError as failure:
                    problems.extend(failure.diagnostics)

    # Lines end at "\n" alone, as editors and diagnostics count them (splitlines() also breaks at
    # \v, \f and U+2028, which a pasted text may hold).
    for number, line in enumerate(folder.read_text(relative).replace("\r\n", "\n").split("\n"), start=1):
        if match := _HEADING.match(line):
            close()
            current, body = (match["anchor"], match["title"].strip(), number), []
        elif current is not None:
            body.append(line)
        elif line.strip():
            problems.append(error(str(path), number, 1, "note-outside",
                                  "text before the first '## anchor' heading belongs to no note",
                                  "start each note with a line '## p12' naming its anchor"))
    close()
    return notes, problems


def notes_without_document(folder: EditionFolder, doc_ids: list[str]) -> list[Diagnostic]:
    """A warning for each file in notes/ that no document reads: notes are found by the document's id,
    so after a source is renamed (or a note file misnamed) its notes would vanish without a word."""
    if folder.problem(NOTES_DIR, "folder") or not folder.is_dir(NOTES_DIR):
        return []  # a folder that cannot be read is reported where each note file is read
    by_folded = {doc_id.casefold(): doc_id for doc_id in doc_ids}
    problems = []
    for relative in folder.entries(NOTES_DIR):
        if relative.name.startswith(".") or (relative.suffix == ".md" and relative.stem in doc_ids):
            continue
        near = by_folded.get(relative.stem.casefold())
        fix = f"rename it to {NOTES_DIR}/{near}.md" if near else \
            f"name it after the document's source: {NOTES_DIR}/<id>.md for sources/<id>.txt or .xml"
        problems.append(warning(folder.shown(relative), 1, 1, "note-file",
                                f"'{relative.name}' is the notes of no document; they are not shown", fix))
    return problems
