"""Shortlists for the anchor alignment: which texts are worth comparing, found without comparing every pair.

The alignment (assign.py) compares texts with difflib. Compared pair by pair, old
elements against new ones, a rebuild after a small edit in each of 2,000 speeches
took minutes. These shortlists come from an index of words instead:

- `containing`: every pair where one text may hold a given share of the other's
  words. Exact: it leaves out only pairs that cannot reach the share (a word-count
  bound with prefix filtering, as in set-similarity joins), so merges and splits
  are found as before.
- `sharing_words`: the few texts sharing the most rare words with a given one, for
  the character similarity of moved and edited paragraphs, which no cheap bound
  decides; a bounded candidate set keeps each look-up cheap.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable

Words = list[str]


def _occurrences(words: Words) -> list[tuple[str, int]]:
    """Words as a set: the second 'the' is ('the', 2), so that set overlap counts repeats."""
    return [(word, k) for word, count in Counter(words).items() for k in range(1, count + 1)]


def _needed(length: int, share: float) -> int:
    """The fewest words of `length` that make up `share` of them (the same float test as the caller)."""
    need = max(1, math.ceil(length * share))
    while need > 1 and (need - 1) / length >= share:
        need -= 1
    while need / length < share:
        need += 1
    return need


def containing(parts: dict[int, Words], wholes: dict[int, Words], share: float) -> dict[int, list[int]]:
    """For each whole, the parts (ascending) that may find `share` of their words in it, counted with
    repeats; any pair left out has fewer words in common than that, so its in-order share is lower too."""
    postings: dict[tuple[str, int], list[int]] = defaultdict(list)
    counts = {key: Counter(words) for key, words in wholes.items()}
    for key, words in wholes.items():
        for token in _occurrences(words):
            postings[token].append(key)
    found: dict[int, list[int]] = defaultdict(list)
    for part in sorted(parts):
        words = parts[part]
        if not words:
            continue
        need = _needed(len(words), share)
        tokens = sorted(_occurrences(words), key=lambda token: len(postings.get(token, ())))
        # Any len - need + 1 of the part's words include one the whole must hold: take the rarest.
        probes = {whole for token in tokens[:len(words) - need + 1] for whole in postings.get(token, ())}
        mine = Counter(words)
        for whole in probes:
            theirs = counts[whole]
            if sum(min(count, theirs[word]) for word, count in mine.items()) >= need:
                found[whole].append(part)
    return {whole: sorted(keys) for whole, keys in found.items()}


class WordIndex:
    """Texts by their words, to shortlist the texts sharing most rare words with another."""

    COMMON = 64  # a word in more texts than this says little about which one is meant

    def __init__(self, texts: dict[int, Words]):
        self.postings: dict[str, list[int]] = defaultdict(list)
        for key, words in texts.items():
            for word in set(words):
                self.postings[word].append(key)

    def sharing_words(self, words: Words, keep: Callable[[int], bool], size: int) -> list[int]:
        """Up to `size` texts (ascending) that `keep` accepts, sharing most of these words."""
        shared: Counter[int] = Counter()
        for word in set(words):
            keys = self.postings.get(word, ())
            if len(keys) <= self.COMMON:
                shared.update(key for key in keys if keep(key))
        best = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:size]
        return sorted(key for key, _ in best)
