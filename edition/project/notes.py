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

from edition.core.diagnostics import Diagnostic, EditionError, error
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

    for number, line in enumerate(folder.read_text(relative).splitlines(), start=1):
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
