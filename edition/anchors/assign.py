"""Permanent anchors: every citable element gets an xml:id once, and keeps it across edits.

HTML ids are these xml:ids and nothing else. Ids already in a source are kept.
Elements without one are aligned with the ledger of the last build, by their
text, not their position: unchanged and lightly edited elements (≤ 20 % of
their characters changed) keep their ids, also when paragraphs are inserted,
deleted or moved; a split paragraph's id stays on the part that carries most
of its text; merged paragraphs leave the absorbed id as an alias. Anything
else gets a fresh id that was never given before. The ledger (edition/ledger.py)
records every change so that published anchors never disappear.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher

from lxml import etree

from edition.anchors.ledger import ALIAS, LIVE, REMOVED, Entry, Ledger
from edition.anchors.shortlists import WordIndex, containing
from edition.tei.conventions import CONVENTIONS, DIVISION, SPEAKER, SPEECH
from edition.tei.xml import XML_ID, q, text_of

# Citable elements and the prefix of their ids.
PREFIXES = {c.element: c.anchor_prefix for c in CONVENTIONS if c.citable}
SIMILAR = 0.8  # at most about 20 % of the characters changed
CONTAINED = 0.8  # share of a text found inside another (merges and splits)
SPLIT_SHARE = 0.25  # the part of a split that keeps a published id carries at least this share of its words
_NS_LENGTH = len(q(""))
_SPEAKER = q(SPEAKER.element)
_WORD = re.compile(r"\w+")


def _kind(element: etree._Element) -> str:
    return str(element.tag)[_NS_LENGTH:]  # every element here is a TEI element (cheaper than QName)


def _text(element: etree._Element) -> str:
    """What identifies an element's content: a speech by its speaker and opening words,
    a division by its headings, anything else by its text."""
    kind = _kind(element)
    if kind == SPEECH.element:
        blocks = [text_of(child) for child in element  # comments are no block of words
                  if isinstance(child.tag, str) and child.tag != _SPEAKER]
        return " ".join([element.get("who", ""), *" ".join(blocks).split()[:30]])
    if kind == DIVISION.element:
        return " ".join(text_of(head) for head in element.findall(q("head"))) or kind
    return text_of(element) or kind


def _words(text: str) -> list[str]:
    return text.split()


def _similar(a: str, b: str) -> float:
    """Similarity of two texts by characters (1.0 = the same); cheap bounds first."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def _contained(part: str, whole: str) -> float:
    """The share of `part`'s words that appear, in order, in `whole`."""
    words = _words(part)
    if not words:
        return 0.0
    matcher = SequenceMatcher(None, words, _words(whole), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(words)


def assign_anchors(tree: etree._ElementTree, ledger: Ledger | None = None) -> Ledger:
    """Give every citable element of the text an xml:id (in place) and return the updated ledger."""
    old = ledger or Ledger("")
    new = Ledger(old.document, {}, dict(old.next))
    root = tree.getroot()
    text_root = root.find(q("text"))
    elements = list(text_root.iter(*(q(name) for name in PREFIXES))) if text_root is not None else []
    taken = set(root.xpath("//@xml:id"))
    texts = {id(element): _text(element) for element in elements}
    claimed = {element.get(XML_ID) for element in elements if element.get(XML_ID)}
    splits: dict[int, str] = {}
    for prefix in dict.fromkeys(PREFIXES.values()):
        kinds = [k for k, p in PREFIXES.items() if p == prefix]
        fresh = [e for e in elements if _kind(e) in kinds and not e.get(XML_ID)]
        candidates = sorted(((key, entry) for key, entry in old.anchors.items() if entry.kind in kinds
                             and entry.status == LIVE and key not in claimed and key not in taken),
                            key=lambda item: item[1].order)
        splits.update(_align(candidates, fresh, texts, new, old))
    for order, element in enumerate(elements):
        key = element.get(XML_ID)
        if not key:
            key = new.fresh_id(PREFIXES[_kind(element)], taken)  # holds the claimed ids too
            element.set(XML_ID, key)
        taken.add(key)
        previous = old.anchors.get(key)
        kind = _kind(element)
        entry = new.anchors.get(key) or Entry(kind, texts[id(element)])
        entry.kind, entry.text, entry.status, entry.order = kind, texts[id(element)], LIVE, order
        if previous is not None:
            entry.published, entry.history, entry.split_from = previous.published, previous.history, previous.split_from
        else:
            entry.split_from = splits.get(id(element), "")
        entry.target = entry.removed_in = ""
        new.anchors[key] = entry
    _rehome_drifted(elements, claimed, old, new, taken)
    _settle_missing(old, new, elements)
    return new


def keeps_released_words(released: str, now: str) -> bool:
    """Whether an anchor's text still carries the words a release published under it: nearly the same
    text (the alignment's threshold), the released text inside a merge, or the main part of a split."""
    if now == released or _similar(released, now) >= SIMILAR or _contained(released, now) >= CONTAINED:
        return True
    return _contained(now, released) >= CONTAINED and len(_words(now)) >= SPLIT_SHARE * len(_words(released))


def _rehome_drifted(elements: list[etree._Element], claimed: set[str], old: Ledger, new: Ledger,
                    taken: set[str]) -> None:
    """A published id the alignment kept, on words that drifted, edit by edit, beyond the threshold from
    the words its release published: the words get a fresh id, and the old one a tombstone beside them.
    (Ids a source gives explicitly are the editor's; `released_words_moved` reports those.)"""
    blocked = taken | claimed  # made once: drift in many anchors must not cost a set copy each
    for element in elements:
        key = element.get(XML_ID)
        previous = old.anchors.get(key)
        if key in claimed or previous is None or not previous.published or not previous.history:
            continue
        if keeps_released_words(previous.history[-1][1], new.anchors[key].text):
            continue
        fresh = new.fresh_id(PREFIXES[_kind(element)], blocked)
        taken.add(fresh)
        blocked.add(fresh)
        element.set(XML_ID, fresh)
        entry = new.anchors[key]
        new.anchors[fresh] = Entry(entry.kind, entry.text, LIVE, entry.order)
        new.anchors[key] = _moved_on(previous, REMOVED, fresh)


def released_words_moved(ledger: Ledger) -> list[tuple[str, str, str, str]]:
    """Published anchors whose element now carries other words than their last release published:
    (id, release, released words, words now). Only an xml:id written in a source can do that."""
    moved = []
    for key, entry in ledger.anchors.items():
        if entry.status == LIVE and entry.published and entry.history:
            release, released = entry.history[-1]
            if not keeps_released_words(released, entry.text):
                moved.append((key, release, released, entry.text))
    return moved


def _align(candidates: list[tuple[str, Entry]], fresh: list[etree._Element], texts: dict[etree._Element, str],
           new: Ledger, old: Ledger) -> dict[int, str]:
    """Give old ids to new elements that carry their text; return the parts split off (element → old id).

    Near-linear: texts are compared only within a window of a changed stretch, or on shortlists
    from a word index (shortlists.py); comparing every pair took minutes on long documents."""
    if not candidates or not fresh:
        return {}  # nothing to align: a document's first build, or no new element of this kind
    old_texts = [entry.text for _, entry in candidates]
    new_texts = [texts[id(element)] for element in fresh]
    old_words = [_words(text) for text in old_texts]
    new_words = [_words(text) for text in new_texts]
    old_bags = [Counter(_lower_words(text)) for text in old_texts]
    new_bags = [Counter(_lower_words(text)) for text in new_texts]

    def plausible(i: int, j: int) -> bool:
        # Only where pairs are too many to compare each: a light edit keeps most words.
        return _word_overlap(old_bags[i], new_bags[j]) >= _PLAUSIBLE
    given: dict[int, str] = {}  # index in fresh → old id
    used: set[int] = set()  # indexes in candidates

    def give(i: int, j: int) -> None:
        given[j] = candidates[i][0]
        used.add(i)

    # 1. Unchanged, in order; then lightly edited ones between them, in order.
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                give(i1 + offset, j1 + offset)
        elif tag == "replace":
            _pair_edited(old_texts, new_texts, (i1, i2), (j1, j2), given, give, plausible)
    # 2. Moved: the same or nearly the same text anywhere else.
    open_by_text: dict[str, list[int]] = {}
    for j in reversed(range(len(fresh))):
        if j not in given:
            open_by_text.setdefault(new_texts[j], []).append(j)  # last is first: popped in order
    index = WordIndex({j: _lower_words(new_texts[j]) for j in range(len(fresh)) if j not in given})
    for i in range(len(candidates)):
        if i in used:
            continue
        same = open_by_text.get(old_texts[i], [])
        while same and same[-1] in given:
            same.pop()
        if same:
            give(i, same.pop())
            continue
        if len(given) == len(fresh):
            break
        if len(fresh) - len(given) <= _SHORTLIST:
            shortlist = [j for j in range(len(fresh)) if j not in given]
        else:
            shortlist = [j for j in index.sharing_words(_lower_words(old_texts[i]), lambda j: j not in given,
                                                        _SHORTLIST) if plausible(i, j)]
        best = max(shortlist, default=None, key=lambda j: _similar(old_texts[i], new_texts[j]))
        if best is not None and _similar(old_texts[i], new_texts[best]) >= SIMILAR:
            give(i, best)
    # 3. Merged: several old texts inside one new element; the largest share keeps its id.
    holders = containing({i: old_words[i] for i in range(len(candidates)) if i not in used},
                         {j: new_words[j] for j in range(len(fresh)) if j not in given}, CONTAINED)
    for j in range(len(fresh)):
        if j in given:
            continue
        parts = [i for i in holders.get(j, ()) if i not in used and _contained(old_texts[i], new_texts[j]) >= CONTAINED]
        if len(parts) >= 2 or (parts and _contained(new_texts[j], old_texts[parts[0]]) >= CONTAINED):
            keeper = max(parts, key=lambda i: len(old_words[i]))
            give(keeper, j)
            for i in parts:
                if i != keeper:
                    used.add(i)
                    new.anchors[candidates[i][0]] = _moved_on(candidates[i][1], ALIAS, candidates[keeper][0])
    # 4. Split: an old text spread over new elements; its id stays on the part carrying most of it.
    splits: dict[int, str] = {}
    pieces = containing({j: new_words[j] for j in range(len(fresh)) if j not in given},
                        {i: old_words[i] for i in range(len(candidates)) if i not in used}, CONTAINED)
    for i in range(len(candidates)):
        if i in used:
            continue
        parts = [j for j in pieces.get(i, ()) if j not in given and _contained(new_texts[j], old_texts[i]) >= CONTAINED]
        if parts:
            keeper = max(parts, key=lambda j: _contained(old_texts[i], new_texts[j]))
            give(i, keeper)
            splits.update({id(fresh[j]): candidates[i][0] for j in parts if j != keeper})
    for j, key in given.items():
        fresh[j].set(XML_ID, key)
        new.anchors[key] = Entry(old.anchors[key].kind, new_texts[j])
    return splits


_COMPARE_ALL = 400  # a changed stretch up to this many pairs is compared pair by pair
_WINDOW = 8  # beyond that, each old text meets the new ones this near its place in the stretch
_SHORTLIST = 20  # a moved text is compared with this many new ones at most
_PLAUSIBLE = 0.5  # beyond pair-by-pair comparison, a candidate shares at least this share of words


def _pair_edited(old_texts: list[str], new_texts: list[str], olds: tuple[int, int], news: tuple[int, int],
                 given: dict[int, str], give: Callable[[int, int], None],
                 plausible: Callable[[int, int], bool]) -> None:
    """In a stretch where old texts were replaced by new ones: each old text, in order, goes to the
    most similar new one still free, if similar enough. In a long stretch (every paragraph edited),
    only the new texts near its place that share most of its words are candidates, and the one at
    its place is tried first."""
    (i1, i2), (j1, j2) = olds, news
    small = (i2 - i1) * (j2 - j1) <= _COMPARE_ALL
    for i in range(i1, i2):
        if small:
            window = list(range(j1, j2))
        else:
            place = j1 + (i - i1) * (j2 - j1) // (i2 - i1)
            if place not in given and plausible(i, place) and _similar(old_texts[i], new_texts[place]) >= SIMILAR:
                give(i, place)
                continue
            window = [j for j in range(max(j1, place - _WINDOW), min(j2, place + _WINDOW + 1)) if plausible(i, j)]
        best = max((j for j in window if j not in given), default=None,
                   key=lambda j: _similar(old_texts[i], new_texts[j]))
        if best is not None and _similar(old_texts[i], new_texts[best]) >= SIMILAR:
            give(i, best)


def _lower_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _word_overlap(a: Counter[str], b: Counter[str]) -> float:
    """The share of the shorter text's words (with repeats) that the other has; 1.0 when one has none."""
    shorter, longer = (a, b) if a.total() <= b.total() else (b, a)
    if not shorter:
        return 1.0
    return sum(min(count, longer[word]) for word, count in shorter.items()) / shorter.total()


def _moved_on(entry: Entry, status: str, target: str) -> Entry:
    return Entry(entry.kind, entry.text, status, entry.order, entry.published, target, entry.removed_in,
                 entry.split_from, entry.history)


def _settle_missing(old: Ledger, new: Ledger, elements: list[etree._Element]) -> None:
    """Old anchors that no element carries: published ones stay (alias or tombstone), the others go."""
    live = {element.get(XML_ID) for element in elements}
    survivors = sorted((entry.order, key) for key, entry in old.anchors.items() if entry.status == LIVE and key in live)
    by_kind: dict[str, list[tuple[int, str]]] = {}
    for order, key in survivors:
        by_kind.setdefault(old.anchors[key].kind, []).append((order, key))
    orders_by_kind = {kind: [order for order, _ in group] for kind, group in by_kind.items()}
    orders = [order for order, _ in survivors]
    for key, entry in old.anchors.items():
        if key in live:
            continue
        if not entry.published:
            new.anchors.pop(key, None)  # never published: nobody can have cited it
        elif key in new.anchors:
            continue  # an alias made by a merge just now
        elif entry.status in (ALIAS, REMOVED):
            new.anchors[key] = entry  # an earlier alias or tombstone stays as it was
        else:
            # The nearest surviving anchor of the same kind (a paragraph for a paragraph), else any;
            # found by bisection: thousands of deleted paragraphs must not each scan the survivors.
            same = by_kind.get(entry.kind) or survivors
            same_orders = orders_by_kind.get(entry.kind) or orders
            before = bisect_left(same_orders, entry.order)  # how many come before it
            after = bisect_right(same_orders, entry.order)  # the first that comes after it
            target = same[before - 1][1] if before else (same[after][1] if after < len(same) else "")
            new.anchors[key] = _moved_on(entry, REMOVED, target)
