"""Tell original-language words in brackets from words an editor supplied in English.

Works on words never seen before: each word is looked up in the English word
frequencies of `wordfreq` and in those of the original language (for
romanised Russian, after transliterating back to Cyrillic). A bracket is
original-language when most of its words are likelier there than in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CYRILLIC_LANGUAGES = {"ru", "uk", "be", "bg", "sr", "mk"}
_DIGRAPHS = [
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("iu", "ю"), ("ia", "я"),
]
_SINGLE = dict(zip("abvgdezijklmnoprstufhcyqw", "абвгдезийклмнопрстуфхцыкв", strict=True)) | {"x": "кс"}
_ENDINGS = [("yi", "ый"), ("iy", "ий"), ("yy", "ый"), ("ii", "ий"), ("oi", "ой"), ("ei", "ей"), ("ai", "ай")]


@dataclass(frozen=True)
class Verdict:
    foreign: bool
    certain: bool


def _to_cyrillic(word: str) -> set[str]:
    """A few plausible Cyrillic spellings of a romanised word."""
    stem, tail = word, ""
    for latin, cyrillic in _ENDINGS:
        if word.endswith(latin) and len(word) > len(latin) + 1:
            stem, tail = word[: -len(latin)], cyrillic
            break
    out, i = [], 0
    while i < len(stem):
        for latin, cyrillic in _DIGRAPHS:
            if stem.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            ch = stem[i]
            out.append("й" if ch == "y" and out and out[-1] in "аеиоуыэюя" else _SINGLE.get(ch, ch))
            i += 1
    base = "".join(out) + tail
    return {base, base.replace("е", "ё"), base.replace("ы", "и"), ("э" + base[1:]) if base.startswith("е") else base}


@lru_cache(maxsize=65536)
def _frequencies(word: str, language: str) -> tuple[float, float]:
    """Zipf frequency of a word in English and in the original language."""
    from wordfreq import zipf_frequency  # loaded on first use: it reads word lists

    english = zipf_frequency(word, "en", wordlist="small")
    base = language.split("-")[0]
    if base in _CYRILLIC_LANGUAGES and language.endswith("Latn"):
        original = max(zipf_frequency(c, base, wordlist="small") for c in _to_cyrillic(word))
    else:
        try:
            original = zipf_frequency(word, base, wordlist="small")
        except LookupError:
            original = 0.0
    return english, original


def _known_original(word: str, language: str) -> bool:
    english, original = _frequencies(word, language)
    return original >= 1.0 and original > english + 0.5


def _likelier_original(word: str, language: str) -> bool:
    english, original = _frequencies(word, language)
    if english < 1.0 and original < 1.0:
        return True  # unknown to English: a romanised word more likely than a supplied one
    return original > english + 0.5


def classify(text: str, language: str) -> Verdict:
    """Is this bracketed text in the original language (True) or supplied English (False)?"""
    tokens = _TOKEN.findall(text)
    words = [w.lower() for w in tokens if not w[0].isupper()]
    if not words:
        # Only capitalised words: names are supplied unless they are known words of the original.
        known = [w for w in tokens if _known_original(w.lower(), language)]
        return Verdict(foreign=bool(tokens) and len(known) * 2 >= len(tokens), certain=not known)
    votes = sum(_likelier_original(w, language) for w in words)
    share = votes / len(words)
    return Verdict(foreign=share >= 0.5, certain=share <= 0.25 or share >= 0.75)
