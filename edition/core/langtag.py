"""Is a text a language tag (BCP 47, RFC 5646)? Checked where an editor names a language
(edition.toml, front matter), because a bad tag reaches xml:lang, the pages' lang and the
word lists the encoder looks words up in, far from the line that set it."""

from __future__ import annotations

import re

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

EXAMPLES = 'e.g. "en", "de-CH", "ru-Latn" (Russian in Latin letters)'


def is_language_tag(text: str) -> bool:
    return bool(_LANGUAGE_TAG.fullmatch(text))
