"""Seeded, deterministic synthetic transcripts in the Digital Archive's conventions.

Used by the benchmarks: varied speakers, supplied and original-language words,
gaps, events and paragraph lengths, with the archive's page furniture.
"""

from __future__ import annotations

import random
from pathlib import Path

SURNAMES = ["GORBACHEV", "BAKER", "SHEVARDNADZE", "AKHROMEEV", "KOHL", "GENSCHER", "THATCHER", "MITTERRAND",
            "SCOWCROFT", "CHERNYAEV", "DOBRYNIN", "SHULTZ", "YAKOVLEV", "HURD", "DUMAS", "ZOELLICK"]
INITIALS = ["M.S.", "J.", "E.A.", "S.F.", "H.", "H.-D.", "M.", "F.", "B.", "A.S.", "A.F.", "G.", "A.N.", "D.", "R."]
WORDS = ("the of and to in that we it is on for this with you as are be not our have will at they but all from "
         "by an position question range treaty missiles verification agreement forces negotiations europe "
         "security reduction warheads level issue problem side proposal discussion government president "
         "minister conference people time years new important political military economic soviet american "
         "german unification alliance nato pact troops withdrawal weapons nuclear conventional limits").split()
SUPPLIED = ["less than ideal", "but", "one of", "with missiles", "in this respect", "also", "the Soviet side",
            "the Americans", "of forces", "that is"]
FOREIGN = ["vernyi", "po kotoromu ni odin protsent ne spaset", "khorosho", "vsyo ravno", "nezavisimost",
           "uskorenie", "glasnost", "nichego", "konechno", "sblizhenie"]
GAPS = ["[Next two pages omitted in the original.]", "[One page missing]", "[illegible]",
        "[3 lines illegible]", "[Remainder of the record not available.]"]
EVENTS = ["(Laughter.)", "(Pause.)", "(Everyone laughs)", "(Applause)"]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 24))
    text = " ".join(words).capitalize()
    roll = rng.random()
    if roll < 0.08:
        text += f" [{rng.choice(SUPPLIED)}]"
    elif roll < 0.12:
        text += f" [{rng.choice(FOREIGN)}]"
    text += "."
    if roll > 0.985:
        text += " " + rng.choice(GAPS)
    elif roll > 0.97:
        text += " " + rng.choice(EVENTS)
    return text


def transcript(seed: int, target_chars: int = 9000) -> str:
    rng = random.Random(seed)
    cast = rng.sample(range(len(SURNAMES)), k=rng.randint(2, 5))
    speakers = [f"{INITIALS[i % len(INITIALS)]} {SURNAMES[i]}" for i in cast]
    year = rng.randint(1985, 1991)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    title = f"Record of Conversation between {speakers[0].title()} and {speakers[1].title()}"
    lines = ["Skip to content", f"{months[month - 1]} {day}, {year}", title,
             "This document was made possible with support from Leon Levy Foundation",
             f"between {speakers[0].title()} and {speakers[1].title()}", f"{day} {months[month - 1]} {year}"]
    size = 0
    while size < target_chars:
        label = rng.choice(speakers) + rng.choice([".", "."])
        paragraph = f"{label} \u00a0" + " \u00a0".join(_sentence(rng) for _ in range(rng.randint(1, 6)))
        lines.append(paragraph)
        size += len(paragraph)
        for _ in range(rng.choice([0, 0, 1, 2])):
            more = " \u00a0".join(_sentence(rng) for _ in range(rng.randint(1, 6)))
            lines.append(more)
            size += len(more)
    lines += [f"{speakers[0].title()} and {speakers[1].title()} discuss questions of European security.",
              "Document Information", "Copy from National Security Archive, George Washington University.",
              "The History and Public Policy Program welcomes reuse of Digital Archive materials.",
              "Original Uploaded Date", "Memorandum of Conversation", "Record ID", "Leon Levy Foundation"]
    return "\n\n\n".join(lines) + "\n"


def write_edition(folder: Path, documents: int, seed: int = 1) -> Path:
    """An edition folder with `documents` synthetic transcripts."""
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    (folder / "edition.toml").write_text('title = "Synthetic edition"\npublisher = "bench"\n'
                                         'base_url = "https://example.org/synthetic/"\n', encoding="utf-8")
    # The speakers reconciled, as an editor would: each is one person across the documents.
    (folder / "persons.toml").write_text("".join(
        f'[{surname.lower()}]\nname = "{initials} {surname.title()}"\n\n'
        for surname, initials in zip(SURNAMES, [*INITIALS, "R."], strict=True)), encoding="utf-8")
    for number in range(documents):
        (sources / f"doc-{number:05d}.txt").write_text(transcript(seed * 1_000_003 + number), encoding="utf-8")
    return folder
