"""glossary.toml: terms with their meaning, matched with the original-language words of the texts."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
from conftest import CONTENT

from edition.build.stages import build


def _glossary(site: Path) -> dict[str, str]:
    page = lxml.html.parse(str(site / "glossary.html"))
    return {dt.text_content(): dt.getnext().text_content() for dt in page.xpath("//dl[@class='glossary']/dt")}


def test_a_term_takes_its_words_from_the_text_by_name_or_variant(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "glossary.toml").write_text(
        '[vernyi]\nname = "Verniy"\nlanguage = "ru-Latn"\nvariants = ["vernyi"]\nmeaning = "true, faithful"\n\n'
        '[perestroika]\nname = "perestroika"\nlanguage = "ru-Latn"\nmeaning = "reconstruction"\n',
        encoding="utf-8")
    build(content, tmp_path / "site", search=False, jobs=1)
    entries = _glossary(tmp_path / "site")
    # 'vernyi' in the Soviet record (a variant here) joins the term, with its meaning and its place.
    assert "true, faithful" in entries["Verniy (ru-Latn)"]
    assert "Soviet Record of Conversation" in entries["Verniy (ru-Latn)"]
    assert "vernyi (ru-Latn)" not in entries  # not listed twice
    assert entries["perestroika (ru-Latn)"].strip().endswith("Not yet in the texts.")
    # A word no term names keeps its own entry.
    assert "po kotoromu ni odin protsent ne spaset (ru-Latn)" in entries


def test_a_bad_language_tag_and_an_unknown_key_are_located_warnings(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "glossary.toml").write_text(
        '[vernyi]\nname = "vernyi"\nlanguage = "Russian!"\ncolour = "red"\n', encoding="utf-8")
    result = build(content, tmp_path / "site", search=False, jobs=1)
    found = {(d.file.rpartition("/")[2], d.line, d.code) for d in result.diagnostics}
    assert ("glossary.toml", 3, "register-value") in found and ("glossary.toml", 4, "register-unknown-key") in found


def test_the_bundled_glossary_gives_the_meaning_of_the_soviet_record_s_russian(built_site: Path) -> None:
    entries = _glossary(built_site)
    assert "tried and true" in entries["vernyi (ru-Latn)"]
