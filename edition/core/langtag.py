"""Is a text a language tag (BCP 47, RFC 5646)? Checked where an editor names a language
(edition.toml, front matter), because a bad tag reaches xml:lang, the pages' lang and the
word lists the encoder looks words up in, far from the line that set it."""

from __future__ import annotations

import functools
import re

import langcodes

# language[-script][-region](-variant)*(-extension)*[-x-private]. Left out, as no language in use
# has one: a private-use tag alone ("x-…") and a 4-8 letter language subtag, which would let
# "English" or "Russian" pass for a tag.
_LANGUAGE_TAG = re.compile(r"""
    [a-z]{2,3}(?:-[a-z]{3}){0,3}
    (?:-[a-z]{4})?
    (?:-(?:[a-z]{2}|[0-9]{3}))?
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*
    (?:-x(?:-[a-z0-9]{1,8})+)?""", re.X | re.I)

# Names some editions write where a code belongs (xml:lang="german").
_LANGUAGE_NAMES = {"german": "de", "english": "en", "french": "fr", "latin": "la", "greek": "el", "italian": "it",
                   "spanish": "es", "russian": "ru", "hebrew": "he", "dutch": "nl", "polish": "pl", "czech": "cs"}

EXAMPLES = 'e.g. "en", "de-CH", "ru-Latn" (Russian in Latin letters)'

# Far beyond any tag in use (RFC 5646 asks for 35 characters without extensions); langcodes parses
# one subtag per level of recursion, so a tag of a thousand subtags would exhaust Python's stack.
MAX_TAG_LENGTH = 255


def is_language_tag(text: str) -> bool:
    return len(text) <= MAX_TAG_LENGTH and bool(_LANGUAGE_TAG.fullmatch(text))


def to_bcp47(value: str) -> str:
    """The BCP 47 tag an HTML lang takes for an xml:lang or a langUsage ident, with the shortest
    language code ('deu' → 'de', 'lat' → 'la', 'german' → 'de'); '' when it names no language.
    The one mapping: metadata, the glossary and the stylesheet (as a parameter) all read it."""
    value = value.strip()
    if value.lower() in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[value.lower()]
    if not is_language_tag(value):
        return ""
    try:
        return str(langcodes.standardize_tag(value))
    except ValueError:
        return value


@functools.lru_cache(maxsize=256)
def language_name(tag: str) -> str:
    """A BCP 47 tag's name in English ('grc' → 'Ancient Greek'), for labels a reader sees; the
    tag itself when the language data does not know it."""
    if len(tag) > MAX_TAG_LENGTH:
        return tag
    try:
        name = str(langcodes.Language.get(tag).display_name())
    except (ValueError, LookupError):
        return tag
    return tag if name.lower().startswith("unknown language") else name
