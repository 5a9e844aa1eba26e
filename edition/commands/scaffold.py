"""`edition new DIR`: a working edition to start from, every option explained."""

from __future__ import annotations

import textwrap
from pathlib import Path

from edition.core.diagnostics import EditionError, error
from edition.project.config import OPTIONS


def edition_toml() -> str:
    """The edition.toml of a new edition: every option of Config, explained, with an example.

    Required options are set to their example; the others are commented out. Tables
    come last, since in TOML every key after a [table] line belongs to that table.
    """
    required = ", ".join(f"`{o.name}`" for o in OPTIONS if o.required)
    lines = [f"# The edition's settings. Only {required} is required; every other line is optional."]
    for o in sorted(OPTIONS, key=lambda o: o.is_table):
        setting = [f"[{o.name}]", *o.example.splitlines()] if o.is_table else [f"{o.name} = {o.example}"]
        lines += ["", *(f"# {line}" for line in textwrap.wrap(o.help, 88)),
                  *(s if o.required else f"# {s}" for s in setting)]
    return "\n".join(lines) + "\n"


EXAMPLE = '''\
Record of Conversation between J. Smith and A. Petrov

12 March 1990

J. SMITH. Welcome to the talks. We are glad that you could come [to Geneva].

A. PETROV. Thank you. As we say, [luchshe pozdno, chem nikogda].

J. SMITH. Let us begin with verification. (Pause.)

[Next page missing in the original.]
'''

INDEX_MD = '''\
Write the introduction to your edition here, in Markdown. It opens the home page.

Editorial pages go beside this file: `method.md` becomes *pages/method.html*,
titled by its first `# heading`.
'''

PERSONS_TOML = '''\
# The persons register: one table per person, keyed by the id that speeches point to.
#
# [smith]
# name = "John Smith"
# variants = ["J. Smith"]
# role = "Head of the delegation"
# wikidata = "Q…"
# bio = "A short biography, in Markdown."
'''

README = '''\
# Your edition

- `sources/` — transcripts (`.txt`, as the archive publishes them) and TEI (`.xml`).
  The file name is the document's id and its address: `documents/<id>.html`.
- `pages/` — the introduction (`index.md`) and editorial pages, in Markdown.
- `notes/<id>.md` — your commentary on a document: `## p3` starts the note on paragraph 3.
- `persons.toml` — full names, roles and biographies of the speakers.
- `edition.toml` — the edition's settings, each one explained there.

Build the site with `edition build . --out site`, or preview it while you work
with `edition serve`. Check your sources with `edition validate .`.
'''


def new_edition(folder: Path) -> list[Path]:
    """Create the files of a new edition; refuse to touch a folder that holds anything."""
    for place in (folder, *folder.parents):  # a file, or a link to nothing, where a folder must be made
        if place.is_symlink() and not place.exists():
            raise EditionError([error(str(folder), 1, 1, "new-not-folder", f"{place} is a link to nothing",
                                      "choose a new folder; nothing was changed")])
        if place.exists():
            if not place.is_dir():
                raise EditionError([error(str(folder), 1, 1, "new-not-folder", f"{place} is a file, not a folder",
                                          "choose a new folder; nothing was changed")])
            break
    if folder.exists() and any(folder.iterdir()):
        raise EditionError([error(str(folder), 1, 1, "new-not-empty", "the folder is not empty",
                                  "choose a new folder; nothing was changed")])
    files = {
        "edition.toml": edition_toml(),
        "sources/example.txt": EXAMPLE,
        "pages/index.md": INDEX_MD,
        "persons.toml": PERSONS_TOML,
        "README.md": README,
        ".gitignore": "site/\n.edition-cache/\n.edition-lock\n",
    }
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (folder / "notes").mkdir()
    return written
