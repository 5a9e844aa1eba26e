"""`edition new DIR`: a working edition to start from, every option explained."""

from __future__ import annotations

from pathlib import Path

from edition.core.diagnostics import EditionError, error

EDITION_TOML = '''\
# The edition's settings. Only `title` is required; every other line is optional.

title = "My edition"

# Who made it, shown on every page and in citations.
# editors = ["Jane Doe", "John Roe"]
# publisher = "My university"
# licence = "CC BY 4.0"
# licence_url = "https://creativecommons.org/licenses/by/4.0/"

# Where the site will be published, for absolute URLs in BibTeX, RIS and CSL-JSON.
# base_url = "https://example.org/my-edition/"

# The language of the texts, and of words in square brackets that are not English.
# language = "en"
# original_language = "ru-Latn"

# Speaker labels that name a person differently, mapped to the person's id.
# [speakers]
# "THE PRESIDENT" = "bush"

# Documents that were published and then renamed or removed: old id = new id.
# [moved]
# "old-document" = "new-document"
'''

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
    if folder.exists() and any(folder.iterdir()):
        raise EditionError([error(str(folder), 1, 1, "new-not-empty", "the folder is not empty",
                                  "choose a new folder; nothing was changed")])
    files = {
        "edition.toml": EDITION_TOML,
        "sources/example.txt": EXAMPLE,
        "pages/index.md": INDEX_MD,
        "persons.toml": PERSONS_TOML,
        "README.md": README,
        ".gitignore": "site/\n.edition-cache/\n",
    }
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (folder / "notes").mkdir()
    return written
