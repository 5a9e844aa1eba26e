"""Property tests: transcripts built from the archive's conventions round-trip and validate;
random garbage never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.anchors.assign import assign_anchors
from edition.core.diagnostics import Severity
from edition.encode import encode_transcript
from edition.tei.plaintext import to_text
from edition.tei.validate import Validator

VALIDATOR = Validator()
ENGLISH = ["the", "of", "and", "we", "must", "talk", "about", "range", "missiles", "treaty", "with",
           "your", "position", "on", "that", "is", "not", "a", "question", "for", "us", "today"]
SUPPLIED = ["less than ideal", "but", "one of", "with missiles", "in this respect", "also", "the Soviet side"]
SYLLABLES = ["ko", "to", "ro", "mu", "ni", "pro", "tsent", "spa", "set", "ver", "nyi", "zh", "da", "vy"]
NUMBERS = ["one", "two", "three", "4", "12"]
UNITS = ["page", "pages", "line", "lines", "paragraph"]
EVENTS = ["Laughter.", "Pause.", "Everyone laughs", "Applause"]

surname = st.text(alphabet="ABCDEFGHIJKLMNOPRSTUVYZ", min_size=3, max_size=10)
initials = st.lists(st.sampled_from("ABCDEGJMS"), max_size=2).map(lambda xs: "".join(f"{x}." for x in xs))
foreign = st.lists(st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4).map("".join),
                   min_size=1, max_size=3).map(" ".join)
gap = st.tuples(st.sampled_from(["Next", "The following"]), st.sampled_from(NUMBERS), st.sampled_from(UNITS),
                st.sampled_from(["omitted in the original", "missing", "illegible"])).map(
    lambda t: f"[{t[0]} {t[1]} {t[2]} {t[3]}.]")


@st.composite
def sentence(draw) -> str:
    words = draw(st.lists(st.sampled_from(ENGLISH), min_size=2, max_size=10))
    words[0] = words[0].capitalize()
    pieces = [" ".join(words)]
    kind = draw(st.sampled_from(["plain", "supplied", "foreign", "gap", "event"]))
    if kind == "supplied":
        pieces.append(f"[{draw(st.sampled_from(SUPPLIED))}]")
    elif kind == "foreign":
        pieces.append(f"[{draw(foreign)}]")
    text = " ".join(pieces) + "."
    if kind == "gap":
        text += " " + draw(gap)
    elif kind == "event":
        text += f" ({draw(st.sampled_from(EVENTS))})"
    return text


@st.composite
def transcript(draw) -> tuple[str, list[str]]:
    speakers = draw(st.lists(st.tuples(initials, surname), min_size=1, max_size=4, unique_by=lambda s: s[1]))
    paragraphs: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        first, last = draw(st.sampled_from(speakers))
        label = f"{first} {last}".strip() + draw(st.sampled_from([".", ":"]))
        if draw(st.booleans()) and len(paragraphs) > 0:
            label = f"[{label}]"
        paragraphs.append(f"{label}\u00a0 " + " \u00a0".join(draw(st.lists(sentence(), min_size=1, max_size=3))))
        for _ in range(draw(st.integers(0, 2))):
            paragraphs.append(" \u00a0".join(draw(st.lists(sentence(), min_size=1, max_size=3))))
    title = "Record of Conversation"
    date = draw(st.sampled_from(["9 February 1990", "February 9, 1990", "1990-02-09"]))
    return "\n\n\n".join([title, date, *paragraphs]) + "\n", paragraphs


def squashed(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcript())
def test_generated_transcripts_round_trip_and_validate(case) -> None:
    text, paragraphs = case
    encoded = encode_transcript(text, "generated.txt")
    assert not [d for d in encoded.diagnostics if d.severity is Severity.ERROR]
    tree = encoded.tree
    assign_anchors(tree)
    assert VALIDATOR.validate(tree, "generated.txt") == []
    got = [squashed(p) for p in to_text(tree).split("\n\n") if p.strip()]
    assert got == [squashed(p) for p in paragraphs]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_garbage_never_raises(text: str) -> None:
    encoded = encode_transcript(text, "garbage.txt")
    for diagnostic in encoded.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.col >= 1
    errors = [d for d in encoded.diagnostics if d.severity is Severity.ERROR]
    if not errors:
        assign_anchors(encoded.tree)
        assert VALIDATOR.validate(encoded.tree, "garbage.txt") == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "(", ")", "BAKER:", "M.S. X.", "\n\n", "+++", "\u00a0", " ", "a",
                                 "[Editor's note:", "{foreign}", "{text}", "Document Information", "1990"]),
                max_size=60).map("".join))
def test_bracket_soup_never_raises(text: str) -> None:
    test_garbage_never_raises.hypothesis.inner_test(text)
