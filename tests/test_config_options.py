"""Each option of edition.toml is declared once (a field of Config) and the checks, the
scaffold of `edition new` and the table in docs/website.md all follow that declaration."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import REPO

from edition.commands.scaffold import edition_toml
from edition.core.diagnostics import EditionError
from edition.core.docsections import read_section
from edition.core.folder import EditionFolder
from edition.encode import EncodeOptions
from edition.project.config import OPTIONS, Config, docs_table, load_config

WEBSITE_MD = REPO / "docs" / "website.md"


def _load(tmp_path: Path, text: str) -> tuple[Config, list]:
    (tmp_path / "edition.toml").write_text(text, encoding="utf-8")
    return load_config(EditionFolder(tmp_path))


def _is_toml(line: str) -> bool:
    try:
        tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return False
    return bool(line.strip())


def test_the_docs_table_is_the_declaration() -> None:
    written = read_section(WEBSITE_MD.read_text(encoding="utf-8"), "options")
    assert written is not None, "docs/website.md lost its <!-- options:start/end --> markers"
    assert written == docs_table(), (
        "docs/website.md differs from the options of edition/project/config.py; regenerate it with "
        "`python -m edition.project.config docs/website.md`")
    assert re.findall(r"^\| `\[?(\w+)", written, re.M) == [o.name for o in OPTIONS]


def test_the_scaffold_explains_every_option_and_sets_only_the_required_ones(tmp_path: Path) -> None:
    text = edition_toml()
    for option in OPTIONS:
        setting = f"[{option.name}]" if option.is_table else f"{option.name} = "
        assert re.search(rf"^{'' if option.required else '# '}{re.escape(setting)}", text, re.M), option.name
    config, problems = _load(tmp_path, text)
    assert problems == [] and config == Config(title="My edition")


def test_every_example_of_the_scaffold_is_a_valid_setting(tmp_path: Path) -> None:
    lines = edition_toml().splitlines()
    uncommented = "\n".join(line[2:] if line.startswith("# ") and _is_toml(line[2:]) else line for line in lines)
    data = tomllib.loads(uncommented)
    assert sorted(data) == sorted(o.name for o in OPTIONS)
    config, problems = _load(tmp_path, uncommented)
    assert problems == []
    for option in OPTIONS:
        value = data[option.name]
        assert getattr(config, option.name) == (tuple(value) if option.kind is list else value), option.name
    assert config.editors == ("Jane Doe", "John Roe") and config.speakers == {"THE PRESIDENT": "bush"}


def test_the_checks_follow_the_declared_types(tmp_path: Path) -> None:
    with pytest.raises(EditionError) as failure:
        _load(tmp_path, 'editors = "Jane Doe"\nspeakers = ["x"]\n')
    found = {(d.code, d.message) for d in failure.value.diagnostics}
    assert found == {("config-type", "'editors' must be a list, not str"),
                     ("config-type", "'speakers' must be a dict, not list"),
                     ("config-required", "'title' is required")}


def test_defaults_come_from_the_declaration(tmp_path: Path) -> None:
    config, _ = _load(tmp_path, 'title = "T"\n')
    assert config == Config(title="T")
    assert {o.name: getattr(config, o.name) for o in OPTIONS if not o.required} == \
        {o.name: o.default for o in OPTIONS if not o.required}
    # The original language has one default, the encoder's, whether or not an edition.toml is read.
    assert config.original_language == EncodeOptions().original_language
